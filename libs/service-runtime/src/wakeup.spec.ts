import { Wakeup } from './wakeup';

describe('Wakeup', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('ends a sleep after its time', async () => {
    const wakeup = new Wakeup();
    let done = false;
    const sleeping = wakeup.sleep(1000).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
  });

  it('ends every sleep in progress when woken, and not later ones', async () => {
    const wakeup = new Wakeup();
    const ended: number[] = [];
    const first = wakeup.sleep(60000).then(() => ended.push(1));
    const second = wakeup.sleep(60000).then(() => ended.push(2));
    wakeup.wake();
    await Promise.all([first, second]);
    expect(ended).toEqual([1, 2]);
    let third = false;
    void wakeup.sleep(60000).then(() => (third = true));
    await jest.advanceTimersByTimeAsync(10);
    expect(third).toBe(false);
    expect(jest.getTimerCount()).toBe(1);
  });
});
