import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, migrate, pendingSchemaChanges } from './data-source';
import { migrations } from './migrations';

const serverUrl = process.env.HOOKLINE_TEST_DATABASE_URL!;

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('migrations against a real Postgres', () => {
  const name = `hookline_migrations_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('apply on an empty database and leave no drift between entities and schema', async () => {
    const applied = await migrate(databaseUrl(name));
    expect(applied).toEqual(migrations.map((migration) => new migration().name));
    expect(await migrate(databaseUrl(name))).toEqual([]);
    const dataSource = createDataSource({ url: databaseUrl(name) });
    await dataSource.initialize();
    try {
      // The same check `typeorm migration:generate` makes: entities that need SQL not in a migration fail here.
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('revert cleanly, all the way down, and apply again', async () => {
    const dataSource = createDataSource({ url: databaseUrl(name) });
    await dataSource.initialize();
    try {
      for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
      );
      expect(tables).toEqual([]);
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
