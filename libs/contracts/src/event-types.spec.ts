import { isEventTypePattern, isReservedEventType, matchesAnyEventType, matchesEventType } from './event-types';

describe('event type patterns', () => {
  it.each([
    ['*', 'order.created', true],
    ['order.created', 'order.created', true],
    ['order.created', 'order.created.v2', false],
    ['order.*', 'order.created', true],
    ['order.*', 'order.item.added', true],
    ['order.*', 'order', false],
    ['order.*', 'orders.created', false],
    ['order.item.*', 'order.created', false],
    ['*', 'hookline.delivery.dead', false],
    ['hookline.*', 'hookline.delivery.dead', true],
    ['hookline.delivery.dead', 'hookline.delivery.dead', true],
  ])('%s matches %s: %s', (pattern, type, expected) => {
    expect(matchesEventType(pattern, type)).toBe(expected);
  });

  it('matches when any pattern of a subscription does', () => {
    expect(matchesAnyEventType(['invoice.paid', 'order.*'], 'order.shipped')).toBe(true);
    expect(matchesAnyEventType(['invoice.paid'], 'order.shipped')).toBe(false);
    expect(matchesAnyEventType([], 'order.shipped')).toBe(false);
  });

  it.each([
    ['*', true],
    ['order.*', true],
    ['order_v2.created', true],
    ['order.*.created', false],
    ['*.created', false],
    ['order.', false],
    ['order created', false],
    ['', false],
  ])('pattern %j is valid: %s', (pattern, expected) => {
    expect(isEventTypePattern(pattern)).toBe(expected);
  });

  it('reserves the hookline. namespace', () => {
    expect(isReservedEventType('hookline.test')).toBe(true);
    expect(isReservedEventType('hooklines.test')).toBe(false);
  });
});
