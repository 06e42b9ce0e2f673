/** One PromQL expression of a dashboard or rule file, with where it was found (for failure messages). */
export interface MonitoringQuery {
  source: string;
  expr: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The PromQL inside a Grafana Prometheus variable query, or undefined when it selects no metric:
 * `label_values(<selector>, <label>)` → the selector, `query_result(<expr>)` → the expression;
 * `label_values(<label>)`, `label_names()` and `metrics(<regex>)` name none.
 */
export function variableQueryExpression(query: string): string | undefined {
  const trimmed = query.trim();
  const labelValues = /^label_values\(\s*([\s\S]+?)\s*,\s*[A-Za-z_][A-Za-z0-9_]*\s*\)$/.exec(trimmed);
  if (labelValues) return labelValues[1];
  const queryResult = /^query_result\(([\s\S]*)\)$/.exec(trimmed);
  if (queryResult) return queryResult[1];
  if (/^(label_values|label_names|metrics)\(/.test(trimmed)) return undefined;
  return trimmed === '' ? undefined : trimmed;
}

/** Every `expr` of a dashboard's panels (at any depth: rows nest theirs) and of its query variables. */
export function dashboardQueries(dashboard: unknown, file: string): MonitoringQuery[] {
  const queries: MonitoringQuery[] = [];
  const visit = (node: unknown, title: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, title);
      return;
    }
    if (!isRecord(node)) return;
    const here = typeof node.title === 'string' ? node.title : title;
    if (typeof node.expr === 'string') queries.push({ source: `${file}: ${here}`, expr: node.expr });
    for (const [key, value] of Object.entries(node)) if (key !== 'templating') visit(value, here);
  };
  visit(dashboard, '');
  const variables = isRecord(dashboard) && isRecord(dashboard.templating) && Array.isArray(dashboard.templating.list) ? dashboard.templating.list : [];
  for (const variable of variables) {
    if (!isRecord(variable) || variable.type !== 'query') continue;
    const query = isRecord(variable.query) ? variable.query.query : variable.query;
    const expr = typeof query === 'string' ? variableQueryExpression(query) : undefined;
    if (expr !== undefined) queries.push({ source: `${file}: variable ${String(variable.name)}`, expr });
  }
  return queries;
}

/** Every `expr` of a Prometheus rule file (already parsed from YAML), named by its alert or record. */
export function ruleQueries(ruleFile: unknown, file: string): MonitoringQuery[] {
  const groups = isRecord(ruleFile) && Array.isArray(ruleFile.groups) ? ruleFile.groups : [];
  const queries: MonitoringQuery[] = [];
  for (const group of groups) {
    const rules = isRecord(group) && Array.isArray(group.rules) ? group.rules : [];
    for (const rule of rules) {
      if (!isRecord(rule) || typeof rule.expr !== 'string') continue;
      const name = typeof rule.alert === 'string' ? rule.alert : String(rule.record);
      queries.push({ source: `${file}: ${name}`, expr: rule.expr });
    }
  }
  return queries;
}

/** Grafana's interval variables, replaced by what they stand for in a typical panel. */
const GRAFANA_INTERVALS: Record<string, string> = { __rate_interval: '1m', __interval: '15s', __range: '6h' };

/**
 * A dashboard expression as Prometheus would receive it, so promtool can parse it: interval variables
 * become durations, any other variable (`$service`, `${group}`) the regular expression `.*`, which is
 * what "All" sends.
 */
export function expandGrafanaVariables(expr: string): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (_match, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    return GRAFANA_INTERVALS[name] ?? '.*';
  });
}
