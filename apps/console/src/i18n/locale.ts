/** The console's languages; `ar` and `he` are written right to left. */
export const LOCALES = ['en', 'ar', 'he', 'is'] as const;
export type Locale = (typeof LOCALES)[number];
export type Direction = 'ltr' | 'rtl';

const rightToLeft: ReadonlySet<Locale> = new Set<Locale>(['ar', 'he']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): Direction {
  return rightToLeft.has(locale) ? 'rtl' : 'ltr';
}

/** The first of the browser's languages the console speaks: `ar-EG` → `ar`; `iw`, Hebrew's old code, → `he`. */
export function localeFromLanguages(languages: readonly string[]): Locale | undefined {
  for (const tag of languages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    const locale = primary === 'iw' ? 'he' : primary;
    if (isLocale(locale)) return locale;
  }
  return undefined;
}

export interface LocaleSources {
  /** Picked with the language switch, kept in this browser. */
  chosen?: string | null;
  /** The tenant's `locale`, once signed in. */
  tenant?: string | null;
  browser: readonly string[];
}

/** A language picked with the switch wins; then the tenant's default; then the browser's; then English. */
export function resolveLocale(sources: LocaleSources): Locale {
  if (isLocale(sources.chosen)) return sources.chosen;
  if (isLocale(sources.tenant)) return sources.tenant;
  return localeFromLanguages(sources.browser) ?? 'en';
}
