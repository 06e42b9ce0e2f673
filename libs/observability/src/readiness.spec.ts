import { runReadinessChecks } from './readiness';

describe('runReadinessChecks', () => {
  it('is ready only when every check passes, and names the failing one', async () => {
    const report = await runReadinessChecks([
      { name: 'kafka', check: async () => undefined },
      { name: 'postgres', check: async () => Promise.reject(new Error('connection refused')) },
    ]);
    expect(report.ready).toBe(false);
    expect(report.checks).toEqual({
      kafka: { status: 'up' },
      postgres: { status: 'down', error: 'connection refused' },
    });
  });

  it('is ready with all checks up', async () => {
    const report = await runReadinessChecks([{ name: 'kafka', check: async () => undefined }]);
    expect(report).toEqual({ ready: true, checks: { kafka: { status: 'up' } } });
  });
});
