/** Default HTTP ports of the five services (SPEC §3–4 fix registry and ingest; the rest follow). */
export const DefaultPorts = {
  registry: 8080,
  ingest: 8081,
  dispatcher: 8082,
  retryScheduler: 8083,
  statusNotifier: 8084,
  registryGrpc: 50051,
} as const;

export const ServiceNames = ['registry', 'ingest', 'dispatcher', 'retry-scheduler', 'status-notifier'] as const;
export type ServiceName = (typeof ServiceNames)[number];
