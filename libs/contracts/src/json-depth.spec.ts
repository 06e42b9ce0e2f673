import { jsonValueProblem, MAX_JSON_DEPTH, withinJsonDepth } from './json-depth';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('withinJsonDepth', () => {
  it('accepts scalars and data up to the limit', () => {
    expect(withinJsonDepth('text')).toBe(true);
    expect(withinJsonDepth(null)).toBe(true);
    expect(withinJsonDepth(nested(MAX_JSON_DEPTH))).toBe(true);
  });

  it('refuses data nested past the limit, however deep, without overflowing the stack', () => {
    expect(withinJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(false);
    expect(withinJsonDepth(nested(100_000))).toBe(false);
  });

  it('names U+0000 in strings and keys, which Postgres cannot store', () => {
    expect(jsonValueProblem({ a: ['ok', 'b\u0000d'] })).toMatch(/U\+0000/);
    expect(jsonValueProblem({ ['k\u0000']: 1 })).toMatch(/U\+0000/);
    expect(jsonValueProblem({ a: 'fine' })).toBeNull();
  });
});
