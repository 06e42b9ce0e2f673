// Compiles apps/, libs/, tools/ and examples/ into dist/ with SWC (decorator metadata on, path aliases rewritten
// to relative requires), so every service and script runs as plain `node dist/...`; bundles the web console
// (apps/console, a browser app) with Vite into dist/apps/console, which the registry serves.
import { transformFile } from '@swc/core';
import { mkdir, readdir, stat, writeFile, copyFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const testFile = /\.(spec|int-spec|e2e-spec)\.ts$/;
const copied = /\.(proto|xml|json)$/;
const consoleDir = join(root, 'apps', 'console');
const consoleViteConfig = join(consoleDir, 'vite.config.mjs');
const consoleIndex = join(outDir, 'apps', 'console', 'index.html');
// What the console bundle is made of: its own files and the SDK client it imports.
const consoleSources = [consoleDir, join(root, 'libs', 'sdk', 'src')];

async function* walk(dir, skip = []) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (skip.includes(path)) continue;
    if (entry.isDirectory()) yield* walk(path, skip);
    else yield path;
  }
}

async function isFresh(source, target) {
  try {
    return (await stat(target)).mtimeMs >= (await stat(source)).mtimeMs;
  } catch {
    return false;
  }
}

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

async function build() {
  const jobs = [buildConsole()];
  for (const top of ['apps', 'libs', 'tools', 'examples']) {
    // The service image copies apps, libs and tools only; examples are for local runs.
    if (!existsSync(join(root, top))) continue;
    // The console is Vite's to build: a browser bundle, not CommonJS for Node.
    for await (const file of walk(join(root, top), [consoleDir])) {
      const rel = relative(root, file);
      if (file.endsWith('.ts') && !file.endsWith('.d.ts') && !testFile.test(file) && !rel.includes('__fixtures__')) {
        const target = join(outDir, rel.replace(/\.ts$/, '.js'));
        jobs.push(compile(file, target));
      } else if (copied.test(file) && !rel.endsWith('project.json')) {
        const target = join(outDir, rel);
        jobs.push(isFresh(file, target).then(async (fresh) => {
          if (fresh) return;
          await mkdir(dirname(target), { recursive: true });
          await copyFile(file, target);
        }));
      }
    }
  }
  await Promise.all(jobs);
}

async function compile(file, target) {
  if (await isFresh(file, target)) return;
  const output = await transformFile(file, { ...swcOptions, filename: file, sourceFileName: relative(dirname(target), file) });
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${output.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
  if (output.map) await writeFile(`${target}.map`, output.map);
}

/** Whether any console source is newer than the built index.html, or there is none. */
async function consoleIsStale() {
  let built;
  try {
    built = (await stat(consoleIndex)).mtimeMs;
  } catch {
    return true;
  }
  for (const dir of consoleSources) {
    if (!existsSync(dir)) continue;
    for await (const file of walk(dir)) {
      if ((await stat(file)).mtimeMs > built) return true;
    }
  }
  return false;
}

async function buildConsole() {
  if (!existsSync(consoleViteConfig) || !(await consoleIsStale())) return;
  // Loaded only when needed: Vite takes a moment to import, and a fresh build needs none of it.
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: consoleViteConfig, logLevel: 'warn' });
}

build().catch((error) => {
  console.error(error);
  process.exit(1);
});
