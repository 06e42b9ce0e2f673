import type { Subscription } from '@hookline/sdk/client';
import { eventTypeChips, removeWebhook, replaceWebhook } from './webhooks-list.model';

function webhook(id: string, overrides: Partial<Subscription> = {}): Subscription {
  return {
    id,
    name: id,
    description: null,
    url: 'https://hooks.example.com/',
    eventTypes: ['*'],
    policy: { mode: 'simple' },
    ordering: 'unordered',
    maxInFlight: 10,
    rateLimitPerSecond: null,
    timeoutMs: 5000,
    retrySchedule: [5],
    authorization: null,
    headers: {},
    failureThreshold: 30,
    failureWindowSeconds: 1800,
    status: 'enabled',
    disabledReason: null,
    disabledAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('webhooks list', () => {
  it('shows the first event types and counts the rest', () => {
    expect(eventTypeChips(['a', 'b', 'c', 'd', 'e'])).toEqual({ shown: ['a', 'b', 'c'], hidden: ['d', 'e'] });
    expect(eventTypeChips(['*'])).toEqual({ shown: ['*'], hidden: [] });
  });

  it('replaces and removes rows', () => {
    const rows = [webhook('sub_1'), webhook('sub_2')];
    const paused = webhook('sub_2', { status: 'disabled' });
    expect(replaceWebhook(rows, paused)).toEqual([rows[0], paused]);
    expect(removeWebhook(rows, 'sub_1')).toEqual([rows[1]]);
  });
});
