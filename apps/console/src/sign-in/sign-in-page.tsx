import { useState } from 'preact/hooks';
import { failureKindOf } from '../api/problem';
import { ErrorNotice } from '../components/error-notice';
import { useMessages } from '../i18n/i18n-context';
import { LanguageSwitch } from '../layout/language-switch';
import { signInMessages } from './sign-in.messages';

/** Asks for a tenant API key; `signIn` checks it against the API and rejects when it is refused. */
export function SignInPage(props: { signIn: (apiKey: string) => Promise<void> }) {
  const t = useMessages(signInMessages);
  const [apiKey, setApiKey] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const key = apiKey.trim();
    setFailure(null);
    if (key === '') {
      setFieldError(t('required'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await props.signIn(key);
    } catch (error) {
      if (failureKindOf(error) === 'unauthorized') setFieldError(t('refused'));
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="sign-in">
      <div class="sign-in-language">
        <LanguageSwitch />
      </div>
      <form class="card sign-in-card" onSubmit={(event) => void submit(event)} noValidate>
        <h1>{t('title')}</h1>
        <p>{t('intro')}</p>
        <div class="field">
          <label for="api-key">{t('apiKey')}</label>
          <input
            id="api-key"
            name="apiKey"
            type="password"
            dir="ltr"
            autocomplete="off"
            spellcheck={false}
            value={apiKey}
            aria-invalid={fieldError !== null}
            aria-describedby="api-key-hint api-key-error"
            onInput={(event) => setApiKey(event.currentTarget.value)}
          />
          <p id="api-key-hint" class="hint">
            {t('apiKeyHint')}
          </p>
          {fieldError !== null && (
            <p id="api-key-error" class="field-error" role="alert">
              {fieldError}
            </p>
          )}
        </div>
        {failure !== null && <ErrorNotice error={failure} />}
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('signingIn') : t('submit')}
        </button>
      </form>
    </div>
  );
}
