import type { CreatedSubscription, EventType, HooklineClient, Subscription } from '@hookline/sdk/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fieldErrorsOf } from '../api/problem';
import { commonMessages } from '../components/common.messages';
import { ErrorNotice, Loading } from '../components/error-notice';
import { Ltr } from '../components/ltr';
import { useResource } from '../components/use-resource';
import { useLocale, useMessages } from '../i18n/i18n-context';
import type { MessageParams } from '../i18n/messages';
import { routeHref } from '../router/route';
import { useSession } from '../session/session-context';
import {
  addHeaderRow,
  addPattern,
  buildSubscriptionInput,
  buildSubscriptionUpdate,
  type ClientError,
  DEFAULT_RETRY_SCHEDULE,
  emptyFormState,
  formStateOf,
  type InputKey,
  parseRetrySchedule,
  type PlacedError,
  type PlacedErrors,
  placeFieldErrors,
  removeHeaderRow,
  retrySchedulePreview,
  scheduleText,
  togglePattern,
  updateHeaderRow,
  type WebhookFormState,
} from './webhook-form.model';
import { webhookFormMessages } from './webhook-form.messages';

type Translate = (key: keyof (typeof webhookFormMessages)['en'], params?: MessageParams) => string;
type NumberKey = 'maxBatchSize' | 'maxBatchWaitMs' | 'maxInFlight' | 'rateLimitPerSecond' | 'timeoutMs' | 'failureThreshold' | 'failureWindowSeconds';

/** Keeps code-like values (`order.*`, `Bearer abc`) left to right inside a translated sentence. */
const ltrText = (text: string) => `\u2066${text}\u2069`;

const DEFAULT_SCHEDULE_TEXT = scheduleText(DEFAULT_RETRY_SCHEDULE);

type FormErrors = { source: 'client'; errors: Partial<Record<InputKey, ClientError>> } | { source: 'api'; errors: PlacedErrors; count: number };

async function loadCatalog(client: HooklineClient): Promise<EventType[]> {
  const types: EventType[] = [];
  for await (const type of client.eventTypes.listAll({ limit: 250 })) if (!type.archived) types.push(type);
  return types;
}

function domId(key: InputKey): string {
  return `webhook-${key}`;
}

/**
 * Every field of a subscription. Without `subscription` it creates one (and hands the answer, secret included,
 * to `onCreated`); with it, it sends only what changed.
 */
export function WebhookForm(props: {
  subscription?: Subscription;
  onCreated: (created: CreatedSubscription) => void;
  onSaved: (saved: Subscription) => void;
}) {
  const t = useMessages(webhookFormMessages);
  const common = useMessages(commonMessages);
  const { locale } = useLocale();
  const { client } = useSession();
  const editing = props.subscription;
  const initial = useMemo(() => (editing === undefined ? emptyFormState() : formStateOf(editing)), [editing]);
  const [state, setState] = useState<WebhookFormState>(initial);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [patternText, setPatternText] = useState('');
  // Typed patterns stay listed once unchecked, so a slip can be undone with one click.
  const [typedPatterns, setTypedPatterns] = useState<string[]>(initial.patterns);
  const [focusHeaderRow, setFocusHeaderRow] = useState<number | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const catalog = useResource('event-types', () => loadCatalog(client));

  const set = (change: Partial<WebhookFormState>) => setState((current) => ({ ...current, ...change }));

  useEffect(() => {
    if (errors !== null) summary.current?.focus();
  }, [errors]);

  useEffect(() => {
    if (focusHeaderRow === null) return;
    document.getElementById(`webhook-header-${focusHeaderRow}-name`)?.focus();
    setFocusHeaderRow(null);
  }, [focusHeaderRow]);

  const messagesFor = (key: InputKey): string[] => {
    if (errors === null) return [];
    if (errors.source === 'client') {
      const error = errors.errors[key];
      return error === undefined ? [] : [clientErrorText(t, error)];
    }
    return (errors.errors.placed[key] ?? []).map((error) => placedErrorText(t, error));
  };
  const unplaced = errors?.source === 'api' ? errors.errors.unplaced : [];
  const markedCount = errors === null ? 0 : errors.source === 'client' ? Object.keys(errors.errors).length : errors.count - unplaced.length;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setErrors(null);
    const sent = state;
    try {
      if (editing === undefined) {
        const built = buildSubscriptionInput(sent);
        if (!built.ok) return setErrors({ source: 'client', errors: built.errors });
        setBusy(true);
        const created = await client.subscriptions.create(built.value);
        setBusy(false);
        props.onCreated(created);
      } else {
        const built = buildSubscriptionUpdate(initial, sent);
        if (!built.ok) return setErrors({ source: 'client', errors: built.errors });
        if (Object.keys(built.value).length === 0) return props.onSaved(editing);
        setBusy(true);
        const saved = await client.subscriptions.update(editing.id, built.value);
        setBusy(false);
        props.onSaved(saved);
      }
    } catch (error) {
      setBusy(false);
      const fields = fieldErrorsOf(error);
      const count = Object.keys(fields).length;
      if (count > 0) setErrors({ source: 'api', errors: placeFieldErrors(fields, sent), count });
      else setFailure(error);
    }
  };

  const schedule = parseRetrySchedule(state.retrySchedule);
  const preview = schedule.ok ? retrySchedulePreview(locale, schedule.seconds) : null;
  const catalogTypes = catalog.state === 'ready' ? catalog.value : [];
  const catalogNames = new Set(catalogTypes.map((type) => type.name));
  const pickable: { name: string; description: string | null; inCatalog: boolean }[] = [
    ...catalogTypes.map((type) => ({ name: type.name, description: type.description, inCatalog: true })),
    // Chosen patterns (`order.*`) and names the catalog does not list; until it has loaded, nothing is called missing.
    ...[...new Set([...typedPatterns, ...state.patterns])]
      .filter((pattern) => !catalogNames.has(pattern))
      .map((pattern) => ({ name: pattern, description: null, inCatalog: catalog.state !== 'ready' })),
  ];
  const allEvents = state.eventSelection === 'all';
  const addTypedPattern = () => {
    set({ patterns: addPattern(state.patterns, patternText) });
    setTypedPatterns(addPattern(typedPatterns, patternText));
    setPatternText('');
  };

  const field = (key: InputKey, label: string, input: (attributes: InputAttributes) => ComponentChildren, hint?: ComponentChildren) => (
    <Field id={domId(key)} label={label} hint={hint} errors={messagesFor(key)} input={input} />
  );
  const setNumberText = (key: NumberKey, text: string) =>
    setState((current) => {
      const next = { ...current };
      next[key] = text;
      return next;
    });
  const numberInput = (key: NumberKey, options: { required?: boolean } = {}) => (attributes: InputAttributes) => (
    <input
      {...attributes}
      type="text"
      inputMode="numeric"
      autocomplete="off"
      required={options.required ?? true}
      value={state[key]}
      onInput={(event) => setNumberText(key, event.currentTarget.value)}
    />
  );

  return (
    <form class="webhook-form" data-testid="webhook-form" onSubmit={(event) => void submit(event)} noValidate>
      {errors !== null && (
        <div class="notice notice-error" data-testid="form-errors" role="alert" tabIndex={-1} ref={summary}>
          {markedCount > 0 && <p>{common('fixFields', { count: markedCount })}</p>}
          {unplaced.length > 0 && (
            <>
              <p>{markedCount > 0 ? t('otherFields') : t('refusedFields')}</p>
              <ul class="unplaced-errors">
                {unplaced.map((error) => (
                  <li key={error.field}>
                    {error.field !== '' && (
                      <>
                        <Ltr>{error.field}</Ltr>:{' '}
                      </>
                    )}
                    <bdi>{error.message}</bdi>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {failure !== null && <ErrorNotice error={failure} />}

      <section class="card" aria-labelledby="webhook-section-endpoint">
        <h2 id="webhook-section-endpoint">{t('sectionEndpoint')}</h2>
        {field(
          'name',
          t('name'),
          (attributes) => (
            <input {...attributes} type="text" required autocomplete="off" value={state.name} onInput={(event) => set({ name: event.currentTarget.value })} />
          ),
          t('nameHint'),
        )}
        {field(
          'description',
          t('description'),
          (attributes) => <textarea {...attributes} rows={2} value={state.description} onInput={(event) => set({ description: event.currentTarget.value })} />,
          t('descriptionHint'),
        )}
        {field(
          'url',
          t('url'),
          (attributes) => (
            <input
              {...attributes}
              type="url"
              dir="ltr"
              required
              autocomplete="off"
              spellcheck={false}
              placeholder="https://"
              value={state.url}
              onInput={(event) => set({ url: event.currentTarget.value })}
            />
          ),
          t('urlHint'),
        )}
      </section>

      <section class="card" aria-labelledby="webhook-section-events">
        <h2 id="webhook-section-events">{t('sectionEvents')}</h2>
        <div class="field">
          <label class="choice" for="webhook-all-events">
            <input
              id="webhook-all-events"
              type="checkbox"
              checked={allEvents}
              aria-describedby="webhook-all-events-hint webhook-eventTypes-error"
              aria-invalid={messagesFor('eventTypes').length > 0}
              onChange={(event) => set({ eventSelection: event.currentTarget.checked ? 'all' : 'chosen' })}
            />
            {t('allEvents')}
          </label>
          <p id="webhook-all-events-hint" class="hint">
            {t('allEventsHint')}
          </p>
          <FieldErrors id={`${domId('eventTypes')}-error`} messages={messagesFor('eventTypes')} />
        </div>
        <fieldset class="event-type-picker" disabled={allEvents}>
          <legend>{t('eventTypes')}</legend>
          {catalog.state === 'loading' && <Loading />}
          {catalog.state === 'failed' && <ErrorNotice error={catalog.error} onRetry={catalog.reload} />}
          {catalog.state === 'ready' && pickable.length === 0 && <p class="hint">{t('catalogEmpty')}</p>}
          {pickable.length > 0 && (
            <ul class="event-type-list">
              {pickable.map((type, index) => {
                const id = `webhook-event-type-${index}`;
                const typeErrors = messagesFor(`eventType:${type.name}`);
                const hasHint = type.description !== null || !type.inCatalog;
                const describedBy = [hasHint ? `${id}-hint` : '', typeErrors.length > 0 ? `${id}-error` : '']
                  .filter((part) => part !== '')
                  .join(' ');
                return (
                  <li key={type.name}>
                    <label class="choice" for={id}>
                      <input
                        id={id}
                        type="checkbox"
                        checked={state.patterns.includes(type.name)}
                        aria-invalid={typeErrors.length > 0}
                        aria-describedby={describedBy === '' ? undefined : describedBy}
                        onChange={(event) => set({ patterns: togglePattern(state.patterns, type.name, event.currentTarget.checked) })}
                      />
                      <Ltr>{type.name}</Ltr>
                    </label>
                    {hasHint && (
                      <p id={`${id}-hint`} class="hint">
                        <bdi>{type.inCatalog ? type.description : t('notInCatalog')}</bdi>
                      </p>
                    )}
                    <FieldErrors id={`${id}-error`} messages={typeErrors} />
                  </li>
                );
              })}
            </ul>
          )}
          <div class="field pattern-entry">
            <label for="webhook-pattern">{t('pattern')}</label>
            <div class="input-with-button">
              <input
                id="webhook-pattern"
                type="text"
                dir="ltr"
                autocomplete="off"
                spellcheck={false}
                placeholder="order.*"
                aria-describedby="webhook-pattern-hint"
                value={patternText}
                onInput={(event) => setPatternText(event.currentTarget.value)}
                onKeyDown={(event) => {
                  // Enter adds the pattern rather than submitting the whole form.
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    addTypedPattern();
                  }
                }}
              />
              <button type="button" class="button" onClick={addTypedPattern} disabled={patternText.trim() === ''}>
                {t('addPattern')}
              </button>
            </div>
            <p id="webhook-pattern-hint" class="hint">
              {t('patternHint', { example: ltrText('order.*'), prefix: ltrText('order.'), sample: ltrText('order.created') })}
            </p>
          </div>
        </fieldset>
      </section>

      <section class="card" aria-labelledby="webhook-section-delivery">
        <h2 id="webhook-section-delivery">{t('sectionDelivery')}</h2>
        <fieldset aria-describedby={messagesFor('policy').length > 0 ? `${domId('policy')}-error` : undefined}>
          <legend>{t('policy')}</legend>
          <Choice
            id="webhook-policy-simple"
            name="policy"
            label={t('policySimple')}
            hint={t('policySimpleHint')}
            checked={state.policyMode === 'simple'}
            onSelect={() => set({ policyMode: 'simple' })}
          />
          <Choice
            id="webhook-policy-batch"
            name="policy"
            label={t('policyBatch')}
            hint={t('policyBatchHint')}
            checked={state.policyMode === 'batch'}
            onSelect={() => set({ policyMode: 'batch' })}
          />
          <FieldErrors id={`${domId('policy')}-error`} messages={messagesFor('policy')} />
          {state.policyMode === 'batch' && (
            <div class="inline-fields">
              {field('maxBatchSize', t('maxBatchSize'), numberInput('maxBatchSize'), t('maxBatchSizeHint'))}
              {field('maxBatchWaitMs', t('maxBatchWait'), numberInput('maxBatchWaitMs'), t('maxBatchWaitHint'))}
            </div>
          )}
        </fieldset>
        <fieldset aria-describedby={messagesFor('ordering').length > 0 ? `${domId('ordering')}-error` : undefined}>
          <legend>{t('ordering')}</legend>
          <Choice
            id="webhook-ordering-unordered"
            name="ordering"
            label={t('unordered')}
            hint={t('unorderedHint')}
            checked={state.ordering === 'unordered'}
            onSelect={() => set({ ordering: 'unordered' })}
          />
          <Choice
            id="webhook-ordering-ordered"
            name="ordering"
            label={t('ordered')}
            hint={t('orderedHint')}
            checked={state.ordering === 'ordered'}
            onSelect={() => set({ ordering: 'ordered' })}
          />
          <FieldErrors id={`${domId('ordering')}-error`} messages={messagesFor('ordering')} />
        </fieldset>
        <div class="inline-fields">
          {field('maxInFlight', t('maxInFlight'), numberInput('maxInFlight'), t('maxInFlightHint'))}
          {field('rateLimitPerSecond', t('rateLimit'), numberInput('rateLimitPerSecond', { required: false }), t('rateLimitHint'))}
          {field('timeoutMs', t('timeout'), numberInput('timeoutMs'), t('timeoutHint'))}
        </div>
      </section>

      <section class="card" aria-labelledby="webhook-section-retries">
        <h2 id="webhook-section-retries">{t('sectionRetries')}</h2>
        {field(
          'retrySchedule',
          t('retrySchedule'),
          (attributes) => (
            <div class="input-with-button">
              <input
                {...attributes}
                type="text"
                dir="ltr"
                autocomplete="off"
                spellcheck={false}
                value={state.retrySchedule}
                onInput={(event) => set({ retrySchedule: event.currentTarget.value })}
              />
              <button
                type="button"
                class="button"
                onClick={() => set({ retrySchedule: DEFAULT_SCHEDULE_TEXT })}
                disabled={state.retrySchedule === DEFAULT_SCHEDULE_TEXT}
              >
                {t('resetSchedule')}
              </button>
            </div>
          ),
          <>
            {t('retryScheduleHint')}
            {preview !== null && (
              <span class="retry-preview" data-testid="retry-preview">
                {t('retryPreview', { waits: preview.waits, total: preview.lastAttempt })}
              </span>
            )}
          </>,
        )}
      </section>

      <section class="card" aria-labelledby="webhook-section-request">
        <h2 id="webhook-section-request">{t('sectionRequest')}</h2>
        {field(
          'authorization',
          t('authorization'),
          (attributes) => (
            <input
              {...attributes}
              type="password"
              dir="ltr"
              autocomplete="new-password"
              spellcheck={false}
              disabled={state.removeAuthorization}
              value={state.authorization}
              onInput={(event) => set({ authorization: event.currentTarget.value })}
            />
          ),
          <>
            {t('authorizationHint', { bearer: ltrText('Bearer abc123'), basic: ltrText('Basic dXNlcjpwYXNz'), bare: ltrText('Bearer <token>') })}
            {state.currentAuthorization !== null && (
              <span class="current-value">{t('authorizationCurrent', { value: ltrText(state.currentAuthorization) })}</span>
            )}
          </>,
        )}
        {state.currentAuthorization !== null && (
          <div class="field">
            <label class="choice" for="webhook-remove-authorization">
              <input
                id="webhook-remove-authorization"
                type="checkbox"
                checked={state.removeAuthorization}
                onChange={(event) => set({ removeAuthorization: event.currentTarget.checked })}
              />
              {t('removeAuthorization')}
            </label>
          </div>
        )}
        <fieldset class="header-rows" aria-describedby={['webhook-headers-hint', messagesFor('headers').length > 0 ? `${domId('headers')}-error` : ''].join(' ').trim()}>
          <legend>{t('headers')}</legend>
          <p id="webhook-headers-hint" class="hint">
            {t('headersHint', { reserved: ltrText('content-type, user-agent, authorization, webhook-*') })}
          </p>
          <FieldErrors id={`${domId('headers')}-error`} messages={messagesFor('headers')} />
          {state.headers.map((row) => {
            const id = `webhook-header-${row.id}`;
            const rowErrors = messagesFor(`header:${row.id}`);
            const invalid = rowErrors.length > 0;
            return (
              <div class="header-row" key={row.id}>
                <div class="field">
                  <label for={`${id}-name`}>{t('headerName')}</label>
                  <input
                    id={`${id}-name`}
                    type="text"
                    dir="ltr"
                    autocomplete="off"
                    spellcheck={false}
                    placeholder="X-Example"
                    aria-invalid={invalid}
                    aria-describedby={invalid ? `${id}-error` : undefined}
                    value={row.name}
                    onInput={(event) => set({ headers: updateHeaderRow(state.headers, row.id, { name: event.currentTarget.value }) })}
                  />
                </div>
                <div class="field">
                  <label for={`${id}-value`}>{t('headerValue')}</label>
                  <input
                    id={`${id}-value`}
                    type="text"
                    dir="ltr"
                    autocomplete="off"
                    spellcheck={false}
                    aria-invalid={invalid}
                    aria-describedby={invalid ? `${id}-error` : undefined}
                    value={row.value}
                    onInput={(event) => set({ headers: updateHeaderRow(state.headers, row.id, { value: event.currentTarget.value }) })}
                  />
                </div>
                <button type="button" class="button button-small header-remove" onClick={() => set({ headers: removeHeaderRow(state.headers, row.id) })}>
                  {t('removeHeader')}
                </button>
                <FieldErrors id={`${id}-error`} messages={rowErrors} />
              </div>
            );
          })}
          <button
            type="button"
            class="button button-small"
            onClick={() => {
              const rows = addHeaderRow(state.headers);
              set({ headers: rows });
              setFocusHeaderRow(rows[rows.length - 1]?.id ?? null);
            }}
          >
            {t('addHeader')}
          </button>
        </fieldset>
      </section>

      <section class="card" aria-labelledby="webhook-section-auto-disable">
        <h2 id="webhook-section-auto-disable">{t('sectionAutoDisable')}</h2>
        <fieldset class="bare-fieldset" aria-labelledby="webhook-section-auto-disable" aria-describedby="webhook-auto-disable-hint">
          <p id="webhook-auto-disable-hint" class="hint auto-disable-hint">
            {t('autoDisableHint')}
          </p>
          <div class="inline-fields">
            {field('failureThreshold', t('failureThreshold'), numberInput('failureThreshold'), t('failureThresholdHint'))}
            {field('failureWindowSeconds', t('failureWindow'), numberInput('failureWindowSeconds'), t('failureWindowHint'))}
          </div>
        </fieldset>
      </section>

      <div class="button-row form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {editing === undefined ? (busy ? t('creating') : t('submitCreate')) : busy ? t('saving') : t('submitSave')}
        </button>
        <a class="button" href={editing === undefined ? routeHref({ name: 'webhooks' }) : routeHref({ name: 'webhook', id: editing.id, query: new URLSearchParams() })}>
          {common('cancel')}
        </a>
      </div>
    </form>
  );
}

interface InputAttributes {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

/** A labelled input with its hint and its errors, tied together for screen readers. */
function Field(props: { id: string; label: string; hint?: ComponentChildren; errors: readonly string[]; input: (attributes: InputAttributes) => ComponentChildren }) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint === undefined ? '' : hintId, props.errors.length > 0 ? errorId : ''].filter((part) => part !== '').join(' ');
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.input({ id: props.id, 'aria-invalid': props.errors.length > 0, ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }) })}
      {props.hint !== undefined && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
      <FieldErrors id={errorId} messages={props.errors} />
    </div>
  );
}

function FieldErrors(props: { id: string; messages: readonly string[] }) {
  if (props.messages.length === 0) return null;
  return (
    <p id={props.id} class="field-error">
      {props.messages.map((message, index) => (
        <span key={index} class="field-error-message">
          <bdi>{message}</bdi>
        </span>
      ))}
    </p>
  );
}

function Choice(props: { id: string; name: string; label: string; hint: string; checked: boolean; onSelect: () => void }) {
  return (
    <div class="choice-with-hint">
      <label class="choice" for={props.id}>
        <input id={props.id} type="radio" name={props.name} checked={props.checked} aria-describedby={`${props.id}-hint`} onChange={props.onSelect} />
        {props.label}
      </label>
      <p id={`${props.id}-hint`} class="hint">
        {props.hint}
      </p>
    </div>
  );
}

function clientErrorText(t: Translate, error: ClientError): string {
  switch (error.kind) {
    case 'notNumber':
      return t('errorNotNumber');
    case 'scheduleEntry':
      return t('errorScheduleEntry', { entry: error.entry, value: ltrText(error.text) });
    case 'headerName':
      return t('errorHeaderName');
    case 'headerTwice':
      return t('errorHeaderTwice');
  }
}

function placedErrorText(t: Translate, error: PlacedError): string {
  return error.entry === undefined ? error.message : t('scheduleEntryError', { entry: error.entry, message: error.message });
}
