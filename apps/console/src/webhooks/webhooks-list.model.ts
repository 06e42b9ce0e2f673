import type { Subscription } from '@hookline/sdk/client';

/** The first few event types of a row, and the rest counted as "+N" so a long list keeps the table narrow. */
export function eventTypeChips(eventTypes: readonly string[], max = 3): { shown: string[]; hidden: string[] } {
  return { shown: eventTypes.slice(0, max), hidden: eventTypes.slice(max) };
}

/** Puts a subscription the API answered with in place of its row. */
export function replaceWebhook(rows: readonly Subscription[], updated: Subscription): Subscription[] {
  return rows.map((subscription) => (subscription.id === updated.id ? updated : subscription));
}

export function removeWebhook(rows: readonly Subscription[], id: string): Subscription[] {
  return rows.filter((subscription) => subscription.id !== id);
}
