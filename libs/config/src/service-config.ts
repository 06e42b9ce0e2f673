import { z } from 'zod';
import { DefaultGrpcPort, DefaultHttpPorts, type ServiceName } from '@hookline/contracts';
import { corsOrigins } from './cors-origins';
import { brokerList, dnsServerList, encryptionKey, flag, limitOrOff, port, positiveInt, postgresUrl, proxyList } from './env-types';

// Compose passes unset host variables through as empty strings.
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

const logLevel = z.enum(['error', 'warn', 'info', 'debug']).default('info');

/** Variables every service reads. */
const common = {
  HOOKLINE_HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HOOKLINE_LOG_LEVEL: logLevel,
  /** `json` lines (the default off a terminal) or readable `text`. */
  HOOKLINE_LOG_FORMAT: z.enum(['json', 'text']).optional(),
  KAFKA_BROKERS: brokerList,
  KAFKA_CLIENT_ID: z.string().min(1).default('hookline'),
  DATABASE_URL: postgresUrl,
  HOOKLINE_DB_POOL_SIZE: positiveInt(10, 200),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url('must be a URL').optional(),
  /** Browser origins allowed to call the HTTP API from elsewhere (the console on the registry calling ingest); none by default. */
  HOOKLINE_CORS_ORIGINS: corsOrigins,
};

/** Variables of the services that authenticate callers (registry and ingest). */
const authenticatedApi = {
  /** Failed authentications one client address may make per window before it is refused (429); 0 turns this off. */
  HOOKLINE_AUTH_FAILURE_LIMIT: limitOrOff(20, 1_000_000),
  HOOKLINE_AUTH_FAILURE_WINDOW_SECONDS: positiveInt(60, 86400),
  /** Proxies whose `X-Forwarded-For` names the client; none by default, so the socket's address is the client. */
  HOOKLINE_TRUSTED_PROXIES: proxyList,
};

export const registryConfigSchema = z.object({
  ...common,
  HOOKLINE_HTTP_PORT: port(DefaultHttpPorts.registry),
  HOOKLINE_GRPC_PORT: port(DefaultGrpcPort),
  HOOKLINE_ADMIN_TOKEN: z
    .string({ error: 'must be set: the token that manages tenants' })
    .min(16, 'must be at least 16 characters'),
  HOOKLINE_ENCRYPTION_KEY: encryptionKey,
  HOOKLINE_ALLOW_INSECURE_URLS: flag(false),
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: flag(false),
  HOOKLINE_DNS_SERVERS: dnsServerList,
  /** The built console served at /console/; by default dist/apps/console beside the compiled registry. */
  HOOKLINE_CONSOLE_DIR: unsetWhenEmpty(z.string().optional()),
  /** Where browsers reach ingest, told to the console (and allowed by its Content-Security-Policy). */
  HOOKLINE_CONSOLE_INGEST_URL: unsetWhenEmpty(
    z
      .url('must be an absolute http(s) URL, e.g. https://ingest.example.com')
      .refine((url) => /^https?:\/\//i.test(url), 'must be an absolute http(s) URL, e.g. https://ingest.example.com')
      .optional(),
  ),
  ...authenticatedApi,
});
export type RegistryConfig = z.infer<typeof registryConfigSchema>;

export const ingestConfigSchema = z.object({
  ...common,
  HOOKLINE_HTTP_PORT: port(DefaultHttpPorts.ingest),
  HOOKLINE_MAX_PAYLOAD_BYTES: positiveInt(262144, 16 * 1024 * 1024),
  ...authenticatedApi,
});
export type IngestConfig = z.infer<typeof ingestConfigSchema>;

export const dispatcherConfigSchema = z.object({
  ...common,
  HOOKLINE_HTTP_PORT: port(DefaultHttpPorts.dispatcher),
  HOOKLINE_ENCRYPTION_KEY: encryptionKey,
  HOOKLINE_ALLOW_INSECURE_URLS: flag(false),
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: flag(false),
  HOOKLINE_DNS_SERVERS: dnsServerList,
});
export type DispatcherConfig = z.infer<typeof dispatcherConfigSchema>;

export const retrySchedulerConfigSchema = z.object({
  ...common,
  HOOKLINE_HTTP_PORT: port(DefaultHttpPorts['retry-scheduler']),
  /** How often due retries, queued deliveries and deaths are looked for when the last pass found none. */
  HOOKLINE_RETRY_POLL_INTERVAL_MS: positiveInt(250, 60000),
});
export type RetrySchedulerConfig = z.infer<typeof retrySchedulerConfigSchema>;

export const statusNotifierConfigSchema = z.object({
  ...common,
  HOOKLINE_HTTP_PORT: port(DefaultHttpPorts['status-notifier']),
  /** Where alert e-mails go out; without it no mail is queued (events are still emitted). */
  HOOKLINE_SMTP_URL: z
    .url('must be an smtp:// or smtps:// URL')
    .refine((url) => /^smtps?:\/\//.test(url), 'must be an smtp:// or smtps:// URL')
    .optional(),
  HOOKLINE_MAIL_FROM: z.string().default('Hookline <hookline@localhost>'),
  /** The management API's public base URL, quoted in the re-enable instructions of alert e-mails. */
  HOOKLINE_PUBLIC_API_URL: z.url('must be an http(s) URL').optional(),
  /** How often queued alert mails are looked for when none was just queued. */
  HOOKLINE_MAIL_POLL_INTERVAL_MS: positiveInt(1000, 60000),
});
export type StatusNotifierConfig = z.infer<typeof statusNotifierConfigSchema>;

/** What every service config has in common, for code shared by all of them. */
export type CommonConfig = z.infer<z.ZodObject<typeof common>> & { HOOKLINE_HTTP_PORT: number };

/** Each service's environment schema, by service name. */
export const serviceConfigSchemas = {
  registry: registryConfigSchema,
  ingest: ingestConfigSchema,
  dispatcher: dispatcherConfigSchema,
  'retry-scheduler': retrySchedulerConfigSchema,
  'status-notifier': statusNotifierConfigSchema,
} as const satisfies Record<ServiceName, z.ZodObject>;

/** Where a service that sends webhooks may send them (registry test-sends, dispatcher deliveries). */
export function deliveryDestinations(config: Pick<DispatcherConfig, 'HOOKLINE_ALLOW_PRIVATE_NETWORKS' | 'HOOKLINE_ALLOW_INSECURE_URLS' | 'HOOKLINE_DNS_SERVERS'>) {
  return {
    allowPrivateNetworks: config.HOOKLINE_ALLOW_PRIVATE_NETWORKS,
    allowInsecureUrls: config.HOOKLINE_ALLOW_INSECURE_URLS,
    dnsServers: config.HOOKLINE_DNS_SERVERS,
  };
}
