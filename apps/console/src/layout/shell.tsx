import type { ComponentChildren } from 'preact';
import { useMessages } from '../i18n/i18n-context';
import type { Route } from '../router/route';
import { useSession } from '../session/session-context';
import { LanguageSwitch } from './language-switch';
import { shellMessages } from './shell.messages';

type Section = 'webhooks' | 'event-types' | 'events' | null;

function sectionOf(route: Route): Section {
  switch (route.name) {
    case 'webhooks':
    case 'webhook-new':
    case 'webhook':
    case 'webhook-edit':
      return 'webhooks';
    case 'event-types':
      return 'event-types';
    case 'events':
    case 'event':
      return 'events';
    case 'not-found':
      return null;
  }
}

/** Header with the tenant, the sections, the language switch and sign-out; the screen below. */
export function Shell(props: { route: Route; children: ComponentChildren }) {
  const t = useMessages(shellMessages);
  const { tenant, signOut } = useSession();
  const section = sectionOf(props.route);
  const link = (target: Exclude<Section, null>, href: string, label: string) => (
    <a href={href} class="nav-link" aria-current={section === target ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href="#/webhooks">
          {t('product')}
        </a>
        <nav class="nav" aria-label={t('mainNavigation')}>
          {link('webhooks', '#/webhooks', t('navWebhooks'))}
          {link('event-types', '#/event-types', t('navEventTypes'))}
          {link('events', '#/events', t('navEvents'))}
        </nav>
        <div class="topbar-end">
          <span class="tenant-name" data-testid="tenant-name">
            <bdi>{tenant.name}</bdi>
          </span>
          <LanguageSwitch />
          <button type="button" class="button button-small" onClick={signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main class="content">{props.children}</main>
    </div>
  );
}

export function NotFound() {
  const t = useMessages(shellMessages);
  return (
    <section>
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <a href="#/webhooks">{t('backToWebhooks')}</a>
    </section>
  );
}
