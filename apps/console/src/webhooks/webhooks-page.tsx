import type { Subscription } from '@hookline/sdk/client';
import { ErrorNotice, Loading } from '../components/error-notice';
import { LoadMore } from '../components/load-more';
import { usePagedList } from '../components/use-paged-list';
import { useMessages } from '../i18n/i18n-context';
import { routeHref } from '../router/route';
import { useSession } from '../session/session-context';
import { WebhooksList } from './webhooks-list';
import { removeWebhook, replaceWebhook } from './webhooks-list.model';
import { webhooksMessages } from './webhooks.messages';

const PAGE_SIZE = 50;
const idOf = (subscription: Subscription) => subscription.id;

/** `#/webhooks`: every webhook of the tenant, a page at a time, with the everyday actions on each row. */
export function WebhooksPage() {
  const t = useMessages(webhooksMessages);
  const { client } = useSession();
  const list = usePagedList('webhooks', (cursor) => client.subscriptions.list({ limit: PAGE_SIZE, cursor }), idOf);

  const empty = list.state === 'ready' && list.items.length === 0 && !list.hasMore;
  const createLink = (
    <a class="button button-primary" href={routeHref({ name: 'webhook-new' })}>
      {t('create')}
    </a>
  );
  return (
    <section>
      <div class="page-header">
        <h1>{t('title')}</h1>
        <span class="spacer" />
        {!empty && createLink}
      </div>
      {list.state === 'loading' && <Loading />}
      {list.state === 'failed' && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.state === 'ready' && empty && (
        <div class="card empty webhooks-empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
          {createLink}
        </div>
      )}
      {list.state === 'ready' && !empty && (
        <>
          {/* Row actions finish in any order; each change applies to the rows as they are by then. */}
          <WebhooksList
            webhooks={list.items}
            onChanged={(subscription) => list.update((items) => replaceWebhook(items, subscription))}
            onDeleted={(id) => list.update((items) => removeWebhook(items, id))}
          />
          <LoadMore list={list} />
        </>
      )}
    </section>
  );
}
