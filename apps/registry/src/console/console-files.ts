import { basename, dirname, extname, join, resolve, sep } from 'node:path';

/** Where the console is served from, with the trailing slash its relative asset URLs need. */
export const CONSOLE_PATH = '/console';

/**
 * `dist/apps/console`, where `npm run build` puts the console. The registry's compiled files are in
 * `<root>/dist/apps/registry/src/console/` (in the repository and in the image alike); run from its
 * sources, `<root>/apps/registry/src/console/`, the answer is the same directory, never the console's sources.
 */
export function defaultConsoleDir(here: string = __dirname): string {
  const apps = resolve(here, '..', '..', '..');
  const parent = dirname(apps);
  return basename(parent) === 'dist' ? join(apps, 'console') : join(parent, 'dist', 'apps', 'console');
}

// What Vite emits, and what a browser needs to be told with `nosniff` on.
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type of a file by its extension; anything unknown is opaque bytes, which nosniff keeps inert. */
export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** What a request under `/console/` asks for. */
export type ConsoleTarget =
  | { kind: 'index' }
  | { kind: 'config' }
  | { kind: 'asset'; path: string }
  | { kind: 'not-found' };

const NOT_FOUND: ConsoleTarget = { kind: 'not-found' };

/**
 * Reads the part of a request path after `/console/`, still percent-encoded as it came. It is decoded
 * once here and nowhere else, and refused when any segment of the result is `.` or `..` (however it was
 * encoded), or it holds a backslash or NUL, so that no spelling of a path can climb out. Assets are files
 * under `assets/`; `config.json` is the console's settings; any other path without a dot is a screen of
 * the app and gets its `index.html`.
 */
export function consoleTarget(encodedPath: string): ConsoleTarget {
  let path: string;
  try {
    path = decodeURIComponent(encodedPath);
  } catch {
    return NOT_FOUND;
  }
  if (/[\\\0]/.test(path) || path.split('/').some((segment) => segment === '.' || segment === '..')) return NOT_FOUND;
  if (path === '' || path === 'index.html') return { kind: 'index' };
  if (path === 'config.json') return { kind: 'config' };
  if (path.startsWith('assets/')) return { kind: 'asset', path };
  return path.includes('.') ? NOT_FOUND : { kind: 'index' };
}

/** The absolute file of `relative` inside `dir`, or null when it would resolve anywhere else. */
export function fileInside(dir: string, relative: string): string | null {
  const root = resolve(dir);
  const file = resolve(root, relative);
  return file.startsWith(root + sep) ? file : null;
}
