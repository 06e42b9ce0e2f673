import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { loadConfig, serviceConfigSchemas, type CommonConfig } from '@hookline/config';
import { DefaultGrpcPort, DefaultHttpPorts as ports, ServiceNames, type ServiceName } from '@hookline/contracts';

/** docker-compose.yml cannot be run here (no Docker engine); this keeps it true to the code by reading it. */
const root = join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: { context: string; target: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  depends_on?: string[] | Record<string, unknown>;
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const services = compose.services;

const schemas: Record<ServiceName, z.ZodType<CommonConfig>> = serviceConfigSchemas;

/** Environment as compose would pass it with no variables set on the host: `${X:-default}` → default. */
function resolvedEnv(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      String(value).replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1'),
    ]),
  );
}

const hostPort = (address: string) => {
  const [host, port] = address.replace(/^[a-z]+:\/\/([^@]*@)?/, '').split('/')[0]!.split(':');
  return { host: host!, port: Number(port) };
};

const containerPorts = (service: ComposeService) =>
  (service.ports ?? []).map((mapping) => Number(String(mapping).split(':').pop()));

describe('docker-compose.yml', () => {
  it('names every Hookline service plus Kafka, Postgres, Prometheus, Grafana and a collector', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining([...ServiceNames, 'kafka', 'postgres', 'prometheus', 'grafana', 'otel-collector', 'migrate']),
    );
  });

  it.each(ServiceNames)('builds %s from the Dockerfile with its own entry point', (name) => {
    const build = services[name]!.build!;
    expect(build.target).toBe('runtime');
    expect(build.args?.APP).toBe(name);
    expect(existsSync(join(root, 'apps', name, 'src', 'main.ts'))).toBe(true);
  });

  it('only uses build targets the Dockerfile defines', () => {
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((match) => match[1]);
    for (const service of Object.values(services)) {
      if (service.build) expect(stages).toContain(service.build.target);
    }
    expect(dockerfile).toContain('dist/apps/${HOOKLINE_APP}/src/main.js');
    expect(dockerfile).toContain('dist/tools/migrate/migrate.js');
  });

  it.each(ServiceNames)('gives %s a configuration its start-up check accepts, on its published port', (name) => {
    const env = resolvedEnv(services[name]!);
    const config = loadConfig(schemas[name], env);
    expect(config.HOOKLINE_HTTP_PORT).toBe(ports[name]);
    expect(containerPorts(services[name]!)).toContain(ports[name]);
    const kafka = hostPort(config.KAFKA_BROKERS[0]!);
    expect(services[kafka.host]).toBeDefined();
    expect(resolvedEnv(services.kafka!).KAFKA_ADVERTISED_LISTENERS).toContain(`${kafka.host}:${kafka.port}`);
    const database = hostPort(config.DATABASE_URL);
    expect(services[database.host]?.image).toMatch(/^postgres:/);
    expect(services[hostPort(env.OTEL_EXPORTER_OTLP_ENDPOINT!).host]).toBeDefined();
  });

  it('publishes the registry gRPC port', () => {
    expect(containerPorts(services.registry!)).toContain(DefaultGrpcPort);
    expect(Number(resolvedEnv(services.registry!).HOOKLINE_GRPC_PORT)).toBe(DefaultGrpcPort);
  });

  it('points the console at ingest’s published port and lets ingest answer the console’s origin', () => {
    const registry = loadConfig(serviceConfigSchemas.registry, resolvedEnv(services.registry!));
    const ingest = loadConfig(serviceConfigSchemas.ingest, resolvedEnv(services.ingest!));
    const ingestUrl = new URL(registry.HOOKLINE_CONSOLE_INGEST_URL!);
    expect(containerPorts(services.ingest!)).toContain(Number(ingestUrl.port));
    expect(ingest.HOOKLINE_CORS_ORIGINS).toContain(`${ingestUrl.protocol}//${ingestUrl.hostname}:${ports.registry}`);
  });

  it('depends only on services it defines, and mounts only files that exist', () => {
    for (const service of Object.values(services)) {
      const dependencies = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies) expect(Object.keys(services)).toContain(dependency);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./')) expect(existsSync(join(root, source))).toBe(true);
      }
    }
  });

  it('has Prometheus scrape every service at the port it listens on', () => {
    const prometheus = parse(readFileSync(join(root, 'deploy', 'prometheus', 'prometheus.yml'), 'utf8')) as {
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((config) => config.targets));
    expect(targets.sort()).toEqual(ServiceNames.map((name) => `${name}:${ports[name]}`).sort());
  });
});
