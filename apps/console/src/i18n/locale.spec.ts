import { directionOf, localeFromLanguages, resolveLocale } from './locale';

describe('console languages', () => {
  it('writes Arabic and Hebrew right to left, English and Icelandic left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('he')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
    expect(directionOf('is')).toBe('ltr');
  });

  it('takes the first browser language it speaks, by primary subtag', () => {
    expect(localeFromLanguages(['fr-FR', 'ar-EG', 'en'])).toBe('ar');
    expect(localeFromLanguages(['IS-is'])).toBe('is');
    expect(localeFromLanguages(['iw-IL'])).toBe('he');
    expect(localeFromLanguages(['he_IL'])).toBe('he');
    expect(localeFromLanguages(['de', 'fr'])).toBeUndefined();
    expect(localeFromLanguages([])).toBeUndefined();
  });

  it('prefers the switch, then the tenant, then the browser, then English', () => {
    expect(resolveLocale({ chosen: 'he', tenant: 'ar', browser: ['is'] })).toBe('he');
    expect(resolveLocale({ chosen: null, tenant: 'ar', browser: ['is'] })).toBe('ar');
    expect(resolveLocale({ chosen: 'xx', tenant: null, browser: ['is-IS'] })).toBe('is');
    expect(resolveLocale({ browser: ['de'] })).toBe('en');
  });
});
