import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cacheDir } from '../infra/paths';
import { downloadGoModule, ensureGoTool, findGo, type GoTool } from './go-toolchain';
import {
  customResourceDefinitionSchema,
  customResourceSchemas,
  kubernetesSchemas,
  openApiDocumentSchema,
  type JsonSchema,
} from './kubernetes-schemas';

/**
 * What validating deploy/helm/hookline needs — helm, kubeconform and offline JSON schemas — built from
 * the Go module proxy into `.cache/` once, then reused.
 */

export const HelmTool: GoTool = {
  name: 'helm',
  pkg: 'helm.sh/helm/v3/cmd/helm',
  version: 'v3.22.0',
  // What the release build stamps in: without it a source build calls itself "v3.22" and assumes
  // Kubernetes 1.20 when no cluster is asked (1.37 is its client-go's); -s -w halves the binary.
  ldflags: [
    '-s -w',
    '-X helm.sh/helm/v3/internal/version.version=v3.22.0',
    ...['pkg/chartutil', 'pkg/lint/rules'].flatMap((pkg) => [
      `-X helm.sh/helm/v3/${pkg}.k8sVersionMajor=1`,
      `-X helm.sh/helm/v3/${pkg}.k8sVersionMinor=37`,
    ]),
  ].join(' '),
};

export const KubeconformTool: GoTool = {
  name: 'kubeconform',
  pkg: 'github.com/yannh/kubeconform/cmd/kubeconform',
  version: 'v0.8.0',
  ldflags: '-s -w',
};

/** The API version the chart is rendered for and validated against (k8s.io/kubernetes ships its OpenAPI document). */
export const KubernetesVersion = '1.34.4';
/** Source of the ServiceMonitor CRD. */
export const PrometheusOperatorVersion = 'v0.85.0';

const serviceMonitorCrd = 'example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml';

export interface ChartTooling {
  helm: string;
  kubeconform: string;
  /** Directory of `{kind}-{group}-{version}.json` schemas. */
  schemaDir: string;
  /** The value for kubeconform's `-schema-location`. */
  schemaLocation: string;
  kubernetesVersion: string;
}

/** Why the chart cannot be validated on this machine, or undefined when it can. */
export function missingPrerequisite(): string | undefined {
  return findGo()
    ? undefined
    : 'Go is not installed (no `go` on PATH): helm and kubeconform are built from source with `go install`. ' +
        'Install Go 1.24 or newer to run the Helm chart checks.';
}

export async function ensureChartTooling(log: (line: string) => void = () => {}): Promise<ChartTooling> {
  const go = findGo();
  if (!go) throw new Error(missingPrerequisite());
  const binDir = join(cacheDir(), 'go-bin');
  const helm = await ensureGoTool(go, HelmTool, binDir, log);
  const kubeconform = await ensureGoTool(go, KubeconformTool, binDir, log);
  const schemaDir = await ensureSchemas(go, log);
  return {
    helm,
    kubeconform,
    schemaDir,
    schemaLocation: join(schemaDir, '{{ .ResourceKind }}{{ .KindSuffix }}.json'),
    kubernetesVersion: KubernetesVersion,
  };
}

/** Strict schemas for the Kubernetes API and the ServiceMonitor CRD, converted once per version pair. */
async function ensureSchemas(go: string, log: (line: string) => void): Promise<string> {
  const root = join(cacheDir(), 'kubernetes-schemas');
  const dir = join(root, `v${KubernetesVersion}-prometheus-operator-${PrometheusOperatorVersion}-strict`);
  if (existsSync(join(dir, '.complete'))) return dir;

  log(`converting the Kubernetes ${KubernetesVersion} OpenAPI document and the ServiceMonitor CRD into kubeconform schemas`);
  const workDir = join(cacheDir(), 'go-modules');
  const kubernetes = await downloadGoModule(go, 'k8s.io/kubernetes', `v${KubernetesVersion}`, workDir);
  const operator = await downloadGoModule(go, 'github.com/prometheus-operator/prometheus-operator', PrometheusOperatorVersion, workDir);

  const openApi = openApiDocumentSchema.parse(
    JSON.parse(await readFile(join(kubernetes, 'api', 'openapi-spec', 'swagger.json'), 'utf8')),
  );
  const crd = customResourceDefinitionSchema.parse(
    parse(await readFile(join(operator, serviceMonitorCrd), 'utf8')),
  );
  const files = new Map<string, JsonSchema>([...kubernetesSchemas(openApi), ...customResourceSchemas(crd, openApi)]);

  // Written beside the final directory and renamed into place, so an interrupted run leaves no half set.
  const staging = `${dir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const [file, schema] of files) await writeFile(join(staging, file), JSON.stringify(schema));
  await writeFile(
    join(staging, '.complete'),
    `k8s.io/kubernetes@v${KubernetesVersion} github.com/prometheus-operator/prometheus-operator@${PrometheusOperatorVersion}\n`,
  );
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
  log(`wrote ${files.size} schemas to ${dir}`);
  return dir;
}
