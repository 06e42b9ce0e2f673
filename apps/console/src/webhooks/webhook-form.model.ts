import type { DeliveryPolicyInput, Subscription, SubscriptionInput, SubscriptionOrdering, SubscriptionUpdate } from '@hookline/sdk/client';
import type { Locale } from '../i18n/locale';

/** SPEC §5's default: the last attempt lands about 24 hours after the first. */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800];

/** The API's documented defaults, shown prefilled so the reader sees what will happen. */
export const SUBSCRIPTION_DEFAULTS = {
  maxBatchSize: 100,
  maxBatchWaitMs: 1000,
  maxInFlight: 10,
  timeoutMs: 5000,
  failureThreshold: 30,
  failureWindowSeconds: 1800,
} as const;

export const ALL_EVENTS = '*';

export interface HeaderRow {
  /** Stable while the row lives, so errors and focus follow the row, not its position. */
  id: number;
  name: string;
  value: string;
}

/** What the inputs hold: numbers stay text until submit, so a half-typed value is never lost. */
export interface WebhookFormState {
  name: string;
  description: string;
  url: string;
  /** `all` sends `["*"]`; `chosen` sends `patterns`, which are kept while `all` is picked. */
  eventSelection: 'all' | 'chosen';
  patterns: string[];
  policyMode: 'simple' | 'batch';
  maxBatchSize: string;
  maxBatchWaitMs: string;
  ordering: SubscriptionOrdering;
  maxInFlight: string;
  rateLimitPerSecond: string;
  timeoutMs: string;
  retrySchedule: string;
  /** A new value; empty keeps the current one (edit) or sets none (create). */
  authorization: string;
  removeAuthorization: boolean;
  /** The masked value the API returned (`Bearer ••••abcd`), for the hint; null when none is set. */
  currentAuthorization: string | null;
  headers: HeaderRow[];
  failureThreshold: string;
  failureWindowSeconds: string;
}

/** Where a field error is shown: one input, or the group an error about several inputs belongs to. */
export type InputKey =
  | 'name'
  | 'description'
  | 'url'
  | 'eventTypes'
  | `eventType:${string}`
  | 'policy'
  | 'maxBatchSize'
  | 'maxBatchWaitMs'
  | 'ordering'
  | 'maxInFlight'
  | 'rateLimitPerSecond'
  | 'timeoutMs'
  | 'retrySchedule'
  | 'authorization'
  | 'headers'
  | `header:${number}`
  | 'failureThreshold'
  | 'failureWindowSeconds';

/** Input that cannot even be sent; everything else is left to the API to judge. */
export type ClientError =
  | { kind: 'notNumber' }
  | { kind: 'scheduleEntry'; entry: number; text: string }
  | { kind: 'headerName' }
  | { kind: 'headerTwice' };

export type ClientErrors = Partial<Record<InputKey, ClientError>>;
export type BuildResult<T> = { ok: true; value: T } | { ok: false; errors: ClientErrors };

export function scheduleText(seconds: readonly number[]): string {
  return seconds.join(', ');
}

export function emptyFormState(): WebhookFormState {
  return {
    name: '',
    description: '',
    url: '',
    eventSelection: 'all',
    patterns: [],
    policyMode: 'simple',
    maxBatchSize: String(SUBSCRIPTION_DEFAULTS.maxBatchSize),
    maxBatchWaitMs: String(SUBSCRIPTION_DEFAULTS.maxBatchWaitMs),
    ordering: 'unordered',
    maxInFlight: String(SUBSCRIPTION_DEFAULTS.maxInFlight),
    rateLimitPerSecond: '',
    timeoutMs: String(SUBSCRIPTION_DEFAULTS.timeoutMs),
    retrySchedule: scheduleText(DEFAULT_RETRY_SCHEDULE),
    authorization: '',
    removeAuthorization: false,
    currentAuthorization: null,
    headers: [],
    failureThreshold: String(SUBSCRIPTION_DEFAULTS.failureThreshold),
    failureWindowSeconds: String(SUBSCRIPTION_DEFAULTS.failureWindowSeconds),
  };
}

export function formStateOf(subscription: Subscription): WebhookFormState {
  const all = subscription.eventTypes.includes(ALL_EVENTS);
  const policy = subscription.policy;
  return {
    name: subscription.name,
    description: subscription.description ?? '',
    url: subscription.url,
    eventSelection: all ? 'all' : 'chosen',
    patterns: subscription.eventTypes.filter((pattern) => pattern !== ALL_EVENTS),
    policyMode: policy.mode,
    maxBatchSize: String(policy.mode === 'batch' ? policy.maxBatchSize : SUBSCRIPTION_DEFAULTS.maxBatchSize),
    maxBatchWaitMs: String(policy.mode === 'batch' ? policy.maxBatchWaitMs : SUBSCRIPTION_DEFAULTS.maxBatchWaitMs),
    ordering: subscription.ordering,
    maxInFlight: String(subscription.maxInFlight),
    rateLimitPerSecond: subscription.rateLimitPerSecond === null ? '' : String(subscription.rateLimitPerSecond),
    timeoutMs: String(subscription.timeoutMs),
    retrySchedule: scheduleText(subscription.retrySchedule),
    authorization: '',
    removeAuthorization: false,
    currentAuthorization: subscription.authorization,
    headers: Object.entries(subscription.headers).map(([name, value], index) => ({ id: index, name, value })),
    failureThreshold: String(subscription.failureThreshold),
    failureWindowSeconds: String(subscription.failureWindowSeconds),
  };
}

// Arabic-Indic and Persian digits, so a number typed on an Arabic keyboard is read as typed.
const NATIVE_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

export function toLatinDigits(text: string): string {
  return text.replace(NATIVE_DIGITS, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf));
}

/** `''` → null (left empty); anything `Number` cannot read → undefined. Ranges and integers are the API's to judge. */
export function parseNumber(text: string): number | null | undefined {
  const trimmed = toLatinDigits(text).trim().replace(/\u066b/g, '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** `5, 30, 120` (commas, Arabic commas or spaces) → seconds; the first entry that is no number is named, 1-based. */
export function parseRetrySchedule(text: string): { ok: true; seconds: number[] } | { ok: false; entry: number; text: string } {
  const entries = text.split(/[,\u060c\s]+/).filter((entry) => entry !== '');
  const seconds: number[] = [];
  for (const [index, entry] of entries.entries()) {
    const value = parseNumber(entry);
    if (value === null || value === undefined) return { ok: false, entry: index + 1, text: entry };
    seconds.push(value);
  }
  return { ok: true, seconds };
}

/** The list the API gets: `["*"]`, or the chosen names and patterns without repeats. */
export function eventTypesOf(state: Pick<WebhookFormState, 'eventSelection' | 'patterns'>): string[] {
  return state.eventSelection === 'all' ? [ALL_EVENTS] : [...new Set(state.patterns)];
}

export function togglePattern(patterns: readonly string[], pattern: string, on: boolean): string[] {
  const without = patterns.filter((existing) => existing !== pattern);
  return on ? [...without, pattern] : without;
}

/** A typed name or `prefix.*`; surrounding spaces dropped, already-chosen patterns not repeated. */
export function addPattern(patterns: readonly string[], text: string): string[] {
  const pattern = text.trim();
  if (pattern === '' || patterns.includes(pattern)) return [...patterns];
  return [...patterns, pattern];
}

export function addHeaderRow(rows: readonly HeaderRow[]): HeaderRow[] {
  const id = rows.reduce((highest, row) => Math.max(highest, row.id), -1) + 1;
  return [...rows, { id, name: '', value: '' }];
}

export function removeHeaderRow(rows: readonly HeaderRow[], id: number): HeaderRow[] {
  return rows.filter((row) => row.id !== id);
}

export function updateHeaderRow(rows: readonly HeaderRow[], id: number, change: Partial<Omit<HeaderRow, 'id'>>): HeaderRow[] {
  return rows.map((row) => (row.id === id ? { ...row, ...change } : row));
}

/** Every field the form sets, as the API takes it; authorization is handled apart because edit keeps it by default. */
interface FormFields {
  name: string;
  description: string | null;
  url: string;
  eventTypes: string[];
  policy: DeliveryPolicyInput;
  ordering: SubscriptionOrdering;
  maxInFlight: number;
  rateLimitPerSecond: number | null;
  timeoutMs: number;
  retrySchedule: number[];
  headers: Record<string, string>;
  failureThreshold: number;
  failureWindowSeconds: number;
}

function buildFields(state: WebhookFormState): BuildResult<FormFields> {
  const errors: ClientErrors = {};
  const required = (key: InputKey, text: string): number => {
    const value = parseNumber(text);
    if (value === null || value === undefined) {
      errors[key] = { kind: 'notNumber' };
      return Number.NaN;
    }
    return value;
  };

  const maxInFlight = required('maxInFlight', state.maxInFlight);
  const rateLimit = parseNumber(state.rateLimitPerSecond);
  if (rateLimit === undefined) errors.rateLimitPerSecond = { kind: 'notNumber' };
  const timeoutMs = required('timeoutMs', state.timeoutMs);
  const failureThreshold = required('failureThreshold', state.failureThreshold);
  const failureWindowSeconds = required('failureWindowSeconds', state.failureWindowSeconds);

  let policy: DeliveryPolicyInput = { mode: 'simple' };
  if (state.policyMode === 'batch') {
    policy = { mode: 'batch', maxBatchSize: required('maxBatchSize', state.maxBatchSize), maxBatchWaitMs: required('maxBatchWaitMs', state.maxBatchWaitMs) };
  }

  const schedule = parseRetrySchedule(state.retrySchedule);
  if (!schedule.ok) errors.retrySchedule = { kind: 'scheduleEntry', entry: schedule.entry, text: schedule.text };

  const headers: Record<string, string> = {};
  for (const row of state.headers) {
    const name = row.name.trim();
    const value = row.value.trim();
    if (name === '' && value === '') continue;
    if (name === '') errors[`header:${row.id}`] = { kind: 'headerName' };
    else if (name in headers) errors[`header:${row.id}`] = { kind: 'headerTwice' };
    else headers[name] = value;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const description = state.description.trim();
  return {
    ok: true,
    value: {
      name: state.name,
      description: description === '' ? null : state.description,
      url: state.url.trim(),
      eventTypes: eventTypesOf(state),
      policy,
      ordering: state.ordering,
      maxInFlight,
      rateLimitPerSecond: rateLimit ?? null,
      timeoutMs,
      retrySchedule: schedule.ok ? schedule.seconds : [],
      headers,
      failureThreshold,
      failureWindowSeconds,
    },
  };
}

/** A new subscription with every field the form shows; empty optional fields are left to the API's default. */
export function buildSubscriptionInput(state: WebhookFormState): BuildResult<SubscriptionInput> {
  const built = buildFields(state);
  if (!built.ok) return built;
  const { description, rateLimitPerSecond, ...rest } = built.value;
  const authorization = state.authorization.trim();
  return {
    ok: true,
    value: {
      ...rest,
      ...(description === null ? {} : { description }),
      ...(rateLimitPerSecond === null ? {} : { rateLimitPerSecond }),
      ...(authorization === '' ? {} : { authorization }),
    },
  };
}

/** Only what differs from the form as it was loaded, so a save never rewrites fields someone else changed meanwhile. */
export function buildSubscriptionUpdate(initial: WebhookFormState, state: WebhookFormState): BuildResult<SubscriptionUpdate> {
  const built = buildFields(state);
  if (!built.ok) return built;
  const before = buildFields(initial);
  const next = built.value;
  const patch: SubscriptionUpdate = {};
  const changed = <K extends keyof FormFields>(key: K, same: (a: FormFields[K], b: FormFields[K]) => boolean = Object.is): boolean =>
    !before.ok || !same(before.value[key], next[key]);

  if (changed('name')) patch.name = next.name;
  if (changed('description')) patch.description = next.description;
  if (changed('url')) patch.url = next.url;
  if (changed('eventTypes', sameSet)) patch.eventTypes = next.eventTypes;
  if (changed('policy', samePolicy)) patch.policy = next.policy;
  if (changed('ordering')) patch.ordering = next.ordering;
  if (changed('maxInFlight')) patch.maxInFlight = next.maxInFlight;
  if (changed('rateLimitPerSecond')) patch.rateLimitPerSecond = next.rateLimitPerSecond;
  if (changed('timeoutMs')) patch.timeoutMs = next.timeoutMs;
  if (changed('retrySchedule', sameList)) patch.retrySchedule = next.retrySchedule;
  if (changed('headers', sameHeaders)) patch.headers = next.headers;
  if (changed('failureThreshold')) patch.failureThreshold = next.failureThreshold;
  if (changed('failureWindowSeconds')) patch.failureWindowSeconds = next.failureWindowSeconds;

  const authorization = state.authorization.trim();
  if (state.removeAuthorization && state.currentAuthorization !== null) patch.authorization = null;
  else if (authorization !== '') patch.authorization = authorization;
  return { ok: true, value: patch };
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

// The order of event types does not change what is delivered.
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}

function samePolicy(a: DeliveryPolicyInput, b: DeliveryPolicyInput): boolean {
  if (a.mode === 'simple' || b.mode === 'simple') return a.mode === b.mode;
  return a.maxBatchSize === b.maxBatchSize && a.maxBatchWaitMs === b.maxBatchWaitMs;
}

function sameHeaders(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => name in b && a[name] === b[name]);
}

export interface PlacedError {
  field: string;
  message: string;
  /** 1-based position in the retry schedule, for `retrySchedule.3`. */
  entry?: number;
}

export interface PlacedErrors {
  placed: Partial<Record<InputKey, PlacedError[]>>;
  /** Errors about a field the form has no input for, listed at the top with their path. */
  unplaced: PlacedError[];
}

const SAME_NAME_FIELDS: ReadonlySet<string> = new Set<InputKey>([
  'name',
  'description',
  'url',
  'ordering',
  'maxInFlight',
  'rateLimitPerSecond',
  'timeoutMs',
  'authorization',
  'failureThreshold',
  'failureWindowSeconds',
]);

/** The input a problem document's field path belongs to, for the form as it was sent; null when none does. */
export function inputKeyOfField(field: string, state: WebhookFormState): { key: InputKey; entry?: number } | null {
  if (SAME_NAME_FIELDS.has(field)) return { key: field as InputKey };
  const [head = '', ...restParts] = field.split('.');
  const rest = restParts.join('.');
  switch (head) {
    case 'eventTypes': {
      if (rest === '' || state.eventSelection === 'all') return { key: 'eventTypes' };
      const pattern = eventTypesOf(state)[Number(rest)];
      return pattern === undefined ? { key: 'eventTypes' } : { key: `eventType:${pattern}` };
    }
    case 'policy':
      if (rest === 'maxBatchSize' || rest === 'maxBatchWaitMs') return { key: rest };
      return { key: 'policy' };
    case 'retrySchedule': {
      const index = Number(rest);
      return rest !== '' && Number.isInteger(index) ? { key: 'retrySchedule', entry: index + 1 } : { key: 'retrySchedule' };
    }
    case 'headers': {
      if (rest === '') return { key: 'headers' };
      const row =
        state.headers.find((candidate) => candidate.name.trim() === rest) ??
        state.headers.find((candidate) => candidate.name.trim().toLowerCase() === rest.toLowerCase());
      return row === undefined ? { key: 'headers' } : { key: `header:${row.id}` };
    }
    default:
      return null;
  }
}

/** Sorts the API's field errors into those shown beside an input and those listed at the top. */
export function placeFieldErrors(errors: Readonly<Record<string, string>>, state: WebhookFormState): PlacedErrors {
  const placed: Partial<Record<InputKey, PlacedError[]>> = {};
  const unplaced: PlacedError[] = [];
  for (const [field, message] of Object.entries(errors)) {
    const target = inputKeyOfField(field, state);
    if (target === null) {
      unplaced.push({ field, message });
      continue;
    }
    const error: PlacedError = target.entry === undefined ? { field, message } : { field, message, entry: target.entry };
    placed[target.key] = [...(placed[target.key] ?? []), error];
  }
  return { placed, unplaced };
}

type WaitUnit = 'second' | 'minute' | 'hour' | 'day';

function waitInUnit(seconds: number): [number, WaitUnit] {
  if (seconds < 60) return [seconds, 'second'];
  if (seconds < 3600) return [seconds / 60, 'minute'];
  if (seconds < 86400) return [seconds / 3600, 'hour'];
  return [seconds / 86400, 'day'];
}

/** `90` → `1.5 min`, in the reader's language and digits; `rounded` drops the decimal from 10 units up. */
export function formatWait(locale: Locale, seconds: number, rounded = false): string {
  const [value, unit] = waitInUnit(seconds);
  const maximumFractionDigits = rounded && value >= 10 ? 0 : 1;
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits }).format(value);
}

/** The waits as words and when the last attempt lands after the first; null when there is nothing to show. */
export function retrySchedulePreview(locale: Locale, seconds: readonly number[]): { waits: string; lastAttempt: string } | null {
  if (seconds.length === 0 || seconds.some((value) => !Number.isFinite(value) || value <= 0)) return null;
  const waits = new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(seconds.map((value) => formatWait(locale, value)));
  const total = seconds.reduce((sum, value) => sum + value, 0);
  // Every wait is jittered by ±10 %, so "≈ 24 hr" says more than "23.7 hr".
  return { waits, lastAttempt: formatWait(locale, total, true) };
}
