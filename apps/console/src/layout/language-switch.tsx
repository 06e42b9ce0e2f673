import { useLocale, useMessages } from '../i18n/i18n-context';
import { isLocale, LOCALES } from '../i18n/locale';
import { localeNames, shellMessages } from './shell.messages';

export function LanguageSwitch() {
  const { locale, chooseLocale } = useLocale();
  const t = useMessages(shellMessages);
  return (
    <label class="language-switch">
      <span class="visually-hidden">{t('language')}</span>
      <select
        value={locale}
        aria-label={t('language')}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isLocale(value)) chooseLocale(value);
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {localeNames[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
