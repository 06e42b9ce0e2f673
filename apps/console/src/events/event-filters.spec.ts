import {
  draftOfEventFilters,
  eventFiltersFromQuery,
  eventFiltersOfDraft,
  eventFiltersToQuery,
  eventListParams,
  hasEventFilters,
  noEventFilters,
} from './event-filters';

// Expectations are built with local-time Date constructors, so the specs pass in any time zone.
const local = (...parts: [number, number, number, number, number, number?, number?]) => new Date(...parts).toISOString();

describe('event filters in the URL', () => {
  it('reads type, since and until, writing times the way the API takes them', () => {
    const filters = eventFiltersFromQuery(new URLSearchParams('type=order.created&since=2026-11-01T00:00:00Z&until=2026-11-02T01:00:00%2B01:00'));
    expect(filters).toEqual({ type: 'order.created', since: '2026-11-01T00:00:00.000Z', until: '2026-11-02T00:00:00.000Z' });
  });

  it('drops times that are not times', () => {
    expect(eventFiltersFromQuery(new URLSearchParams('since=1&until=2026-99-99T00:00:00Z'))).toEqual(noEventFilters);
    expect(eventFiltersFromQuery(new URLSearchParams(''))).toEqual(noEventFilters);
  });

  it('writes only the filters that are set', () => {
    expect(eventFiltersToQuery(noEventFilters).toString()).toBe('');
    expect(eventFiltersToQuery({ type: 'a.b', since: '', until: '2026-11-02T00:00:00.000Z' }).toString()).toBe(
      'type=a.b&until=2026-11-02T00%3A00%3A00.000Z',
    );
    expect(hasEventFilters(noEventFilters)).toBe(false);
    expect(hasEventFilters({ ...noEventFilters, since: '2026-11-02T00:00:00.000Z' })).toBe(true);
  });

  it('leaves unset filters out of the list request', () => {
    expect(eventListParams(noEventFilters)).toEqual({});
    expect(eventListParams({ type: 'a.b', since: '2026-11-01T00:00:00.000Z', until: '' })).toEqual({ type: 'a.b', since: '2026-11-01T00:00:00.000Z' });
  });
});

describe('the event filter form', () => {
  it('starts from the filters in the URL', () => {
    const since = local(2026, 10, 1, 8, 0);
    expect(draftOfEventFilters({ type: 'a.b', since, until: '' })).toEqual({ type: 'a.b', since: '2026-11-01T08:00', until: '' });
  });

  it('turns its values into filters', () => {
    expect(eventFiltersOfDraft({ type: ' a.b ', since: '2026-11-01T08:00', until: '' })).toEqual({
      ok: true,
      filters: { type: 'a.b', since: local(2026, 10, 1, 8, 0), until: '' },
    });
    expect(eventFiltersOfDraft({ type: '', since: '', until: '' })).toEqual({ ok: true, filters: noEventFilters });
  });

  it('says which time is wrong', () => {
    expect(eventFiltersOfDraft({ type: '', since: 'soon', until: '' })).toEqual({ ok: false, errors: { since: 'invalid' } });
    expect(eventFiltersOfDraft({ type: '', since: '2026-11-01T08:00', until: '2026-11-01T08:00' })).toEqual({
      ok: false,
      errors: { until: 'not-after-since' },
    });
    expect(eventFiltersOfDraft({ type: '', since: '2026-11-02T08:00', until: '2026-11-01T08:00' })).toEqual({
      ok: false,
      errors: { until: 'not-after-since' },
    });
  });
});
