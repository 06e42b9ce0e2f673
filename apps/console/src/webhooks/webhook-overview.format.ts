import type { Subscription } from '@hookline/sdk/client';

type SpanUnit = 'day' | 'hour' | 'minute' | 'second';

const unitSeconds: readonly (readonly [SpanUnit, number])[] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** A whole number of seconds in the largest unit that divides it: 1800 → 30 minutes, 90 → 90 seconds. */
export function spanOf(seconds: number): { value: number; unit: SpanUnit } {
  for (const [unit, size] of unitSeconds) {
    if (seconds >= size && seconds % size === 0) return { value: seconds / size, unit };
  }
  return { value: seconds, unit: 'second' };
}

/** `1800` → "30 minutes" in the reader's language, for windows people set in whole minutes or hours. */
export function formatSpan(locale: string, seconds: number): string {
  const { value, unit } = spanOf(seconds);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** The retry schedule as the API takes it: seconds between attempts, comma-separated. */
export function retryScheduleText(schedule: readonly number[]): string {
  return schedule.join(', ');
}

/** `*` alone means every event type, present and future. */
export function isEveryEventType(eventTypes: readonly string[]): boolean {
  return eventTypes.length === 1 && eventTypes[0] === '*';
}

/** Custom headers as they go out on the wire: `Name: value`, sorted by name so the list reads the same each time. */
export function headerLines(headers: Subscription['headers']): string[] {
  return Object.entries(headers)
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([name, value]) => `${name}: ${value}`);
}

/** A translated sentence cut around one `{placeholder}`, so an element (a time) can stand in for it wherever the language puts it. */
export function splitAtPlaceholder(text: string, name: string): { before: string; after: string } | null {
  const marker = `{${name}}`;
  const at = text.indexOf(marker);
  if (at === -1) return null;
  return { before: text.slice(0, at), after: text.slice(at + marker.length) };
}
