/** The API key lives in this tab's session storage only: closing the tab signs out. */
const apiKeyItem = 'hookline.console.apiKey';
/** The language picked with the switch is a preference, not a secret, so it stays in this browser. */
const localeItem = 'hookline.console.locale';

export function storedApiKey(): string | null {
  return window.sessionStorage.getItem(apiKeyItem);
}

export function storeApiKey(apiKey: string | null): void {
  if (apiKey === null) window.sessionStorage.removeItem(apiKeyItem);
  else window.sessionStorage.setItem(apiKeyItem, apiKey);
}

export function storedLocaleChoice(): string | null {
  return window.localStorage.getItem(localeItem);
}

export function storeLocaleChoice(locale: string): void {
  window.localStorage.setItem(localeItem, locale);
}
