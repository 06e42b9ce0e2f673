import type { Page, Subscription } from '@hookline/sdk/client';
import { useCallback, useRef, useState } from 'preact/hooks';
import { commonMessages } from '../components/common.messages';
import { ErrorNotice, Loading } from '../components/error-notice';
import { useResource } from '../components/use-resource';
import { useMessages } from '../i18n/i18n-context';
import { routeHref } from '../router/route';
import { useSession } from '../session/session-context';
import { WebhooksList } from './webhooks-list';
import { appendPage, removeWebhook, replaceWebhook } from './webhooks-list.model';
import { webhooksMessages } from './webhooks.messages';

const PAGE_SIZE = 50;

type MoreState = { phase: 'idle' } | { phase: 'loading' } | { phase: 'failed'; error: unknown };

/** `#/webhooks`: every webhook of the tenant, a page at a time, with the everyday actions on each row. */
export function WebhooksPage() {
  const t = useMessages(webhooksMessages);
  const common = useMessages(commonMessages);
  const { client } = useSession();
  const resource = useResource('webhooks', () => client.subscriptions.list({ limit: PAGE_SIZE }));
  const [more, setMore] = useState<MoreState>({ phase: 'idle' });

  // Row actions finish in any order; each change applies to the list as it is by then, not as it was when the action began.
  const latest = useRef<Page<Subscription> | null>(null);
  latest.current = resource.state === 'ready' ? resource.value : null;
  const replace = resource.state === 'ready' ? resource.replace : null;
  const update = useCallback(
    (change: (page: Page<Subscription>) => Page<Subscription>) => {
      if (latest.current === null || replace === null) return;
      latest.current = change(latest.current);
      replace(latest.current);
    },
    [replace],
  );

  const loadMore = async () => {
    const cursor = latest.current?.nextCursor;
    if (cursor === null || cursor === undefined) return;
    setMore({ phase: 'loading' });
    try {
      const next = await client.subscriptions.list({ limit: PAGE_SIZE, cursor });
      update((page) => appendPage(page, next));
      setMore({ phase: 'idle' });
    } catch (error) {
      setMore({ phase: 'failed', error });
    }
  };

  const empty = resource.state === 'ready' && resource.value.data.length === 0 && resource.value.nextCursor === null;
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
      {resource.state === 'loading' && <Loading />}
      {resource.state === 'failed' && <ErrorNotice error={resource.error} onRetry={resource.reload} />}
      {resource.state === 'ready' && empty && (
        <div class="card empty webhooks-empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
          {createLink}
        </div>
      )}
      {resource.state === 'ready' && !empty && (
        <>
          <WebhooksList
            webhooks={resource.value.data}
            onChanged={(subscription) => update((page) => replaceWebhook(page, subscription))}
            onDeleted={(id) => update((page) => removeWebhook(page, id))}
          />
          {more.phase === 'failed' && <ErrorNotice error={more.error} onRetry={() => void loadMore()} />}
          {resource.value.nextCursor !== null && more.phase !== 'failed' && (
            <div class="button-row load-more">
              <button type="button" class="button" onClick={() => void loadMore()} disabled={more.phase === 'loading'}>
                {more.phase === 'loading' ? common('loading') : common('loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
