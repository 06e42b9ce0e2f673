import { parseRoute, routeHref, type Route } from './route';

describe('console routes', () => {
  it('reads every screen from the hash', () => {
    expect(parseRoute('')).toEqual({ name: 'webhooks' });
    expect(parseRoute('#/webhooks')).toEqual({ name: 'webhooks' });
    expect(parseRoute('#/webhooks/new')).toEqual({ name: 'webhook-new' });
    expect(parseRoute('#/webhooks/sub_01H/edit')).toEqual({ name: 'webhook-edit', id: 'sub_01H' });
    expect(parseRoute('#/event-types')).toEqual({ name: 'event-types' });
    expect(parseRoute('#/events/evt_9')).toEqual({ name: 'event', id: 'evt_9' });
  });

  it('keeps the filters of a screen in its query', () => {
    const route = parseRoute('#/webhooks/sub_1?status=dead&since=2026-11-01T00%3A00%3A00.000Z');
    expect(route.name).toBe('webhook');
    if (route.name !== 'webhook') return;
    expect(route.query.get('status')).toBe('dead');
    expect(route.query.get('since')).toBe('2026-11-01T00:00:00.000Z');
  });

  it('sends anything it does not know, or an id that is not one, to not-found', () => {
    expect(parseRoute('#/nope').name).toBe('not-found');
    expect(parseRoute('#/webhooks/a%2Fb').name).toBe('not-found');
    expect(parseRoute('#/webhooks/sub_1/edit/more').name).toBe('not-found');
    expect(parseRoute('#/webhooks/%E0%A4%A').name).toBe('not-found');
  });

  it('writes links that read back as the same screen, dropping empty filters', () => {
    const routes: Route[] = [
      { name: 'webhooks' },
      { name: 'webhook-new' },
      { name: 'webhook-edit', id: 'sub_1' },
      { name: 'event-types' },
      { name: 'event', id: 'evt_1' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
    const href = routeHref({ name: 'events', query: new URLSearchParams({ type: 'order.created', since: '' }) });
    expect(href).toBe('#/events?type=order.created');
  });
});
