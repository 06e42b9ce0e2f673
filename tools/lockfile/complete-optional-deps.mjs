// Records every platform binary a dependency declares as optional in package-lock.json.
// npm leaves out of the lockfile the platform packages whose metadata it could not fetch when the lock
// was written, and `npm ci` then refuses the lockfile as out of sync. Run after `npm install` changes
// the lockfile (`npm run lockfile:complete`); entries for other platforms are skipped at install time.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const platform =
  /-(android|darwin|freebsd|linux|win32|openharmony)-(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64)(?:-(gnueabihf|musleabihf|eabi|gnu|musl|msvc))?$/;

let added = 0;
for (const meta of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const match = platform.exec(name);
    if (lock.packages[key] || !match) continue;
    const [, os, cpu, abi] = match;
    const entry = { version, cpu: [cpu], optional: true, os: [os] };
    if (abi === 'gnu' || abi === 'gnueabihf') entry.libc = ['glibc'];
    if (abi === 'musl' || abi === 'musleabihf') entry.libc = ['musl'];
    if (meta.dev) entry.dev = true;
    lock.packages[key] = entry;
    added += 1;
  }
}
const [rootEntry, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([rootEntry, ...rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform package entr${added === 1 ? 'y' : 'ies'} added`);
