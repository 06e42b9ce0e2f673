import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { repoRoot } from '../infra/paths';
import { dashboardQueries, expandGrafanaVariables } from './monitoring-queries';
import { ensurePromtool, runPromtool } from './promtool';

// Found (or fetched) while Jest collects the specs, so a machine without promtool skips them visibly.
const promtool = ensurePromtool();
if (!promtool.available) process.stderr.write(`Skipping the promtool checks of deploy/prometheus and the dashboards: ${promtool.reason}\n`);
const describeWithPromtool = promtool.available ? describe : describe.skip;

/** The alert rules, the Prometheus configuration and the dashboards' queries, checked by Prometheus' own tool. */
describeWithPromtool('deploy/prometheus and deploy/grafana with promtool', () => {
  const run = (...args: string[]) => runPromtool(promtool.available ? promtool.path : 'promtool', args);

  it('accepts the alert rules', () => {
    const result = run('check', 'rules', 'deploy/prometheus/alerts.yml');
    expect(result).toEqual({ status: 0, output: expect.stringMatching(/SUCCESS: \d+ rules found/) });
  });

  it('accepts the configuration, including the rule files it names', () => {
    const result = run('check', 'config', 'deploy/prometheus/prometheus.yml');
    expect(result).toEqual({ status: 0, output: expect.stringContaining('SUCCESS: 1 rule files found') });
  });

  it('passes the unit tests of the alert rules', () => {
    const result = run('test', 'rules', 'deploy/prometheus/alerts.test.yml');
    expect(result).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('parses every dashboard query as PromQL', () => {
    const dashboardsDir = join(repoRoot, 'deploy', 'grafana', 'dashboards');
    const queries = readdirSync(dashboardsDir)
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => dashboardQueries(JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8')), file));
    // promtool parses expressions only inside rule files: one recording rule per query.
    const rules = queries.map(({ expr }, index) => ({ record: `hookline_dashboard_query_${index}`, expr: expandGrafanaVariables(expr) }));
    const directory = mkdtempSync(join(tmpdir(), 'hookline-dashboards-'));
    try {
      const file = join(directory, 'dashboard-queries.yml');
      writeFileSync(file, stringify({ groups: [{ name: 'dashboards', rules }] }));
      const result = run('check', 'rules', file);
      expect(result).toEqual({ status: 0, output: expect.stringContaining(`SUCCESS: ${rules.length} rules found`) });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
