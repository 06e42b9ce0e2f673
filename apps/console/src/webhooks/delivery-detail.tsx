import type { Attempt, Delivery } from '@hookline/sdk/client';
import { CopyButton } from '../components/copy-button';
import { ErrorNotice, Loading } from '../components/error-notice';
import { LocalTime } from '../components/local-time';
import { Ltr } from '../components/ltr';
import { useResource } from '../components/use-resource';
import { formatDuration } from '../i18n/format';
import { useLocale, useMessages } from '../i18n/i18n-context';
import { routeHref } from '../router/route';
import { useSession } from '../session/session-context';
import { isResponseBodyCut } from './delivery-detail.format';
import { deliveryLogMessages } from './delivery-log.messages';
import { deliveryVersion } from './delivery-log.rows';

/** One delivery opened in the log: its event and every attempt, with what the endpoint answered. */
export function DeliveryDetail(props: { delivery: Delivery; id: string }) {
  const t = useMessages(deliveryLogMessages);
  const { client } = useSession();
  const delivery = props.delivery;
  // Keyed by the row's version: when a refresh or a retry changes the row, the attempts are read again.
  const detail = useResource(deliveryVersion(delivery), () => client.deliveries.get(delivery.id));
  return (
    <div class="delivery-detail" id={props.id} data-testid={`delivery-detail-${delivery.id}`}>
      <dl class="properties">
        <dt>{t('deliveryId')}</dt>
        <dd class="id-value">
          <Ltr>{delivery.id}</Ltr>
          <CopyButton value={delivery.id} />
        </dd>
        <dt>{t('event')}</dt>
        <dd>
          <a href={routeHref({ name: 'event', id: delivery.eventId })}>
            <Ltr>{delivery.eventId}</Ltr>
          </a>{' '}
          <Ltr class="hint">{delivery.eventType}</Ltr>
        </dd>
      </dl>
      <h3>{t('attempts')}</h3>
      {detail.state === 'loading' && <Loading />}
      {detail.state === 'failed' && <ErrorNotice error={detail.error} onRetry={detail.reload} />}
      {detail.state === 'ready' &&
        (detail.value.attempts.length === 0 ? (
          <p class="hint">{t('noAttempts')}</p>
        ) : (
          <ol class="attempts">
            {detail.value.attempts.map((attempt) => (
              <AttemptItem key={attempt.id} attempt={attempt} />
            ))}
          </ol>
        ))}
    </div>
  );
}

function AttemptItem(props: { attempt: Attempt }) {
  const t = useMessages(deliveryLogMessages);
  const { locale } = useLocale();
  const attempt = props.attempt;
  const body = attempt.responseBody;
  return (
    <li class="attempt" data-testid={`attempt-${attempt.number}`}>
      <h4>{t('attemptNumber', { number: attempt.number })}</h4>
      <dl class="properties">
        <dt>{t('startedAt')}</dt>
        <dd>
          <LocalTime iso={attempt.startedAt} />
        </dd>
        <dt>{t('statusCode')}</dt>
        <dd>{attempt.statusCode === null ? t('noHttpAnswer') : <Ltr>{String(attempt.statusCode)}</Ltr>}</dd>
        <dt>{t('duration')}</dt>
        <dd>{formatDuration(locale, attempt.durationMs)}</dd>
        {attempt.error !== null && (
          <>
            <dt>{t('error')}</dt>
            <dd>
              <Ltr>{attempt.error}</Ltr>
            </dd>
          </>
        )}
      </dl>
      {body !== null &&
        (body === '' ? (
          <p class="hint">{t('emptyResponseBody')}</p>
        ) : (
          <figure class="response-body">
            <figcaption>{isResponseBodyCut(body) ? t('responseBodyCut') : t('responseBody')}</figcaption>
            <pre dir="ltr">{body}</pre>
          </figure>
        ))}
    </li>
  );
}
