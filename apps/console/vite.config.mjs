// Builds the console into dist/apps/console, served by the registry under /console/.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

export const consoleViteConfig = defineConfig({
  root: here,
  base: '/console/',
  logLevel: 'warn',
  publicDir: false,
  resolve: {
    alias: { '@hookline/sdk/client': resolve(root, 'libs/sdk/src/client/index.ts') },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(root, 'dist/apps/console'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsDir: 'assets',
  },
});

export default consoleViteConfig;
