import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ServiceNames } from '@hookline/contracts';
import { createKafka, MessageProducer } from '@hookline/messaging';
import { readFile } from 'node:fs/promises';
import { kafkaPid } from '../infra/kafka-broker';
import { profileDir, startInfrastructure, stopInfrastructure, type Infrastructure } from '../infra/infrastructure';
import { repoRoot } from '../infra/paths';
import { ServiceStack, type ServicePorts } from '../platform/service-stack';
import { createBenchTenant } from './bench-tenant';
import { measureCeiling } from './ceiling';
import { BenchEventProducer } from './event-producer';
import { Receivers } from './receivers';
import { ProcessSampler } from './process-sampler';
import { ratePerSecond, summarizeLatencies, type LatencySummary } from './stats';

/**
 * `npm run bench` (SPEC §9): starts its own Kafka, Postgres and five services on the `bench` profile,
 * delivers to real receivers on loopback and prints, per scenario, what was offered and delivered,
 * deliveries per second, end-to-end latency (Kafka ack of the event → receiver got it) and the peak
 * RSS of each service. Every scenario is bounded in events and time.
 */
const BenchPorts: ServicePorts = { registry: 28080, ingest: 28081, dispatcher: 28082, 'retry-scheduler': 28083, 'status-notifier': 28084, grpc: 25051 };
const SUBSCRIPTIONS = 10;
const MAX_IN_FLIGHT = 10;

interface Options {
  scenarios: string[];
  events: number;
  steadyRate: number;
  steadySeconds: number;
}

interface ScenarioResult {
  scenario: string;
  offered: number;
  delivered: number;
  perSecond: number;
  latencyMs: LatencySummary;
  duplicates: number;
  peakRssMb: Record<string, number>;
  cpuSeconds: Record<string, number>;
  note?: string;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: string) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
  };
  return {
    scenarios: value('scenarios', 'throughput,steady,ceiling').split(','),
    events: Number(value('events', '30000')),
    steadyRate: Number(value('rate', '500')),
    steadySeconds: Number(value('seconds', '20')),
  };
}

const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // A fresh broker and database each run: no backlog or data from a previous run skews the figures.
  await rm(profileDir('bench'), { recursive: true, force: true });
  let infra: Infrastructure | undefined;
  let stack: ServiceStack | undefined;
  const receivers = new Receivers();
  const kafka = createKafka({ brokers: ['127.0.0.1:29092'], clientId: 'hookline-bench' });
  const producer = new MessageProducer(kafka);
  const results: ScenarioResult[] = [];
  try {
    log('starting Kafka and Postgres (bench profile)');
    infra = await startInfrastructure({ profile: 'bench', partitions: 12, log });
    const adminToken = `hka_bench_${randomUUID()}`;
    stack = new ServiceStack({
      env: {
        KAFKA_BROKERS: infra.kafkaBrokers,
        DATABASE_URL: infra.databaseUrl,
        HOOKLINE_ADMIN_TOKEN: adminToken,
        HOOKLINE_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
        HOOKLINE_ALLOW_INSECURE_URLS: 'true',
        HOOKLINE_ALLOW_PRIVATE_NETWORKS: 'true',
        HOOKLINE_HTTP_HOST: '127.0.0.1',
        HOOKLINE_LOG_LEVEL: 'warn',
      },
      ports: BenchPorts,
      output: { dir: join(repoRoot, 'test-output', 'bench-logs') },
      restart: false,
      log,
    });
    await stack.start();
    await receivers.start();
    const kafkaProcess = await kafkaPid(join(profileDir('bench'), 'kafka'));
    const postgresProcess = await postmasterPid(join(profileDir('bench'), 'postgres'));
    const usage = new ProcessSampler(() => ({
      ...Object.fromEntries(ServiceNames.map((name) => [name, stack?.pid(name)])),
      receiver: receivers.pid,
      kafka: kafkaProcess,
      postgres: postgresProcess,
      bench: process.pid,
    }), new Set(['postgres']));
    const registryUrl = stack.url('registry');
    const types = Array.from({ length: SUBSCRIPTIONS }, (_, index) => `bench.type${index}`);
    const tenant = await createBenchTenant(
      registryUrl,
      adminToken,
      'bench',
      types.map((type, index) => ({ eventType: type, url: receivers.url(`/hooks/${index}`), maxInFlight: MAX_IN_FLIGHT })),
    );
    const events = new BenchEventProducer(producer, tenant.tenantId, types, randomUUID());

    log('warming up (2,000 events, not measured)');
    const warm = await events.produce(2000);
    await receivers.waitUntil(() => warm.every((seq) => receivers.firstArrival.has(seq)), 60_000);

    const measure = async (scenario: string, run: () => Promise<number[]>, timeoutMs: number): Promise<ScenarioResult> => {
      receivers.reset();
      await usage.start();
      const started = Date.now();
      const sequences = await run();
      const complete = await receivers.waitUntil(() => receivers.firstArrival.size >= sequences.length, timeoutMs);
      const { peakRssMb, cpuSeconds } = await usage.stop();
      const arrivals = sequences.flatMap((seq) => {
        const at = receivers.firstArrival.get(seq);
        const accepted = events.acceptedAt.get(seq);
        return at === undefined || accepted === undefined ? [] : [{ at, latency: at - accepted }];
      });
      const last = Math.max(...arrivals.map((arrival) => arrival.at));
      return {
        scenario,
        offered: sequences.length,
        delivered: arrivals.length,
        perSecond: Math.round(ratePerSecond(arrivals.length, started, last)),
        latencyMs: summarizeLatencies(arrivals.map((arrival) => arrival.latency)),
        duplicates: receivers.duplicates(),
        peakRssMb,
        cpuSeconds,
        ...(complete ? {} : { note: `timed out after ${timeoutMs / 1000} s` }),
      };
    };

    if (options.scenarios.includes('throughput')) {
      log(`throughput: ${options.events} events from a Kafka producer at full speed, ${SUBSCRIPTIONS} subscriptions`);
      results.push(await measure('throughput', () => events.produce(options.events), 180_000));
    }
    if (options.scenarios.includes('steady')) {
      log(`steady: ${options.steadyRate} events/s offered for ${options.steadySeconds} s`);
      results.push(await measure('steady', () => events.offer(options.steadyRate, options.steadySeconds), 60_000));
    }
    if (options.scenarios.includes('ceiling')) {
      const requests = options.events;
      const concurrency = SUBSCRIPTIONS * MAX_IN_FLIGHT;
      log(`ceiling: ${requests} plain HTTP POSTs straight to the receivers, concurrency ${concurrency}`);
      await usage.start();
      const ceiling = await measureCeiling(receivers.url('/hooks/ceiling'), requests, concurrency);
      results.push({
        scenario: 'ceiling',
        offered: requests,
        delivered: requests,
        perSecond: Math.round(ceiling.perSecond),
        latencyMs: ceiling.latencyMs,
        duplicates: 0,
        ...(await usage.stop()),
        note: 'request latency, no pipeline',
      });
    }
  } finally {
    receivers.stop();
    await producer.disconnect().catch(() => undefined);
    await stack?.stop();
    if (infra) await stopInfrastructure('bench', infra.started);
  }
  report(results);
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(text?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function report(results: ScenarioResult[]): void {
  const ceiling = results.find((result) => result.scenario === 'ceiling');
  const fmt = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '-');
  console.log('');
  console.log('scenario     offered  delivered  deliveries/s  of ceiling  p50 ms  p95 ms  p99 ms  dupes  peak RSS MB (per service)');
  for (const result of results) {
    const share = ceiling !== undefined && result.scenario === 'throughput' ? `${((100 * result.perSecond) / ceiling.perSecond).toFixed(0)} %` : '-';
    const rss = Object.entries(result.peakRssMb).filter(([name]) => (ServiceNames as readonly string[]).includes(name)).map(([name, mb]) => `${name} ${mb}`).join(', ');
    console.log(
      `${result.scenario.padEnd(12)} ${String(result.offered).padStart(7)}  ${String(result.delivered).padStart(9)}  ${String(result.perSecond).padStart(12)}  ${share.padStart(10)}  ${fmt(result.latencyMs.p50).padStart(6)}  ${fmt(result.latencyMs.p95).padStart(6)}  ${fmt(result.latencyMs.p99).padStart(6)}  ${String(result.duplicates).padStart(5)}  ${rss}${result.note ? `  (${result.note})` : ''}`,
    );
  }
  console.log('');
  console.log('CPU seconds per process during each scenario:');
  for (const result of results) {
    console.log(`  ${result.scenario.padEnd(12)} ${Object.entries(result.cpuSeconds).map(([name, seconds]) => `${name} ${seconds}`).join(', ')}`);
  }
  console.log(JSON.stringify({ bench: results }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
