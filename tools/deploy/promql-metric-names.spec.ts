import { promqlMetricNames } from './promql-metric-names';

describe('promqlMetricNames', () => {
  it('finds a bare selector and one with matchers', () => {
    expect(promqlMetricNames('hookline_retry_backlog')).toEqual(['hookline_retry_backlog']);
    expect(promqlMetricNames('hookline_subscriptions{status="auto_disabled", service=~"a|b"}')).toEqual(['hookline_subscriptions']);
  });

  it('leaves out functions, aggregations and the label lists of by, without, on, ignoring and group_*', () => {
    const expr = `
      histogram_quantile(0.99, sum by (le, service) (rate(hookline_delivery_latency_seconds_bucket[5m])))
      / ignoring(outcome) group_left(service) max without (instance) (hookline_dependency_up)
      + on (service) count(hookline_process_start_time_seconds) by (job)`;
    expect(promqlMetricNames(expr)).toEqual([
      'hookline_delivery_latency_seconds_bucket',
      'hookline_dependency_up',
      'hookline_process_start_time_seconds',
    ]);
  });

  it('keeps the suffix a histogram or counter is read through', () => {
    const expr = 'sum(rate(x_seconds_sum[1m])) / sum(rate(x_seconds_count[1m])) + sum(rate(y_total[1m]))';
    expect(promqlMetricNames(expr)).toEqual(['x_seconds_count', 'x_seconds_sum', 'y_total']);
  });

  it('treats binary operators, bool and set operators as keywords, in any case', () => {
    expect(promqlMetricNames('a > bool 1 AND b UNLESS c or d')).toEqual(['a', 'b', 'c', 'd']);
    expect(promqlMetricNames('a_total unless sum(b_total) > 0')).toEqual(['a_total', 'b_total']);
  });

  it('steps over numbers, durations, offsets and @ modifiers', () => {
    expect(promqlMetricNames('rate(a[1h30m] offset -5m) * 1.5e-3 + b @ 1609746000 + c @ start() > 0x1f + Inf - NaN')).toEqual(['a', 'b', 'c']);
  });

  it('steps over subqueries and their steps', () => {
    expect(promqlMetricNames('max_over_time(deriv(max(hookline_kafka_consumer_lag)[10m:1m])[1h:])')).toEqual(['hookline_kafka_consumer_lag']);
  });

  it('reads no names out of strings, even ones that look like selectors', () => {
    const expr = `label_replace(a, "dst", "b{c=\\"d\\"}", "src", "(.*)") + count_values('e f', g) + label_join(h, \`i\`, ",", "j")`;
    expect(promqlMetricNames(expr)).toEqual(['a', 'g', 'h']);
  });

  it('takes the name from an exact __name__ matcher, not from a regular expression', () => {
    expect(promqlMetricNames('{__name__="hookline_retry_backlog", service="retry-scheduler"}')).toEqual(['hookline_retry_backlog']);
    expect(promqlMetricNames('{__name__=~"hookline_.+"}')).toEqual([]);
  });

  it("steps over Grafana's variables wherever they stand", () => {
    const expr = 'sum by (route) (rate(a{service=~"$service"}[$__rate_interval])) / $scale + increase(b[${__range}]) * ${factor} - c[[interval]]';
    expect(promqlMetricNames(expr)).toEqual(['a', 'b', 'c']);
  });

  it('ignores comments', () => {
    expect(promqlMetricNames('a # not_a_metric here\n+ b')).toEqual(['a', 'b']);
  });

  it('names each metric once, sorted', () => {
    expect(promqlMetricNames('z / z + a:recorded:rate5m')).toEqual(['a:recorded:rate5m', 'z']);
  });

  it('accepts recording rule names with colons and names that start like keywords', () => {
    expect(promqlMetricNames('order_total + by_service + sum_of_all')).toEqual(['by_service', 'order_total', 'sum_of_all']);
  });
});
