import { EventData, EventMessage, EventTime } from './event.message';

const tenantId = 'ten_01KAW2Z3B4C5D6E7F8G9H0JKMN';

describe('EventTime', () => {
  it.each(['2026-11-23T12:00:00Z', '2026-11-23T12:00:00.123+05:30', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z'])('accepts %s', (time) => {
    expect(EventTime.safeParse(time).success).toBe(true);
  });

  // Each is a well-formed time whose UTC instant toISOString would write as "+010000-…" or "-000001-…".
  it.each(['9999-12-31T23:59:59-23:59', '0000-01-01T00:00:00+00:01'])('refuses %s, which leaves the four-digit years in UTC', (time) => {
    const result = EventTime.safeParse(time);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['must fall within the years 0000 to 9999 in UTC']);
  });

  it('refuses what is not a time with an offset', () => {
    expect(EventTime.safeParse('2026-11-23T12:00:00').error?.issues[0]?.message).toBe('must be an ISO 8601 time with an offset');
    expect(EventTime.safeParse('yesterday').success).toBe(false);
  });
});

describe('EventMessage', () => {
  it('sends a producer’s event with an unpaired surrogate in its data to the dead letters, not to Postgres', () => {
    const result = EventMessage.safeParse({ tenantId, type: 'order.created', data: { note: 'half \ud83d' } });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['data', 'note'], message: expect.stringMatching(/unpaired UTF-16 surrogate/) })]);
  });

  it('refuses an occurredAt outside the years 0000–9999', () => {
    const result = EventMessage.safeParse({ tenantId, type: 'order.created', data: {}, occurredAt: '9999-12-31T23:59:59-23:59' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['occurredAt']]);
  });

  it('keeps well-formed data, emoji and right-to-left marks included', () => {
    expect(EventData.safeParse({ note: '😀 \u202eabc \u200f' }).success).toBe(true);
  });
});
