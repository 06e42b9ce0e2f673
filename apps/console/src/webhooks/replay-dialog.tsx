import type { ReplayStatus } from '@hookline/sdk/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { fieldErrorsOf, fieldErrorsUnder } from '../api/problem';
import { commonMessages } from '../components/common.messages';
import { ErrorNotice } from '../components/error-notice';
import { useMessages } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { localInputHoursBefore } from '../components/datetime-local';
import { deliveryLogMessages } from './delivery-log.messages';
import { emptyReplayDraft, REPLAY_STATUSES, replayInputOfDraft, withReplayStatus, type ReplayDraft, type ReplayField, type ReplayProblem } from './replay-dialog.form';

type DeliveryLogKey = keyof (typeof deliveryLogMessages)['en'];

const problemKeys = {
  required: 'sinceRequired',
  invalid: 'invalidTime',
  'not-after-since': 'untilNotAfterSince',
  'no-status': 'pickStatus',
} as const satisfies Record<ReplayProblem, DeliveryLogKey>;

const statusHintKeys = { dead: 'deadHint', held: 'heldHint', failed: 'failedHint' } as const satisfies Record<ReplayStatus, DeliveryLogKey>;

/** Sends a window of dead, held or failed deliveries again; `onReplayed` gets how many were queued. */
export function ReplayDialog(props: { subscriptionId: string; onReplayed: (queued: number) => void; onClose: () => void }) {
  const t = useMessages(deliveryLogMessages);
  const tc = useMessages(commonMessages);
  const { client } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<ReplayDraft>(emptyReplayDraft);
  const [problems, setProblems] = useState<Partial<Record<ReplayField, ReplayProblem>>>({});
  const [apiFieldErrors, setApiFieldErrors] = useState<Readonly<Record<string, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    setApiFieldErrors({});
    const outcome = replayInputOfDraft(draft);
    if (!outcome.ok) {
      setProblems(outcome.errors);
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      const result = await client.subscriptions.replay(props.subscriptionId, outcome.input);
      props.onReplayed(result.queued);
    } catch (error) {
      setApiFieldErrors(fieldErrorsOf(error));
      setFailure(error);
      setBusy(false);
    }
  };

  /** The reader's own mistake in their language, else what the API said about the field. */
  const errorOf = (field: ReplayField): string | null => {
    const problem = problems[field];
    if (problem !== undefined) return t(problemKeys[problem]);
    return Object.values(fieldErrorsUnder(apiFieldErrors, field))[0] ?? null;
  };
  const sinceError = errorOf('since');
  const untilError = errorOf('until');
  const statusesError = errorOf('statuses');
  const fieldsNamedByApi = (['since', 'until', 'statuses'] as const).filter((field) => Object.keys(fieldErrorsUnder(apiFieldErrors, field)).length > 0).length;
  const statusLabels: Record<ReplayStatus, string> = { dead: tc('deliveryDead'), held: tc('deliveryHeld'), failed: t('failed') };
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const quickSince = (hours: number) => setDraft({ ...draft, since: localInputHoursBefore(new Date(), hours), until: '' });

  return (
    <dialog
      ref={dialog}
      class="dialog replay-dialog"
      aria-labelledby="replay-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) props.onClose();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="replay-title">{t('replayTitle')}</h2>
        <p>{t('replayIntro')}</p>
        <div class="field">
          <label for="replay-since">{t('since')}</label>
          <input
            id="replay-since"
            type="datetime-local"
            value={draft.since}
            aria-required="true"
            aria-invalid={sinceError !== null}
            aria-describedby={sinceError === null ? 'replay-time-zone' : 'replay-since-error replay-time-zone'}
            onInput={(event) => setDraft({ ...draft, since: event.currentTarget.value })}
          />
          <div class="button-row" role="group" aria-label={t('quickChoices')}>
            <button type="button" class="button button-small" onClick={() => quickSince(1)}>
              {t('lastHour')}
            </button>
            <button type="button" class="button button-small" onClick={() => quickSince(24)}>
              {t('last24Hours')}
            </button>
          </div>
          <p id="replay-time-zone" class="hint">
            {t('timeZone', { zone: timeZone })}
          </p>
          {sinceError !== null && (
            <p id="replay-since-error" class="field-error">
              <bdi>{sinceError}</bdi>
            </p>
          )}
        </div>
        <div class="field">
          <label for="replay-until">{t('until')}</label>
          <input
            id="replay-until"
            type="datetime-local"
            value={draft.until}
            aria-invalid={untilError !== null}
            aria-describedby={untilError === null ? 'replay-until-hint' : 'replay-until-error replay-until-hint'}
            onInput={(event) => setDraft({ ...draft, until: event.currentTarget.value })}
          />
          <p id="replay-until-hint" class="hint">
            {t('untilHint')}
          </p>
          {untilError !== null && (
            <p id="replay-until-error" class="field-error">
              <bdi>{untilError}</bdi>
            </p>
          )}
        </div>
        <fieldset class="replay-statuses" aria-describedby={statusesError === null ? undefined : 'replay-statuses-error'}>
          <legend>{t('statusesLegend')}</legend>
          {REPLAY_STATUSES.map((status) => (
            <div key={status} class="choice-with-hint">
              <label class="choice" for={`replay-status-${status}`}>
                <input
                  id={`replay-status-${status}`}
                  type="checkbox"
                  checked={draft.statuses.includes(status)}
                  aria-describedby={`replay-status-${status}-hint`}
                  onChange={(event) => setDraft({ ...draft, statuses: withReplayStatus(draft.statuses, status, event.currentTarget.checked) })}
                />
                {statusLabels[status]}
              </label>
              <p id={`replay-status-${status}-hint`} class="hint">
                {t(statusHintKeys[status])}
              </p>
            </div>
          ))}
          {statusesError !== null && (
            <p id="replay-statuses-error" class="field-error">
              <bdi>{statusesError}</bdi>
            </p>
          )}
        </fieldset>
        {failure !== null &&
          (fieldsNamedByApi > 0 ? (
            <p class="field-error" role="alert">
              {tc('fixFields', { count: fieldsNamedByApi })}
            </p>
          ) : (
            <ErrorNotice error={failure} />
          ))}
        <div class="dialog-actions">
          <button type="button" class="button" onClick={props.onClose} disabled={busy}>
            {tc('cancel')}
          </button>
          <button type="submit" class="button button-primary" disabled={busy} aria-busy={busy}>
            {t('replaySubmit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
