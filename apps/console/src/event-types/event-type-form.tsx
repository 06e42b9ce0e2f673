import type { EventType } from '@hookline/sdk/client';
import { useState } from 'preact/hooks';
import { fieldErrorsOf, fieldErrorsUnder } from '../api/problem';
import { commonMessages } from '../components/common.messages';
import { ErrorNotice } from '../components/error-notice';
import { useMessages } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { eventTypeInputOf, eventTypeUpdateOf, type EventTypeDraft, type SchemaTextProblem } from './event-type-draft';
import { eventTypesMessages } from './event-types.messages';

type FormField = 'name' | 'description' | 'schema';

/** The first API error at or below each of the form's fields. */
function errorsByField(failure: unknown): Partial<Record<FormField, string>> {
  const all = fieldErrorsOf(failure);
  const byField: Partial<Record<FormField, string>> = {};
  for (const field of ['name', 'description', 'schema'] as const) {
    const first = Object.values(fieldErrorsUnder(all, field))[0];
    if (first !== undefined) byField[field] = first;
  }
  return byField;
}

/**
 * Adds an event type (`existing` absent) or edits one's description and schema. The schema text is only
 * checked for being a JSON object here; everything else is the API's to judge, shown beside its field.
 */
export function EventTypeForm(props: { existing?: EventType; initial: EventTypeDraft; onSaved: (type: EventType) => void; onCancel: () => void }) {
  const t = useMessages(eventTypesMessages);
  const common = useMessages(commonMessages);
  const { client } = useSession();
  const [draft, setDraft] = useState(props.initial);
  const [schemaProblem, setSchemaProblem] = useState<SchemaTextProblem | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const existing = props.existing;
  const prefix = existing === undefined ? 'new-event-type' : `edit-event-type-${existing.name}`;

  const prepare = (): { ok: true; send: () => Promise<EventType> } | { ok: false; problem: SchemaTextProblem } => {
    if (existing === undefined) {
      const outcome = eventTypeInputOf(draft);
      return outcome.ok ? { ok: true, send: () => client.eventTypes.create(outcome.input) } : outcome;
    }
    const outcome = eventTypeUpdateOf(draft);
    return outcome.ok ? { ok: true, send: () => client.eventTypes.update(existing.name, outcome.patch) } : outcome;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const request = prepare();
    if (!request.ok) {
      setSchemaProblem(request.problem);
      return;
    }
    setSchemaProblem(null);
    setBusy(true);
    try {
      props.onSaved(await request.send());
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const apiErrors = errorsByField(failure);
  const errors: Partial<Record<FormField, string>> = {
    ...apiErrors,
    ...(schemaProblem === null ? {} : { schema: t(schemaProblem === 'invalid-json' ? 'schemaInvalidJson' : 'schemaNotObject') }),
  };
  const apiFieldCount = Object.keys(apiErrors).length;
  const describedBy = (field: FormField) => (errors[field] === undefined ? `${prefix}-${field}-hint` : `${prefix}-${field}-hint ${prefix}-${field}-error`);
  const fieldError = (field: FormField) => {
    const message = errors[field];
    return message === undefined ? null : (
      <p id={`${prefix}-${field}-error`} class="field-error">
        <bdi>{message}</bdi>
      </p>
    );
  };

  return (
    <form
      class="event-type-form"
      aria-label={existing === undefined ? t('addEventType') : t('editLabel')}
      data-testid={existing === undefined ? 'event-type-create-form' : 'event-type-edit-form'}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      {failure !== null && apiFieldCount > 0 && (
        <p class="notice notice-error" role="alert">
          {common('fixFields', { count: apiFieldCount })}
        </p>
      )}
      {failure !== null && apiFieldCount === 0 && <ErrorNotice error={failure} />}
      {existing === undefined && (
        <div class="field">
          <label for={`${prefix}-name`}>{t('name')}</label>
          <input
            id={`${prefix}-name`}
            name="name"
            dir="ltr"
            autocomplete="off"
            spellcheck={false}
            required
            value={draft.name}
            aria-invalid={errors.name !== undefined}
            aria-describedby={describedBy('name')}
            onInput={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
          />
          <p id={`${prefix}-name-hint`} class="hint">
            {t('nameHint')}
          </p>
          {fieldError('name')}
        </div>
      )}
      <div class="field">
        <label for={`${prefix}-description`}>{t('description')}</label>
        <input
          id={`${prefix}-description`}
          name="description"
          value={draft.description}
          aria-invalid={errors.description !== undefined}
          aria-describedby={describedBy('description')}
          onInput={(event) => setDraft({ ...draft, description: event.currentTarget.value })}
        />
        <p id={`${prefix}-description-hint`} class="hint">
          {t('descriptionHint')}
        </p>
        {fieldError('description')}
      </div>
      <div class="field">
        <label for={`${prefix}-schema`}>{t('schema')}</label>
        <textarea
          id={`${prefix}-schema`}
          name="schema"
          dir="ltr"
          class="schema-input"
          spellcheck={false}
          rows={10}
          value={draft.schemaText}
          aria-invalid={errors.schema !== undefined}
          aria-describedby={describedBy('schema')}
          onInput={(event) => {
            setDraft({ ...draft, schemaText: event.currentTarget.value });
            setSchemaProblem(null);
          }}
        />
        <p id={`${prefix}-schema-hint`} class="hint">
          {t('schemaHint')}
        </p>
        {fieldError('schema')}
      </div>
      <div class="button-row">
        <button type="submit" class="button button-primary" disabled={busy}>
          {existing === undefined ? (busy ? t('adding') : t('add')) : busy ? t('saving') : common('save')}
        </button>
        <button type="button" class="button" onClick={props.onCancel} disabled={busy}>
          {common('cancel')}
        </button>
      </div>
    </form>
  );
}
