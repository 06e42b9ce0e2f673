import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LocalSecrets {
  adminToken: string;
  encryptionKey: string;
  /** True when the admin token was generated here rather than taken from the environment. */
  generatedAdminToken: boolean;
}

type Stored = Partial<Pick<LocalSecrets, 'adminToken' | 'encryptionKey'>>;

/**
 * The admin token and encryption key of a local installation. Taken from the environment when set;
 * otherwise generated once and kept beside the data they protect, so a restart can still decrypt it.
 */
export async function loadLocalSecrets(file: string, env: NodeJS.ProcessEnv = process.env): Promise<LocalSecrets> {
  const stored: Stored = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Stored) : {};
  const persisted = {
    adminToken: stored.adminToken ?? `hka_${randomBytes(24).toString('base64url')}`,
    encryptionKey: stored.encryptionKey ?? randomBytes(32).toString('base64'),
  };
  if (stored.adminToken === undefined || stored.encryptionKey === undefined) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(persisted, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    adminToken: env.HOOKLINE_ADMIN_TOKEN ?? persisted.adminToken,
    encryptionKey: env.HOOKLINE_ENCRYPTION_KEY ?? persisted.encryptionKey,
    generatedAdminToken: env.HOOKLINE_ADMIN_TOKEN === undefined,
  };
}
