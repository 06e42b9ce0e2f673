import type { EventListParams } from '@hookline/sdk/client';
import { isoToLocalInput, localInputToIso } from '../components/datetime-local';

/** The events screen's filters as the URL keeps them: a type name and ISO 8601 times, each `''` when unset. */
export interface EventFilters {
  type: string;
  since: string;
  until: string;
}

/** What the filter form holds: `since` and `until` as `datetime-local` values in the reader's time zone. */
export interface EventFilterDraft {
  type: string;
  since: string;
  until: string;
}

export type EventFilterProblem = 'invalid' | 'not-after-since';

export type EventFilterOutcome =
  | { ok: true; filters: EventFilters }
  | { ok: false; errors: Partial<Record<'since' | 'until', EventFilterProblem>> };

export const noEventFilters: EventFilters = { type: '', since: '', until: '' };

/** A time from the URL, written the way the API takes it; `''` when it is not a date and time. */
function isoFromQuery(value: string | null): string {
  if (value === null || !/^\d{4,}-\d{2}-\d{2}T/.test(value.trim())) return '';
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

export function eventFiltersFromQuery(query: URLSearchParams): EventFilters {
  return { type: (query.get('type') ?? '').trim(), since: isoFromQuery(query.get('since')), until: isoFromQuery(query.get('until')) };
}

/** Only the filters that are set, so a cleared form leaves a bare `#/events`. */
export function eventFiltersToQuery(filters: EventFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.type !== '') query.set('type', filters.type);
  if (filters.since !== '') query.set('since', filters.since);
  if (filters.until !== '') query.set('until', filters.until);
  return query;
}

export function hasEventFilters(filters: EventFilters): boolean {
  return filters.type !== '' || filters.since !== '' || filters.until !== '';
}

/** The list request for these filters; unset ones are left out rather than sent empty. */
export function eventListParams(filters: EventFilters): Pick<EventListParams, 'type' | 'since' | 'until'> {
  return {
    ...(filters.type === '' ? {} : { type: filters.type }),
    ...(filters.since === '' ? {} : { since: filters.since }),
    ...(filters.until === '' ? {} : { until: filters.until }),
  };
}

export function draftOfEventFilters(filters: EventFilters): EventFilterDraft {
  return { type: filters.type, since: isoToLocalInput(filters.since), until: isoToLocalInput(filters.until) };
}

/** The form's values as filters; the API reads `[since, until)`, so `until` must come after `since`. */
export function eventFiltersOfDraft(draft: EventFilterDraft): EventFilterOutcome {
  const errors: Partial<Record<'since' | 'until', EventFilterProblem>> = {};
  const since = draft.since.trim() === '' ? '' : localInputToIso(draft.since);
  const until = draft.until.trim() === '' ? '' : localInputToIso(draft.until);
  if (since === null) errors.since = 'invalid';
  if (until === null) errors.until = 'invalid';
  if (since !== null && until !== null && since !== '' && until !== '' && Date.parse(until) <= Date.parse(since)) errors.until = 'not-after-since';
  if (since === null || until === null || errors.until !== undefined) return { ok: false, errors };
  return { ok: true, filters: { type: draft.type.trim(), since, until } };
}
