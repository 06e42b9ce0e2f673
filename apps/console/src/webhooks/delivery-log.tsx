import type { Delivery, SubscriptionStatus } from '@hookline/sdk/client';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { commonMessages } from '../components/common.messages';
import { ErrorNotice, Loading } from '../components/error-notice';
import { LoadMore } from '../components/load-more';
import { LocalTime } from '../components/local-time';
import { Ltr } from '../components/ltr';
import { DeliveryStatusBadge, deliveryStatusLabelKey } from '../components/status-badge';
import { formatNumber } from '../i18n/format';
import { useLocale, useMessages } from '../i18n/i18n-context';
import { navigate } from '../router/use-route';
import { useSession } from '../session/session-context';
import { usePagedList } from '../components/use-paged-list';
import { DeliveryDetail } from './delivery-detail';
import {
  DELIVERY_STATUSES,
  deliveryListParams,
  deliveryLogFiltersFromQuery,
  deliveryLogFiltersKey,
  deliveryLogFiltersOfDraft,
  deliveryLogFiltersToQuery,
  draftOfDeliveryLogFilters,
  hasDeliveryLogFilters,
  noDeliveryLogFilters,
  type DeliveryLogDraft,
  type DeliveryLogFilters,
  type TimeFilterProblem,
} from './delivery-log.filters';
import { deliveryLogMessages } from './delivery-log.messages';
import { canRetryNow, replaceDelivery, shortId } from './delivery-log.rows';
import { ReplayDialog } from './replay-dialog';

const PAGE_SIZE = 50;
const COLUMN_COUNT = 9;

const idOf = (delivery: Delivery) => delivery.id;

/** The log's pages for one set of filters; Refresh and a next page keep the rows shown if they fail. */
function useDeliveryPages(subscriptionId: string, filters: DeliveryLogFilters) {
  const { client } = useSession();
  const params = useMemo(() => deliveryListParams(subscriptionId, filters), [subscriptionId, filters]);
  return usePagedList(
    `deliveries:${subscriptionId}:${deliveryLogFiltersKey(filters)}`,
    (cursor) => client.deliveries.list({ ...params, limit: PAGE_SIZE, cursor }),
    idOf,
  );
}

/** What was sent to the webhook's endpoint and what came back: filters in the URL, attempts inline, retry and replay. */
export function DeliveryLog(props: { subscriptionId: string; subscriptionStatus: SubscriptionStatus; query: URLSearchParams }) {
  const t = useMessages(deliveryLogMessages);
  const queryText = props.query.toString();
  const filters = useMemo(() => deliveryLogFiltersFromQuery(new URLSearchParams(queryText)), [queryText]);
  const pages = useDeliveryPages(props.subscriptionId, filters);
  const [replaying, setReplaying] = useState(false);
  const [replayed, setReplayed] = useState<number | null>(null);

  const applyFilters = (next: DeliveryLogFilters) => {
    setReplayed(null);
    // The same filters again would not change the URL, so they reload the log instead.
    if (deliveryLogFiltersKey(next) === deliveryLogFiltersKey(filters)) pages.refresh();
    else navigate({ name: 'webhook', id: props.subscriptionId, query: deliveryLogFiltersToQuery(next) }, { replace: true });
  };

  return (
    <section class="card delivery-log-card" aria-labelledby="delivery-log-title">
      <div class="section-header">
        <h2 id="delivery-log-title">{t('title')}</h2>
        <span class="spacer" />
        <div class="button-row">
          <button
            type="button"
            class="button"
            onClick={pages.refresh}
            disabled={pages.state === 'loading' || (pages.state === 'ready' && pages.busy !== null)}
            aria-busy={pages.state === 'ready' && pages.busy === 'refresh'}
          >
            {t('refresh')}
          </button>
          <button type="button" class="button" onClick={() => setReplaying(true)}>
            {t('replay')}
          </button>
        </div>
      </div>
      <p class="hint">{t('intro')}</p>
      {props.subscriptionStatus !== 'enabled' && <p class="notice notice-warning">{t('retriesRefused')}</p>}
      <DeliveryFilterForm filters={filters} onApply={applyFilters} />
      {replayed !== null && (
        <div class="notice notice-success" role="status" data-testid="replay-result" data-queued={String(replayed)}>
          <p>{replayed === 0 ? t('replayNone') : t('replayQueued', { count: replayed })}</p>
        </div>
      )}
      {pages.state === 'loading' && <Loading />}
      {pages.state === 'failed' && <ErrorNotice error={pages.error} onRetry={pages.reload} />}
      {pages.state === 'ready' && (
        <>
          <DeliveryTable
            rows={pages.items}
            filtered={hasDeliveryLogFilters(filters)}
            onRowChange={(updated) => pages.update((rows) => replaceDelivery(rows, updated))}
          />
          <LoadMore list={pages} />
        </>
      )}
      {replaying && (
        <ReplayDialog
          subscriptionId={props.subscriptionId}
          onClose={() => setReplaying(false)}
          onReplayed={(queued) => {
            setReplaying(false);
            setReplayed(queued);
            pages.refresh();
          }}
        />
      )}
    </section>
  );
}

const filterProblemKeys = { invalid: 'invalidTime', 'not-after-since': 'toNotAfterFrom' } as const satisfies Record<
  TimeFilterProblem,
  keyof (typeof deliveryLogMessages)['en']
>;

/** Status and time window; applied to the URL, so a reload or a shared link shows the same log. */
function DeliveryFilterForm(props: { filters: DeliveryLogFilters; onApply: (filters: DeliveryLogFilters) => void }) {
  const t = useMessages(deliveryLogMessages);
  const tc = useMessages(commonMessages);
  const [draft, setDraft] = useState<DeliveryLogDraft>(() => draftOfDeliveryLogFilters(props.filters));
  const [problems, setProblems] = useState<Partial<Record<'since' | 'until', TimeFilterProblem>>>({});
  // Filters changed from outside (a link, back and forward): the form shows them.
  useEffect(() => {
    setDraft(draftOfDeliveryLogFilters(props.filters));
    setProblems({});
  }, [props.filters]);

  const submit = (event: Event) => {
    event.preventDefault();
    const outcome = deliveryLogFiltersOfDraft(draft);
    if (!outcome.ok) {
      setProblems(outcome.errors);
      return;
    }
    setProblems({});
    props.onApply(outcome.filters);
  };
  const clear = () => {
    setDraft(draftOfDeliveryLogFilters(noDeliveryLogFilters));
    setProblems({});
    props.onApply(noDeliveryLogFilters);
  };
  const sinceProblem = problems.since;
  const untilProblem = problems.until;

  return (
    <form class="filters delivery-filters" aria-label={t('filters')} onSubmit={submit} noValidate>
      <label for="delivery-filter-status">
        {t('status')}
        <select id="delivery-filter-status" value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.currentTarget.value })}>
          <option value="">{t('allStatuses')}</option>
          {DELIVERY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {tc(deliveryStatusLabelKey(status))}
            </option>
          ))}
        </select>
      </label>
      <div class="filter-field">
        <label for="delivery-filter-since">
          {t('from')}
          <input
            id="delivery-filter-since"
            type="datetime-local"
            value={draft.since}
            aria-invalid={sinceProblem !== undefined}
            aria-describedby={sinceProblem === undefined ? undefined : 'delivery-filter-since-error'}
            onInput={(event) => setDraft({ ...draft, since: event.currentTarget.value })}
          />
        </label>
        {sinceProblem !== undefined && (
          <p id="delivery-filter-since-error" class="field-error">
            {t(filterProblemKeys[sinceProblem])}
          </p>
        )}
      </div>
      <div class="filter-field">
        <label for="delivery-filter-until">
          {t('to')}
          <input
            id="delivery-filter-until"
            type="datetime-local"
            value={draft.until}
            aria-invalid={untilProblem !== undefined}
            aria-describedby={untilProblem === undefined ? undefined : 'delivery-filter-until-error'}
            onInput={(event) => setDraft({ ...draft, until: event.currentTarget.value })}
          />
        </label>
        {untilProblem !== undefined && (
          <p id="delivery-filter-until-error" class="field-error">
            {t(filterProblemKeys[untilProblem])}
          </p>
        )}
      </div>
      <div class="button-row">
        <button type="submit" class="button button-primary">
          {tc('apply')}
        </button>
        <button type="button" class="button" onClick={clear}>
          {tc('clear')}
        </button>
      </div>
    </form>
  );
}

function DeliveryTable(props: { rows: readonly Delivery[]; filtered: boolean; onRowChange: (delivery: Delivery) => void }) {
  const t = useMessages(deliveryLogMessages);
  const tc = useMessages(commonMessages);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div class="table-wrap">
      <table class="delivery-log" data-testid="delivery-log">
        <thead>
          <tr>
            <th scope="col">{t('colDelivery')}</th>
            <th scope="col">{t('colEventType')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col" class="numeric">
              {t('colAttempts')}
            </th>
            <th scope="col">{t('colLastStatus')}</th>
            <th scope="col">{t('colLastError')}</th>
            <th scope="col">{t('colCreated')}</th>
            <th scope="col">{t('colNextAttempt')}</th>
            <th scope="col">
              <span class="visually-hidden">{tc('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMN_COUNT} class="empty">
                {props.filtered ? t('emptyFiltered') : t('empty')}
              </td>
            </tr>
          ) : (
            props.rows.map((delivery) => (
              <DeliveryRow
                key={delivery.id}
                delivery={delivery}
                expanded={expanded.has(delivery.id)}
                onToggle={() => toggle(delivery.id)}
                onChange={props.onRowChange}
              />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Clicks on the row's own controls, or that end a text selection, do not open or close it. */
function opensRow(event: MouseEvent): boolean {
  const target = event.target;
  if (target instanceof Element && target.closest('button, a, input, select, textarea, label, pre') !== null) return false;
  return (window.getSelection()?.toString() ?? '') === '';
}

function DeliveryRow(props: { delivery: Delivery; expanded: boolean; onToggle: () => void; onChange: (delivery: Delivery) => void }) {
  const t = useMessages(deliveryLogMessages);
  const tc = useMessages(commonMessages);
  const { locale } = useLocale();
  const { client } = useSession();
  const [retrying, setRetrying] = useState(false);
  const [retryFailure, setRetryFailure] = useState<unknown>(null);
  const delivery = props.delivery;
  const detailId = `delivery-detail-panel-${delivery.id}`;

  const retry = async () => {
    setRetrying(true);
    setRetryFailure(null);
    try {
      props.onChange(await client.deliveries.retry(delivery.id));
    } catch (error) {
      setRetryFailure(error);
    } finally {
      setRetrying(false);
    }
  };

  return (
    <>
      <tr
        class={props.expanded ? 'delivery-row is-expanded' : 'delivery-row'}
        data-testid={`delivery-row-${delivery.id}`}
        data-status={delivery.status}
        onClick={(event) => {
          if (opensRow(event)) props.onToggle();
        }}
      >
        <td class="nowrap">
          <Ltr title={delivery.id}>{shortId(delivery.id)}</Ltr>
        </td>
        <td class="nowrap">
          <Ltr>{delivery.eventType}</Ltr>
        </td>
        <td>
          <DeliveryStatusBadge status={delivery.status} />
        </td>
        <td class="numeric">{formatNumber(locale, delivery.attemptCount)}</td>
        <td class="nowrap">{delivery.lastStatusCode === null ? tc('none') : <Ltr>{String(delivery.lastStatusCode)}</Ltr>}</td>
        <td>
          {delivery.lastError === null ? (
            tc('none')
          ) : (
            <Ltr class="truncate" title={delivery.lastError}>
              {delivery.lastError}
            </Ltr>
          )}
        </td>
        <td class="time-cell">
          <LocalTime iso={delivery.createdAt} />
        </td>
        <td class="time-cell">{delivery.status === 'retrying' && delivery.nextAttemptAt !== null ? <LocalTime iso={delivery.nextAttemptAt} /> : tc('none')}</td>
        <td class="row-actions">
          <div class="button-row">
            <button type="button" class="button button-small" aria-expanded={props.expanded} aria-controls={props.expanded ? detailId : undefined} onClick={props.onToggle}>
              {t('viewAttempts')}
            </button>
            {canRetryNow(delivery.status) && (
              <button type="button" class="button button-small" disabled={retrying} aria-busy={retrying} onClick={() => void retry()}>
                {t('retryNow')}
              </button>
            )}
          </div>
        </td>
      </tr>
      {retryFailure !== null && (
        <tr class="delivery-message-row">
          <td colSpan={COLUMN_COUNT}>
            <ErrorNotice error={retryFailure} />
          </td>
        </tr>
      )}
      {props.expanded && (
        <tr class="delivery-detail-row">
          <td colSpan={COLUMN_COUNT}>
            <DeliveryDetail delivery={delivery} id={detailId} />
          </td>
        </tr>
      )}
    </>
  );
}
