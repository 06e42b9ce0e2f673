import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventHeaders, EventMessage, newId, Topics } from '@hookline/contracts';
import { ProblemError } from '@hookline/http-api';
import { MessageProducer, type OutgoingMessage } from '@hookline/messaging';
import { withTimeout } from '@hookline/observability';
import { IngestMetrics } from '../ingest-metrics';
import { IDEMPOTENCY_TTL_MS } from '../intake/persist-events.usecase';

export interface AcceptedEventInput {
  type: string;
  data: EventMessage['data'];
  idempotencyKey: string | undefined;
  occurredAt: string | undefined;
  /** W3C trace context of the publishing request, carried to the delivery. */
  traceparent?: string | undefined;
}

interface Claim {
  key: string;
  eventId: string;
}

interface ClaimOutcome {
  /** The keys this call claimed, with the event id each now stands for. */
  claims: Claim[];
  /** A key held by a claim that is not confirmed yet; nothing is claimed then. */
  waitingFor?: string;
}

interface ClaimRow {
  key: string;
  event_id: string | null;
  claimed: boolean;
  /** Kafka acknowledged the claiming request's event (or the event is already stored). */
  confirmed: boolean;
  received_at: Date | null;
}

export interface AcceptedEvent {
  id: string;
  type: string;
  receivedAt: string;
  /** True when the idempotency key was seen within 24 h: the original id is returned, nothing is sent. */
  duplicate: boolean;
}

// A claim still unconfirmed this long after it was made belongs to a request that died between
// claiming and Kafka's acknowledgement; a retry of that request may take it over.
const ABANDONED_CLAIM_MS = 30_000;
const KAFKA_ACK_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Accepts events for a tenant: claims idempotency keys (unconfirmed), produces to `hookline.events.v1`,
 * and once Kafka acknowledged confirms the claims and answers. A retry that finds a confirmed claim is
 * a duplicate; one that finds an unconfirmed claim cannot know whether that event exists yet, so it is
 * told to retry (503) until the claim is confirmed, or is abandoned and taken over. The event keeps the
 * id answered here (a Kafka header tells the intake consumer), so the caller can look it up as soon as
 * it is stored.
 */
@Injectable()
export class AcceptEventsUseCase {
  /** How long a request waits for another request's unconfirmed claim: as long as that one may wait for Kafka. */
  claimWaitMs = KAFKA_ACK_TIMEOUT_MS + 1000;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MessageProducer) private readonly producer: MessageProducer,
    @Inject(IngestMetrics) private readonly metrics: IngestMetrics,
  ) {}

  async execute(tenantId: string, inputs: AcceptedEventInput[], now: Date = new Date()): Promise<AcceptedEvent[]> {
    const receivedAt = now.toISOString();
    const ids = inputs.map(() => newId('evt', now.getTime()));
    let results: AcceptedEvent[] = [];
    let claimed: Claim[] = [];
    // A key whose claim is not yet confirmed belongs to a request still waiting for Kafka (or one that
    // died): wait for it to be confirmed, released or abandoned, as long as that request may still wait.
    const deadline = Date.now() + this.claimWaitMs;
    for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
      results = inputs.map((input, index) => ({ id: ids[index]!, type: input.type, receivedAt, duplicate: false }));
      const outcome = await this.claimKeys(tenantId, inputs, results, now);
      if (outcome.waitingFor === undefined) {
        claimed = outcome.claims;
        break;
      }
      if (Date.now() + pause > deadline) {
        throw ProblemError.unavailable(
          `an earlier request with idempotency key ${JSON.stringify(outcome.waitingFor)} has not been acknowledged by Kafka yet; retry`,
          1,
        );
      }
      await sleep(pause);
    }
    const toSend = inputs.flatMap((input, index) => {
      const result = results[index];
      return result === undefined || result.duplicate ? [] : [{ input, result }];
    });
    const messages: OutgoingMessage<EventMessage>[] = toSend.map(({ input, result }) => ({
      key: tenantId,
      value: {
        tenantId,
        type: input.type,
        data: input.data,
        ...(input.idempotencyKey === undefined ? {} : { id: input.idempotencyKey }),
        ...(input.occurredAt === undefined ? {} : { occurredAt: input.occurredAt }),
      },
      headers: {
        [EventHeaders.eventId]: result.id,
        [EventHeaders.receivedAt]: receivedAt,
        ...(input.traceparent === undefined ? {} : { traceparent: input.traceparent }),
      },
    }));
    if (messages.length > 0) {
      try {
        // A send still queued when the wait ends is dropped. One already on the wire may still land; the
        // intake consumer then stores it unless a retry's claim holds its key by then.
        const signal = AbortSignal.timeout(KAFKA_ACK_TIMEOUT_MS);
        await withTimeout(this.producer.send(Topics.events, EventMessage, messages, { signal }), KAFKA_ACK_TIMEOUT_MS, `no acknowledgement within ${KAFKA_ACK_TIMEOUT_MS} ms`);
      } catch (error) {
        await this.releaseClaims(tenantId, claimed).catch(() => undefined);
        throw ProblemError.unavailable(`events could not be written to Kafka (${error instanceof Error ? error.message : String(error)}); nothing was accepted, retry later`);
      }
      // The events are in Kafka whatever happens next; when this update fails, the intake consumer
      // confirms the claims as it stores the events.
      await this.confirmClaims(tenantId, claimed).catch(() => undefined);
    }
    this.metrics.duplicates.inc(results.length - toSend.length);
    return results;
  }

  /**
   * Claims each distinct key; a key already held by a confirmed claim makes its event a duplicate
   * answered with the original id. When a key is held by an unconfirmed claim, the claims this call made
   * are given back and the key is reported, so the caller can wait and try the whole set again.
   */
  private async claimKeys(tenantId: string, inputs: AcceptedEventInput[], results: AcceptedEvent[], now: Date): Promise<ClaimOutcome> {
    const firstByKey = new Map<string, number>();
    inputs.forEach((input, index) => {
      if (input.idempotencyKey !== undefined && !firstByKey.has(input.idempotencyKey)) firstByKey.set(input.idempotencyKey, index);
    });
    if (firstByKey.size === 0) return { claims: [] };
    const keys = [...firstByKey.keys()];
    const eventIds = keys.map((key) => results[firstByKey.get(key) ?? 0]?.id ?? '');
    const rows = await this.dataSource.query<ClaimRow[]>(
      `WITH input AS (SELECT * FROM unnest($2::text[], $3::text[]) AS t(key, event_id)),
       claimed AS (
         INSERT INTO event_idempotency_keys (tenant_id, key, event_id, expires_at, confirmed)
         SELECT $1, key, event_id, $4, false FROM input
         ON CONFLICT (tenant_id, key) DO UPDATE
           SET event_id = EXCLUDED.event_id, expires_at = EXCLUDED.expires_at, confirmed = false
           WHERE event_idempotency_keys.expires_at < $5
              OR (NOT event_idempotency_keys.confirmed AND event_idempotency_keys.expires_at < $6
                  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = event_idempotency_keys.event_id))
         RETURNING key, event_id
       )
       SELECT input.key, COALESCE(claimed.event_id, held.event_id) AS event_id, claimed.event_id IS NOT NULL AS claimed,
              COALESCE(held.confirmed, false) OR e.id IS NOT NULL AS confirmed,
              COALESCE(e.received_at, held.expires_at - interval '24 hours') AS received_at
       FROM input
       LEFT JOIN claimed ON claimed.key = input.key
       LEFT JOIN event_idempotency_keys held ON held.tenant_id = $1 AND held.key = input.key
       LEFT JOIN events e ON e.id = held.event_id AND claimed.event_id IS NULL`,
      [tenantId, keys, eventIds, new Date(now.getTime() + IDEMPOTENCY_TTL_MS), now, new Date(now.getTime() + IDEMPOTENCY_TTL_MS - ABANDONED_CLAIM_MS)],
    );
    // A claim committed by a concurrent request after this statement's snapshot is invisible to it;
    // read those keys again in a new statement.
    const unseen = rows.filter((row) => row.event_id === null).map((row) => row.key);
    if (unseen.length > 0) {
      const again = await this.dataSource.query<(ClaimRow & { event_id: string })[]>(
        `SELECT k.key, k.event_id, k.confirmed OR e.id IS NOT NULL AS confirmed,
                COALESCE(e.received_at, k.expires_at - interval '24 hours') AS received_at
         FROM event_idempotency_keys k LEFT JOIN events e ON e.id = k.event_id
         WHERE k.tenant_id = $1 AND k.key = ANY($2)`,
        [tenantId, unseen],
      );
      for (const row of again) {
        const index = rows.findIndex((candidate) => candidate.key === row.key);
        if (index >= 0) rows[index] = { ...row, claimed: false };
      }
    }
    const claims = rows.flatMap((row) => (row.claimed && row.event_id !== null ? [{ key: row.key, eventId: row.event_id }] : []));
    const pending = rows.find((row) => row.event_id === null || (!row.claimed && !row.confirmed));
    if (pending !== undefined) {
      await this.releaseClaims(tenantId, claims);
      return { claims: [], waitingFor: pending.key };
    }
    const byKey = new Map(rows.map((row) => [row.key, row]));
    inputs.forEach((input, index) => {
      const result = results[index];
      if (input.idempotencyKey === undefined || result === undefined) return;
      const row = byKey.get(input.idempotencyKey)!;
      if (row.claimed && firstByKey.get(input.idempotencyKey) === index) return;
      result.id = row.event_id!;
      result.duplicate = true;
      if (row.received_at !== null) result.receivedAt = row.received_at.toISOString();
    });
    return { claims };
  }

  private async confirmClaims(tenantId: string, claims: Claim[]): Promise<void> {
    if (claims.length === 0) return;
    await this.dataSource.query(
      `UPDATE event_idempotency_keys k SET confirmed = true FROM unnest($2::text[], $3::text[]) AS t(key, event_id)
       WHERE k.tenant_id = $1 AND k.key = t.key AND k.event_id = t.event_id`,
      [tenantId, claims.map((claim) => claim.key), claims.map((claim) => claim.eventId)],
    );
  }

  private async releaseClaims(tenantId: string, claims: Claim[]): Promise<void> {
    if (claims.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM event_idempotency_keys k USING unnest($2::text[], $3::text[]) AS t(key, event_id)
       WHERE k.tenant_id = $1 AND k.key = t.key AND k.event_id = t.event_id`,
      [tenantId, claims.map((claim) => claim.key), claims.map((claim) => claim.eventId)],
    );
  }
}
