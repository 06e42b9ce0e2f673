import type { Page, Subscription } from '@hookline/sdk/client';

/** The first few event types of a row, and the rest counted as "+N" so a long list keeps the table narrow. */
export function eventTypeChips(eventTypes: readonly string[], max = 3): { shown: string[]; hidden: string[] } {
  return { shown: eventTypes.slice(0, max), hidden: eventTypes.slice(max) };
}

/** Puts a subscription the API answered with in place of its row. */
export function replaceWebhook(page: Page<Subscription>, updated: Subscription): Page<Subscription> {
  return { ...page, data: page.data.map((subscription) => (subscription.id === updated.id ? updated : subscription)) };
}

export function removeWebhook(page: Page<Subscription>, id: string): Page<Subscription> {
  return { ...page, data: page.data.filter((subscription) => subscription.id !== id) };
}

/** "Load more": the next page below the rows already shown, without showing a row twice. */
export function appendPage(page: Page<Subscription>, next: Page<Subscription>): Page<Subscription> {
  const known = new Set(page.data.map((subscription) => subscription.id));
  return { data: [...page.data, ...next.data.filter((subscription) => !known.has(subscription.id))], nextCursor: next.nextCursor };
}
