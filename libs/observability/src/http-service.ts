import { ConsoleLogger, type DynamicModule, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyServerOptions } from 'fastify';
import type { ServiceMetrics } from './metrics';
import type { Tracing } from './tracing';

export interface HttpServiceOptions {
  name: string;
  module: DynamicModule;
  host: string;
  port: number;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  logFormat?: 'json' | 'text';
  metrics: ServiceMetrics;
  tracing: Tracing;
  bodyLimit?: number;
  /**
   * Proxies (addresses, CIDR ranges) whose `X-Forwarded-For` is believed for `request.ip`. None by
   * default: trusting every hop would let any client name its own address and dodge per-address limits.
   */
  trustedProxies?: string[];
  /** Cross-origin access for browsers (`HOOKLINE_CORS_ORIGINS`); none when omitted. */
  cors?: FastifyCorsOptions;
  /** Fastify options for what happens before routing: router limits, routing and connection errors. */
  server?: Pick<FastifyServerOptions, 'routerOptions' | 'frameworkErrors' | 'clientErrorHandler'>;
  /** Extra set-up before listening (global pipes, filters, raw body parsers…). */
  configure?(app: NestFastifyApplication): void | Promise<void>;
}

const levels: Record<HttpServiceOptions['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** The shell every Hookline service runs in: Fastify, JSON logs off a terminal, request metrics, graceful stop. */
export async function startHttpService(options: HttpServiceOptions): Promise<INestApplication> {
  const logger = new ConsoleLogger(options.name, {
    json: (options.logFormat ?? (process.stdout.isTTY ? 'text' : 'json')) === 'json',
    logLevels: levels[options.logLevel],
  });
  const trustProxy = options.trustedProxies !== undefined && options.trustedProxies.length > 0 ? options.trustedProxies : false;
  const adapter = new FastifyAdapter({ ...options.server, bodyLimit: options.bodyLimit ?? 1024 * 1024, trustProxy });
  // Nest's own JSON and form parsers stay off: bodies are parsed by what `configure` installs, or Fastify's default.
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, { logger, bufferLogs: true, bodyParser: false });
  // Its request hook answers a preflight before any guard or handler runs.
  if (options.cors !== undefined) app.enableCors(options.cors);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    options.metrics.httpRequestDuration.observe(
      { method: request.method, route, status_class: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });
  await options.configure?.(app);
  app.enableShutdownHooks();
  app.getHttpServer().on('close', () => void options.tracing.shutdown());
  await app.listen(options.port, options.host);
  logger.log(`listening on http://${options.host}:${options.port}`);
  return app;
}

/** Runs a service's start function; a configuration error is printed alone (it names the variable). */
export function runService(name: string, start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    const message = error instanceof Error && error.name === 'ConfigError' ? error.message : error instanceof Error ? error.stack : String(error);
    process.stderr.write(`hookline-${name} failed to start: ${message}\n`);
    process.exit(1);
  });
}
