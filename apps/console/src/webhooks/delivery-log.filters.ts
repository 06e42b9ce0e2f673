import type { DeliveryListParams, DeliveryStatus } from '@hookline/sdk/client';
import { isoToLocalInput, localInputToIso } from '../components/datetime-local';

const deliveryStatusSet: Readonly<Record<DeliveryStatus, true>> = {
  pending: true,
  succeeded: true,
  retrying: true,
  dead: true,
  held: true,
  cancelled: true,
};

/** Every delivery status, in the order the filter offers them. */
export const DELIVERY_STATUSES = Object.keys(deliveryStatusSet) as readonly DeliveryStatus[];

export function isDeliveryStatus(value: string): value is DeliveryStatus {
  return Object.hasOwn(deliveryStatusSet, value);
}

/** The delivery log's filters as the URL keeps them: a status and ISO 8601 times, each `''` when unset. */
export interface DeliveryLogFilters {
  status: DeliveryStatus | '';
  since: string;
  until: string;
}

/** What the filter form holds: `since` and `until` as `datetime-local` values in the reader's time zone. */
export interface DeliveryLogDraft {
  status: string;
  since: string;
  until: string;
}

export type TimeFilterProblem = 'invalid' | 'not-after-since';

export type DeliveryLogDraftOutcome =
  | { ok: true; filters: DeliveryLogFilters }
  | { ok: false; errors: Partial<Record<'since' | 'until', TimeFilterProblem>> };

export const noDeliveryLogFilters: DeliveryLogFilters = { status: '', since: '', until: '' };

/** A time from the URL, as the API takes it; `''` when it is not a date and time, so a mangled link shows everything. */
function isoFromQuery(value: string | null): string {
  const text = (value ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return '';
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

export function deliveryLogFiltersFromQuery(query: URLSearchParams): DeliveryLogFilters {
  const status = (query.get('status') ?? '').trim();
  return {
    status: isDeliveryStatus(status) ? status : '',
    since: isoFromQuery(query.get('since')),
    until: isoFromQuery(query.get('until')),
  };
}

/** Only the filters that are set, so clearing them leaves a bare `#/webhooks/<id>`. */
export function deliveryLogFiltersToQuery(filters: DeliveryLogFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.status !== '') query.set('status', filters.status);
  if (filters.since !== '') query.set('since', filters.since);
  if (filters.until !== '') query.set('until', filters.until);
  return query;
}

export function hasDeliveryLogFilters(filters: DeliveryLogFilters): boolean {
  return filters.status !== '' || filters.since !== '' || filters.until !== '';
}

/** One string per distinct set of filters: the log reloads when it changes. */
export function deliveryLogFiltersKey(filters: DeliveryLogFilters): string {
  return deliveryLogFiltersToQuery(filters).toString();
}

/** The list request for one webhook's log; unset filters are left out rather than sent empty. */
export function deliveryListParams(subscriptionId: string, filters: DeliveryLogFilters): DeliveryListParams {
  return {
    subscriptionId,
    ...(filters.status === '' ? {} : { status: filters.status }),
    ...(filters.since === '' ? {} : { since: filters.since }),
    ...(filters.until === '' ? {} : { until: filters.until }),
  };
}

export function draftOfDeliveryLogFilters(filters: DeliveryLogFilters): DeliveryLogDraft {
  return { status: filters.status, since: isoToLocalInput(filters.since), until: isoToLocalInput(filters.until) };
}

/** The form's values as filters; the API reads `[since, until)`, so `until` must come after `since`. */
export function deliveryLogFiltersOfDraft(draft: DeliveryLogDraft): DeliveryLogDraftOutcome {
  const since = draft.since.trim() === '' ? '' : localInputToIso(draft.since);
  const until = draft.until.trim() === '' ? '' : localInputToIso(draft.until);
  const errors: Partial<Record<'since' | 'until', TimeFilterProblem>> = {};
  if (since === null) errors.since = 'invalid';
  if (until === null) errors.until = 'invalid';
  else if (since !== null && since !== '' && until !== '' && Date.parse(until) <= Date.parse(since)) errors.until = 'not-after-since';
  if (since === null || until === null || errors.until !== undefined) return { ok: false, errors };
  return { ok: true, filters: { status: isDeliveryStatus(draft.status) ? draft.status : '', since, until } };
}
