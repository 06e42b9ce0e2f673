import type { ReplayInput, ReplayStatus } from '@hookline/sdk/client';
import { localInputToIso } from '../components/datetime-local';

/** What a replay can send again, in the order the dialog lists them. */
export const REPLAY_STATUSES: readonly ReplayStatus[] = ['dead', 'held', 'failed'];

/** The dialog's form: times as `datetime-local` values in the reader's time zone. */
export interface ReplayDraft {
  since: string;
  until: string;
  statuses: readonly ReplayStatus[];
}

export type ReplayField = 'since' | 'until' | 'statuses';
export type ReplayProblem = 'required' | 'invalid' | 'not-after-since' | 'no-status';

export type ReplayDraftOutcome = { ok: true; input: ReplayInput & { since: string } } | { ok: false; errors: Partial<Record<ReplayField, ReplayProblem>> };

export const emptyReplayDraft: ReplayDraft = { since: '', until: '', statuses: REPLAY_STATUSES };

/** The statuses ticked, kept in the dialog's order whatever order they were ticked in. */
export function withReplayStatus(statuses: readonly ReplayStatus[], status: ReplayStatus, ticked: boolean): ReplayStatus[] {
  return REPLAY_STATUSES.filter((candidate) => (candidate === status ? ticked : statuses.includes(candidate)));
}

/** The request for the form, or what to fix: `since` is required, `until` must come after it, one status at least. */
export function replayInputOfDraft(draft: ReplayDraft): ReplayDraftOutcome {
  const errors: Partial<Record<ReplayField, ReplayProblem>> = {};
  const since = draft.since.trim() === '' ? undefined : localInputToIso(draft.since);
  const until = draft.until.trim() === '' ? undefined : localInputToIso(draft.until);
  if (since === undefined) errors.since = 'required';
  else if (since === null) errors.since = 'invalid';
  if (until === null) errors.until = 'invalid';
  else if (typeof since === 'string' && until !== undefined && Date.parse(until) <= Date.parse(since)) errors.until = 'not-after-since';
  if (draft.statuses.length === 0) errors.statuses = 'no-status';
  if (typeof since !== 'string' || until === null || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { since, ...(until === undefined ? {} : { until }), statuses: REPLAY_STATUSES.filter((status) => draft.statuses.includes(status)) } };
}
