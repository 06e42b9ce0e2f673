import type { Locale } from './locale';

/** A message whose wording depends on `count`, one form per CLDR plural category the language uses. */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralMessage;
export type Catalog<K extends string> = Readonly<Record<K, Message>>;
/** Every language must have every key: a missing translation is a type error, not an English fallback. */
export type Translations<K extends string> = Readonly<Record<Locale, Catalog<K>>>;
export type MessageParams = Readonly<Record<string, string | number>>;

export function defineMessages<K extends string>(translations: Translations<K>): Translations<K> {
  return translations;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/** Fills `{name}` placeholders; numbers are written in the language's digits. */
export function formatMessage(locale: Locale, message: Message, params: MessageParams = {}): string {
  const template =
    typeof message === 'string'
      ? message
      : (message[pluralCategory(locale, typeof params.count === 'number' ? params.count : 0)] ?? message.other);
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}
