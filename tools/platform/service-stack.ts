import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DefaultGrpcPort, DefaultHttpPorts, ServiceNames, type ServiceName } from '@hookline/contracts';
import { repoRoot } from '../infra/paths';
import { sleep, terminate, waitUntil } from '../infra/process-control';

export type ServicePorts = Record<ServiceName, number> & { grpc: number };

export const DevPorts: ServicePorts = { ...DefaultHttpPorts, grpc: DefaultGrpcPort };

export interface StackOptions {
  /** Environment shared by every service (Kafka, Postgres, tokens, flags). */
  env: Record<string, string>;
  /** Environment of one service only, on top of `env` (the console's settings of the registry, CORS of ingest). */
  envOf?: Partial<Record<ServiceName, Record<string, string>>>;
  ports: ServicePorts;
  /** Where each service's output goes: `console` prefixes lines on stdout, a directory gets one log file per service. */
  output: 'console' | { dir: string };
  /** Restart a service that exits on its own, or that a test killed. */
  restart: boolean;
  /** Called once a restarted service's new process is spawned (the test runner re-publishes its pid). */
  onRestart?: (name: ServiceName, pid: number | undefined) => void;
  log?: (line: string) => void;
}

interface Supervised {
  name: ServiceName;
  child: ChildProcess | undefined;
  /** Restarts in a row without a stable run between them; sets the back-off. */
  restarts: number;
  spawnedAt: number;
}

/** A process that ran this long before it exited was healthy; its next restart is immediate again. */
const STABLE_RUN_MS = 60_000;

/**
 * What lets the console served by the registry on `registryPort` call ingest on `ingestUrl` from a
 * browser: the registry tells the console where ingest is, and ingest allows the registry's origin, as
 * it is reached by address or by name.
 */
export function consoleEnv(registryPort: number, ingestUrl: string): Partial<Record<ServiceName, Record<string, string>>> {
  return {
    registry: { HOOKLINE_CONSOLE_INGEST_URL: ingestUrl },
    ingest: { HOOKLINE_CORS_ORIGINS: `http://127.0.0.1:${registryPort},http://localhost:${registryPort}` },
  };
}

export const serviceEntry = (name: ServiceName) => join(repoRoot, 'dist', 'apps', name, 'src', 'main.js');

/** The five services as child processes of this one, with their output, restarts and a clean stop. */
export class ServiceStack {
  private readonly services = new Map<ServiceName, Supervised>();
  private stopping = false;
  private readonly files: WriteStream[] = [];

  constructor(private readonly options: StackOptions) {}

  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.options.ports[name]}`;
  }

  /** `host:port` of the registry's gRPC API. */
  grpcTarget(): string {
    return `127.0.0.1:${this.options.ports.grpc}`;
  }

  async start(): Promise<void> {
    if (this.options.output !== 'console') await mkdir(this.options.output.dir, { recursive: true });
    for (const name of ServiceNames) {
      const supervised: Supervised = { name, child: undefined, restarts: 0, spawnedAt: 0 };
      this.services.set(name, supervised);
      this.spawn(supervised);
    }
    await this.waitUntilReady();
  }

  /** Resolves once every service answers 200 on /readyz. */
  async waitUntilReady(timeoutMs = 120000): Promise<void> {
    await Promise.all(
      ServiceNames.map((name) =>
        waitUntil(`${name} /readyz`, async () => (await fetch(`${this.url(name)}/readyz`)).status === 200, timeoutMs),
      ),
    );
  }

  pid(name: ServiceName): number | undefined {
    return this.services.get(name)?.child?.pid;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.services.values()].map(async (supervised) => {
        const pid = supervised.child?.pid;
        supervised.child = undefined;
        if (pid !== undefined) await terminate(pid, 15000);
      }),
    );
    await Promise.all(this.files.map((file) => new Promise((resolve) => file.end(resolve))));
  }

  private spawn(supervised: Supervised): void {
    const { name } = supervised;
    const port = this.options.ports[name];
    const child = spawn(process.execPath, ['--enable-source-maps', serviceEntry(name)], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...this.options.env,
        ...this.options.envOf?.[name],
        HOOKLINE_HTTP_PORT: String(port),
        ...(name === 'registry' ? { HOOKLINE_GRPC_PORT: String(this.options.ports.grpc) } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervised.child = child;
    supervised.spawnedAt = Date.now();
    this.pipeOutput(name, child);
    child.once('exit', (code, signal) => {
      if (this.stopping || supervised.child !== child) return;
      supervised.child = undefined;
      this.options.log?.(`${name} exited (${signal ?? `code ${code}`})`);
      if (!this.options.restart) return;
      supervised.restarts = Date.now() - supervised.spawnedAt >= STABLE_RUN_MS ? 1 : supervised.restarts + 1;
      const delay = Math.min(30000, 500 * 2 ** Math.min(supervised.restarts, 6));
      void sleep(delay).then(() => {
        if (this.stopping || supervised.child !== undefined) return;
        this.spawn(supervised);
        this.options.onRestart?.(name, this.pid(name));
      });
    });
  }

  private pipeOutput(name: ServiceName, child: ChildProcess): void {
    if (this.options.output === 'console') {
      const prefix = `${name.padEnd(15)} | `;
      const forward = (chunk: Buffer) => {
        const text = chunk.toString().replace(/\n(?!$)/g, `\n${prefix}`);
        process.stdout.write(`${prefix}${text}`);
      };
      child.stdout?.on('data', forward);
      child.stderr?.on('data', forward);
      return;
    }
    const file = createWriteStream(join(this.options.output.dir, `${name}.log`), { flags: 'a' });
    this.files.push(file);
    child.stdout?.pipe(file, { end: false });
    child.stderr?.pipe(file, { end: false });
  }
}
