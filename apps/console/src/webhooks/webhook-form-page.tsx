import type { CreatedSubscription } from '@hookline/sdk/client';
import { useState } from 'preact/hooks';
import { CopyButton } from '../components/copy-button';
import { ErrorNotice, Loading } from '../components/error-notice';
import { Ltr } from '../components/ltr';
import { useResource } from '../components/use-resource';
import { useMessages } from '../i18n/i18n-context';
import { routeHref } from '../router/route';
import { navigate } from '../router/use-route';
import { useSession } from '../session/session-context';
import { webhookActionMessages } from './webhook-actions.messages';
import { WebhookForm } from './webhook-form';
import { webhookFormMessages } from './webhook-form.messages';

const webhookRoute = (id: string) => ({ name: 'webhook', id, query: new URLSearchParams() }) as const;

/** `#/webhooks/new` and `#/webhooks/<id>/edit`. */
export function WebhookFormPage(props: { id?: string }) {
  return props.id === undefined ? <CreateWebhookPage /> : <EditWebhookPage id={props.id} />;
}

function CreateWebhookPage() {
  const t = useMessages(webhookFormMessages);
  const [created, setCreated] = useState<CreatedSubscription | null>(null);
  // The create answer is the moment to copy the secret, so it is shown before moving on to the webhook.
  if (created !== null) return <CreatedSecret created={created} />;
  return (
    <section>
      <BackToWebhooks />
      <div class="page-header">
        <h1>{t('newTitle')}</h1>
      </div>
      <WebhookForm onCreated={setCreated} onSaved={(saved) => navigate(webhookRoute(saved.id))} />
    </section>
  );
}

function EditWebhookPage(props: { id: string }) {
  const t = useMessages(webhookFormMessages);
  const { client } = useSession();
  const resource = useResource(`webhook:${props.id}`, () => client.subscriptions.get(props.id));
  return (
    <section>
      <BackToWebhooks />
      {resource.state === 'loading' && <Loading />}
      {resource.state === 'failed' && <ErrorNotice error={resource.error} onRetry={resource.reload} />}
      {resource.state === 'ready' && (
        <>
          <div class="page-header">
            <h1>{t('editTitle', { name: resource.value.name })}</h1>
          </div>
          <WebhookForm
            subscription={resource.value}
            onCreated={(created) => navigate(webhookRoute(created.id))}
            onSaved={(saved) => navigate(webhookRoute(saved.id))}
          />
        </>
      )}
    </section>
  );
}

function BackToWebhooks() {
  const t = useMessages(webhookFormMessages);
  return (
    <a class="breadcrumb" href={routeHref({ name: 'webhooks' })}>
      {t('backToWebhooks')}
    </a>
  );
}

function CreatedSecret(props: { created: CreatedSubscription }) {
  const t = useMessages(webhookFormMessages);
  const actions = useMessages(webhookActionMessages);
  const created = props.created;
  return (
    <section>
      <BackToWebhooks />
      <div class="page-header">
        <h1>{t('createdTitle')}</h1>
      </div>
      <div class="notice notice-success created-secret" data-testid="created-secret" role="status">
        <p>
          <strong>
            <bdi>{created.name}</bdi>
          </strong>
        </p>
        <p>{t('createdBody')}</p>
        <p class="secret-line">
          <span class="secret-label">{actions('secret')}</span>
          <Ltr class="secret-value">
            <span data-testid="created-secret-value">{created.secret}</span>
          </Ltr>
          <CopyButton value={created.secret} />
        </p>
        <p class="hint">{actions('secretHint')}</p>
        <div class="button-row">
          <button type="button" class="button button-primary" onClick={() => navigate(webhookRoute(created.id))}>
            {t('continue')}
          </button>
        </div>
      </div>
    </section>
  );
}
