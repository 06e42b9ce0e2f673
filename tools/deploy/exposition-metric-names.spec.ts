import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { exposedMetricNames } from './exposition-metric-names';

describe('exposedMetricNames', () => {
  it('counts what prom-client exposes, including metrics with no samples yet', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'spec' });
    const registers = [registry];
    new Counter({ name: 'hookline_plain_total', help: 'no labels', registers });
    new Counter({ name: 'hookline_labelled_total', help: 'labels, never incremented', labelNames: ['reason'], registers });
    new Gauge({ name: 'hookline_level', help: 'a gauge', registers }).set(3);
    new Histogram({ name: 'hookline_wait_seconds', help: 'labels, never observed', labelNames: ['outcome'], registers });
    new Summary({ name: 'hookline_size_bytes', help: 'a summary', registers }).observe(1);

    const names = exposedMetricNames(await registry.metrics());

    expect([...names].sort()).toEqual([
      'hookline_labelled_total',
      'hookline_level',
      'hookline_plain_total',
      'hookline_size_bytes',
      'hookline_size_bytes_count',
      'hookline_size_bytes_sum',
      'hookline_wait_seconds',
      'hookline_wait_seconds_bucket',
      'hookline_wait_seconds_count',
      'hookline_wait_seconds_sum',
    ]);
  });

  it('takes sample names without their labels or values', () => {
    const names = exposedMetricNames('a_total{x="1"} 3\nb 4 1700000000\n\n# HELP c something\n');
    expect([...names].sort()).toEqual(['a_total', 'b']);
  });

  it('adds the _total of a counter declared the OpenMetrics way', () => {
    expect([...exposedMetricNames('# TYPE requests counter\nrequests_total 1\n')].sort()).toEqual(['requests', 'requests_total']);
  });
});
