import type { Delivery, DeliveryStatus, DeliveryWithAttempts } from '@hookline/sdk/client';

/**
 * The statuses `POST /v1/deliveries/{id}/retry` accepts: finished (`succeeded`, `dead`) or waiting for its
 * next try (`retrying`). A `pending` one is already on its way, a `held` one goes out when the webhook is
 * enabled, a `cancelled` one belonged to a deleted webhook. The API also refuses while the webhook is off,
 * and says so; the log shows that answer rather than guessing it.
 */
const retryable: Readonly<Record<DeliveryStatus, boolean>> = {
  pending: false,
  succeeded: true,
  retrying: true,
  dead: true,
  held: false,
  cancelled: false,
};

export function canRetryNow(status: DeliveryStatus): boolean {
  return retryable[status];
}

/** `dlv_01JDW5Q0N8XK3M7V2B9C4T6RZA` → `dlv_…9C4T6RZA`, for a table column; short ids stay whole. */
export function shortId(id: string, tail = 8): string {
  const separator = id.indexOf('_');
  const prefix = separator === -1 ? '' : id.slice(0, separator + 1);
  const rest = id.slice(prefix.length);
  return rest.length <= tail + 1 ? id : `${prefix}…${rest.slice(rest.length - tail)}`;
}

/** The delivery as a log row; a retry answers with its attempts too, which the row does not keep. */
export function deliveryRowOf(delivery: Delivery | DeliveryWithAttempts): Delivery {
  if (!('attempts' in delivery)) return delivery;
  const { attempts: _attempts, ...row } = delivery;
  return row;
}

/** The rows with one delivery replaced where it stands. */
export function replaceDelivery(rows: readonly Delivery[], updated: Delivery | DeliveryWithAttempts): Delivery[] {
  const row = deliveryRowOf(updated);
  return rows.map((existing) => (existing.id === row.id ? row : existing));
}

/** Changes whenever what a delivery's attempts look like may have changed, so an open detail reloads. */
export function deliveryVersion(delivery: Delivery): string {
  return `${delivery.id}|${delivery.status}|${delivery.attemptCount}|${delivery.updatedAt}`;
}
