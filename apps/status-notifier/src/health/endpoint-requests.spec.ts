import type { AttemptMessage } from '@hookline/contracts';
import { AttemptMessageFactory } from '../testing/attempt-message.factory';
import { groupRequests } from './endpoint-requests';

const attempt = (overrides: Partial<AttemptMessage>): AttemptMessage =>
  AttemptMessageFactory.build({ tenantId: 'ten_1', subscriptionId: 'sub_1', startedAt: '2026-11-23T10:00:00.000Z', durationMs: 250, ...overrides });

describe('groupRequests', () => {
  it('makes one request per attempt in simple mode, finishing after its duration', () => {
    const [group] = groupRequests([attempt({}), attempt({ startedAt: '2026-11-23T10:00:01.000Z' })]);
    expect(group?.requests).toHaveLength(2);
    expect(group?.requests[0]).toMatchObject({ finishedAt: new Date('2026-11-23T10:00:00.250Z'), error: 'http_status: HTTP 500', ok: false });
  });

  it('makes one request of a batch’s members, and another of its retry', () => {
    const members = [attempt({ batchId: 'bat_1' }), attempt({ batchId: 'bat_1' }), attempt({ batchId: 'bat_1' })];
    const retry = attempt({ batchId: 'bat_1', number: 2, startedAt: '2026-11-23T10:00:05.000Z' });
    const [group] = groupRequests([...members, retry]);
    expect(group?.requests.map((request) => request.key)).toEqual(['bat_1@2026-11-23T10:00:00.000Z', 'bat_1@2026-11-23T10:00:05.000Z']);
  });

  it('keeps subscriptions apart', () => {
    const groups = groupRequests([attempt({ subscriptionId: 'sub_a' }), attempt({ subscriptionId: 'sub_b', tenantId: 'ten_2' })]);
    expect(groups.map((group) => [group.subscriptionId, group.tenantId])).toEqual([
      ['sub_a', 'ten_1'],
      ['sub_b', 'ten_2'],
    ]);
  });

  it('marks an announced death, but not the death of an operational event', () => {
    const [mine] = groupRequests([attempt({ deliveryStatus: 'dead' })]);
    const [alerts] = groupRequests([attempt({ deliveryStatus: 'dead', eventType: 'hookline.delivery.dead' })]);
    expect(mine?.requests[0]?.announcedDeath).toBe(true);
    expect(alerts?.requests[0]?.announcedDeath).toBe(false);
  });

  it('reads an error class without detail as it is', () => {
    const [group] = groupRequests([attempt({ error: 'timeout', errorMessage: undefined, statusCode: null })]);
    expect(group?.requests[0]?.error).toBe('timeout');
  });
});
