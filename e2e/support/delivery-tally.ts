import type { ReceivedRequest } from './receiver';
import type { LoadMark, StreamName } from './steady-load';

interface DeliveredEvent {
  id: string;
  data: LoadMark;
}

/** The events one request carried: one in simple mode, several in batch mode (SPEC §5). */
export function eventsOf(request: ReceivedRequest): DeliveredEvent[] {
  const body = JSON.parse(request.body) as { type: string; data: DeliveredEvent[] } | (DeliveredEvent & { type: string });
  return body.type === 'batch' ? (body.data as DeliveredEvent[]) : [body as DeliveredEvent];
}

/** What one endpoint received of a load run, counted by event and by `webhook-id`. */
export interface Tally {
  requests: number;
  /** Distinct `webhook-id`s: the deliveries (or batches) that arrived at least once. */
  webhookIds: number;
  /** Distinct events received, by stream. */
  events: Record<StreamName, number>;
  /** Expected events that never arrived, as `stream:seq`, at most 20 listed. */
  missing: string[];
  missingCount: number;
  /** Events that arrived that the load never offered. */
  unexpected: number;
  /** Event arrivals beyond the first: requests sent again (same `webhook-id`) or events regrouped into another batch. */
  duplicateEvents: number;
  /** Requests with a `webhook-id` that had already arrived. */
  duplicateRequests: number;
  /** For streams published one event after another: the first arrivals out of publish order. */
  outOfOrder: number;
}

/**
 * Counts what an endpoint got against what the load had acknowledged: `expected` gives the number of
 * acknowledged events of each stream the endpoint subscribes to (seqs `0..n-1`).
 */
export function tally(requests: readonly ReceivedRequest[], run: string, expected: Partial<Record<StreamName, number>>): Tally {
  const seen = new Map<string, number>();
  const webhookIds = new Set<string>();
  const firstArrivals: LoadMark[] = [];
  let duplicateRequests = 0;
  let unexpected = 0;
  for (const request of requests) {
    const webhookId = String(request.headers['webhook-id']);
    if (webhookIds.has(webhookId)) duplicateRequests += 1;
    webhookIds.add(webhookId);
    for (const event of eventsOf(request)) {
      const mark = event.data;
      if (mark.run !== run) continue;
      const key = `${mark.stream}:${mark.seq}`;
      const count = seen.get(key) ?? 0;
      seen.set(key, count + 1);
      if (count === 0) {
        firstArrivals.push(mark);
        if (mark.seq >= (expected[mark.stream] ?? 0)) unexpected += 1;
      }
    }
  }
  const events: Record<StreamName, number> = { 'rest-batch': 0, 'rest-ordered': 0, kafka: 0 };
  for (const mark of firstArrivals) events[mark.stream] += 1;
  const missing: string[] = [];
  let missingCount = 0;
  for (const [stream, count] of Object.entries(expected) as [StreamName, number][]) {
    for (let seq = 0; seq < count; seq += 1) {
      if (seen.has(`${stream}:${seq}`)) continue;
      missingCount += 1;
      if (missing.length < 20) missing.push(`${stream}:${seq}`);
    }
  }
  const lastSeq: Partial<Record<StreamName, number>> = {};
  let outOfOrder = 0;
  for (const mark of firstArrivals) {
    if (mark.seq < (lastSeq[mark.stream] ?? -1)) outOfOrder += 1;
    lastSeq[mark.stream] = Math.max(mark.seq, lastSeq[mark.stream] ?? -1);
  }
  const arrivals = [...seen.values()].reduce((sum, count) => sum + count, 0);
  return {
    requests: requests.length,
    webhookIds: webhookIds.size,
    events,
    missing,
    missingCount,
    unexpected,
    duplicateEvents: arrivals - seen.size,
    duplicateRequests,
    outOfOrder,
  };
}
