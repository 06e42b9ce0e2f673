import { MAX_RETRY_AFTER_SECONDS, nextRetryDelaySeconds } from './retry-delay';

const schedule = [5, 30, 120];

describe('nextRetryDelaySeconds', () => {
  it('follows the schedule, one pause per failed attempt, then stops', () => {
    const middle = () => 0.5;
    expect(nextRetryDelaySeconds(schedule, 1, middle)).toBeCloseTo(5);
    expect(nextRetryDelaySeconds(schedule, 3, middle)).toBeCloseTo(120);
    expect(nextRetryDelaySeconds(schedule, 4, middle)).toBeNull();
  });

  it('stays within ±10 % jitter over many draws', () => {
    for (let i = 0; i < 10_000; i++) {
      const delay = nextRetryDelaySeconds(schedule, 2, Math.random)!;
      expect(delay).toBeGreaterThanOrEqual(27);
      expect(delay).toBeLessThanOrEqual(33);
    }
    expect(nextRetryDelaySeconds(schedule, 2, () => 0)).toBeCloseTo(27);
    expect(nextRetryDelaySeconds(schedule, 2, () => 1)).toBeCloseTo(33);
  });

  it('waits at least Retry-After, capped at an hour', () => {
    expect(nextRetryDelaySeconds(schedule, 1, () => 0.5, 60)).toBe(60);
    expect(nextRetryDelaySeconds(schedule, 1, () => 0.5, 2)).toBeCloseTo(5);
    expect(nextRetryDelaySeconds(schedule, 1, () => 0.5, 86400)).toBe(MAX_RETRY_AFTER_SECONDS);
  });
});
