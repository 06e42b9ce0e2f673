import type { DynamicModule } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import type { z } from 'zod';
import { loadConfig, type CommonConfig } from '@hookline/config';
import { KafkaReadiness, MessagingModule } from '@hookline/messaging';
import { acceptJsonBodiesOnly } from '@hookline/http-api';
import { createServiceMetrics, ObservabilityModule, startHttpService, type ServiceMetrics } from '@hookline/observability';
import type { Tracing } from '@hookline/observability/tracing';
import { PersistenceModule, PostgresReadiness } from '@hookline/persistence';

/** Kafka, Postgres and the health/metrics endpoints, wired the same way in every service. */
export function serviceRuntimeImports(name: string, config: CommonConfig, metrics: ServiceMetrics): DynamicModule[] {
  return [
    MessagingModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: `${config.KAFKA_CLIENT_ID}-${name}` }),
    PersistenceModule.forRoot({
      url: config.DATABASE_URL,
      poolSize: config.HOOKLINE_DB_POOL_SIZE,
      applicationName: `hookline-${name}`,
    }),
    ObservabilityModule.forRoot({
      metrics,
      readiness: {
        useFactory: (kafka: KafkaReadiness, postgres: PostgresReadiness) => [kafka, postgres],
        inject: [KafkaReadiness, PostgresReadiness],
      },
    }),
  ];
}

export interface ServiceDefinition<S extends z.ZodType<CommonConfig>> {
  name: string;
  schema: S;
  tracing: Tracing;
  module(config: z.infer<S>, metrics: ServiceMetrics): DynamicModule;
  bodyLimit?(config: z.infer<S>): number;
}

/** Validates the environment (naming any bad variable), then starts the service's HTTP shell. */
export async function startService<S extends z.ZodType<CommonConfig>>(definition: ServiceDefinition<S>): Promise<INestApplication> {
  const config = loadConfig(definition.schema);
  const metrics = createServiceMetrics(definition.name);
  return startHttpService({
    name: definition.name,
    module: definition.module(config, metrics),
    host: config.HOOKLINE_HTTP_HOST,
    port: config.HOOKLINE_HTTP_PORT,
    logLevel: config.HOOKLINE_LOG_LEVEL,
    logFormat: config.HOOKLINE_LOG_FORMAT,
    metrics,
    tracing: definition.tracing,
    bodyLimit: definition.bodyLimit?.(config),
    configure: (app) => acceptJsonBodiesOnly(app.getHttpAdapter().getInstance()),
  });
}
