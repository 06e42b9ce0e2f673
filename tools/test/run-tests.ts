import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ServiceNames } from '@hookline/contracts';
import { startInfrastructure, stopInfrastructure, type Infrastructure } from '../infra/infrastructure';
import { repoRoot } from '../infra/paths';
import { consoleEnv, ServiceStack, type ServicePorts } from '../platform/service-stack';
import { ensureChromium } from './chromium';

/**
 * `npm test`: the unit tier, then the integration tier against a real Kafka broker and Postgres,
 * then the end-to-end tier against all five services, then the fault tier (services killed, Kafka and
 * Postgres restarted under load) against the same stack, each as its own Jest run. The fault tier runs
 * its short profile unless `--full` is given (`npm run test:faults`). Prints one closing line
 * `N passed, N failed` over all tiers and exits non-zero when anything failed.
 */
const tiers = ['unit', 'integration', 'e2e', 'faults'] as const;
type Tier = (typeof tiers)[number];

export const TestPorts: ServicePorts = {
  registry: 18080,
  ingest: 18081,
  dispatcher: 18082,
  'retry-scheduler': 18083,
  'status-notifier': 18084,
  grpc: 15051,
};

/** Where the end-to-end specs receive the stack's spans. */
const OTLP_TEST_PORT = 18086;

const outputDir = join(repoRoot, 'test-output');
const log = (line: string) => console.log(`[test] ${line}`);

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numRuntimeErrorTestSuites: number;
  numFailedTestSuites: number;
}

function runJest(tier: Tier, env: Record<string, string>, extraArgs: string[]): Promise<JestSummary> {
  const resultFile = join(outputDir, `${tier}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'),
        '-c',
        join(repoRoot, `jest.${tier}.config.js`),
        '--ci',
        '--json',
        `--outputFile=${resultFile}`,
        ...extraArgs,
      ],
      { cwd: repoRoot, env: { ...process.env, ...env }, stdio: 'inherit' },
    );
    child.once('error', reject);
    child.once('close', () => {
      readFile(resultFile, 'utf8').then(
        (text) => resolve(JSON.parse(text) as JestSummary),
        // No result file: Jest itself failed before running (bad config, crash); count it as a failure.
        () => resolve({ numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numRuntimeErrorTestSuites: 1, numFailedTestSuites: 1 }),
      );
    });
  });
}

function parseArgs(argv: string[]): { selected: Tier[]; full: boolean; jestArgs: string[] } {
  const full = argv.includes('--full');
  const rest = argv.filter((arg) => arg !== '--full');
  const index = rest.indexOf('--tier');
  if (index < 0) return { selected: [...tiers], full, jestArgs: rest };
  const tier = rest[index + 1] as Tier;
  if (!tiers.includes(tier)) throw new Error(`--tier takes one of ${tiers.join(', ')}`);
  return { selected: [tier], full, jestArgs: [...rest.slice(0, index), ...rest.slice(index + 2)] };
}

async function main(): Promise<number> {
  const { selected, full, jestArgs } = parseArgs(process.argv.slice(2));
  const needsStack = selected.includes('e2e') || selected.includes('faults');
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  const summaries: JestSummary[] = [];
  let infra: Infrastructure | undefined;
  let stack: ServiceStack | undefined;
  try {
    // Found (or installed) before anything starts, so a machine without a browser fails in seconds.
    const chromiumPath = selected.includes('e2e') ? await ensureChromium(log) : undefined;
    if (selected.includes('unit')) summaries.push(await runJest('unit', {}, jestArgs));
    if (selected.includes('integration') || needsStack) {
      log('starting Kafka and Postgres for the integration, end-to-end and fault tiers');
      infra = await startInfrastructure({ profile: 'test', databaseUrl: process.env.DATABASE_URL, partitions: 6, log });
    }
    const env: Record<string, string> = infra
      ? { HOOKLINE_TEST_KAFKA_BROKERS: infra.kafkaBrokers, HOOKLINE_TEST_DATABASE_URL: infra.databaseUrl }
      : {};
    if (selected.includes('integration')) summaries.push(await runJest('integration', env, jestArgs));
    if (needsStack && infra) {
      const adminToken = `hka_test_${Date.now()}_admin_token`;
      const stackFile = join(outputDir, 'stack.json');
      const serviceEnv: Record<string, string> = {
        KAFKA_BROKERS: infra.kafkaBrokers,
        DATABASE_URL: infra.databaseUrl,
        HOOKLINE_ADMIN_TOKEN: adminToken,
        HOOKLINE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        HOOKLINE_ALLOW_INSECURE_URLS: 'true',
        HOOKLINE_ALLOW_PRIVATE_NETWORKS: 'true',
        HOOKLINE_HTTP_HOST: '127.0.0.1',
        // Every spec calls from 127.0.0.1 and several send bad tokens on purpose: none may throttle another.
        // e2e/src/auth-throttling.e2e-spec.ts checks the limit on replicas of its own.
        HOOKLINE_AUTH_FAILURE_LIMIT: '100000',
        // Alert mail goes to the specs' own SMTP server (e2e/support/mailbox.ts), retried until it listens.
        HOOKLINE_SMTP_URL: 'smtp://127.0.0.1:18025',
        HOOKLINE_MAIL_POLL_INTERVAL_MS: '250',
        HOOKLINE_PUBLIC_API_URL: `http://127.0.0.1:${TestPorts.registry}`,
        // Spans go to the specs' own OTLP receiver (e2e/support/trace-collector.ts), exported every 200 ms;
        // while it is not listening the exports fail and are dropped.
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${OTLP_TEST_PORT}`,
        OTEL_BSP_SCHEDULE_DELAY: '200',
      };
      // Specs read service URLs and pids from this file; a service they kill is restarted by the stack,
      // and the file is rewritten (atomically) with its new pid.
      let writes = 0;
      const writeStackFile = async (running: ServiceStack) => {
        const temporary = `${stackFile}.${(writes += 1)}.tmp`;
        await writeFile(
          temporary,
          JSON.stringify({
            urls: Object.fromEntries(ServiceNames.map((name) => [name, running.url(name)])),
            grpc: running.grpcTarget(),
            pids: Object.fromEntries(ServiceNames.map((name) => [name, running.pid(name)])),
            // Lets a spec start one more replica of a service (a second dispatcher, for a rebalance).
            env: serviceEnv,
            // The fault tier restarts Kafka and Postgres; an external Postgres (DATABASE_URL) is not ours to restart.
            infra: { profile: 'test', postgresEmbedded: process.env.DATABASE_URL === undefined },
          }),
        );
        await rename(temporary, stackFile);
      };
      const services: ServiceStack = new ServiceStack({
        env: serviceEnv,
        // The console e2e spec drives a browser on the registry's /console/, whose events page reads ingest.
        envOf: consoleEnv(TestPorts.registry, `http://127.0.0.1:${TestPorts.ingest}`),
        ports: TestPorts,
        output: { dir: join(outputDir, 'logs') },
        restart: true,
        onRestart: (name, pid) => {
          log(`${name} restarted, pid ${pid ?? 'unknown'}`);
          writeStackFile(services).catch((error: unknown) => log(`could not rewrite ${stackFile}: ${String(error)}`));
        },
        log,
      });
      stack = services;
      log('starting the five services');
      await services.start();
      await writeStackFile(services);
      const stackEnv = { ...env, HOOKLINE_TEST_STACK_FILE: stackFile, HOOKLINE_TEST_ADMIN_TOKEN: adminToken };
      if (selected.includes('e2e')) {
        summaries.push(await runJest('e2e', { ...stackEnv, ...(chromiumPath === undefined ? {} : { HOOKLINE_CHROMIUM_PATH: chromiumPath }) }, jestArgs));
      }
      if (selected.includes('faults')) {
        // Specs of the earlier tier may have left a service restarting; faults start from a ready stack.
        await services.waitUntilReady();
        log(`running the fault tier (${full ? 'full' : 'short'} profile)`);
        summaries.push(await runJest('faults', { ...stackEnv, HOOKLINE_FAULTS_PROFILE: full ? 'full' : 'short' }, jestArgs));
      }
    }
  } finally {
    await stack?.stop();
    if (infra) await stopInfrastructure('test', infra.started);
  }
  const passed = summaries.reduce((sum, s) => sum + s.numPassedTests, 0);
  const failed = summaries.reduce((sum, s) => sum + s.numFailedTests, 0);
  const skipped = summaries.reduce((sum, s) => sum + s.numPendingTests, 0);
  const brokenSuites = summaries.reduce((sum, s) => sum + s.numRuntimeErrorTestSuites, 0);
  if (brokenSuites > 0) log(`${brokenSuites} test suite(s) failed to run`);
  console.log(`${passed} passed, ${failed + brokenSuites} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return failed + brokenSuites > 0 || summaries.some((s) => s.numFailedTestSuites > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
