import { z } from 'zod';
import type { DeliveryStatus } from '@hookline/persistence';

/** What a replay may send again; `failed` is a delivery waiting for its next try after a failed attempt. */
export const REPLAYABLE_STATUSES = ['dead', 'held', 'failed'] as const;
export type ReplayableStatus = (typeof REPLAYABLE_STATUSES)[number];

const time = z.iso.datetime({
  offset: true,
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be an ISO 8601 time with an offset, e.g. 2026-11-23T10:00:00Z'),
});

const statuses = z
  .array(z.enum(REPLAYABLE_STATUSES, { error: 'must be "dead", "held" or "failed"' }), { error: 'must be an array of statuses' })
  .min(1, 'must name at least one status (leave it out for all three)')
  .refine((values) => new Set(values).size === values.length, 'must not name a status twice');

/** `POST /v1/subscriptions/{id}/replay` (SPEC §3): deliveries created in [since, until) in the given statuses. */
export const ReplayInput = z
  .object({
    since: time,
    until: time.optional(),
    statuses: statuses.default([...REPLAYABLE_STATUSES]),
  })
  .strict()
  .superRefine((input, ctx) => {
    // Runs even when a field failed; compare only two well-formed times.
    if (typeof input.since !== 'string' || typeof input.until !== 'string') return;
    if (Date.parse(input.until) <= Date.parse(input.since)) ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be after since' });
  });
export type ReplayInput = z.infer<typeof ReplayInput>;

const deliveryStatusOf: Record<ReplayableStatus, DeliveryStatus> = { dead: 'dead', held: 'held', failed: 'retrying' };

/** The delivery statuses a replay of `statuses` matches. */
export function deliveryStatusesFor(replayed: readonly ReplayableStatus[]): DeliveryStatus[] {
  return replayed.map((status) => deliveryStatusOf[status]);
}
