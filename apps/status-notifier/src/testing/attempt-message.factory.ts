import { newId, type AttemptMessage } from '@hookline/contracts';

/** Test data: a failed first attempt (HTTP 500) of a fresh delivery; specs override what they look at. */
export const AttemptMessageFactory = {
  build: (overrides: Partial<AttemptMessage> = {}): AttemptMessage => ({
    attemptId: newId('att'),
    deliveryId: newId('dlv'),
    tenantId: newId('ten'),
    subscriptionId: newId('sub'),
    eventId: newId('evt'),
    eventType: 'order.created',
    number: 1,
    startedAt: new Date().toISOString(),
    durationMs: 20,
    statusCode: 500,
    error: 'http_status',
    errorMessage: 'HTTP 500',
    ok: false,
    deliveryStatus: 'retrying',
    nextAttemptAt: null,
    retryAfterSeconds: null,
    batchId: null,
    ...overrides,
  }),
};
