import type { EventDeliveryStatus, Subscription } from '@hookline/sdk/client';

/** Each subscription once, in the order its first delivery appears, so each is fetched once. */
export function distinctSubscriptionIds(deliveries: readonly Pick<EventDeliveryStatus, 'subscriptionId'>[]): string[] {
  return [...new Set(deliveries.map((delivery) => delivery.subscriptionId))];
}

/** Subscription names by id from settled look-ups; one that failed (deleted, say) is left out. */
export function subscriptionNamesOf(ids: readonly string[], results: readonly PromiseSettledResult<Pick<Subscription, 'name'>>[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  ids.forEach((id, index) => {
    const result = results[index];
    if (result?.status === 'fulfilled') names.set(id, result.value.name);
  });
  return names;
}

/** Event data as people read it: indented two spaces. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? '';
}
