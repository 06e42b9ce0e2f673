import { withDatabase } from './stack';

/**
 * Where each missing event of a load run stopped, read from Postgres: its idempotency claim, the stored
 * event, and its deliveries with their attempts. Printed when a fault spec finds an event missing, so a
 * failure says which stage lost it.
 */
export async function traceMissingEvents(tenantId: string, run: string, missing: readonly string[]): Promise<string[]> {
  return withDatabase(async (db) => {
    const lines: string[] = [];
    for (const mark of missing) {
      const [stream, seq] = mark.split(':');
      const key = `${run}-${stream}-${seq}`;
      const claim = await db.query<{ event_id: string; confirmed: boolean; expires_at: Date }>(
        'SELECT event_id, confirmed, expires_at FROM event_idempotency_keys WHERE tenant_id = $1 AND key = $2',
        [tenantId, key],
      );
      const events = await db.query<{ id: string; received_at: Date }>(
        `SELECT id, received_at FROM events WHERE tenant_id = $1 AND (idempotency_key = $2 OR (data->>'run' = $3 AND data->>'stream' = $4 AND data->>'seq' = $5))`,
        [tenantId, key, run, stream, seq],
      );
      const deliveries = await db.query<{ id: string; subscription_id: string; status: string; attempt_count: number; last_error: string | null; attempts: number }>(
        `SELECT d.id, d.subscription_id, d.status, d.attempt_count, d.last_error, (SELECT count(*)::int FROM attempts a WHERE a.delivery_id = d.id) AS attempts
         FROM deliveries d WHERE d.event_id = ANY($1)`,
        [events.rows.map((row) => row.id)],
      );
      const claimText = claim.rows[0] === undefined ? 'no claim' : `claim ${claim.rows[0].event_id} confirmed=${claim.rows[0].confirmed}`;
      const eventText = events.rows.length === 0 ? 'no event stored' : events.rows.map((row) => `event ${row.id} received ${row.received_at.toISOString()}`).join(', ');
      const deliveryText = deliveries.rows
        .map((row) => `${row.id} → ${row.subscription_id}: ${row.status}, ${row.attempts} attempt row(s), attemptCount ${row.attempt_count}${row.last_error ? `, ${row.last_error}` : ''}`)
        .join('; ');
      lines.push(`${mark} (key ${key}): ${claimText}; ${eventText}; deliveries: ${deliveryText || 'none'}`);
    }
    return lines;
  });
}
