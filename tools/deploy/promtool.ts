import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir, repoRoot } from '../infra/paths';
import { findExecutable } from './executables';

export type PromtoolLookup = { available: true; path: string } | { available: false; reason: string };

export interface PromtoolRun {
  status: number | null;
  /** stdout and stderr together: promtool reports successes on one and failures on the other. */
  output: string;
}

/** A promtool taken from Debian's `prometheus` package is kept here (`.cache/` is git-ignored). */
export const cachedPromtoolPath = (): string => join(cacheDir(), 'promtool', 'promtool');

function runOrThrow(command: string, args: string[], cwd: string): void {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (run.error) throw new Error(`${command} ${args.join(' ')} could not run: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${run.status ?? run.signal}: ${run.stderr.trim()}`);
}

/** apt-get download works without root; only the promtool binary of the package is kept. */
function fetchFromDebian(target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  // Inside the cache directory, so the final rename stays on one file system and is atomic.
  const work = mkdtempSync(join(dirname(target), 'fetch-'));
  try {
    runOrThrow('apt-get', ['download', 'prometheus'], work);
    const deb = readdirSync(work).find((file) => file.startsWith('prometheus_') && file.endsWith('.deb'));
    if (deb === undefined) throw new Error(`apt-get download prometheus left no prometheus_*.deb in ${work}`);
    runOrThrow('dpkg-deb', ['-x', deb, 'tree'], work);
    const binary = join(work, 'tree', 'usr', 'bin', 'promtool');
    if (!existsSync(binary)) throw new Error(`${deb} holds no usr/bin/promtool`);
    renameSync(binary, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Finds promtool: `HOOKLINE_PROMTOOL`, then PATH, then the cached copy; otherwise fetches Debian's
 * `prometheus` package with apt-get and dpkg-deb. Says what is missing when none of that is possible;
 * throws when a fetch that should work fails, so a broken mirror is not mistaken for "no promtool".
 */
export function ensurePromtool(): PromtoolLookup {
  const configured = process.env.HOOKLINE_PROMTOOL;
  if (configured) {
    return existsSync(configured) ? { available: true, path: configured } : { available: false, reason: `HOOKLINE_PROMTOOL=${configured} does not exist` };
  }
  const installed = findExecutable('promtool');
  if (installed !== undefined) return { available: true, path: installed };
  const cached = cachedPromtoolPath();
  if (existsSync(cached)) return { available: true, path: cached };
  const missing = ['apt-get', 'dpkg-deb'].filter((tool) => findExecutable(tool) === undefined);
  if (missing.length > 0) {
    return {
      available: false,
      reason:
        `promtool is not on PATH and ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not available to take it from ` +
        "Debian's prometheus package; install promtool or set HOOKLINE_PROMTOOL to one",
    };
  }
  fetchFromDebian(cached);
  return { available: true, path: cached };
}

/** Runs promtool from the repository root, so the paths given are the ones the docs show. */
export function runPromtool(promtool: string, args: string[]): PromtoolRun {
  const run = spawnSync(promtool, args, { cwd: repoRoot, encoding: 'utf8' });
  if (run.error) throw new Error(`${promtool} could not run: ${run.error.message}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
