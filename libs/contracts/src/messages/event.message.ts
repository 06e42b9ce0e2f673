import { z } from 'zod';
import { jsonValueProblem } from '../json-depth';

/** Event type names: `[a-zA-Z0-9_]` segments joined by `.` (SPEC §3). */
export const EventTypeName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*$/, 'must be [a-zA-Z0-9_] segments joined by "."');

/** An event's `data`: any JSON Hookline can store and re-encode (no U+0000, at most 64 levels deep). */
export const EventData = z
  .unknown()
  .refine((value) => value !== undefined, 'is required')
  .superRefine((value, ctx) => {
    const problem = jsonValueProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });

// Past these, toISOString writes a signed six-digit year, which is no RFC 3339 time and no API could answer with.
const FIRST_RFC3339_INSTANT = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_RFC3339_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** Whether a valid ISO 8601 time, taken to UTC, still has a four-digit year. */
export function isWithinRfc3339Years(time: string): boolean {
  const instant = Date.parse(time);
  return instant >= FIRST_RFC3339_INSTANT && instant <= LAST_RFC3339_INSTANT;
}

/** When an event happened: ISO 8601 with an offset, inside years 0000–9999 once taken to UTC. */
export const EventTime = z
  .iso.datetime({ offset: true, error: 'must be an ISO 8601 time with an offset' })
  .refine(isWithinRfc3339Years, 'must fall within the years 0000 to 9999 in UTC');

/** What a domain producer writes to `hookline.events.v1` (SPEC §2). */
export const EventMessage = z.object({
  tenantId: z.string().regex(/^ten_[0-9A-Z]{26}$/, 'must be a tenant id (ten_…)'),
  type: EventTypeName,
  data: EventData,
  id: z.string().min(1).max(255).refine((id) => !id.includes('\u0000'), 'must not contain the character U+0000').optional(),
  occurredAt: EventTime.optional(),
});
export type EventMessage = z.infer<typeof EventMessage>;

/** What lands on `hookline.events.dlq.v1` when input cannot be accepted. */
export const EventDlqMessage = z.object({
  reason: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  key: z.string().nullable(),
  /** The original value as received (UTF-8 text, or base64 when it was not valid UTF-8). */
  value: z.string().nullable(),
  valueEncoding: z.enum(['utf8', 'base64']),
  failedAt: z.iso.datetime(),
});
export type EventDlqMessage = z.infer<typeof EventDlqMessage>;
