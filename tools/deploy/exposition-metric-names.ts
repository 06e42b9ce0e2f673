/** Series names a metric of each exposed type is sampled as, beyond the name on its `# TYPE` line. */
const SERIES_SUFFIXES: Record<string, readonly string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

/**
 * Every name a query may select from a Prometheus text exposition: the samples' names, and the metrics
 * declared on `# TYPE` lines with the series they are sampled as. The declarations count because a
 * labelled metric that has not been observed yet is exposed by prom-client as `# HELP`/`# TYPE` only.
 */
export function exposedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const declared = /^#\s*TYPE\s+([A-Za-z_:][A-Za-z0-9_:]*)\s+(\w+)/.exec(line);
    if (declared) {
      const [, name = '', type = ''] = declared;
      names.add(name);
      for (const suffix of SERIES_SUFFIXES[type] ?? []) names.add(`${name}${suffix}`);
      // OpenMetrics declares a counter without the _total its samples carry.
      if (type === 'counter' && !name.endsWith('_total')) names.add(`${name}_total`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(line);
    if (sample) names.add(sample[0]);
  }
  return names;
}
