import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { findExecutable } from './executables';

/** Builds Go command-line tools from source and fetches Go modules, through the Go module proxy only. */

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion with separate stdout and stderr; `input` is written to its stdin. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }),
    );
    child.stdin.end(options.input ?? '');
  });
}

/** The `go` executable on PATH, or undefined when there is none. */
export function findGo(path = process.env.PATH ?? ''): string | undefined {
  return findExecutable('go', path);
}

export interface GoTool {
  /** Binary name `go install` writes. */
  name: string;
  /** Package path of the main package. */
  pkg: string;
  version: string;
  ldflags?: string;
}

/** Environment for go commands: no workspace file from a parent directory, static binaries. */
const goEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, GOWORK: 'off', CGO_ENABLED: '0', ...extra });

async function goOrFail(go: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  const result = await runProcess(go, args, options);
  if (result.code !== 0) throw new Error(`go ${args.join(' ')} exited with ${result.code}\n${result.stderr}`);
  return result.stdout;
}

/**
 * The path of `tool` built into `binDir`, running `go install` only when the binary is missing or was
 * built from another version (a stamp beside it records what it was built from).
 */
export async function ensureGoTool(go: string, tool: GoTool, binDir: string, log: (line: string) => void = () => {}): Promise<string> {
  const binary = join(binDir, tool.name);
  const stampFile = join(binDir, `${tool.name}.stamp`);
  const stamp = `${tool.pkg}@${tool.version} ${tool.ldflags ?? ''}`.trim();
  const built = await readFile(stampFile, 'utf8').catch(() => undefined);
  if (built?.trim() === stamp && isExecutable(binary)) return binary;

  await mkdir(binDir, { recursive: true });
  log(`building ${tool.name} ${tool.version} from source with go install (the first build takes minutes)`);
  const startedAt = Date.now();
  const args = ['install', ...(tool.ldflags ? [`-ldflags=${tool.ldflags}`] : []), `${tool.pkg}@${tool.version}`];
  await goOrFail(go, args, { cwd: binDir, env: goEnv({ GOBIN: binDir }) });
  await writeFile(stampFile, `${stamp}\n`);
  log(`built ${tool.name} in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  return binary;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const downloadAnswer = z.object({ Dir: z.string().min(1) });

/** Downloads one module version into the module cache and returns its directory (read-only). */
export async function downloadGoModule(go: string, module: string, version: string, workDir: string): Promise<string> {
  await mkdir(workDir, { recursive: true });
  const stdout = await goOrFail(go, ['mod', 'download', '-json', `${module}@${version}`], {
    cwd: workDir,
    env: goEnv({ GOFLAGS: '-mod=mod' }),
  });
  return downloadAnswer.parse(JSON.parse(stdout)).Dir;
}
