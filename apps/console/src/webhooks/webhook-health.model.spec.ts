import type { SubscriptionHealth } from '@hookline/sdk/client';
import { failureMeter, healthCondition } from './webhook-health.model';

const neverAttempted: SubscriptionHealth = {
  subscriptionId: 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  status: 'enabled',
  disabledReason: null,
  disabledAt: null,
  failingSince: null,
  lastSuccessAt: null,
  lastFailureAt: null,
  lastStatusCode: null,
  lastError: null,
  failuresInWindow: 0,
  failureThreshold: 30,
  failureWindowSeconds: 1800,
  windowStart: '2026-11-23T11:30:00.000Z',
};

describe('healthCondition', () => {
  it('is never attempted while nothing has succeeded or failed', () => {
    expect(healthCondition(neverAttempted)).toEqual({ kind: 'never-attempted' });
  });

  it('is healthy when the last request succeeded', () => {
    expect(healthCondition({ ...neverAttempted, lastSuccessAt: '2026-11-23T12:00:00.000Z' })).toEqual({ kind: 'healthy' });
    const recovered = { ...neverAttempted, lastSuccessAt: '2026-11-23T12:00:00.000Z', lastFailureAt: '2026-11-23T11:59:00.000Z', lastStatusCode: 500 };
    expect(healthCondition(recovered)).toEqual({ kind: 'healthy' });
  });

  it('is failing since the first failure after the last success', () => {
    const failing = {
      ...neverAttempted,
      lastSuccessAt: '2026-11-23T11:00:00.000Z',
      failingSince: '2026-11-23T11:40:00.000Z',
      lastFailureAt: '2026-11-23T11:58:00.000Z',
      failuresInWindow: 4,
    };
    expect(healthCondition(failing)).toEqual({ kind: 'failing', since: '2026-11-23T11:40:00.000Z' });
  });

  it('says the last request failed when enabling started the count over', () => {
    const reEnabled = { ...neverAttempted, lastFailureAt: '2026-11-23T11:58:00.000Z', lastStatusCode: 410, windowStart: '2026-11-23T12:00:00.000Z' };
    expect(healthCondition(reEnabled)).toEqual({ kind: 'last-failed' });
    expect(healthCondition({ ...reEnabled, lastSuccessAt: '2026-11-23T11:00:00.000Z' })).toEqual({ kind: 'last-failed' });
  });
});

describe('failureMeter', () => {
  it('spans the threshold, warning from half and alarming from four fifths', () => {
    expect(failureMeter({ failuresInWindow: 12, failureThreshold: 30 })).toEqual({ value: 12, max: 30, low: 15, high: 24 });
  });

  it('never runs past the threshold (failures of requests in flight when it tripped still count)', () => {
    expect(failureMeter({ failuresInWindow: 7, failureThreshold: 5 }).value).toBe(5);
  });
});
