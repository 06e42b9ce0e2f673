import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ServiceNames, type ServiceName } from '@hookline/contracts';
import { repoRoot } from '../infra/paths';
import { exposedMetricNames } from './exposition-metric-names';
import { dashboardQueries, ruleQueries, type MonitoringQuery } from './monitoring-queries';
import { promqlMetricNames } from './promql-metric-names';

// Lives beside the pure functions it uses (e2e specs cannot import tooling by path); it runs in the
// end-to-end tier and finds the running services the way e2e/support/stack.ts does.
function serviceUrls(): Record<ServiceName, string> {
  const file = process.env.HOOKLINE_TEST_STACK_FILE;
  if (!file) throw new Error('HOOKLINE_TEST_STACK_FILE is not set: run end-to-end specs with `npm test -- --tier e2e`');
  return (JSON.parse(readFileSync(file, 'utf8')) as { urls: Record<ServiceName, string> }).urls;
}

function monitoringQueries(): MonitoringQuery[] {
  const dashboardsDir = join(repoRoot, 'deploy', 'grafana', 'dashboards');
  const dashboards = readdirSync(dashboardsDir)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => dashboardQueries(JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8')), `deploy/grafana/dashboards/${file}`));
  const rules = parse(readFileSync(join(repoRoot, 'deploy', 'prometheus', 'alerts.yml'), 'utf8'));
  return [...dashboards, ...ruleQueries(rules, 'deploy/prometheus/alerts.yml')];
}

/**
 * Dashboards and alert rules are only as good as the metrics behind them: a renamed metric would leave
 * a panel empty and an alert silent. Every name they query must be in a real scrape of some service.
 */
describe('dashboards and alert rules', () => {
  it('query only metrics the running services export', async () => {
    const urls = serviceUrls();
    const exported = new Set<string>();
    for (const service of ServiceNames) {
      const response = await fetch(`${urls[service]}/metrics`);
      expect({ service, status: response.status }).toEqual({ service, status: 200 });
      for (const name of exposedMetricNames(await response.text())) exported.add(name);
    }

    const queries = monitoringQueries();
    expect(queries.length).toBeGreaterThan(0);
    const missing = queries.flatMap(({ source, expr }) =>
      promqlMetricNames(expr)
        .filter((name) => !exported.has(name))
        .map((name) => `${name} (${source})`),
    );
    expect([...new Set(missing)].sort()).toEqual([]);
  });
});
