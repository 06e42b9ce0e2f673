import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The dependency rule of the workspace is enforced by lint, not only written down. */
describe('module boundaries', () => {
  const probes: string[] = [];

  beforeAll(() => {
    // The Nx lint rule reads the cached project graph; compute it as `npm run lint` does.
    execFileSync(process.execPath, [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
  });

  afterAll(() => {
    for (const probe of probes) rmSync(probe, { force: true });
  });

  function lint(relativePath: string, source: string): string[] {
    const file = join(root, relativePath);
    probes.push(file);
    writeFileSync(file, source);
    // ESLint runs as its own process, exactly as `npm run lint` runs it (its config is an ES module).
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', file], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return result!.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries').map((message) => message.message);
  }

  it('rejects a contracts lib importing a data-access lib', () => {
    const messages = lint(
      'libs/contracts/src/boundary-probe-a.ts',
      "import { migrations } from '@hookline/persistence';\nexport const probe = migrations;\n",
    );
    // persistence depends on contracts, so the rule may report the import as the cycle it creates.
    expect(messages).toEqual([
      expect.stringMatching(/tagged with "type:contracts" can only depend on libs tagged with "type:contracts"|Circular dependency between "contracts" and "persistence"/),
    ]);
  });

  it('rejects a util lib importing a data-access lib', () => {
    const messages = lint(
      'libs/config/src/boundary-probe-b.ts',
      "import { MessageProducer } from '@hookline/messaging';\nexport const probe = MessageProducer;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('rejects one app importing another', () => {
    const messages = lint(
      'apps/registry/src/boundary-probe-c.ts',
      "import { IngestModule } from '../../ingest/src/ingest.module';\nexport const probe = IngestModule;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('accepts an app importing a data-access lib', () => {
    const messages = lint(
      'apps/registry/src/boundary-probe-d.ts',
      "import { migrations } from '@hookline/persistence';\nexport const probe = migrations;\n",
    );
    expect(messages).toEqual([]);
  });
  it('keeps the SDK publishable: no workspace lib and no npm package', () => {
    expect(lint('libs/sdk/src/boundary-probe-e.ts', "import { newId } from '@hookline/contracts';\nexport const probe = newId;\n")).toHaveLength(1);
    expect(lint('libs/sdk/src/boundary-probe-f.ts', "import { z } from 'zod';\nexport const probe = z;\n")).toHaveLength(1);
  });

  it('lets the examples see the SDK and nothing else of the workspace', () => {
    expect(lint('examples/receiver/src/boundary-probe-g.ts', "import { verifyWebhook } from '@hookline/sdk';\nexport const probe = verifyWebhook;\n")).toEqual([]);
    expect(lint('examples/receiver/src/boundary-probe-h.ts', "import { parseSecret } from '@hookline/signing';\nexport const probe = parseSecret;\n")).toHaveLength(1);
  });
});
