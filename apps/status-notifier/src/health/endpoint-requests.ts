import { emitsOperationalEvents, type AttemptMessage } from '@hookline/contracts';
import type { EndpointRequest } from './endpoint-health';

export interface SubscriptionRequests {
  subscriptionId: string;
  tenantId: string;
  requests: EndpointRequest[];
}

/**
 * Turns attempt outcomes into requests per subscription: the members of one batch request (same
 * batch, same start) become one request, and an attempt read twice is one request.
 */
export function groupRequests(attempts: readonly AttemptMessage[]): SubscriptionRequests[] {
  const bySubscription = new Map<string, { tenantId: string; requests: Map<string, EndpointRequest> }>();
  for (const attempt of attempts) {
    let entry = bySubscription.get(attempt.subscriptionId);
    if (entry === undefined) {
      entry = { tenantId: attempt.tenantId, requests: new Map() };
      bySubscription.set(attempt.subscriptionId, entry);
    }
    const key = attempt.batchId ? `${attempt.batchId}@${attempt.startedAt}` : attempt.attemptId;
    const announcedDeath = attempt.deliveryStatus === 'dead' && emitsOperationalEvents(attempt.eventType);
    const known = entry.requests.get(key);
    if (known !== undefined) {
      known.announcedDeath ||= announcedDeath;
      continue;
    }
    entry.requests.set(key, {
      key,
      finishedAt: new Date(Date.parse(attempt.startedAt) + attempt.durationMs),
      ok: attempt.ok,
      statusCode: attempt.statusCode,
      error: attempt.error === null ? null : attempt.errorMessage ? `${attempt.error}: ${attempt.errorMessage}` : attempt.error,
      announcedDeath,
    });
  }
  return [...bySubscription].map(([subscriptionId, entry]) => ({
    subscriptionId,
    tenantId: entry.tenantId,
    requests: [...entry.requests.values()],
  }));
}
