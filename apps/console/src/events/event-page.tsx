import type { EventDeliveryStatus, EventWithDeliveries } from '@hookline/sdk/client';
import { useState } from 'preact/hooks';
import { commonMessages } from '../components/common.messages';
import { CopyButton } from '../components/copy-button';
import { ErrorNotice, Loading } from '../components/error-notice';
import { LocalTime } from '../components/local-time';
import { Ltr } from '../components/ltr';
import { DeliveryStatusBadge } from '../components/status-badge';
import { useResource } from '../components/use-resource';
import { formatNumber } from '../i18n/format';
import { useLocale, useMessages } from '../i18n/i18n-context';
import { routeHref } from '../router/route';
import { useSession } from '../session/session-context';
import { distinctSubscriptionIds, prettyJson, subscriptionNamesOf } from './event-deliveries';
import { eventsMessages } from './events.messages';

/** One event: its properties, its data, and the status of each delivery it fanned out to. */
export function EventPage(props: { id: string }) {
  const t = useMessages(eventsMessages);
  const common = useMessages(commonMessages);
  const { client } = useSession();
  const event = useResource(`event:${props.id}`, () => client.events.get(props.id));
  const [refreshing, setRefreshing] = useState(false);
  const [refreshFailure, setRefreshFailure] = useState<unknown>(null);

  const breadcrumb = (
    <a class="breadcrumb" href={routeHref({ name: 'events', query: new URLSearchParams() })}>
      {t('title')}
    </a>
  );
  if (event.state === 'loading') {
    return (
      <section>
        {breadcrumb}
        <Loading />
      </section>
    );
  }
  if (event.state === 'failed') {
    return (
      <section>
        {breadcrumb}
        <h1>{t('eventTitle')}</h1>
        <ErrorNotice error={event.error} onRetry={event.reload} />
      </section>
    );
  }

  const value = event.value;
  const refresh = async () => {
    setRefreshing(true);
    setRefreshFailure(null);
    try {
      event.replace(await client.events.get(props.id));
    } catch (error) {
      setRefreshFailure(error);
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <section class="event">
      {breadcrumb}
      <div class="page-header">
        <h1>
          {t('eventTitle')} <Ltr>{value.id}</Ltr>
        </h1>
      </div>

      <div class="card">
        <dl class="properties" data-testid="event-properties">
          <dt>{t('id')}</dt>
          <dd>
            <span class="with-copy">
              <Ltr>{value.id}</Ltr>
              <CopyButton value={value.id} />
            </span>
          </dd>
          <dt>{t('type')}</dt>
          <dd>
            <Ltr>{value.type}</Ltr>{' '}
            <a class="type-link" href={routeHref({ name: 'events', query: new URLSearchParams({ type: value.type }) })}>
              {t('allOfType')}
            </a>
          </dd>
          <dt>{t('occurredAt')}</dt>
          <dd>
            <LocalTime iso={value.occurredAt} />
          </dd>
          <dt>{t('receivedAt')}</dt>
          <dd>
            <LocalTime iso={value.receivedAt} />
          </dd>
          <dt>{t('idempotencyKey')}</dt>
          <dd>{value.idempotencyKey === null ? common('none') : <Ltr>{value.idempotencyKey}</Ltr>}</dd>
        </dl>
      </div>

      <div class="section-header">
        <h2>{t('data')}</h2>
        <CopyButton value={prettyJson(value.data)} />
      </div>
      <pre dir="ltr" data-testid="event-data">
        {prettyJson(value.data)}
      </pre>

      <div class="section-header">
        <h2 id="event-deliveries-title">{t('deliveries')}</h2>
        <button type="button" class="button button-small" onClick={() => void refresh()} disabled={refreshing}>
          {refreshing ? t('refreshing') : t('refresh')}
        </button>
      </div>
      {refreshFailure !== null && <ErrorNotice error={refreshFailure} />}
      <EventDeliveries event={value} />
    </section>
  );
}

/** The deliveries with their webhooks' names, looked up once per distinct webhook; a deleted one shows its id. */
function EventDeliveries(props: { event: EventWithDeliveries }) {
  const t = useMessages(eventsMessages);
  const common = useMessages(commonMessages);
  const { locale } = useLocale();
  const { client } = useSession();
  const deliveries = props.event.deliveries;
  const ids = distinctSubscriptionIds(deliveries);
  const names = useResource(`event-subscriptions:${ids.join(',')}`, async () =>
    subscriptionNamesOf(ids, await Promise.allSettled(ids.map((id) => client.subscriptions.get(id)))),
  );
  const nameOf = (delivery: EventDeliveryStatus) => (names.state === 'ready' ? names.value.get(delivery.subscriptionId) : undefined);

  if (deliveries.length === 0) {
    return (
      <div data-testid="event-deliveries" data-count="0">
        <p class="card empty">{t('noDeliveries')}</p>
      </div>
    );
  }
  return (
    <div class="table-wrap" data-testid="event-deliveries" data-count={deliveries.length}>
      <table aria-labelledby="event-deliveries-title">
        <thead>
          <tr>
            <th scope="col">{t('colDelivery')}</th>
            <th scope="col">{t('colWebhook')}</th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col" class="numeric">
              {t('colAttempts')}
            </th>
            <th scope="col" class="numeric">
              {t('colLastStatus')}
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => {
            const name = nameOf(delivery);
            return (
              <tr key={delivery.id} data-testid={`event-delivery-row-${delivery.id}`}>
                <td>
                  <Ltr>{delivery.id}</Ltr>
                </td>
                <td>
                  <a href={routeHref({ name: 'webhook', id: delivery.subscriptionId, query: new URLSearchParams() })} title={delivery.subscriptionId}>
                    {name === undefined ? <Ltr>{delivery.subscriptionId}</Ltr> : <bdi>{name}</bdi>}
                  </a>
                </td>
                <td>
                  <DeliveryStatusBadge status={delivery.status} />
                </td>
                <td class="numeric">{formatNumber(locale, delivery.attemptCount)}</td>
                <td class="numeric">{delivery.lastStatusCode === null ? common('none') : <Ltr>{String(delivery.lastStatusCode)}</Ltr>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
