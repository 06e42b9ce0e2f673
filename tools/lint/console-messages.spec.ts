// Every console screen keeps its words in `*.messages.ts`, one catalog per language. The types make
// every key exist in every language; this checks what types cannot: the same placeholders everywhere,
// every plural form a language needs, and no English left standing in another language.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const consoleSource = join(__dirname, '../../apps/console/src');
const locales = ['en', 'ar', 'he', 'is'] as const;
type Message = string | Record<string, string>;
type Catalogs = Record<(typeof locales)[number], Record<string, Message>>;

function messageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return messageFiles(path);
    return entry.name.endsWith('.messages.ts') ? [path] : [];
  });
}

function isCatalogs(value: unknown): value is Catalogs {
  if (typeof value !== 'object' || value === null) return false;
  const byLocale = value as Record<string, unknown>;
  return locales.every((locale) => typeof byLocale[locale] === 'object' && byLocale[locale] !== null);
}

function placeholders(message: Message): Set<string> {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!)));
}

const catalogs = messageFiles(consoleSource).flatMap((file) =>
  Object.entries(jest.requireActual<Record<string, unknown>>(file))
    .filter((entry): entry is [string, Catalogs] => isCatalogs(entry[1]))
    .map(([name, value]) => ({ label: `${relative(consoleSource, file)} ${name}`, value })),
);

describe('console translations', () => {
  it('finds the catalogs', () => {
    expect(catalogs.length).toBeGreaterThanOrEqual(4);
  });

  it.each(catalogs)('$label: every language has the same keys and placeholders', ({ value }) => {
    const english = value.en;
    for (const locale of locales) {
      expect(Object.keys(value[locale]).sort()).toEqual(Object.keys(english).sort());
      for (const [key, message] of Object.entries(english)) {
        const translated = value[locale][key]!;
        const expected = [...placeholders(message)].filter((name) => name !== 'count').sort();
        const actual = [...placeholders(translated)].filter((name) => name !== 'count').sort();
        expect({ key, locale, placeholders: actual }).toEqual({ key, locale, placeholders: expected });
      }
    }
  });

  it.each(catalogs)('$label: plural messages have every form each language uses', ({ value }) => {
    for (const locale of locales) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [key, message] of Object.entries(value[locale])) {
        if (typeof message === 'string') continue;
        const missing = categories.filter((category) => !(category in message));
        expect({ key, locale, missing }).toEqual({ key, locale, missing: [] });
      }
    }
  });

  it.each(catalogs)('$label: no sentence is left in English', ({ value }) => {
    for (const locale of ['ar', 'he', 'is'] as const) {
      for (const [key, message] of Object.entries(value.en)) {
        if (typeof message !== 'string' || message.trim().split(/\s+/).filter((word) => /[A-Za-z]{2}/.test(word)).length < 3) continue;
        expect({ key, locale, text: value[locale][key] }).not.toEqual({ key, locale, text: message });
      }
    }
  });
});
