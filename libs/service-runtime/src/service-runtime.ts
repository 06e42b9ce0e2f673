import type { DynamicModule } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import { loadConfig, type CommonConfig } from '@hookline/config';
import { KafkaReadiness, MessagingModule } from '@hookline/messaging';
import { acceptJsonBodiesOnly, corsOptions, HTTP_SERVER_OPTIONS } from '@hookline/http-api';
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
  /** Proxies whose `X-Forwarded-For` names the client (`HOOKLINE_TRUSTED_PROXIES`); none when omitted. */
  trustedProxies?(config: z.infer<S>): string[];
  /** Service-specific set-up before listening (the API document, extra transports…). */
  configure?(app: NestFastifyApplication, config: z.infer<S>): void | Promise<void>;
  /**
   * Transports served beside HTTP (the registry's gRPC API): connect them to `app` here. They start once
   * the application has initialised and before HTTP listens, so a ready service answers on all of them,
   * and they stop with it.
   */
  microservices?(app: INestApplication, config: z.infer<S>): void;
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
    server: HTTP_SERVER_OPTIONS,
    trustedProxies: definition.trustedProxies?.(config),
    cors: corsOptions(config.HOOKLINE_CORS_ORIGINS) ?? undefined,
    configure: async (app) => {
      acceptJsonBodiesOnly(app.getHttpAdapter().getInstance());
      await definition.configure?.(app, config);
      if (definition.microservices === undefined) return;
      definition.microservices(app, config);
      await app.init();
      await app.startAllMicroservices();
    },
  });
}
