import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createKafka } from '@hookline/messaging';
import { cacheDir, repoRoot } from './paths';
import { isAlive, isPortOpen, killProcess, readPid, removePid, run, tail, terminate, waitUntil, writePid } from './process-control';

export const KAFKA_VERSION = '3.9.2';

export interface KafkaBrokerOptions {
  dir: string;
  port: number;
  controllerPort: number;
  heapMb?: number;
  log?: (line: string) => void;
}

export interface RunningKafka {
  brokers: string;
  /** True when this call started the broker (and so should stop it). */
  started: boolean;
  pid: number | undefined;
}

/** Downloads the broker jars from Maven Central once, into the git-ignored cache. */
export async function ensureKafkaJars(log: (line: string) => void = () => undefined): Promise<string> {
  const libDir = join(cacheDir(), `kafka-${KAFKA_VERSION}`, 'lib');
  const marker = join(libDir, '.complete');
  if (existsSync(marker)) return libDir;
  log(`fetching Apache Kafka ${KAFKA_VERSION} from Maven Central into ${libDir} (once)`);
  await mkdir(libDir, { recursive: true });
  await run('mvn', [
    '-B',
    '-q',
    '-f',
    join(repoRoot, 'tools', 'infra', 'kafka', 'pom.xml'),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${libDir}`,
    `-Dkafka.version=${KAFKA_VERSION}`,
  ]).catch((error: Error) => {
    throw new Error(`Could not fetch the Kafka broker with Maven (is Maven installed and Maven Central reachable?)\n${error.message}`);
  });
  const jars = (await readdir(libDir)).filter((file) => file.endsWith('.jar'));
  if (!jars.some((jar) => jar.startsWith('kafka_2.13'))) throw new Error(`no kafka_2.13 jar in ${libDir}`);
  await writeFile(marker, `${new Date().toISOString()}\n`);
  return libDir;
}

function serverProperties(options: KafkaBrokerOptions): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${options.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${options.port},CONTROLLER://127.0.0.1:${options.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${options.port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(options.dir, 'data')}`,
    'auto.create.topics.enable=false',
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=8',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=4',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=168',
    'log.segment.bytes=268435456',
    'log.cleaner.dedupe.buffer.size=33554432',
    'num.network.threads=2',
    'num.io.threads=4',
    '',
  ].join('\n');
}

function log4jProperties(dir: string): string {
  return [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.RollingFileAppender',
    `log4j.appender.file.File=${join(dir, 'server.log')}`,
    'log4j.appender.file.MaxFileSize=20MB',
    'log4j.appender.file.MaxBackupIndex=2',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.org.apache.kafka=WARN',
    'log4j.logger.kafka=INFO',
    'log4j.logger.state.change.logger=WARN',
    'log4j.logger.kafka.log.LogCleaner=WARN',
    '',
  ].join('\n');
}

async function brokerAnswers(brokers: string, port: number): Promise<boolean> {
  if (!(await isPortOpen(port))) return false;
  const kafka = createKafka({ brokers: [brokers], clientId: 'hookline-infra', connectionTimeoutMs: 1000, silent: true });
  const admin = kafka.admin({
    retry: { retries: 0 },
  });
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Starts a single-node KRaft broker under `dir` (formatting its storage the first time), or adopts
 * one that already runs there. Resolves once the broker answers metadata requests.
 */
export async function startKafka(options: KafkaBrokerOptions): Promise<RunningKafka> {
  const log = options.log ?? (() => undefined);
  const brokers = `127.0.0.1:${options.port}`;
  const pidFile = join(options.dir, 'kafka.pid');
  const running = await readPid(pidFile);
  if (running !== undefined || (await isPortOpen(options.port))) {
    await waitUntil(`Kafka at ${brokers}`, () => brokerAnswers(brokers, options.port), 60000);
    log(`Kafka already running at ${brokers}`);
    return { brokers, started: false, pid: running };
  }
  const libDir = await ensureKafkaJars(log);
  await mkdir(join(options.dir, 'data'), { recursive: true });
  const properties = join(options.dir, 'server.properties');
  await writeFile(properties, serverProperties(options));
  await writeFile(join(options.dir, 'log4j.properties'), log4jProperties(options.dir));
  const classpath = `${libDir}/*`;
  const javaLogging = [`-Dlog4j.configuration=file:${join(options.dir, 'log4j.properties')}`, `-Dkafka.logs.dir=${options.dir}`];
  if (!existsSync(join(options.dir, 'data', 'meta.properties'))) {
    const clusterId = newClusterId();
    log(`formatting Kafka storage in ${options.dir} (cluster ${clusterId})`);
    await run('java', [...javaLogging, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties]);
  }
  const out = openSync(join(options.dir, 'kafka.out'), 'a');
  const heap = `${options.heapMb ?? 768}m`;
  const child = spawn(
    'java',
    [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      ...javaLogging,
      '-cp',
      classpath,
      'kafka.Kafka',
      properties,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  child.unref();
  const pid = child.pid!;
  await writePid(pidFile, pid);
  log(`starting Kafka ${KAFKA_VERSION} (KRaft) at ${brokers}, pid ${pid}`);
  await waitUntil(
    `Kafka at ${brokers}`,
    async () => {
      if (!isAlive(pid)) throw new Error('exited');
      return brokerAnswers(brokers, options.port);
    },
    120000,
    async () => `${await tail(join(options.dir, 'kafka.out'))}\n${await tail(join(options.dir, 'server.log'))}`,
  );
  return { brokers, started: true, pid };
}

/**
 * Stops the broker under `dir`: a clean shutdown by default; `kill` SIGKILLs it as a crash would, so the
 * next start has to recover its logs.
 */
export async function stopKafka(dir: string, how: 'shutdown' | 'kill' = 'shutdown'): Promise<boolean> {
  const pidFile = join(dir, 'kafka.pid');
  const pid = await readPid(pidFile);
  if (pid !== undefined) {
    if (how === 'kill') await killProcess(pid);
    else await terminate(pid, 30000);
  }
  await removePid(pidFile);
  return pid !== undefined;
}

export async function kafkaPid(dir: string): Promise<number | undefined> {
  return readPid(join(dir, 'kafka.pid'));
}

/**
 * A KRaft cluster id: 16 random bytes, base64url. One that starts with `-` would be read by the
 * storage tool as an option (Kafka's own generator skips those too), so draw again.
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
