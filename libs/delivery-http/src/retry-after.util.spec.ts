import { parseRetryAfter } from './retry-after.util';

const now = new Date('2025-06-15T12:00:00.000Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 30 ', now)).toBe(30);
    expect(parseRetryAfter('0007', now)).toBe(7);
  });

  it('reads the three HTTP-date forms', () => {
    expect(parseRetryAfter('Sun, 15 Jun 2025 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Sunday, 15-Jun-25 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Sun Jun 15 12:01:30 2025', now)).toBe(90);
    expect(parseRetryAfter('Sun Jun  1 12:00:00 2025', now)).toBe(0);
    expect(parseRetryAfter('Tue, 01 Jul 2025 00:00:00 GMT', now)).toBe(16 * 86400 - 12 * 3600);
  });

  it('rounds a partial second up', () => {
    expect(parseRetryAfter('Sun, 15 Jun 2025 12:00:01 GMT', new Date('2025-06-15T12:00:00.500Z'))).toBe(1);
  });

  it('is case-insensitive about names, as some servers are sloppy', () => {
    expect(parseRetryAfter('sun, 15 JUN 2025 12:01:00 gmt', now)).toBe(60);
  });

  it('never goes negative for dates in the past', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(0);
  });

  it('reads a two-digit year as the nearest that is not more than 50 years ahead', () => {
    expect(parseRetryAfter('Monday, 15-Jun-26 12:00:00 GMT', now)).toBe(365 * 86400);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(0);
  });

  it('takes the first value when the header is repeated', () => {
    expect(parseRetryAfter(['5', '10'], now)).toBe(5);
    expect(parseRetryAfter([], now)).toBeNull();
  });

  it.each([
    undefined,
    '',
    '   ',
    '-5',
    '1.5',
    '1e3',
    '10 seconds',
    'soon',
    '2025-06-15T12:01:00Z',
    'Sun, 15 Jun 2025 12:01:30',
    'Sun, 31 Feb 2025 12:00:00 GMT',
    'Sun, 15 Jun 2025 24:00:00 GMT',
    'Sun, 15 Jun 2025 12:60:00 GMT',
    'Sun, 15 Foo 2025 12:00:00 GMT',
    'Sun, 15 Jun 0025 12:00:00 GMT',
    '99999999999999999999',
  ])('is null for %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});
