import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually, kafkaBrokers } from '../support/stack';

/**
 * /readyz reports what is really reachable: a service pointed at a Kafka or a Postgres that is not
 * there stays alive (/healthz 200) but is not ready (503), naming the dependency that is down.
 */
describe('readiness reflects the dependencies for real', () => {
  const children: ChildProcess[] = [];
  const entry = join(__dirname, '..', '..', 'dist', 'apps', 'retry-scheduler', 'src', 'main.js');

  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  function startScheduler(port: number, env: Record<string, string>): string {
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH, HOOKLINE_HTTP_HOST: '127.0.0.1', HOOKLINE_HTTP_PORT: String(port), ...env },
      stdio: 'ignore',
    });
    children.push(child);
    return `http://127.0.0.1:${port}`;
  }

  async function readiness(url: string) {
    return eventually(async () => {
      const health = await fetch(`${url}/healthz`);
      if (health.status !== 200) return undefined;
      const ready = await fetch(`${url}/readyz`);
      return { status: ready.status, body: (await ready.json()) as { checks: Record<string, { status: string }> } };
    }, 30000);
  }

  it('is 503 with kafka down when no broker answers', async () => {
    const url = startScheduler(18190, {
      KAFKA_BROKERS: '127.0.0.1:1',
      DATABASE_URL: process.env.HOOKLINE_TEST_DATABASE_URL!,
    });
    const { status, body } = await readiness(url);
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({ kafka: { status: 'down' }, postgres: { status: 'up' } });
  });

  it('is 503 with postgres down when the database does not answer', async () => {
    const url = startScheduler(18191, {
      KAFKA_BROKERS: kafkaBrokers(),
      DATABASE_URL: 'postgres://hookline:hookline@127.0.0.1:1/hookline',
    });
    const { status, body } = await readiness(url);
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({ kafka: { status: 'up' }, postgres: { status: 'down' } });
  });
});
