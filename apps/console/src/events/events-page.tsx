import type { EventType } from '@hookline/sdk/client';
import { useState } from 'preact/hooks';
import { commonMessages } from '../components/common.messages';
import { ErrorNotice, Loading } from '../components/error-notice';
import { LocalTime } from '../components/local-time';
import { Ltr } from '../components/ltr';
import { useResource } from '../components/use-resource';
import { HOOKLINE_EVENT_TYPES } from '../event-types/hookline-event-types';
import { useMessages } from '../i18n/i18n-context';
import { routeHref } from '../router/route';
import { navigate } from '../router/use-route';
import { useSession } from '../session/session-context';
import {
  draftOfEventFilters,
  eventFiltersFromQuery,
  eventFiltersOfDraft,
  eventFiltersToQuery,
  eventListParams,
  hasEventFilters,
  noEventFilters,
  type EventFilterDraft,
  type EventFilterProblem,
  type EventFilters,
} from './event-filters';
import { eventsMessages } from './events.messages';
import { LoadMore } from '../components/load-more';
import { usePagedList } from '../components/use-paged-list';

/** `hookline.test` is sent straight to one webhook and never stored, so it is never found here. */
const storedHooklineTypes = HOOKLINE_EVENT_TYPES.filter((type) => type !== 'hookline.test');

/** The events the ingest API received, filtered by type and receive time; the filters live in the URL. */
export function EventsPage(props: { query: URLSearchParams }) {
  const t = useMessages(eventsMessages);
  const { client } = useSession();
  const filters = eventFiltersFromQuery(props.query);
  const key = eventFiltersToQuery(filters).toString();

  const list = usePagedList(`events:${key}`, (cursor) => client.events.list({ ...eventListParams(filters), limit: 50, cursor }), (event) => event.id);
  // Archived types too: their past events can still be searched.
  const catalog = useResource('event-types:all', async () => {
    const types: EventType[] = [];
    for await (const type of client.eventTypes.listAll({ limit: 250, includeArchived: true })) types.push(type);
    return types;
  });

  const apply = (next: EventFilters) => {
    const query = eventFiltersToQuery(next);
    if (query.toString() === key) list.reload();
    else navigate({ name: 'events', query }, { replace: true });
  };

  return (
    <section class="events">
      <div class="page-header">
        <h1>{t('title')}</h1>
      </div>
      <p class="hint page-intro">{t('intro')}</p>
      <EventFilterForm key={key} filters={filters} catalog={catalog.state === 'ready' ? catalog.value : null} catalogFailed={catalog.state === 'failed'} onApply={apply} />

      {list.state === 'loading' && <Loading />}
      {list.state === 'failed' && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.state === 'ready' && list.items.length === 0 && (
        <p class="card empty" data-testid="events-empty">
          {hasEventFilters(filters) ? t('emptyFiltered') : t('empty')}
        </p>
      )}
      {list.state === 'ready' && list.items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="events-table">
            <thead>
              <tr>
                <th scope="col">{t('colEvent')}</th>
                <th scope="col">{t('colType')}</th>
                <th scope="col">{t('colOccurred')}</th>
                <th scope="col">{t('colReceived')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((event) => (
                <tr key={event.id} data-testid={`event-row-${event.id}`}>
                  <td>
                    <a href={routeHref({ name: 'event', id: event.id })}>
                      <Ltr>{event.id}</Ltr>
                    </a>
                  </td>
                  <td>
                    <Ltr>{event.type}</Ltr>
                  </td>
                  <td>
                    <LocalTime iso={event.occurredAt} />
                  </td>
                  <td>
                    <LocalTime iso={event.receivedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </section>
  );
}

/** Type, since and until; remounted (by `key`) whenever the URL's filters change, so it always starts from them. */
function EventFilterForm(props: { filters: EventFilters; catalog: readonly EventType[] | null; catalogFailed: boolean; onApply: (filters: EventFilters) => void }) {
  const t = useMessages(eventsMessages);
  const common = useMessages(commonMessages);
  const [draft, setDraft] = useState<EventFilterDraft>(() => draftOfEventFilters(props.filters));
  const [errors, setErrors] = useState<Partial<Record<'since' | 'until', EventFilterProblem>>>({});
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const submit = (event: Event) => {
    event.preventDefault();
    const outcome = eventFiltersOfDraft(draft);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      return;
    }
    setErrors({});
    props.onApply(outcome.filters);
  };
  const clear = () => {
    setDraft(draftOfEventFilters(noEventFilters));
    setErrors({});
    props.onApply(noEventFilters);
  };

  const catalogNames = new Set((props.catalog ?? []).map((type) => type.name));
  const known = catalogNames.has(draft.type) || storedHooklineTypes.some((type) => type === draft.type);
  const timeError = (field: 'since' | 'until') => {
    const problem = errors[field];
    if (problem === undefined) return null;
    return (
      <span id={`events-${field}-error`} class="field-error">
        {problem === 'invalid' ? t('invalidTime') : t('untilNotAfterSince')}
      </span>
    );
  };

  return (
    <form class="filters event-filters" role="search" aria-label={t('filtersLabel')} onSubmit={submit} noValidate>
      <div class="filter-field">
        <label for="events-type">{t('type')}</label>
        <select id="events-type" name="type" value={draft.type} onChange={(event) => setDraft({ ...draft, type: event.currentTarget.value })}>
          <option value="">{t('allTypes')}</option>
          <optgroup label={t('yourTypes')}>
            {draft.type !== '' && !known && <option value={draft.type}>{draft.type}</option>}
            {(props.catalog ?? []).map((type) => (
              <option key={type.name} value={type.name}>
                {type.archived ? t('archivedOption', { name: type.name }) : type.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('hooklineTypes')}>
            {storedHooklineTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div class="filter-field">
        <label for="events-since">{t('since')}</label>
        <input
          id="events-since"
          name="since"
          type="datetime-local"
          value={draft.since}
          aria-invalid={errors.since !== undefined}
          aria-describedby={errors.since === undefined ? 'events-times-hint' : 'events-times-hint events-since-error'}
          onInput={(event) => setDraft({ ...draft, since: event.currentTarget.value })}
        />
        {timeError('since')}
      </div>
      <div class="filter-field">
        <label for="events-until">{t('until')}</label>
        <input
          id="events-until"
          name="until"
          type="datetime-local"
          value={draft.until}
          aria-invalid={errors.until !== undefined}
          aria-describedby={errors.until === undefined ? 'events-times-hint' : 'events-times-hint events-until-error'}
          onInput={(event) => setDraft({ ...draft, until: event.currentTarget.value })}
        />
        {timeError('until')}
      </div>
      <div class="button-row">
        <button type="submit" class="button button-primary">
          {common('apply')}
        </button>
        <button type="button" class="button" onClick={clear}>
          {common('clear')}
        </button>
      </div>
      <p id="events-times-hint" class="hint filters-hint">
        {t('timesHint', { zone: timeZone })}
      </p>
      {props.catalogFailed && <p class="hint filters-hint">{t('typesUnavailable')}</p>}
    </form>
  );
}
