import { join } from 'node:path';
import { profileDir, startInfrastructure, stopInfrastructure, type Infrastructure } from '../infra/infrastructure';
import { loadLocalSecrets } from './local-secrets';
import { consoleEnv, DevPorts, ServiceStack } from './service-stack';

const log = (line: string) => console.log(`[hookline] ${line}`);

/** `npm start`: Kafka, Postgres, migrations and all five services, in the foreground until Ctrl-C. */
async function main(): Promise<void> {
  let infra: Infrastructure | undefined;
  let stack: ServiceStack | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await stack?.stop();
    if (infra) await stopInfrastructure('dev', infra.started);
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));

  try {
    infra = await startInfrastructure({ profile: 'dev', databaseUrl: process.env.DATABASE_URL, log });
    const secrets = await loadLocalSecrets(join(profileDir('dev'), 'secrets.json'));
    log('local mode: HOOKLINE_ALLOW_INSECURE_URLS=true and HOOKLINE_ALLOW_PRIVATE_NETWORKS=true, so http:// and loopback receivers work');
    stack = new ServiceStack({
      env: {
        KAFKA_BROKERS: infra.kafkaBrokers,
        DATABASE_URL: infra.databaseUrl,
        HOOKLINE_ADMIN_TOKEN: secrets.adminToken,
        HOOKLINE_ENCRYPTION_KEY: secrets.encryptionKey,
        HOOKLINE_ALLOW_INSECURE_URLS: 'true',
        HOOKLINE_ALLOW_PRIVATE_NETWORKS: 'true',
        HOOKLINE_HTTP_HOST: process.env.HOOKLINE_HTTP_HOST ?? '127.0.0.1',
        HOOKLINE_LOG_FORMAT: process.env.HOOKLINE_LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json'),
      },
      envOf: consoleEnv(DevPorts.registry, `http://127.0.0.1:${DevPorts.ingest}`),
      ports: DevPorts,
      output: 'console',
      restart: true,
      log,
    });
    await stack.start();
    if (stopping) return;
    console.log(
      [
        '',
        'Hookline is ready',
        `  Console         ${stack.url('registry')}/console/`,
        `  Management API  ${stack.url('registry')}/v1   (gRPC 127.0.0.1:${DevPorts.grpc})`,
        `  Ingest API      ${stack.url('ingest')}/v1/events`,
        `  Dispatcher      ${stack.url('dispatcher')}/metrics`,
        `  Retry scheduler ${stack.url('retry-scheduler')}/metrics`,
        `  Status notifier ${stack.url('status-notifier')}/metrics`,
        `  Kafka           ${infra.kafkaBrokers}`,
        `  Postgres        ${infra.databaseUrl}`,
        `  Admin token     ${secrets.adminToken}${secrets.generatedAdminToken ? '   (generated; set HOOKLINE_ADMIN_TOKEN to choose it)' : ''}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`[hookline] could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

void main();
