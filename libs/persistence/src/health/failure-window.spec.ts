import { countsTowardAutoDisable, currentFailureWindow, isInFailureWindow, type FailureWindowBounds } from './failure-window';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const NOW = at(3600);
const WINDOW_SECONDS = 600;
const open: FailureWindowBounds = { windowStart: null, lastSuccessAt: null };

describe('countsTowardAutoDisable', () => {
  it('counts anything while nothing bounds the window', () => {
    expect(countsTowardAutoDisable(at(0).getTime(), open)).toBe(true);
  });

  it('does not count a failure at or before the window start (the last enable)', () => {
    const bounds = { ...open, windowStart: at(100) };
    expect(countsTowardAutoDisable(at(100).getTime(), bounds)).toBe(false);
    expect(countsTowardAutoDisable(at(101).getTime(), bounds)).toBe(true);
  });

  it('does not count a failure at or before the last success', () => {
    const bounds = { ...open, lastSuccessAt: at(200) };
    expect(countsTowardAutoDisable(at(199).getTime(), bounds)).toBe(false);
    expect(countsTowardAutoDisable(at(200).getTime(), bounds)).toBe(false);
    expect(countsTowardAutoDisable(at(201).getTime(), bounds)).toBe(true);
  });
});

describe('isInFailureWindow', () => {
  it('holds the window’s length up to and including its end, but not its opening instant', () => {
    const end = at(1000).getTime();
    expect(isInFailureWindow(at(400).getTime(), end, WINDOW_SECONDS * 1000)).toBe(false);
    expect(isInFailureWindow(at(401).getTime(), end, WINDOW_SECONDS * 1000)).toBe(true);
    expect(isInFailureWindow(end, end, WINDOW_SECONDS * 1000)).toBe(true);
    expect(isInFailureWindow(end + 1, end, WINDOW_SECONDS * 1000)).toBe(false);
  });
});

describe('currentFailureWindow', () => {
  it('is empty and reaches back one window length for an endpoint that never failed', () => {
    expect(currentFailureWindow([], open, WINDOW_SECONDS, NOW)).toEqual({ start: at(3000), failures: 0 });
  });

  it('counts the failures of the last window length only', () => {
    const failures = [at(2000), at(3000), at(3001), at(3500), at(3600)];
    expect(currentFailureWindow(failures, open, WINDOW_SECONDS, NOW)).toEqual({ start: at(3000), failures: 3 });
  });

  it('starts at the last success when that is later: failures before it no longer count', () => {
    const failures = [at(3100), at(3200), at(3300), at(3400)];
    const bounds = { ...open, lastSuccessAt: at(3250) };
    expect(currentFailureWindow(failures, bounds, WINDOW_SECONDS, NOW)).toEqual({ start: at(3250), failures: 2 });
  });

  it('starts at the last enable when that is later', () => {
    const failures = [at(3100), at(3300), at(3400)];
    const bounds = { windowStart: at(3300), lastSuccessAt: at(3050) };
    expect(currentFailureWindow(failures, bounds, WINDOW_SECONDS, NOW)).toEqual({ start: at(3300), failures: 1 });
  });

  it('ignores bounds older than the window', () => {
    const bounds = { windowStart: at(10), lastSuccessAt: at(20) };
    expect(currentFailureWindow([at(3500)], bounds, WINDOW_SECONDS, NOW)).toEqual({ start: at(3000), failures: 1 });
  });

  it('does not depend on the order failures come in', () => {
    const failures = [at(3500), at(3100), at(3300)];
    expect(currentFailureWindow(failures, open, WINDOW_SECONDS, NOW).failures).toBe(3);
  });
});
