/**
 * Event types Hookline itself emits into every tenant's stream (SPEC §6) or uses for test sends.
 * Every tenant can subscribe to them without adding them to its catalog; producers cannot publish them.
 */
export const BuiltInEventTypes = {
  test: 'hookline.test',
  subscriptionDisabled: 'hookline.subscription.disabled',
  subscriptionRecovered: 'hookline.subscription.recovered',
  deliveryDead: 'hookline.delivery.dead',
} as const;

export type BuiltInEventType = (typeof BuiltInEventTypes)[keyof typeof BuiltInEventTypes];

const builtIn: ReadonlySet<string> = new Set(Object.values(BuiltInEventTypes));

export const RESERVED_EVENT_TYPE_PREFIX = 'hookline.';

export function isBuiltInEventType(name: string): boolean {
  return builtIn.has(name);
}

/** Names under `hookline.` belong to the platform: tenants can neither define nor publish them. */
export function isReservedEventType(name: string): boolean {
  return name.startsWith(RESERVED_EVENT_TYPE_PREFIX);
}

const SEGMENTS = /^[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*$/;

/** `*`, an exact name, or `prefix.*` (any type below the prefix, at any depth). */
export function isEventTypePattern(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return SEGMENTS.test(pattern.slice(0, -2));
  return SEGMENTS.test(pattern);
}

/** The names a pattern needs in the catalog: a wildcard's prefix needs nothing, an exact name itself. */
export function isWildcardPattern(pattern: string): boolean {
  return pattern === '*' || pattern.endsWith('.*');
}

/**
 * Whether a subscription pattern covers a type. `*` means every type of the tenant's own catalog: the
 * built-in operational types are only delivered to subscriptions that name them (or `hookline.*`).
 */
export function matchesEventType(pattern: string, type: string): boolean {
  if (pattern === '*') return !isReservedEventType(type);
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function matchesAnyEventType(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => matchesEventType(pattern, type));
}

/** Languages of a tenant's alert mail and the console's default (SPEC §3). */
export const TENANT_LOCALES = ['en', 'ar', 'he', 'is'] as const;
export type TenantLocale = (typeof TENANT_LOCALES)[number];
