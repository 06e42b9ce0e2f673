/**
 * The types Hookline itself emits into every tenant's event stream (or sends as a test). They are never in
 * the catalog the API lists, and `*` does not cover them: a webhook gets them only by naming them or `hookline.*`.
 */
export const HOOKLINE_EVENT_TYPES = [
  'hookline.subscription.disabled',
  'hookline.subscription.recovered',
  'hookline.delivery.dead',
  'hookline.test',
] as const;

export type HooklineEventType = (typeof HOOKLINE_EVENT_TYPES)[number];
