import { dashboardQueries, expandGrafanaVariables, ruleQueries, variableQueryExpression } from './monitoring-queries';

describe('variableQueryExpression', () => {
  it('takes the selector of label_values and the expression of query_result', () => {
    expect(variableQueryExpression('label_values(hookline_process_start_time_seconds, service)')).toBe('hookline_process_start_time_seconds');
    expect(variableQueryExpression('label_values(a{b="c", d=~"e"}, f)')).toBe('a{b="c", d=~"e"}');
    expect(variableQueryExpression(' query_result(topk(5, a)) ')).toBe('topk(5, a)');
  });

  it('finds no metric in queries that select none', () => {
    expect(variableQueryExpression('label_values(service)')).toBeUndefined();
    expect(variableQueryExpression('label_names()')).toBeUndefined();
    expect(variableQueryExpression('metrics(hookline_.*)')).toBeUndefined();
    expect(variableQueryExpression('  ')).toBeUndefined();
  });
});

describe('dashboardQueries', () => {
  it('collects panel targets at any depth and query variables, named by title', () => {
    const dashboard = {
      title: 'Board',
      templating: {
        list: [
          { name: 'service', type: 'query', query: 'label_values(a, service)' },
          { name: 'group', type: 'query', query: { query: 'label_values(b, group)', refId: 'V' } },
          { name: 'interval', type: 'interval', query: '1m,5m' },
        ],
      },
      panels: [
        { title: 'One', targets: [{ expr: 'c' }, { expr: 'd' }] },
        { title: 'Row', type: 'row', panels: [{ title: 'Nested', targets: [{ expr: 'e' }] }] },
      ],
    };
    expect(dashboardQueries(dashboard, 'board.json')).toEqual([
      { source: 'board.json: One', expr: 'c' },
      { source: 'board.json: One', expr: 'd' },
      { source: 'board.json: Nested', expr: 'e' },
      { source: 'board.json: variable service', expr: 'a' },
      { source: 'board.json: variable group', expr: 'b' },
    ]);
  });
});

describe('ruleQueries', () => {
  it('collects alerting and recording rules of every group', () => {
    const rules = {
      groups: [
        { name: 'one', rules: [{ alert: 'Down', expr: 'a == 0' }, { record: 'b:rate5m', expr: 'rate(b[5m])' }] },
        { name: 'two', rules: [{ alert: 'Slow', expr: 'c > 1' }] },
      ],
    };
    expect(ruleQueries(rules, 'alerts.yml')).toEqual([
      { source: 'alerts.yml: Down', expr: 'a == 0' },
      { source: 'alerts.yml: b:rate5m', expr: 'rate(b[5m])' },
      { source: 'alerts.yml: Slow', expr: 'c > 1' },
    ]);
  });

  it('finds nothing in a file that is not a rule file', () => {
    expect(ruleQueries(null, 'x.yml')).toEqual([]);
    expect(ruleQueries({ groups: 'no' }, 'x.yml')).toEqual([]);
  });
});

describe('expandGrafanaVariables', () => {
  it('turns interval variables into durations and other variables into match-all', () => {
    expect(expandGrafanaVariables('sum(rate(a{service=~"$service"}[$__rate_interval])) + increase(b{group=~"${group}"}[${__range}])')).toBe(
      'sum(rate(a{service=~".*"}[1m])) + increase(b{group=~".*"}[6h])',
    );
    expect(expandGrafanaVariables('c{d=~"${d:regex}"}[$__interval]')).toBe('c{d=~".*"}[15s]');
  });
});
