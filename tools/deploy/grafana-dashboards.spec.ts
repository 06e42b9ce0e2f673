import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { dashboardQueries } from './monitoring-queries';
import { promqlMetricNames } from './promql-metric-names';

/** Whether each metric exists in a real scrape is checked end to end (e2e/src/dashboards.e2e-spec.ts); this checks the files. */
const root = join(__dirname, '..', '..');
const dashboardsDir = join(root, 'deploy', 'grafana', 'dashboards');
const files = readdirSync(dashboardsDir).filter((file) => file.endsWith('.json')).sort();

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr?: string; datasource?: { type: string; uid: string } }[];
  panels?: Panel[];
}

interface Dashboard {
  uid: string;
  title: string;
  tags: string[];
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; datasource?: { uid: string } }[] };
}

const dashboards = files.map((file) => ({ file, board: JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8')) as Dashboard }));
const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
const queries = dashboards.flatMap(({ file, board }) => dashboardQueries(board, file));

/** Labels with a small, fixed set of values; panels group by nothing else. */
const BOUNDED_LABELS = new Set([
  'service',
  'instance',
  'job',
  'le',
  'origin',
  'source',
  'reason',
  'status',
  'outcome',
  'error',
  'action',
  'result',
  'group',
  'topic',
  'dependency',
  'route',
  'method',
  'status_class',
]);

const provisionedDatasource = (
  parse(readFileSync(join(root, 'deploy', 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8')) as {
    datasources: { uid: string; type: string }[];
  }
).datasources.find((datasource) => datasource.type === 'prometheus')!;

describe('Grafana dashboards', () => {
  it('has the four Hookline dashboards', () => {
    expect(files).toEqual(expect.arrayContaining(['delivery-overview.json', 'endpoint-health.json', 'kafka-lag.json', 'retry-backlog.json']));
  });

  it.each(dashboards)('$file has a unique hookline uid, the hookline tag and a current schema', ({ board }) => {
    expect(board.uid).toMatch(/^hookline-[a-z-]+$/);
    expect(dashboards.filter((other) => other.board.uid === board.uid)).toHaveLength(1);
    expect(board.tags).toContain('hookline');
    expect(board.schemaVersion).toBeGreaterThanOrEqual(39);
  });

  it.each(dashboards)('$file gives every panel a unique id and every non-row panel a query', ({ board }) => {
    const panels = allPanels(board.panels);
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    const withoutQuery = panels
      .filter((panel) => panel.type !== 'row' && !(panel.targets ?? []).some((target) => (target.expr ?? '').trim() !== ''))
      .map((panel) => panel.title);
    expect(withoutQuery).toEqual([]);
  });

  it.each(dashboards)('$file reads from the provisioned Prometheus data source, by uid', ({ board }) => {
    const panels = allPanels(board.panels).filter((panel) => panel.type !== 'row');
    const uids = [
      ...panels.map((panel) => panel.datasource?.uid),
      ...panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.datasource?.uid)),
      ...board.templating.list.map((variable) => variable.datasource?.uid),
    ];
    expect(new Set(uids)).toEqual(new Set([provisionedDatasource.uid]));
  });

  it('queries only hookline_ metrics', () => {
    const foreign = queries.flatMap(({ source, expr }) => promqlMetricNames(expr).filter((name) => !name.startsWith('hookline_')).map((name) => `${source}: ${name}`));
    expect(foreign).toEqual([]);
  });

  it("takes rates over Grafana's $__rate_interval (or the whole $__range for totals)", () => {
    const ranges = queries.flatMap(({ source, expr }) => [...expr.matchAll(/\[([^\]]*)\]/g)].map((match) => ({ source, range: match[1] })));
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.filter(({ range }) => range !== '$__rate_interval' && range !== '$__range')).toEqual([]);
  });

  it('groups only by bounded labels', () => {
    const grouped = queries.flatMap(({ source, expr }) =>
      [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((match) =>
        match[1]!
          .split(',')
          .map((label) => label.trim())
          .filter((label) => label !== '')
          .map((label) => ({ source, label })),
      ),
    );
    expect(grouped.length).toBeGreaterThan(0);
    expect(grouped.filter(({ label }) => !BOUNDED_LABELS.has(label))).toEqual([]);
  });

  it('is loaded by the provisioning provider from where docker-compose.yml mounts it', () => {
    const provisioningDir = join(root, 'deploy', 'grafana', 'provisioning', 'dashboards');
    const providers = readdirSync(provisioningDir)
      .filter((file) => file.endsWith('.yml'))
      .flatMap((file) => (parse(readFileSync(join(provisioningDir, file), 'utf8')) as { providers: { type: string; options: { path: string } }[] }).providers);
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: { grafana: { volumes: string[] } } };
    const mounts = compose.services.grafana.volumes.map((volume) => volume.split(':'));
    expect(mounts).toContainEqual(['./deploy/grafana/provisioning', '/etc/grafana/provisioning', 'ro']);
    const dashboardsMount = mounts.find(([source]) => source === './deploy/grafana/dashboards');
    expect(providers.map((provider) => [provider.type, provider.options.path])).toContainEqual(['file', dashboardsMount?.[1]]);
  });
});
