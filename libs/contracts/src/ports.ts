export const ServiceNames = ['registry', 'ingest', 'dispatcher', 'retry-scheduler', 'status-notifier'] as const;
export type ServiceName = (typeof ServiceNames)[number];

/** Default HTTP port of each service (SPEC §3–4 fix registry and ingest; the rest follow them). */
export const DefaultHttpPorts: Record<ServiceName, number> = {
  registry: 8080,
  ingest: 8081,
  dispatcher: 8082,
  'retry-scheduler': 8083,
  'status-notifier': 8084,
};

export const DefaultGrpcPort = 50051;
