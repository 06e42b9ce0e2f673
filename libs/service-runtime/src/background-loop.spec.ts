import { BackgroundLoop } from './background-loop';
import { Wakeup } from './wakeup';

describe('BackgroundLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs again at once while busy, then sleeps until woken or idle time passes', async () => {
    const wakeup = new Wakeup();
    const busy = [true, true, false, false, false];
    let passes = 0;
    const loop = new BackgroundLoop({ name: 'spec', idleMs: 1000, wakeup, pass: async () => busy[passes++] ?? false });
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toBe(3);
    wakeup.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toBe(4);
    await jest.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(5);
    await loop.stop();
  });

  it('backs off while passes fail and carries on when they succeed again', async () => {
    let passes = 0;
    const loop = new BackgroundLoop({
      name: 'spec',
      idleMs: 60000,
      pass: async () => {
        passes += 1;
        if (passes <= 3) throw new Error('database is down');
        return false;
      },
    });
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await jest.advanceTimersByTimeAsync(200);
    expect(passes).toBe(2);
    await jest.advanceTimersByTimeAsync(399);
    expect(passes).toBe(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toBe(3);
    await jest.advanceTimersByTimeAsync(800);
    expect(passes).toBe(4);
    await jest.advanceTimersByTimeAsync(30000);
    expect(passes).toBe(4);
    await loop.stop();
  });

  it('stops after the pass in progress', async () => {
    let release: () => void = () => undefined;
    let finished = false;
    const loop = new BackgroundLoop({
      name: 'spec',
      idleMs: 10,
      pass: () =>
        new Promise<boolean>((resolve) => {
          release = () => {
            finished = true;
            resolve(true);
          };
        }),
    });
    loop.start();
    const stopped = loop.stop();
    release();
    await stopped;
    expect(finished).toBe(true);
  });
});
