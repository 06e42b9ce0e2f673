import { distinctSubscriptionIds, prettyJson, subscriptionNamesOf } from './event-deliveries';

describe('an event’s deliveries', () => {
  it('lists each subscription once, in order of appearance', () => {
    expect(distinctSubscriptionIds([{ subscriptionId: 'sub_b' }, { subscriptionId: 'sub_a' }, { subscriptionId: 'sub_b' }])).toEqual(['sub_b', 'sub_a']);
    expect(distinctSubscriptionIds([])).toEqual([]);
  });

  it('names the subscriptions it could read and leaves out the rest', () => {
    const names = subscriptionNamesOf(
      ['sub_a', 'sub_gone', 'sub_c'],
      [
        { status: 'fulfilled', value: { name: 'Orders' } },
        { status: 'rejected', reason: new Error('404') },
        { status: 'fulfilled', value: { name: 'Billing' } },
      ],
    );
    expect([...names]).toEqual([
      ['sub_a', 'Orders'],
      ['sub_c', 'Billing'],
    ]);
  });
});

describe('event data', () => {
  it('is indented two spaces', () => {
    expect(prettyJson({ orderId: 'o-1', items: [1] })).toBe('{\n  "orderId": "o-1",\n  "items": [\n    1\n  ]\n}');
    expect(prettyJson('text')).toBe('"text"');
    expect(prettyJson(null)).toBe('null');
    expect(prettyJson(undefined)).toBe('');
  });
});
