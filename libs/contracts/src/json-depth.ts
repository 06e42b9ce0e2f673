/** How deeply event data may nest: deep enough for any real payload, shallow enough to encode safely. */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a parsed JSON value cannot be stored as is, or null: nested more than `limit` levels, or holding
 * U+0000 in a string or key (Postgres text and jsonb cannot store it). Checked without recursion.
 */
export function jsonValueProblem(value: unknown, limit: number = MAX_JSON_DEPTH): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) continue;
    if (typeof next.value === 'string') {
      if (next.value.includes('\u0000')) return 'must not contain the character U+0000';
      continue;
    }
    if (next.value === null || typeof next.value !== 'object') continue;
    const depth = next.depth + 1;
    if (depth > limit) return `must not nest deeper than ${limit} levels`;
    if (Array.isArray(next.value)) {
      for (const child of next.value) stack.push({ value: child, depth });
    } else {
      for (const [key, child] of Object.entries(next.value as Record<string, unknown>)) {
        if (key.includes('\u0000')) return 'must not contain the character U+0000';
        stack.push({ value: child, depth });
      }
    }
  }
  return null;
}

export function withinJsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  return jsonValueProblem(value, limit) === null;
}
