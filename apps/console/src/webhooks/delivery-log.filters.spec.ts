import {
  DELIVERY_STATUSES,
  deliveryListParams,
  deliveryLogFiltersFromQuery,
  deliveryLogFiltersKey,
  deliveryLogFiltersOfDraft,
  deliveryLogFiltersToQuery,
  draftOfDeliveryLogFilters,
  hasDeliveryLogFilters,
  noDeliveryLogFilters,
} from './delivery-log.filters';

describe('delivery log filters', () => {
  it('offers the six delivery statuses', () => {
    expect(DELIVERY_STATUSES).toEqual(['pending', 'succeeded', 'retrying', 'dead', 'held', 'cancelled']);
  });

  it('reads status and times from the URL, ignoring what it does not understand', () => {
    const query = new URLSearchParams('status=dead&since=2026-11-23T10:00:00%2B02:00&until=2026-11-24T00:00:00Z&other=x');
    expect(deliveryLogFiltersFromQuery(query)).toEqual({
      status: 'dead',
      since: '2026-11-23T08:00:00.000Z',
      until: '2026-11-24T00:00:00.000Z',
    });
    expect(deliveryLogFiltersFromQuery(new URLSearchParams('status=failed&since=yesterday&until=2026-13-45T99:00'))).toEqual(noDeliveryLogFilters);
    expect(deliveryLogFiltersFromQuery(new URLSearchParams(''))).toEqual(noDeliveryLogFilters);
  });

  it('writes only the filters that are set, and reads them back the same', () => {
    const filters = { status: 'retrying', since: '2026-11-23T08:00:00.000Z', until: '' } as const;
    const query = deliveryLogFiltersToQuery(filters);
    expect(query.toString()).toBe('status=retrying&since=2026-11-23T08%3A00%3A00.000Z');
    expect(deliveryLogFiltersFromQuery(query)).toEqual(filters);
    expect(deliveryLogFiltersToQuery(noDeliveryLogFilters).toString()).toBe('');
    expect(hasDeliveryLogFilters(noDeliveryLogFilters)).toBe(false);
    expect(hasDeliveryLogFilters(filters)).toBe(true);
    expect(deliveryLogFiltersKey(filters)).not.toBe(deliveryLogFiltersKey(noDeliveryLogFilters));
  });

  it('asks the API for one webhook’s deliveries, leaving unset filters out', () => {
    expect(deliveryListParams('sub_1', noDeliveryLogFilters)).toEqual({ subscriptionId: 'sub_1' });
    expect(deliveryListParams('sub_1', { status: 'dead', since: '2026-11-23T08:00:00.000Z', until: '2026-11-24T08:00:00.000Z' })).toEqual({
      subscriptionId: 'sub_1',
      status: 'dead',
      since: '2026-11-23T08:00:00.000Z',
      until: '2026-11-24T08:00:00.000Z',
    });
  });

  it('turns the form into filters and back through local times', () => {
    const since = new Date(2026, 10, 23, 9, 0).toISOString();
    const until = new Date(2026, 10, 23, 18, 30).toISOString();
    const draft = draftOfDeliveryLogFilters({ status: 'held', since, until });
    expect(draft).toEqual({ status: 'held', since: '2026-11-23T09:00', until: '2026-11-23T18:30' });
    expect(deliveryLogFiltersOfDraft(draft)).toEqual({ ok: true, filters: { status: 'held', since, until } });
    expect(deliveryLogFiltersOfDraft({ status: '', since: '', until: '' })).toEqual({ ok: true, filters: noDeliveryLogFilters });
  });

  it('refuses unreadable times and an end that is not after the start', () => {
    expect(deliveryLogFiltersOfDraft({ status: '', since: 'soon', until: '' })).toEqual({ ok: false, errors: { since: 'invalid' } });
    expect(deliveryLogFiltersOfDraft({ status: '', since: '', until: '2026-02-30T10:00' })).toEqual({ ok: false, errors: { until: 'invalid' } });
    expect(deliveryLogFiltersOfDraft({ status: '', since: '2026-11-23T10:00', until: '2026-11-23T10:00' })).toEqual({
      ok: false,
      errors: { until: 'not-after-since' },
    });
  });
});
