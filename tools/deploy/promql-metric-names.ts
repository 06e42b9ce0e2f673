/** Words of the language that can stand where a metric name could (compared in lower case, as PromQL does). */
const KEYWORDS = new Set(['and', 'or', 'unless', 'offset', 'bool', 'atan2', 'inf', 'nan']);

const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);

/** Keywords followed by a parenthesised list of label names, e.g. `by (le)` or `group_left(status)`. */
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

const isIdentifierStart = (char: string) => /[A-Za-z_:]/.test(char);
const isIdentifierPart = (char: string) => /[A-Za-z0-9_:]/.test(char);
const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

/** Index just past the string literal opening at `start` ("…", '…' with escapes; `…` without). */
function skipString(expr: string, start: number): number {
  const quote = expr[start];
  let index = start + 1;
  while (index < expr.length && expr[index] !== quote) index += quote !== '`' && expr[index] === '\\' ? 2 : 1;
  return index + 1;
}

/** Index just past the bracket closing the one at `start`, stepping over string literals. */
function skipBracketed(expr: string, start: number, open: string, close: string): number {
  let depth = 0;
  let index = start;
  while (index < expr.length) {
    const char = expr[index]!;
    if (char === '"' || char === "'" || char === '`') {
      index = skipString(expr, index);
      continue;
    }
    if (char === open) depth += 1;
    if (char === close) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
    index += 1;
  }
  return index;
}

const skipSpaces = (expr: string, start: number): number => {
  let index = start;
  while (index < expr.length && /\s/.test(expr[index]!)) index += 1;
  return index;
};

/** A `__name__="…"` matcher names a metric too; regular-expression matchers name none exactly. */
function namesInMatchers(matchers: string): string[] {
  return [...matchers.matchAll(/(?:^|[{,\s])__name__\s*=\s*(["'`])([^"'`]*)\1/g)].map((match) => match[2]!);
}

/**
 * The metric names a PromQL expression selects, sorted and without repeats: the identifiers that are
 * not functions, aggregations, keywords or label names. Grafana's variables (`$service`,
 * `${service}`, `$__rate_interval`) are stepped over. Names are returned as written, so a histogram
 * read through `x_bucket` comes back as `x_bucket`, the series name a scrape shows.
 */
export function promqlMetricNames(expr: string): string[] {
  const names = new Set<string>();
  let index = 0;
  while (index < expr.length) {
    const char = expr[index]!;
    if (char === '#') {
      const end = expr.indexOf('\n', index);
      index = end < 0 ? expr.length : end;
    } else if (char === '"' || char === "'" || char === '`') {
      index = skipString(expr, index);
    } else if (char === '{') {
      const end = skipBracketed(expr, index, '{', '}');
      for (const name of namesInMatchers(expr.slice(index, end))) names.add(name);
      index = end;
    } else if (char === '[') {
      // Ranges, subquery steps and Grafana's [[variable]] hold no metric names.
      index = skipBracketed(expr, index, '[', ']');
    } else if (char === '$') {
      index = expr[index + 1] === '{' ? skipBracketed(expr, index + 1, '{', '}') : index + 1;
      while (index < expr.length && isIdentifierPart(expr[index]!)) index += 1;
    } else if (isDigit(char) || (char === '.' && isDigit(expr[index + 1]))) {
      // Numbers and durations (1.5e-3, 0x1f, 5m, 1h30m).
      index += 1;
      while (index < expr.length && (/[A-Za-z0-9_.]/.test(expr[index]!) || (/[eE]/.test(expr[index - 1]!) && /[+-]/.test(expr[index]!)))) {
        index += 1;
      }
    } else if (isIdentifierStart(char)) {
      const start = index;
      while (index < expr.length && isIdentifierPart(expr[index]!)) index += 1;
      const word = expr.slice(start, index);
      const lower = word.toLowerCase();
      const next = skipSpaces(expr, index);
      if (LABEL_LIST_KEYWORDS.has(lower)) {
        if (expr[next] === '(') index = skipBracketed(expr, next, '(', ')');
      } else if (!KEYWORDS.has(lower) && !AGGREGATIONS.has(lower) && expr[next] !== '(') {
        names.add(word);
      }
    } else {
      index += 1;
    }
  }
  return [...names].sort();
}
