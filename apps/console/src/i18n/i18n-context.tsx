import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo } from 'preact/hooks';
import type { Direction, Locale } from './locale';
import { formatMessage, type MessageParams, type Translations } from './messages';

export interface LocaleState {
  locale: Locale;
  direction: Direction;
  /** Remembers the choice in this browser; it wins over the tenant's and the browser's language. */
  chooseLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider(props: { value: LocaleState; children: ComponentChildren }) {
  return <LocaleContext.Provider value={props.value}>{props.children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (state === null) throw new Error('useLocale outside LocaleProvider');
  return state;
}

/** `t(key, params)` over one feature's messages, in the current language. */
export function useMessages<K extends string>(translations: Translations<K>): (key: K, params?: MessageParams) => string {
  const { locale } = useLocale();
  const catalog = translations[locale];
  const t = useCallback((key: K, params?: MessageParams) => formatMessage(locale, catalog[key], params), [locale, catalog]);
  return useMemo(() => t, [t]);
}
