import { nextMailAttempt } from './mail-retry';

const queued = new Date('2026-11-23T10:00:00Z');
const later = (ms: number) => new Date(queued.getTime() + ms);

describe('nextMailAttempt', () => {
  it('doubles from five seconds', () => {
    expect(nextMailAttempt(1, queued, queued)).toEqual(later(5000));
    expect(nextMailAttempt(2, queued, queued)).toEqual(later(10000));
    expect(nextMailAttempt(4, queued, queued)).toEqual(later(40000));
  });

  it('waits at most fifteen minutes', () => {
    expect(nextMailAttempt(30, queued, later(3600_000))).toEqual(later(3600_000 + 15 * 60_000));
  });

  it('gives up a day after the mail was queued', () => {
    expect(nextMailAttempt(50, queued, later(24 * 3600_000 - 60_000))).toBeNull();
    expect(nextMailAttempt(50, queued, later(23 * 3600_000))).not.toBeNull();
  });
});
