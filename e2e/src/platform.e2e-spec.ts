import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ServiceNames } from '@hookline/contracts';
import { stack } from '../support/stack';

describe('every service of the running platform', () => {
  const { urls } = stack();

  it.each(ServiceNames)('%s answers /healthz', async (name) => {
    const response = await fetch(`${urls[name]}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it.each(ServiceNames)('%s is ready with Kafka and Postgres reachable', async (name) => {
    const response = await fetch(`${urls[name]}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      checks: { kafka: { status: 'up' }, postgres: { status: 'up' } },
    });
  });

  it.each(ServiceNames)('%s exports Prometheus metrics named hookline_*', async (name) => {
    await fetch(`${urls[name]}/healthz`);
    const response = await fetch(`${urls[name]}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('hookline_process_resident_memory_bytes');
    expect(text).toMatch(/hookline_http_request_duration_seconds_count\{[^}]*route="\/healthz"/);
    expect(text).toMatch(/^hookline_dependency_up\{[^}]*dependency="kafka"[^}]*\} 1$/m);
    expect(text).toMatch(/^hookline_dependency_up\{[^}]*dependency="postgres"[^}]*\} 1$/m);
    const names = [...text.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/gm)].map((match) => match[1]);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((metric) => !metric?.startsWith('hookline_'))).toEqual([]);
  });

  it.each([
    ['ingest', 'hookline-ingest', 'hookline.events.v1'],
    ['dispatcher', 'hookline-dispatcher', 'hookline.deliveries.v1'],
    ['status-notifier', 'hookline-status-notifier', 'hookline.attempts.v1'],
  ] as const)("%s reports its consumer group's lag", async (name, group, topic) => {
    const text = await (await fetch(`${urls[name]}/metrics`)).text();
    expect(text).toMatch(new RegExp(`^hookline_kafka_consumer_lag\\{[^}]*group="${group}"[^}]*topic="${topic.replaceAll('.', '\\.')}"[^}]*\\} \\d+$`, 'm'));
  });

  it('the retry scheduler reports the held deliveries', async () => {
    const text = await (await fetch(`${urls['retry-scheduler']}/metrics`)).text();
    expect(text).toMatch(/^hookline_deliveries_held\{[^}]*\} \d+$/m);
  });
});

describe('configuration checked at start-up', () => {
  it.each(ServiceNames)('%s refuses to start on a bad variable and names it', (name) => {
    const result = spawnSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'apps', name, 'src', 'main.js')], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', HOOKLINE_HTTP_PORT: '99999' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(result.stderr).toContain('HOOKLINE_HTTP_PORT: must be between 1 and 65535 (got "99999")');
  });
});
