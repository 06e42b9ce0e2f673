import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { loadConfig, serviceConfigSchemas } from '@hookline/config';
import { DefaultGrpcPort, DefaultHttpPorts, ServiceNames, type ServiceName } from '@hookline/contracts';
import { repoRoot } from '../infra/paths';
import { ensureChartTooling, missingPrerequisite, type ChartTooling } from './chart-tooling';
import { runProcess } from './go-toolchain';

/** Lints and renders deploy/helm/hookline, validates every object against strict offline schemas, and checks what the manifests promise. */

const chartDir = join(repoRoot, 'deploy', 'helm', 'hookline');
const variantValues = join(chartDir, 'ci', 'external-values.yaml');
const release = 'hl';

const schemas: Record<ServiceName, z.ZodObject> = serviceConfigSchemas;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface HttpProbe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command: string[];
  ports?: { name: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: HttpProbe;
  livenessProbe?: HttpProbe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean }; restartPolicy?: string };
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: PodTemplate;
    ports?: { name: string; port: number; targetPort: string | number }[];
    scaleTargetRef?: { kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    rules?: { host?: string; http: { paths: { path: string; pathType: string; backend: { service: { name: string; port: { name: string } } } }[] } }[];
    endpoints?: { port: string; path: string }[];
  };
}

interface Rendered {
  manifests: Manifest[];
  byKind: (kind: string) => Manifest[];
  named: (kind: string, name: string) => Manifest;
}

const componentName = (app: string) => `${release}-hookline-${app}`;
const values = (file?: string): Record<string, unknown> =>
  parse(readFileSync(file ?? join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>;

const skipReason = missingPrerequisite();
if (skipReason) console.warn(`Skipping the Helm chart checks (lint, kubeconform, manifests): ${skipReason}`);
const describeWithGo = skipReason ? describe.skip : describe;

describeWithGo('deploy/helm/hookline', () => {
  let tooling: ChartTooling;

  beforeAll(async () => {
    tooling = await ensureChartTooling((line) => process.stdout.write(`helm chart checks: ${line}\n`));
  }, 15 * 60_000);

  async function helm(args: string[]): Promise<string> {
    const result = await runProcess(tooling.helm, args, { cwd: repoRoot });
    if (result.code !== 0) throw new Error(`helm ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
    return result.stdout;
  }

  const valuesArgs = (file?: string) => (file ? ['--values', file] : []);

  const renders = new Map<string, Promise<{ yaml: string; rendered: Rendered }>>();
  function render(file?: string): Promise<{ yaml: string; rendered: Rendered }> {
    const key = file ?? 'default';
    if (!renders.has(key)) renders.set(key, renderOnce(file));
    return renders.get(key)!;
  }

  async function renderOnce(file?: string): Promise<{ yaml: string; rendered: Rendered }> {
    const yaml = await helm([
      'template', release, chartDir, '--namespace', 'hookline', '--kube-version', tooling.kubernetesVersion, ...valuesArgs(file),
    ]);
    const manifests = parseAllDocuments(yaml)
      .map((document) => document.toJS() as Manifest | null)
      .filter((manifest): manifest is Manifest => manifest !== null);
    const byKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
    const named = (kind: string, name: string) => {
      const found = byKind(kind).find((manifest) => manifest.metadata.name === name);
      if (!found) throw new Error(`no ${kind} ${name} among ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
      return found;
    };
    return { yaml, rendered: { manifests, byKind, named } };
  }

  /** Each service's environment as the kubelet would assemble it; `secrets` stands in for the Secret's data. */
  function environment(rendered: Rendered, app: ServiceName, secrets: Map<string, Record<string, string>>): Record<string, string> {
    const container = rendered.named('Deployment', componentName(app)).spec!.template!.spec.containers[0]!;
    const env: Record<string, string> = {};
    for (const source of container.envFrom ?? []) {
      Object.assign(env, rendered.named('ConfigMap', source.configMapRef!.name).data);
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (variable.value !== undefined) env[variable.name] = variable.value;
      else if (ref) {
        const value = secrets.get(ref.name)?.[ref.key];
        if (value === undefined && !ref.optional) throw new Error(`${app}: ${variable.name} refers to ${ref.name}/${ref.key}, which has no value`);
        if (value !== undefined) env[variable.name] = value;
      }
    }
    return env;
  }

  function renderedSecrets(rendered: Rendered): Map<string, Record<string, string>> {
    return new Map(
      rendered.byKind('Secret').map((secret) => [
        secret.metadata.name,
        Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()])),
      ]),
    );
  }

  describe.each([
    ['default values', undefined],
    ['external Kafka, Postgres and Secret, Ingress, no ServiceMonitor', variantValues],
  ])('with %s', (_label, file) => {
    it('passes helm lint --strict', async () => {
      const output = await helm(['lint', '--strict', chartDir, '--kube-version', tooling.kubernetesVersion, ...valuesArgs(file)]);
      expect(output).toContain('0 chart(s) failed');
    });

    it('renders only objects that kubeconform -strict accepts', async () => {
      const { yaml, rendered } = await render(file);
      const result = await runProcess(
        tooling.kubeconform,
        ['-strict', '-summary', '-verbose', '-output', 'json', '-schema-location', tooling.schemaLocation, '-'],
        { input: yaml },
      );
      const report = JSON.parse(result.stdout) as {
        resources: { kind: string; name: string; status: string; msg: string }[];
        summary: { valid: number; invalid: number; errors: number; skipped: number };
      };
      const problems = report.resources.filter((resource) => resource.status !== 'statusValid');
      expect(problems).toEqual([]);
      expect(result.code).toBe(0);
      expect(report.summary).toEqual({ valid: rendered.manifests.length, invalid: 0, errors: 0, skipped: 0 });
    });

    it('runs one Deployment per service from the shared image, with probes, resources and a locked-down container', async () => {
      const { rendered } = await render(file);
      const deployments = rendered.byKind('Deployment').map((deployment) => deployment.metadata.name);
      expect(deployments.sort()).toEqual(ServiceNames.map(componentName).sort());
      const images = new Set<string>();
      for (const app of ServiceNames) {
        const pod = rendered.named('Deployment', componentName(app)).spec!.template!;
        const [container, ...others] = pod.spec.containers;
        expect(others).toEqual([]);
        images.add(container!.image);
        expect(container!.command).toEqual(['node', '--enable-source-maps', `dist/apps/${app}/src/main.js`]);
        expect(existsSync(join(repoRoot, 'apps', app, 'src', 'main.ts'))).toBe(true);
        expect(container!.ports).toContainEqual({ name: 'http', containerPort: DefaultHttpPorts[app], protocol: 'TCP' });
        expect(container!.readinessProbe!.httpGet).toEqual({ path: '/readyz', port: 'http' });
        expect(container!.livenessProbe!.httpGet).toEqual({ path: '/healthz', port: 'http' });
        expect(container!.resources?.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
        expect(container!.resources?.limits).toEqual(expect.objectContaining({ memory: expect.any(String) }));
        expect(container!.securityContext).toEqual(expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }));
        expect(pod.spec.securityContext?.runAsNonRoot).toBe(true);
      }
      expect(images.size).toBe(1);
      const registry = rendered.named('Deployment', componentName('registry')).spec!.template!.spec.containers[0]!;
      expect(registry.ports).toContainEqual({ name: 'grpc', containerPort: DefaultGrpcPort, protocol: 'TCP' });
    });

    it('exposes each service on its HTTP port, and the registry also on gRPC', async () => {
      const { rendered } = await render(file);
      for (const app of ServiceNames) {
        const service = rendered.named('Service', componentName(app));
        expect(service.spec!.ports).toContainEqual(expect.objectContaining({ name: 'http', port: DefaultHttpPorts[app], targetPort: 'http' }));
        const pod = rendered.named('Deployment', componentName(app)).spec!.template!;
        expect(pod.metadata.labels).toEqual(expect.objectContaining(service.spec!.selector as unknown as Record<string, string>));
      }
      expect(rendered.named('Service', componentName('registry')).spec!.ports).toContainEqual(
        expect.objectContaining({ name: 'grpc', port: DefaultGrpcPort, targetPort: 'grpc' }),
      );
    });

    it('autoscales ingest and the dispatcher only, never past the partition count, leaving their replicas to the HPA', async () => {
      const { rendered } = await render(file);
      const chartValues = { ...values(), ...(file ? values(file) : {}) } as { kafka: { partitions: number } };
      const hpas = rendered.byKind('HorizontalPodAutoscaler');
      expect(hpas.map((hpa) => hpa.apiVersion)).toEqual(['autoscaling/v2', 'autoscaling/v2']);
      expect(hpas.map((hpa) => hpa.spec!.scaleTargetRef).sort((a, b) => a!.name.localeCompare(b!.name))).toEqual([
        { apiVersion: 'apps/v1', kind: 'Deployment', name: componentName('dispatcher') },
        { apiVersion: 'apps/v1', kind: 'Deployment', name: componentName('ingest') },
      ]);
      for (const hpa of hpas) {
        expect(hpa.spec!.maxReplicas).toBeLessThanOrEqual(chartValues.kafka.partitions);
        expect(hpa.spec!.minReplicas).toBeLessThanOrEqual(hpa.spec!.maxReplicas!);
        expect(rendered.named('Deployment', hpa.spec!.scaleTargetRef!.name).spec!.replicas).toBeUndefined();
      }
      for (const app of ['registry', 'retry-scheduler', 'status-notifier'] as const) {
        expect(rendered.named('Deployment', componentName(app)).spec!.replicas).toBeGreaterThanOrEqual(1);
      }
    });

    it('gives every service a PodDisruptionBudget that selects its pods', async () => {
      const { rendered } = await render(file);
      expect(rendered.byKind('PodDisruptionBudget')).toHaveLength(ServiceNames.length);
      for (const app of ServiceNames) {
        const pdb = rendered.named('PodDisruptionBudget', componentName(app));
        expect(pdb.apiVersion).toBe('policy/v1');
        const pod = rendered.named('Deployment', componentName(app)).spec!.template!;
        expect(pod.metadata.labels).toEqual(expect.objectContaining(pdb.spec!.selector!.matchLabels));
      }
    });

    it('runs the migrations as a pre-install/pre-upgrade hook Job before anything that needs them', async () => {
      const { rendered } = await render(file);
      const job = rendered.named('Job', `${release}-hookline-migrate`);
      expect(job.metadata.annotations).toEqual(
        expect.objectContaining({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '0' }),
      );
      const container = job.spec!.template!.spec.containers[0]!;
      expect(container.command).toEqual(['node', '--enable-source-maps', 'dist/tools/migrate/migrate.js']);
      expect(existsSync(join(repoRoot, 'tools', 'migrate', 'migrate.ts'))).toBe(true);
      expect(job.spec!.template!.spec.restartPolicy).toBe('Never');
      const names = (container.env ?? []).map((variable) => variable.name);
      expect(names.sort()).toEqual(['DATABASE_URL', 'HOOKLINE_KAFKA_PARTITIONS', 'KAFKA_BROKERS']);
      // The release's own objects do not exist yet when a pre-install hook runs.
      const secretName = container.env!.find((variable) => variable.name === 'DATABASE_URL')!.valueFrom!.secretKeyRef!.name;
      const existingSecret = (file ? values(file) : values()) as { secrets: { existingSecret: string } };
      if (existingSecret.secrets.existingSecret) {
        expect(secretName).toBe(existingSecret.secrets.existingSecret);
      } else {
        const hookSecret = rendered.named('Secret', secretName);
        expect(hookSecret.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
        expect(Number(hookSecret.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(0);
      }
    });

    it.each(ServiceNames)('gives %s exactly the variables its configuration schema reads, and a configuration it accepts', async (app) => {
      const { rendered } = await render(file);
      const secrets = renderedSecrets(rendered);
      const existing = (file ? values(file) : values()) as { secrets: { existingSecret: string } };
      if (existing.secrets.existingSecret) {
        secrets.set(existing.secrets.existingSecret, {
          DATABASE_URL: 'postgres://hookline:secret@postgres.data.svc:5432/hookline',
          HOOKLINE_ADMIN_TOKEN: 'an-admin-token-of-sufficient-length',
          HOOKLINE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
          HOOKLINE_SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465',
        });
      }
      const env = environment(rendered, app, secrets);
      const schema = schemas[app];
      const known = Object.keys(schema.shape);
      expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
      const required = Object.entries(schema.shape as Record<string, z.ZodType>)
        .filter(([, field]) => !field.safeParse(undefined).success)
        .map(([name]) => name);
      expect(required.filter((name) => !(name in env))).toEqual([]);
      const config = loadConfig(schema, env) as { HOOKLINE_HTTP_PORT: number; KAFKA_BROKERS: string[] };
      const container = rendered.named('Deployment', componentName(app)).spec!.template!.spec.containers[0]!;
      expect(config.HOOKLINE_HTTP_PORT).toBe(container.ports!.find((port) => port.name === 'http')!.containerPort);
      const { kafka } = { ...values(), ...(file ? values(file) : {}) } as { kafka: { brokers: string[] } };
      expect(config.KAFKA_BROKERS).toEqual(kafka.brokers);
    });
  });

  it('generates the admin token and encryption key when none are given, and takes them from values when they are', async () => {
    const { rendered } = await render();
    const generated = renderedSecrets(rendered).get(`${release}-hookline-secrets`)!;
    expect(generated.HOOKLINE_ADMIN_TOKEN!.length).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(generated.HOOKLINE_ENCRYPTION_KEY!, 'base64')).toHaveLength(32);
    expect(generated.HOOKLINE_SMTP_URL).toBeUndefined();

    const yaml = await helm([
      'template', release, chartDir, '--kube-version', tooling.kubernetesVersion, '--show-only', 'templates/secret.yaml',
      '--set', 'secrets.adminToken=given-admin-token-0123456789', '--set', 'secrets.smtpUrl=smtp://mail:25',
    ]);
    const given = parse(yaml) as Manifest;
    const decoded = (key: string) => Buffer.from(given.data![key]!, 'base64').toString();
    expect(decoded('HOOKLINE_ADMIN_TOKEN')).toBe('given-admin-token-0123456789');
    expect(decoded('HOOKLINE_SMTP_URL')).toBe('smtp://mail:25');
  });

  it('scrapes every service through a ServiceMonitor by default', async () => {
    const { rendered } = await render();
    const [monitor, ...others] = rendered.byKind('ServiceMonitor');
    expect(others).toEqual([]);
    expect(monitor!.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor!.spec!.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
    for (const app of ServiceNames) {
      const labels = rendered.named('Service', componentName(app)).metadata.labels!;
      expect(labels).toEqual(expect.objectContaining(monitor!.spec!.selector!.matchLabels));
    }
    expect(rendered.byKind('Ingress')).toEqual([]);
  });

  it('routes /v1/events to ingest and everything else to the registry when the Ingress is on, without a ServiceMonitor', async () => {
    const { rendered } = await render(variantValues);
    expect(rendered.byKind('ServiceMonitor')).toEqual([]);
    expect(rendered.byKind('Secret')).toEqual([]);
    const [ingress, ...others] = rendered.byKind('Ingress');
    expect(others).toEqual([]);
    expect(ingress!.apiVersion).toBe('networking.k8s.io/v1');
    const [rule] = ingress!.spec!.rules!;
    expect(rule!.host).toBe('hookline.example.com');
    const routes = rule!.http.paths.map(({ path, pathType, backend }) => ({ path, pathType, service: backend.service }));
    expect(routes).toEqual([
      { path: '/v1/events', pathType: 'Prefix', service: { name: componentName('ingest'), port: { name: 'http' } } },
      { path: '/', pathType: 'Prefix', service: { name: componentName('registry'), port: { name: 'http' } } },
    ]);
    for (const { service } of routes) rendered.named('Service', service.name);
  });
});
