import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOOKLINE_VERSION, USER_AGENT } from './version';

describe('version', () => {
  it('is the version of the root package', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(HOOKLINE_VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`Hookline/${pkg.version}`);
  });
});
