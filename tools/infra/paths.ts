import { join, resolve } from 'node:path';

/** Repository root, whether running from tools/ (tests) or dist/tools/ (built). */
export const repoRoot = resolve(__dirname, __dirname.includes(`${join('dist', 'tools')}`) ? '../../..' : '../..');

export const cacheDir = (): string => resolve(process.env.HOOKLINE_CACHE_DIR ?? join(repoRoot, '.cache'));
export const dataDir = (): string => resolve(process.env.HOOKLINE_DATA_DIR ?? join(repoRoot, '.data'));
