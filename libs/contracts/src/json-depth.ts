/** How deeply event data may nest: deep enough for any real payload, shallow enough to encode safely. */
export const MAX_JSON_DEPTH = 64;

export interface JsonValueProblem {
  /** Keys and indexes down to the offending value (empty for the value itself). */
  path: string[];
  message: string;
}

const NUL = 'must not contain the character U+0000';
const LONE_SURROGATE = 'must not contain an unpaired UTF-16 surrogate (U+D800–U+DFFF)';

// With the u flag a well-formed pair is one code point, so only an unpaired half matches.
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

/** What makes a string unstorable: jsonb refuses U+0000 and unpaired surrogates, text silently mangles the latter. */
function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return NUL;
  return UNPAIRED_SURROGATE.test(text) ? LONE_SURROGATE : null;
}

/**
 * Why a parsed JSON value cannot be stored as is, and where, or null: nested more than `limit` levels,
 * or U+0000 or an unpaired surrogate in a string or key (Postgres jsonb refuses both, text cannot hold
 * U+0000). Checked without recursion.
 */
export function jsonValueProblem(value: unknown, limit: number = MAX_JSON_DEPTH): JsonValueProblem | null {
  // Each entry links to its parent, so the path is only built for the value that fails.
  interface Entry {
    value: unknown;
    depth: number;
    key: string;
    parent: Entry | null;
  }
  const pathOf = (entry: Entry | null, key?: string): string[] => {
    const path = key === undefined ? [] : [key];
    for (let at = entry; at !== null && at.parent !== null; at = at.parent) path.unshift(at.key);
    return path;
  };
  const stack: Entry[] = [{ value, depth: 0, key: '', parent: null }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) continue;
    if (typeof next.value === 'string') {
      const problem = stringProblem(next.value);
      if (problem !== null) return { path: pathOf(next), message: problem };
      continue;
    }
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= limit) return { path: pathOf(next).slice(0, 1), message: `must not nest deeper than ${limit} levels` };
    for (const [key, child] of Object.entries(next.value as Record<string, unknown>)) {
      const problem = stringProblem(key);
      // The key is named without the characters that made it unusable, so the answer itself encodes cleanly.
      if (problem !== null) return { path: pathOf(next, key.replaceAll('\u0000', '').replace(/\p{Surrogate}/gu, '')), message: problem };
      stack.push({ value: child, depth: next.depth + 1, key, parent: next });
    }
  }
  return null;
}
