import type { Subscription } from '@hookline/sdk/client';
import { useState } from 'preact/hooks';
import { commonMessages } from '../components/common.messages';
import { CopyButton } from '../components/copy-button';
import { ErrorNotice } from '../components/error-notice';
import { LocalTime } from '../components/local-time';
import { Ltr } from '../components/ltr';
import { SubscriptionStatusBadge } from '../components/status-badge';
import { Toggle } from '../components/toggle';
import { formatDuration } from '../i18n/format';
import { useLocale, useMessages } from '../i18n/i18n-context';
import { routeHref } from '../router/route';
import { useSession } from '../session/session-context';
import { formatSpan, headerLines, isEveryEventType, retryScheduleText, splitAtPlaceholder } from './webhook-overview.format';
import { webhookPageMessages } from './webhook-page.messages';

/** A translated sentence with a `{time}` placeholder, the time shown as a `LocalTime` wherever the language puts it. */
export function SentenceWithTime(props: { text: string; iso: string | null }) {
  const parts = splitAtPlaceholder(props.text, 'time');
  if (parts === null) return <>{props.text}</>;
  return (
    <>
      {parts.before}
      <LocalTime iso={props.iso} />
      {parts.after}
    </>
  );
}

/** Pauses or resumes the webhook; `onChange` gets the subscription as the API now has it. */
function useEnableSwitch(subscription: Subscription, onChange: (subscription: Subscription) => void) {
  const { client } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const setEnabled = async (enabled: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      onChange(await (enabled ? client.subscriptions.enable(subscription.id) : client.subscriptions.disable(subscription.id)));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, setEnabled };
}

/** Title, status, the on/off switch, Edit and Delete, and what it means when the webhook is off. */
export function WebhookHeader(props: { subscription: Subscription; onChange: (subscription: Subscription) => void; onDelete: () => void }) {
  const t = useMessages(webhookPageMessages);
  const tc = useMessages(commonMessages);
  const subscription = props.subscription;
  const enableSwitch = useEnableSwitch(subscription, props.onChange);
  return (
    <>
      <div class="page-header webhook-header">
        <h1>
          <bdi>{subscription.name}</bdi>
        </h1>
        <span class="webhook-status" data-testid="webhook-status" data-status={subscription.status}>
          <SubscriptionStatusBadge status={subscription.status} reason={subscription.disabledReason} showReason />
        </span>
        <span class="spacer" />
        <span class="toggle-field">
          <Toggle
            checked={subscription.status === 'enabled'}
            label={tc('statusEnabled')}
            busy={enableSwitch.busy}
            onChange={(checked) => void enableSwitch.setEnabled(checked)}
          />
          <span aria-hidden="true">{tc('statusEnabled')}</span>
        </span>
        <div class="button-row">
          <a class="button" href={routeHref({ name: 'webhook-edit', id: subscription.id })}>
            {tc('edit')}
          </a>
          <button type="button" class="button" onClick={props.onDelete}>
            {tc('delete')}
          </button>
        </div>
      </div>
      {subscription.description !== null && subscription.description !== '' && (
        <p class="webhook-description">
          <bdi>{subscription.description}</bdi>
        </p>
      )}
      {enableSwitch.failure !== null && <ErrorNotice error={enableSwitch.failure} />}
      {subscription.status === 'auto_disabled' && (
        <div class="notice notice-warning" data-testid="auto-disabled-notice">
          <p>
            <strong>{t('autoDisabledTitle')}</strong>
          </p>
          {subscription.disabledReason !== null && (
            <p>
              {t('reason')} <bdi>{subscription.disabledReason}</bdi>
            </p>
          )}
          {subscription.disabledAt !== null && (
            <p>
              <SentenceWithTime text={t('autoDisabledAt')} iso={subscription.disabledAt} />
            </p>
          )}
          <p>{subscription.ordering === 'ordered' ? t('heldNoticeOrdered') : t('heldNotice')}</p>
          <button
            type="button"
            class="button button-primary"
            disabled={enableSwitch.busy}
            onClick={() => void enableSwitch.setEnabled(true)}
          >
            {t('enable')}
          </button>
        </div>
      )}
      {subscription.status === 'disabled' && (
        <p class="notice" role="note">
          {t('pausedNotice')}
        </p>
      )}
    </>
  );
}

/** Every setting of the webhook, as the API returned it. */
export function WebhookSettings(props: { subscription: Subscription }) {
  const t = useMessages(webhookPageMessages);
  const { locale } = useLocale();
  const subscription = props.subscription;
  const policy = subscription.policy;
  const headers = headerLines(subscription.headers);
  return (
    <section class="card webhook-settings" aria-labelledby="webhook-settings-title">
      <h2 id="webhook-settings-title">{t('settings')}</h2>
      <dl class="properties">
        <dt>{t('endpoint')}</dt>
        <dd>
          <Ltr>{subscription.url}</Ltr>
        </dd>
        <dt>{t('eventTypes')}</dt>
        <dd>
          <ul class="chips">
            {subscription.eventTypes.map((eventType) => (
              <li key={eventType} class="chip">
                <Ltr>{eventType}</Ltr>
              </li>
            ))}
          </ul>
          {isEveryEventType(subscription.eventTypes) && <span class="hint">{t('everyEventType')}</span>}
        </dd>
        <dt>{t('policy')}</dt>
        <dd>
          {policy.mode === 'simple'
            ? t('policySimple')
            : t('policyBatch', { count: policy.maxBatchSize, wait: formatDuration(locale, policy.maxBatchWaitMs) })}
        </dd>
        <dt>{t('ordering')}</dt>
        <dd>{subscription.ordering === 'ordered' ? t('ordered') : t('unordered')}</dd>
        <dt>{t('maxInFlight')}</dt>
        <dd>{t('maxInFlightValue', { count: subscription.maxInFlight })}</dd>
        <dt>{t('rateLimit')}</dt>
        <dd>{subscription.rateLimitPerSecond === null ? t('noRateLimit') : t('rateLimitValue', { count: subscription.rateLimitPerSecond })}</dd>
        <dt>{t('timeout')}</dt>
        <dd>{formatDuration(locale, subscription.timeoutMs)}</dd>
        <dt>{t('retrySchedule')}</dt>
        <dd>
          <Ltr>{retryScheduleText(subscription.retrySchedule)}</Ltr>
          <p class="hint">{t('retryScheduleHint', { count: subscription.retrySchedule.length })}</p>
        </dd>
        <dt>{t('authorization')}</dt>
        <dd>{subscription.authorization === null ? t('noneSet') : <Ltr>{subscription.authorization}</Ltr>}</dd>
        <dt>{t('headers')}</dt>
        <dd>
          {headers.length === 0 ? (
            t('noneSet')
          ) : (
            <ul class="header-lines">
              {headers.map((line) => (
                <li key={line}>
                  <Ltr>{line}</Ltr>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('autoDisable')}</dt>
        <dd>{t('autoDisableRule', { count: subscription.failureThreshold, window: formatSpan(locale, subscription.failureWindowSeconds) })}</dd>
        <dt>{t('id')}</dt>
        <dd class="id-value">
          <Ltr>{subscription.id}</Ltr>
          <CopyButton value={subscription.id} label={t('copyId')} />
        </dd>
        <dt>{t('created')}</dt>
        <dd>
          <LocalTime iso={subscription.createdAt} />
        </dd>
        <dt>{t('updated')}</dt>
        <dd>
          <LocalTime iso={subscription.updatedAt} />
        </dd>
      </dl>
    </section>
  );
}
