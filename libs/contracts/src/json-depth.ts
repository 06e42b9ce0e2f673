/** How deeply event data may nest: deep enough for any real payload, shallow enough to encode safely. */
export const MAX_JSON_DEPTH = 64;

export interface JsonValueProblem {
  /** Keys and indexes down to the offending value (empty for the value itself). */
  path: string[];
  message: string;
}

const NUL = 'must not contain the character U+0000';

/**
 * Why a parsed JSON value cannot be stored as is, and where, or null: nested more than `limit` levels,
 * or U+0000 in a string or key (Postgres text and jsonb cannot store it). Checked without recursion.
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
      if (next.value.includes('\u0000')) return { path: pathOf(next), message: NUL };
      continue;
    }
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= limit) return { path: pathOf(next).slice(0, 1), message: `must not nest deeper than ${limit} levels` };
    for (const [key, child] of Object.entries(next.value as Record<string, unknown>)) {
      if (key.includes('\u0000')) return { path: pathOf(next, key.replaceAll('\u0000', '')), message: NUL };
      stack.push({ value: child, depth: next.depth + 1, key, parent: next });
    }
  }
  return null;
}
