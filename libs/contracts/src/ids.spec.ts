import { derivedId, idTime, isId, newId } from './ids';

describe('ids', () => {
  it('are prefixed and carry their creation time', () => {
    const id = newId('sub', Date.UTC(2026, 10, 23, 12, 0, 0));
    expect(isId(id, 'sub')).toBe(true);
    expect(isId(id, 'evt')).toBe(false);
    expect(idTime(id)).toBe(Date.UTC(2026, 10, 23, 12, 0, 0));
  });

  it('sort by creation time as plain strings', () => {
    const times = [1, 1000, 1_700_000_000_000, 1_700_000_000_001, 4_000_000_000_000];
    const ids = times.map((time) => newId('dlv', time));
    expect([...ids].sort()).toEqual(ids);
  });

  it('do not collide', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('evt', 0)));
    expect(ids.size).toBe(10_000);
  });

  it('derive the same id from the same seed and time', () => {
    const a = derivedId('evt', 1_700_000_000_000, 'hookline.events.v1:3:42');
    expect(isId(a, 'evt')).toBe(true);
    expect(idTime(a)).toBe(1_700_000_000_000);
    expect(derivedId('evt', 1_700_000_000_000, 'hookline.events.v1:3:42')).toBe(a);
    expect(derivedId('evt', 1_700_000_000_000, 'hookline.events.v1:3:43')).not.toBe(a);
  });

  it('sorts ids made in the same millisecond by creation order', () => {
    const ids = Array.from({ length: 1000 }, () => newId('dlv', 1_764_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
