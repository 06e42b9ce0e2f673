import { jsonValueProblem, MAX_JSON_DEPTH } from './json-depth';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('jsonValueProblem', () => {
  it('accepts scalars and data up to the limit', () => {
    expect(jsonValueProblem('text')).toBeNull();
    expect(jsonValueProblem(null)).toBeNull();
    expect(jsonValueProblem(nested(MAX_JSON_DEPTH))).toBeNull();
  });

  it('refuses data nested past the limit, however deep, without overflowing the stack', () => {
    expect(jsonValueProblem(nested(MAX_JSON_DEPTH + 1))?.message).toMatch(/nest deeper than 64/);
    expect(jsonValueProblem(nested(100_000))?.message).toMatch(/nest deeper than 64/);
    expect(jsonValueProblem({ schema: nested(100) })?.path).toEqual(['schema']);
  });

  it('names U+0000 in strings and keys, which Postgres cannot store', () => {
    expect(jsonValueProblem({ a: ['ok', 'b\u0000d'] })).toEqual({ path: ['a', '1'], message: 'must not contain the character U+0000' });
    expect(jsonValueProblem({ ['k\u0000']: 1 })).toEqual({ path: ['k'], message: 'must not contain the character U+0000' });
    expect(jsonValueProblem({ a: 'fine' })).toBeNull();
  });
});
