import { useState } from 'preact/hooks';
import { failureKindOf } from '../api/problem';
import { ErrorNotice, Loading } from '../components/error-notice';
import { useResource } from '../components/use-resource';
import { useMessages } from '../i18n/i18n-context';
import { shellMessages } from '../layout/shell.messages';
import { navigate } from '../router/use-route';
import { useSession } from '../session/session-context';
import { DeleteWebhookDialog } from './delete-webhook-dialog';
import { DeliveryLog } from './delivery-log';
import { SecretPanel } from './secret-panel';
import { TestSendPanel } from './test-send';
import { WebhookHealthPanel } from './webhook-health';
import { WebhookHeader, WebhookSettings } from './webhook-overview';
import { webhookPageMessages } from './webhook-page.messages';

/** `#/webhooks/<id>?status=…&since=…&until=…`: one webhook, its settings, health, test, secret and delivery log. */
export function WebhookPage(props: { id: string; query: URLSearchParams }) {
  const t = useMessages(webhookPageMessages);
  const shell = useMessages(shellMessages);
  const { client } = useSession();
  const subscription = useResource(`subscription:${props.id}`, () => client.subscriptions.get(props.id));
  const health = useResource(`subscription-health:${props.id}`, () => client.subscriptions.health(props.id));
  const [deleting, setDeleting] = useState(false);

  return (
    <section class="webhook-page">
      <nav class="breadcrumb" aria-label={t('breadcrumb')}>
        <a href="#/webhooks">{shell('navWebhooks')}</a>
      </nav>
      {subscription.state === 'loading' && <Loading />}
      {subscription.state === 'failed' &&
        (failureKindOf(subscription.error) === 'not-found' ? (
          <>
            <ErrorNotice error={subscription.error} />
            <p>
              <a href="#/webhooks">{shell('backToWebhooks')}</a>
            </p>
          </>
        ) : (
          <ErrorNotice error={subscription.error} onRetry={subscription.reload} />
        ))}
      {subscription.state === 'ready' && (
        <>
          <WebhookHeader
            subscription={subscription.value}
            onChange={(next) => {
              subscription.replace(next);
              // Enabling starts a fresh failure window and clears an auto-disable: show it at once.
              health.reload();
            }}
            onDelete={() => setDeleting(true)}
          />
          <div class="webhook-columns">
            <WebhookSettings subscription={subscription.value} />
            <div class="webhook-side">
              <WebhookHealthPanel health={health} />
              <section class="card" aria-labelledby="webhook-test-title">
                <h2 id="webhook-test-title">{t('test')}</h2>
                <TestSendPanel subscriptionId={props.id} />
              </section>
              <SecretPanel subscriptionId={props.id} />
            </div>
          </div>
          <DeliveryLog subscriptionId={props.id} subscriptionStatus={subscription.value.status} query={props.query} />
          {deleting && (
            <DeleteWebhookDialog
              subscription={subscription.value}
              onDeleted={() => navigate({ name: 'webhooks' })}
              onClose={() => setDeleting(false)}
            />
          )}
        </>
      )}
    </section>
  );
}
