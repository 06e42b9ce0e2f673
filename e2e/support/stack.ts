import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ServiceName } from '@hookline/contracts';
import { createKafka } from '@hookline/messaging';

interface StackFile {
  urls: Record<ServiceName, string>;
  /** `host:port` of the registry's gRPC API. */
  grpc: string;
  pids: Record<ServiceName, number>;
  env: Record<string, string>;
  infra: { profile: string; postgresEmbedded: boolean };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run end-to-end specs with \`npm test -- --tier e2e\``);
  return value;
}

/** The running stack the test runner started: service URLs and process ids. */
export function stack(): StackFile {
  return JSON.parse(readFileSync(required('HOOKLINE_TEST_STACK_FILE'), 'utf8')) as StackFile;
}

export const kafkaBrokers = () => required('HOOKLINE_TEST_KAFKA_BROKERS');
export const testKafka = (clientId: string) => createKafka({ brokers: [kafkaBrokers()], clientId });

export async function withDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: required('HOOKLINE_TEST_DATABASE_URL') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Polls until `probe` returns a value other than undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | undefined;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error : new Error(String(error));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not reached within ${timeoutMs} ms${last ? `: ${last.message}` : ''}`);
}

/** SIGKILLs one service of the stack (no shutdown hooks run) and returns the pid it had. */
export function killService(name: ServiceName): number {
  const pid = stack().pids[name];
  process.kill(pid, 'SIGKILL');
  return pid;
}

/**
 * Waits until the runner restarted a killed service: `stack.json` names a new pid and the new process
 * answers /readyz. Resolves with the new pid.
 */
export async function waitForRestart(name: ServiceName, killedPid: number, timeoutMs = 60000): Promise<number> {
  return eventually(async () => {
    const current = stack();
    const pid = current.pids[name];
    if (pid === undefined || pid === killedPid) return undefined;
    const ready = await fetch(`${current.urls[name]}/readyz`);
    return ready.status === 200 ? pid : undefined;
  }, timeoutMs);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Restarts one service the quick way: SIGTERM lets its Kafka consumers leave their groups (so the new
 * process gets its partitions at once instead of after the session timeout), SIGKILL follows if it has
 * not exited within `graceMs`. Resolves with the new pid once it is ready.
 */
export async function restartService(name: ServiceName, graceMs = 3000): Promise<number> {
  const pid = stack().pids[name];
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return waitForRestart(name, pid);
}

/** A replica started by a spec, beside the stack's own process of that service. */
export interface ExtraReplica {
  url: string;
  /**
   * SIGTERM (its consumers leave their groups), SIGKILL after `graceMs`: long enough for a clean exit,
   * since a killed member holds its partitions until its session times out, stalling later specs.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts one more process of a service with the stack's environment on `port`, changed by `envOverrides`
 * (a registry replica needs its own `HOOKLINE_GRPC_PORT`); resolves once it is ready.
 */
export async function startReplica(name: ServiceName, port: number, envOverrides: Record<string, string> = {}): Promise<ExtraReplica> {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'apps', name, 'src', 'main.js')], {
    env: { ...process.env, ...stack().env, HOOKLINE_HTTP_PORT: String(port), ...envOverrides },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  let ready: boolean;
  try {
    // A replica that exits at start-up (a bad override, a port in use) stops the wait at once.
    ready = await eventually(async () => (exitCode !== undefined ? false : (await fetch(`${url}/readyz`)).status === 200 || undefined), 60000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  if (!ready) throw new Error(`${name} replica on port ${port} exited with code ${String(exitCode)} before it was ready`);
  return {
    url,
    async stop(graceMs = 30000) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
