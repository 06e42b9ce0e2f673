/** The next page below the items already shown; an item that shows up again (new ones shift pages) is kept once. */
export function appendUnseen<T>(items: readonly T[], next: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set(items.map(keyOf));
  return [...items, ...next.filter((item) => !seen.has(keyOf(item)))];
}
