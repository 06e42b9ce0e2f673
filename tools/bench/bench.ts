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
import { runFanout } from './fanout-scenario';
import { runIsolation } from './isolation-scenario';
import { measure, warmUp, type BenchContext, type ScenarioResult } from './measure';
import { Receivers } from './receivers';
import type { LatencyRatio } from './stats';
import { ProcessSampler } from './process-sampler';
import { soakReportLines } from './soak-report';
import { runSoak } from './soak-scenario';

/**
 * `npm run bench` (SPEC §9): starts its own Kafka, Postgres and five services on the `bench` profile,
 * delivers to real receivers on loopback and prints, per scenario, what was offered and delivered,
 * deliveries per second, end-to-end latency (Kafka ack of the event → receiver got it) and the peak
 * RSS of each service. Every scenario is bounded in events and time. `soak` (10 minutes, memory per
 * service over time) runs only when named: `--scenarios soak`.
 */
const BenchPorts: ServicePorts = { registry: 28080, ingest: 28081, dispatcher: 28082, 'retry-scheduler': 28083, 'status-notifier': 28084, grpc: 25051 };
const SUBSCRIPTIONS = 10;
const MAX_IN_FLIGHT = 10;
/** Each tenant's events get their own range of sequence numbers, so no receipt is taken for another's. */
const SEQ_BLOCK = 10_000_000;

interface Options {
  scenarios: string[];
  events: number;
  steadyRate: number;
  steadySeconds: number;
  fanoutEvents: number;
  isolationRate: number;
  isolationSeconds: number;
  soakRate: number;
  soakMinutes: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: string) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
  };
  return {
    scenarios: value('scenarios', 'throughput,steady,fanout,isolation,ceiling').split(','),
    events: Number(value('events', '30000')),
    steadyRate: Number(value('rate', '500')),
    steadySeconds: Number(value('seconds', '20')),
    fanoutEvents: Number(value('fanout-events', '1500')),
    isolationRate: Number(value('isolation-rate', '200')),
    isolationSeconds: Number(value('isolation-seconds', '20')),
    soakRate: Number(value('soak-rate', '800')),
    soakMinutes: Number(value('soak-minutes', '10')),
  };
}

const log = (line: string) => console.log(`[bench] ${line}`);
/** One subscription per event type in the main tenant: one delivery per event. */
const onePerEvent = (sequences: readonly number[]) => sequences.length;
/** Scenarios that offer events at full speed, so their rate is comparable with the raw HTTP ceiling. */
const FULL_SPEED = new Set(['throughput', 'fanout']);

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
      types.map((type, index) => ({ eventTypes: [type], url: receivers.url(`/hooks/${index}`), maxInFlight: MAX_IN_FLIGHT })),
    );
    const runId = randomUUID();
    const context: BenchContext = { registryUrl, adminToken, receivers, producer, usage, runId, log };
    const events = new BenchEventProducer(producer, tenant.tenantId, types, runId);

    log('warming up (2,000 events, not measured)');
    await warmUp(context, () => events.produce(2000), onePerEvent);

    if (options.scenarios.includes('throughput')) {
      log(`throughput: ${options.events} events from a Kafka producer at full speed, ${SUBSCRIPTIONS} subscriptions`);
      const run = () => events.produce(options.events);
      results.push(await measure(context, events, { scenario: 'throughput', run, expected: onePerEvent, timeoutMs: 180_000 }));
    }
    if (options.scenarios.includes('steady')) {
      log(`steady: ${options.steadyRate} events/s offered for ${options.steadySeconds} s`);
      const run = () => events.offer(options.steadyRate, options.steadySeconds);
      results.push(await measure(context, events, { scenario: 'steady', run, expected: onePerEvent, timeoutMs: 60_000 }));
    }
    if (options.scenarios.includes('fanout')) {
      results.push(await runFanout(context, options.fanoutEvents, SEQ_BLOCK));
    }
    if (options.scenarios.includes('isolation')) {
      results.push(...(await runIsolation(context, options.isolationRate, options.isolationSeconds, 2 * SEQ_BLOCK)));
    }
    if (options.scenarios.includes('soak')) {
      const soakStack = {
        ingestUrl: stack.url('ingest'),
        // The bench profile's own directory: kept until the next bench run wipes it.
        samplesFile: join(profileDir('bench'), 'soak-memory.json'),
        memoryTargets: () => Object.fromEntries(ServiceNames.map((name) => [name, { pid: stack?.pid(name), metricsUrl: `${stack?.url(name) ?? ''}/metrics` }])),
      };
      results.push(await runSoak(context, { ratePerSecond: options.soakRate, minutes: options.soakMinutes }, soakStack, 3 * SEQ_BLOCK));
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
        expected: requests,
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
  const width = Math.max(12, ...results.map((result) => result.scenario.length));
  console.log('');
  console.log(`${'scenario'.padEnd(width)}  offered  expected  delivered  deliveries/s  of ceiling  p50 ms  p95 ms  p99 ms  dupes  peak RSS MB (per service)`);
  for (const result of results) {
    const share = ceiling !== undefined && FULL_SPEED.has(result.scenario) ? `${((100 * result.perSecond) / ceiling.perSecond).toFixed(0)} %` : '-';
    const rss = Object.entries(result.peakRssMb).filter(([name]) => (ServiceNames as readonly string[]).includes(name)).map(([name, mb]) => `${name} ${mb}`).join(', ');
    console.log(
      `${result.scenario.padEnd(width)}  ${String(result.offered).padStart(7)}  ${String(result.expected).padStart(8)}  ${String(result.delivered).padStart(9)}  ${String(result.perSecond).padStart(12)}  ${share.padStart(10)}  ${fmt(result.latencyMs.p50).padStart(6)}  ${fmt(result.latencyMs.p95).padStart(6)}  ${fmt(result.latencyMs.p99).padStart(6)}  ${String(result.duplicates).padStart(5)}  ${rss}${result.note ? `  (${result.note})` : ''}`,
    );
  }
  reportIsolation(results);
  reportSoak(results);
  console.log('');
  console.log('CPU seconds per process during each scenario:');
  for (const result of results) {
    console.log(`  ${result.scenario.padEnd(width)} ${Object.entries(result.cpuSeconds).map(([name, seconds]) => `${name} ${seconds}`).join(', ')}`);
  }
  console.log(JSON.stringify({ bench: results }));
}

function reportSoak(results: ScenarioResult[]): void {
  const soak = results.find((result) => result.scenario === 'soak')?.soak;
  if (soak === undefined) return;
  console.log('');
  for (const line of soakReportLines(soak)) console.log(line);
}

/** The isolation row counts healthy endpoints only; this is the rest of its story. */
function reportIsolation(results: ScenarioResult[]): void {
  const isolation = results.find((result) => result.scenario === 'isolation');
  if (isolation === undefined) return;
  console.log('');
  const ratio = isolation.healthyLatencyVsBaseline;
  if (ratio !== undefined) {
    const show = (name: string, { p50, p95, p99 }: LatencyRatio) => `${name} p50 ${p50}×, p95 ${p95}×, p99 ${p99}×`;
    console.log(`isolation: healthy endpoints' latency over the same load with no bad endpoint: ${show('before', ratio.before)}; ${show('after', ratio.after)}`);
  }
  for (const bad of isolation.badEndpoints ?? []) {
    const what = bad.behaviour === 'hang' ? 'hang past the 1 s timeout' : 'answer 500';
    console.log(`isolation: ${bad.subscriptions} endpoints that ${what}: ${bad.deliveries} deliveries routed, ${bad.attempts} attempts received`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
