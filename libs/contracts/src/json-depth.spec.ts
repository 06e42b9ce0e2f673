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

  // jsonb refuses "\ud800" outright and text stores U+FFFD instead, so neither can keep such a string.
  it('names unpaired surrogates in strings and keys, and lets well-formed pairs through', () => {
    const surrogate = 'must not contain an unpaired UTF-16 surrogate (U+D800–U+DFFF)';
    expect(jsonValueProblem({ a: ['ok', 'x\ud800'] })).toEqual({ path: ['a', '1'], message: surrogate });
    expect(jsonValueProblem({ b: '\udc00 trailing half' })).toEqual({ path: ['b'], message: surrogate });
    expect(jsonValueProblem({ c: '\udc00\ud800' })).toEqual({ path: ['c'], message: surrogate });
    expect(jsonValueProblem({ ['k\udfff']: { d: 1 } })).toEqual({ path: ['k'], message: surrogate });
    expect(jsonValueProblem({ emoji: '😀 \ud83d\ude00', rtl: '\u202eabc', bom: '\ufeff' })).toBeNull();
  });
});
