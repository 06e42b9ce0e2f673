import { join } from 'node:path';
import { topicSpecs } from '@hookline/contracts';
import { createKafka, ensureTopics } from '@hookline/messaging';
import { migrate } from '@hookline/persistence';
import { kafkaPid, startKafka, stopKafka } from './kafka-broker';
import { dataDir } from './paths';
import { isPostgresRunning, startPostgres, stopPostgres } from './postgres-server';

/** Local set-ups: `dev` for `npm start`, `test` for the test suite, `bench` for the benchmark — side by side. */
export const Profiles = {
  dev: { kafkaPort: 9092, controllerPort: 9093, postgresPort: 55432 },
  test: { kafkaPort: 19092, controllerPort: 19093, postgresPort: 55433 },
  bench: { kafkaPort: 29092, controllerPort: 29093, postgresPort: 55434 },
} as const;
export type ProfileName = keyof typeof Profiles;

export interface Infrastructure {
  kafkaBrokers: string;
  databaseUrl: string;
  /** What this call started itself; `stopInfrastructure` stops only those. */
  started: { kafka: boolean; postgres: boolean };
  profile: ProfileName;
}

export interface InfrastructureOptions {
  profile: ProfileName;
  /** An existing Postgres to use instead of the embedded one. */
  databaseUrl?: string;
  partitions?: number;
  log?: (line: string) => void;
}

export const profileDir = (profile: ProfileName) => join(dataDir(), profile);

/**
 * Brings up Kafka and Postgres for a profile (adopting ones already running), creates the topics
 * of SPEC §1 and runs the migrations. Idempotent.
 */
export async function startInfrastructure(options: InfrastructureOptions): Promise<Infrastructure> {
  const log = options.log ?? (() => undefined);
  const ports = Profiles[options.profile];
  const dir = profileDir(options.profile);
  const [kafka, postgres] = await Promise.all([
    startKafka({ dir: join(dir, 'kafka'), port: ports.kafkaPort, controllerPort: ports.controllerPort, log }),
    options.databaseUrl
      ? Promise.resolve({ url: options.databaseUrl, started: false })
      : startPostgres({ dir: join(dir, 'postgres'), port: ports.postgresPort, log }),
  ]);
  const created = await ensureTopics(
    createKafka({ brokers: [kafka.brokers], clientId: 'hookline-infra' }),
    topicSpecs(options.partitions ?? 12),
  );
  if (created.length > 0) log(`created topics: ${created.join(', ')}`);
  const applied = await migrate(postgres.url);
  if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  return {
    kafkaBrokers: kafka.brokers,
    databaseUrl: postgres.url,
    started: { kafka: kafka.started, postgres: postgres.started },
    profile: options.profile,
  };
}

export async function stopInfrastructure(profile: ProfileName, only?: Infrastructure['started']): Promise<void> {
  const dir = profileDir(profile);
  await Promise.all([
    only === undefined || only.kafka ? stopKafka(join(dir, 'kafka')) : Promise.resolve(false),
    only === undefined || only.postgres ? stopPostgres(join(dir, 'postgres')) : Promise.resolve(false),
  ]);
}

/**
 * Stops one of a profile's daemons; `crash` does it the hard way (Kafka SIGKILLed, Postgres stopped
 * without a checkpoint), as the fault tier does to show nothing accepted is lost.
 */
export async function stopComponent(profile: ProfileName, component: 'kafka' | 'postgres', crash: boolean): Promise<boolean> {
  const dir = profileDir(profile);
  return component === 'kafka'
    ? stopKafka(join(dir, 'kafka'), crash ? 'kill' : 'shutdown')
    : stopPostgres(join(dir, 'postgres'), crash ? 'immediate' : 'fast');
}

export async function infrastructureStatus(profile: ProfileName): Promise<{ kafka: boolean; postgres: boolean }> {
  const dir = profileDir(profile);
  return {
    kafka: (await kafkaPid(join(dir, 'kafka'))) !== undefined,
    postgres: await isPostgresRunning(join(dir, 'postgres')),
  };
}
