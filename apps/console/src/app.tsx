import type { Tenant } from '@hookline/sdk/client';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { createConsoleClient, type ConsoleConfig } from './api/console-client';
import { Loading } from './components/error-notice';
import { EventTypesPage } from './event-types/event-types-page';
import { EventPage } from './events/event-page';
import { EventsPage } from './events/events-page';
import { LocaleProvider, type LocaleState } from './i18n/i18n-context';
import { directionOf, resolveLocale, type Locale } from './i18n/locale';
import { NotFound, Shell } from './layout/shell';
import type { Route } from './router/route';
import { useRoute } from './router/use-route';
import { type Session, SessionProvider } from './session/session-context';
import { storeApiKey, storedApiKey, storedLocaleChoice, storeLocaleChoice } from './session/session-store';
import { SignInPage } from './sign-in/sign-in-page';
import { WebhookFormPage } from './webhooks/webhook-form-page';
import { WebhookPage } from './webhooks/webhook-page';
import { WebhooksPage } from './webhooks/webhooks-page';

type SessionState = { phase: 'checking' } | { phase: 'signed-out' } | { phase: 'signed-in'; session: Session };

export function App(props: { config: ConsoleConfig }) {
  const [sessionState, setSessionState] = useState<SessionState>(() =>
    storedApiKey() === null ? { phase: 'signed-out' } : { phase: 'checking' },
  );
  const [chosenLocale, setChosenLocale] = useState(() => storedLocaleChoice());
  const tenant = sessionState.phase === 'signed-in' ? sessionState.session.tenant : null;
  const locale = resolveLocale({ chosen: chosenLocale, tenant: tenant?.locale, browser: navigator.languages });
  const direction = directionOf(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = direction;
  }, [locale, direction]);

  const signOut = useCallback(() => {
    storeApiKey(null);
    setSessionState({ phase: 'signed-out' });
  }, []);

  /** Checks the key by reading the tenant it belongs to; a refused key is not kept. */
  const signIn = useCallback(
    async (apiKey: string) => {
      const client = createConsoleClient(apiKey, props.config, signOut);
      let signedInTenant: Tenant;
      try {
        signedInTenant = await client.tenants.current();
      } catch (error) {
        storeApiKey(null);
        throw error;
      }
      storeApiKey(apiKey);
      setSessionState({ phase: 'signed-in', session: { client, tenant: signedInTenant, signOut } });
    },
    [props.config, signOut],
  );

  useEffect(() => {
    const apiKey = storedApiKey();
    if (apiKey !== null) signIn(apiKey).catch(() => setSessionState({ phase: 'signed-out' }));
  }, [signIn]);

  const localeState = useMemo<LocaleState>(
    () => ({
      locale,
      direction,
      chooseLocale: (chosen: Locale) => {
        storeLocaleChoice(chosen);
        setChosenLocale(chosen);
      },
    }),
    [locale, direction],
  );

  return (
    <LocaleProvider value={localeState}>
      {sessionState.phase === 'checking' && <Loading />}
      {sessionState.phase === 'signed-out' && <SignInPage signIn={signIn} />}
      {sessionState.phase === 'signed-in' && (
        <SessionProvider value={sessionState.session}>
          <SignedIn />
        </SessionProvider>
      )}
    </LocaleProvider>
  );
}

function SignedIn() {
  const route = useRoute();
  return (
    <Shell route={route}>
      <Screen route={route} />
    </Shell>
  );
}

function Screen(props: { route: Route }) {
  const route = props.route;
  switch (route.name) {
    case 'webhooks':
      return <WebhooksPage />;
    case 'webhook-new':
      return <WebhookFormPage />;
    case 'webhook':
      return <WebhookPage key={route.id} id={route.id} query={route.query} />;
    case 'webhook-edit':
      return <WebhookFormPage key={route.id} id={route.id} />;
    case 'event-types':
      return <EventTypesPage />;
    case 'events':
      return <EventsPage query={route.query} />;
    case 'event':
      return <EventPage key={route.id} id={route.id} />;
    case 'not-found':
      return <NotFound />;
  }
}
