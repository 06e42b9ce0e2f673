import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stack } from './stack';

/**
 * Takes the test stack's Kafka broker or Postgres down for real and brings it back on the same data,
 * for the fault tier. Both are daemons of the test profile; the built infrastructure command stops and
 * starts them (it runs in plain Node, where the embedded Postgres package loads, unlike inside Jest).
 */
const execFileAsync = promisify(execFile);
const infraCommand = join(process.cwd(), 'dist', 'tools', 'infra', 'cli.js');

async function infra(args: string[]): Promise<void> {
  const { infra: running } = stack();
  if (running.profile !== 'test') throw new Error(`the fault tier restarts only the test profile's infrastructure, not ${running.profile}`);
  await execFileAsync(process.execPath, [infraCommand, ...args, '--profile', 'test'], { timeout: 180_000 });
}

/** Whether Postgres is the embedded one the runner started (an external DATABASE_URL is not ours to restart). */
export const postgresIsOurs = (): boolean => stack().infra.postgresEmbedded;

/** Stops one daemon (`crash`: SIGKILL for Kafka, no checkpoint for Postgres), runs `whileDown`, starts it again. */
export async function withDown<T>(component: 'kafka' | 'postgres', crash: boolean, whileDown: () => Promise<T>): Promise<T> {
  await infra(['down', '--only', component, ...(crash ? ['--crash'] : [])]);
  try {
    return await whileDown();
  } finally {
    // `up` starts what is stopped and adopts what runs; topics and migrations are already in place.
    await infra(['up']);
  }
}
