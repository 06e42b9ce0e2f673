import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';

/** Debian's Chromium, which the console's browser specs drive headless. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], log: (line: string) => void): Promise<void> {
  log(`${command} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * The Chromium the browser specs use: `HOOKLINE_CHROMIUM_PATH`, else Debian's package, installed with
 * apt-get when it is missing and the tests run as root (a fresh CI machine); otherwise the error says
 * what to install.
 */
export async function ensureChromium(log: (line: string) => void): Promise<string> {
  const configured = process.env.HOOKLINE_CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    if (await isExecutable(configured)) return configured;
    throw new Error(`HOOKLINE_CHROMIUM_PATH=${configured} is not an executable file`);
  }
  if (await isExecutable(DEFAULT_CHROMIUM_PATH)) return DEFAULT_CHROMIUM_PATH;
  if (process.getuid?.() !== 0 || !(await isExecutable('/usr/bin/apt-get'))) {
    throw new Error(
      `the console's browser specs need Chromium at ${DEFAULT_CHROMIUM_PATH}: install it (Debian/Ubuntu: sudo apt-get install chromium) or set HOOKLINE_CHROMIUM_PATH`,
    );
  }
  log('installing Chromium for the console specs (apt-get install chromium)');
  try {
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], log);
  } catch {
    // A machine whose package lists were never fetched knows no chromium package yet.
    await run('apt-get', ['update'], log);
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], log);
  }
  if (await isExecutable(DEFAULT_CHROMIUM_PATH)) return DEFAULT_CHROMIUM_PATH;
  throw new Error(`apt-get installed chromium but ${DEFAULT_CHROMIUM_PATH} is still missing`);
}
