import type { SigningSecret, Subscription } from '@hookline/sdk/client';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { commonMessages } from '../components/common.messages';
import { CopyButton } from '../components/copy-button';
import { ErrorNotice } from '../components/error-notice';
import { LocalTime } from '../components/local-time';
import { Ltr, shortUrl } from '../components/ltr';
import { RowMenu } from '../components/row-menu';
import { SubscriptionStatusBadge } from '../components/status-badge';
import { Toggle } from '../components/toggle';
import { useMessages } from '../i18n/i18n-context';
import { routeHref } from '../router/route';
import { navigate } from '../router/use-route';
import { useSession } from '../session/session-context';
import { DeleteWebhookDialog } from './delete-webhook-dialog';
import { RotateSecretDialog } from './rotate-secret-dialog';
import { TestSendOutcome, useTestSend } from './test-send';
import { webhookActionMessages } from './webhook-actions.messages';
import { eventTypeChips } from './webhooks-list.model';
import { webhooksMessages } from './webhooks.messages';

const COLUMN_COUNT = 7;

/** The table of webhooks; a row reports a changed or deleted webhook so the page can keep its list current. */
export function WebhooksList(props: {
  webhooks: readonly Subscription[];
  onChanged: (subscription: Subscription) => void;
  onDeleted: (id: string) => void;
}) {
  const t = useMessages(webhooksMessages);
  const common = useMessages(commonMessages);
  return (
    <div class="table-wrap">
      <table data-testid="webhooks-table" class="webhooks-table">
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colEndpoint')}</th>
            <th scope="col">{t('colEventTypes')}</th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col">{t('colEnabled')}</th>
            <th scope="col">{t('colCreated')}</th>
            <th scope="col">
              <span class="visually-hidden">{common('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.webhooks.map((webhook) => (
            <WebhookRow key={webhook.id} webhook={webhook} onChanged={props.onChanged} onDeleted={props.onDeleted} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WebhookRow(props: { webhook: Subscription; onChanged: (subscription: Subscription) => void; onDeleted: (id: string) => void }) {
  const t = useMessages(webhooksMessages);
  const actions = useMessages(webhookActionMessages);
  const common = useMessages(commonMessages);
  const { client } = useSession();
  const webhook = props.webhook;
  const test = useTestSend(webhook.id);
  const [switching, setSwitching] = useState(false);
  const [switchFailure, setSwitchFailure] = useState<unknown>(null);
  const [dialog, setDialog] = useState<'rotate' | 'delete' | null>(null);
  const [rotated, setRotated] = useState<SigningSecret | null>(null);

  const setEnabled = async (enabled: boolean) => {
    setSwitching(true);
    setSwitchFailure(null);
    try {
      // Enabling also clears an auto-disable and sends the held deliveries.
      const updated = enabled ? await client.subscriptions.enable(webhook.id) : await client.subscriptions.disable(webhook.id);
      props.onChanged(updated);
    } catch (error) {
      setSwitchFailure(error);
    } finally {
      setSwitching(false);
    }
  };

  const chips = eventTypeChips(webhook.eventTypes);
  const hasDetail = switchFailure !== null || test.state.phase !== 'idle' || rotated !== null;
  return (
    <>
      <tr data-testid={`webhook-row-${webhook.id}`} data-status={webhook.status}>
        <td>
          <a href={routeHref({ name: 'webhook', id: webhook.id, query: new URLSearchParams() })} class="webhook-name">
            <bdi>{webhook.name}</bdi>
          </a>
          {webhook.description !== null && webhook.description !== '' && (
            <p class="hint webhook-description">
              <bdi>{webhook.description}</bdi>
            </p>
          )}
        </td>
        <td>
          <Ltr title={webhook.url}>{shortUrl(webhook.url)}</Ltr>
        </td>
        <td>
          <span class="chips">
            {chips.shown.map((pattern) => (
              <Ltr key={pattern} class="chip" title={pattern === '*' ? t('allEvents') : undefined}>
                {pattern}
              </Ltr>
            ))}
            {chips.hidden.length > 0 && (
              <span class="chip chip-more" dir="ltr" title={chips.hidden.join(', ')}>
                {t('moreEventTypes', { count: chips.hidden.length })}
              </span>
            )}
          </span>
        </td>
        <td>
          <SubscriptionStatusBadge status={webhook.status} reason={webhook.disabledReason} showReason={webhook.status === 'auto_disabled'} />
        </td>
        <td>
          <Toggle checked={webhook.status === 'enabled'} label={common('statusEnabled')} busy={switching} onChange={(enabled) => void setEnabled(enabled)} />
        </td>
        <td>
          <LocalTime iso={webhook.createdAt} />
        </td>
        <td class="row-actions">
          <RowMenu
            label={t('actionsFor', { name: webhook.name })}
            items={[
              { label: common('edit'), onSelect: () => navigate({ name: 'webhook-edit', id: webhook.id }) },
              { label: actions('sendTest'), onSelect: test.send },
              { label: actions('rotateSecret'), onSelect: () => setDialog('rotate') },
              { label: common('delete'), onSelect: () => setDialog('delete'), danger: true },
            ]}
          />
          {dialog === 'rotate' && (
            <RotateSecretDialog
              subscriptionId={webhook.id}
              onRotated={(secret) => {
                setRotated(secret);
                setDialog(null);
              }}
              onClose={() => setDialog(null)}
            />
          )}
          {dialog === 'delete' && <DeleteWebhookDialog subscription={webhook} onDeleted={() => props.onDeleted(webhook.id)} onClose={() => setDialog(null)} />}
        </td>
      </tr>
      {hasDetail && (
        <tr class="webhook-row-detail" data-testid={`webhook-row-detail-${webhook.id}`}>
          <td colSpan={COLUMN_COUNT}>
            {switchFailure !== null && <ErrorNotice error={switchFailure} />}
            {test.state.phase !== 'idle' && (
              <div class="row-detail-item">
                <TestSendOutcome state={test.state} />
                {test.state.phase !== 'sending' && (
                  <button type="button" class="button button-small" onClick={test.reset}>
                    {common('close')}
                  </button>
                )}
              </div>
            )}
            {rotated !== null && (
              <div class="notice notice-success" role="status" data-testid="rotated-secret">
                <p>
                  <strong>{t('newSecretTitle')}</strong> {t('newSecretBody')}
                </p>
                <p class="secret-line">
                  <Ltr class="secret-value">{rotated.secret}</Ltr>
                  <CopyButton value={rotated.secret} />
                </p>
                {rotated.previousSecretExpiresAt !== null && (
                  <p>{withTime(actions('previousSecretValid'), <LocalTime iso={rotated.previousSecretExpiresAt} />)}</p>
                )}
                <button type="button" class="button button-small" onClick={() => setRotated(null)}>
                  {common('close')}
                </button>
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

/** A message with a `{time}` placeholder, the time shown as a <time> element where the translation puts it. */
function withTime(template: string, time: ComponentChildren): ComponentChildren {
  const [before = '', after = ''] = template.split('{time}', 2);
  return (
    <>
      {before}
      {time}
      {after}
    </>
  );
}
