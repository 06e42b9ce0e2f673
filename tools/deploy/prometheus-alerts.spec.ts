import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ruleQueries } from './monitoring-queries';
import { promqlMetricNames } from './promql-metric-names';

/** promtool checks the rules' syntax and behaviour (prometheus-rules.int-spec.ts); this checks what it does not. */
const root = join(__dirname, '..', '..');
const prometheusDir = join(root, 'deploy', 'prometheus');
const read = (path: string) => readFileSync(path, 'utf8');

interface AlertRule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface RuleTests {
  rule_files: string[];
  tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
}

const ruleFile = parse(read(join(prometheusDir, 'alerts.yml'))) as { groups: { name: string; rules: AlertRule[] }[] };
const alerts = ruleFile.groups.flatMap((group) => group.rules);
const ruleTests = parse(read(join(prometheusDir, 'alerts.test.yml'))) as RuleTests;
const runbook = read(join(root, 'docs', 'operations.md'));
const anchor = (alert: string) => `alert-${alert.toLowerCase()}`;

describe('Prometheus alert rules', () => {
  it('has only alerting rules, each named once, Hookline…', () => {
    const names = alerts.map((rule) => rule.alert);
    expect(names.every((name) => /^Hookline[A-Z][A-Za-z0-9]+$/.test(name))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(alerts)('$alert has a severity, a summary, a description and a runbook entry', (rule) => {
    expect(['critical', 'warning', 'info']).toContain(rule.labels?.severity);
    expect(rule.annotations?.summary).toEqual(expect.any(String));
    expect(rule.annotations?.description).toEqual(expect.any(String));
    expect(rule.annotations?.runbook_url).toBe(`docs/operations.md#${anchor(rule.alert)}`);
    expect(runbook).toContain(`<a id="${anchor(rule.alert)}"></a>`);
  });

  it('has a runbook entry for no alert that does not exist', () => {
    const anchors = [...runbook.matchAll(/<a id="(alert-[a-z0-9]+)"><\/a>/g)].map((match) => match[1]);
    expect(anchors.sort()).toEqual(alerts.map((rule) => anchor(rule.alert)).sort());
  });

  it.each(alerts)('$alert is unit-tested both firing and staying quiet', (rule) => {
    const cases = ruleTests.tests.flatMap((test) => test.alert_rule_test ?? []).filter((test) => test.alertname === rule.alert);
    expect(cases.some((test) => (test.exp_alerts ?? []).length > 0)).toBe(true);
    expect(cases.some((test) => (test.exp_alerts ?? []).length === 0)).toBe(true);
  });

  it('queries only hookline_ metrics', () => {
    const foreign = ruleQueries(ruleFile, 'alerts.yml').flatMap(({ source, expr }) =>
      promqlMetricNames(expr)
        .filter((name) => !name.startsWith('hookline_'))
        .map((name) => `${source}: ${name}`),
    );
    expect(foreign).toEqual([]);
  });

  it('is loaded by the Prometheus configuration, in docker compose too', () => {
    const config = parse(read(join(prometheusDir, 'prometheus.yml'))) as { rule_files?: string[] };
    expect(config.rule_files).toEqual(['alerts.yml']);
    expect(ruleTests.rule_files).toEqual(['alerts.yml']);
    const compose = parse(read(join(root, 'docker-compose.yml'))) as { services: { prometheus: { command: string[]; volumes: string[] } } };
    const mounts = new Map(compose.services.prometheus.volumes.map((volume) => [volume.split(':')[1], volume.split(':')[0]]));
    const configFile = compose.services.prometheus.command.find((arg) => arg.startsWith('--config.file='))!.split('=')[1]!;
    expect(mounts.get(configFile)).toBe('./deploy/prometheus/prometheus.yml');
    // Prometheus resolves rule files relative to its configuration file.
    for (const file of config.rule_files ?? []) {
      const mounted = mounts.get(join(dirname(configFile), file));
      expect(mounted).toBe(`./deploy/prometheus/${file}`);
      expect(existsSync(resolve(root, mounted!))).toBe(true);
    }
  });
});
