import { ListQuery, decodeCursor, encodeCursor, toPage } from './pagination';
import { ProblemError } from './problem';
import { parseInput } from './validation';

describe('list pagination', () => {
  it('defaults the limit and bounds it', () => {
    expect(parseInput(ListQuery, {}, 'query')).toEqual({ limit: 50, cursor: undefined });
    expect(parseInput(ListQuery, { limit: '250' }, 'query').limit).toBe(250);
    expect(() => parseInput(ListQuery, { limit: '251' }, 'query')).toThrow(ProblemError);
    expect(() => parseInput(ListQuery, { limit: '0' }, 'query')).toThrow(ProblemError);
  });

  it('names the bad field with its location', () => {
    try {
      parseInput(ListQuery, { limit: 'many' }, 'query');
      throw new Error('expected a problem');
    } catch (error) {
      expect((error as ProblemError).toDocument()).toMatchObject({ status: 422, errors: [{ field: 'query.limit' }] });
    }
  });

  it('round-trips cursors and rejects forged ones', () => {
    const id = 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN';
    expect(decodeCursor(encodeCursor(id))).toBe(id);
    expect(parseInput(ListQuery, { cursor: encodeCursor(id) }, 'query').cursor).toBe(id);
    expect(decodeCursor('bm9wZQ')).toBeNull();
    expect(() => parseInput(ListQuery, { cursor: 'garbage!' }, 'query')).toThrow(ProblemError);
  });

  it('pages with one extra row saying whether there is more', () => {
    const rows = ['a', 'b', 'c'];
    expect(toPage(rows, 2, (row) => row, (row) => row.toUpperCase())).toEqual({ data: ['A', 'B'], nextCursor: encodeCursor('b') });
    expect(toPage(rows, 3, (row) => row, (row) => row)).toEqual({ data: rows, nextCursor: null });
  });
});
