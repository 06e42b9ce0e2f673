import type { SubscriptionHealth } from '@hookline/sdk/client';
import { commonMessages } from '../components/common.messages';
import { ErrorNotice, Loading } from '../components/error-notice';
import { LocalTime } from '../components/local-time';
import { Ltr } from '../components/ltr';
import type { Resource } from '../components/use-resource';
import { useLocale, useMessages } from '../i18n/i18n-context';
import { failureMeter, healthCondition, type HealthConditionKind } from './webhook-health.model';
import { webhookHealthMessages } from './webhook-health.messages';
import { SentenceWithTime } from './webhook-overview';
import { formatSpan } from './webhook-overview.format';

const conditionKeys = {
  'never-attempted': 'neverAttempted',
  healthy: 'healthy',
  'last-failed': 'lastFailed',
} as const satisfies Record<Exclude<HealthConditionKind, 'failing'>, keyof (typeof webhookHealthMessages)['en']>;

/**
 * Why the endpoint fails and how close the webhook is to being turned off. The page owns the resource,
 * so it can reload it when the webhook is enabled or paused.
 */
export function WebhookHealthPanel(props: { health: Resource<SubscriptionHealth> }) {
  const t = useMessages(webhookHealthMessages);
  const health = props.health;
  return (
    <section
      class="card health-panel"
      aria-labelledby="webhook-health-title"
      data-testid="webhook-health"
      data-condition={health.state === 'ready' ? healthCondition(health.value).kind : health.state}
    >
      <div class="section-header">
        <h2 id="webhook-health-title">{t('title')}</h2>
        <span class="spacer" />
        <button type="button" class="button button-small" onClick={health.reload} disabled={health.state === 'loading'}>
          {t('checkAgain')}
        </button>
      </div>
      {health.state === 'loading' && <Loading />}
      {health.state === 'failed' && <ErrorNotice error={health.error} onRetry={health.reload} />}
      {health.state === 'ready' && <HealthDetails health={health.value} />}
    </section>
  );
}

function HealthDetails(props: { health: SubscriptionHealth }) {
  const t = useMessages(webhookHealthMessages);
  const tc = useMessages(commonMessages);
  const { locale } = useLocale();
  const health = props.health;
  const condition = healthCondition(health);
  const meter = failureMeter(health);
  return (
    <>
      <p class={`health-condition health-${condition.kind}`}>
        {condition.kind === 'failing' ? <SentenceWithTime text={t('failingSince')} iso={condition.since} /> : t(conditionKeys[condition.kind])}
      </p>
      <p class="health-count">
        {t('failuresInWindow', {
          count: health.failureThreshold,
          failures: health.failuresInWindow,
          window: formatSpan(locale, health.failureWindowSeconds),
        })}
      </p>
      <meter
        class="health-meter"
        min={0}
        max={meter.max}
        low={meter.low}
        high={meter.high}
        optimum={0}
        value={meter.value}
        aria-label={t('meterLabel')}
      />
      <p class="hint">{t('rule')}</p>
      <dl class="properties health-properties">
        <dt>{t('lastSuccess')}</dt>
        <dd>{health.lastSuccessAt === null ? t('never') : <LocalTime iso={health.lastSuccessAt} />}</dd>
        <dt>{t('lastFailure')}</dt>
        <dd>{health.lastFailureAt === null ? t('never') : <LocalTime iso={health.lastFailureAt} />}</dd>
        {health.lastFailureAt !== null && (
          <>
            <dt>{t('lastStatusCode')}</dt>
            <dd>{health.lastStatusCode === null ? t('noResponse') : <Ltr>{String(health.lastStatusCode)}</Ltr>}</dd>
            <dt>{t('lastError')}</dt>
            <dd>{health.lastError === null ? tc('none') : <Ltr>{health.lastError}</Ltr>}</dd>
          </>
        )}
        {health.status === 'auto_disabled' && health.disabledReason !== null && (
          <>
            <dt>{t('disabledReason')}</dt>
            <dd>
              <bdi>{health.disabledReason}</bdi>
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
