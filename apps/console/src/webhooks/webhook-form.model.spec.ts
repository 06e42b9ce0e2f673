import type { Subscription } from '@hookline/sdk/client';
import {
  addHeaderRow,
  addPattern,
  buildSubscriptionInput,
  buildSubscriptionUpdate,
  DEFAULT_RETRY_SCHEDULE,
  emptyFormState,
  eventTypesOf,
  formStateOf,
  inputKeyOfField,
  parseNumber,
  parseRetrySchedule,
  placeFieldErrors,
  removeHeaderRow,
  retrySchedulePreview,
  togglePattern,
  updateHeaderRow,
  type WebhookFormState,
} from './webhook-form.model';

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'sub_1',
    name: 'Orders',
    description: 'To the warehouse',
    url: 'https://hooks.example.com/orders',
    eventTypes: ['order.created', 'order.*'],
    policy: { mode: 'batch', maxBatchSize: 50, maxBatchWaitMs: 2000 },
    ordering: 'ordered',
    maxInFlight: 4,
    rateLimitPerSecond: 20,
    timeoutMs: 8000,
    retrySchedule: [10, 60, 600],
    authorization: 'Bearer ••••abcd',
    headers: { 'X-Team': 'fulfilment', 'X-Env': 'prod' },
    failureThreshold: 12,
    failureWindowSeconds: 900,
    status: 'enabled',
    disabledReason: null,
    disabledAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function filled(overrides: Partial<WebhookFormState> = {}): WebhookFormState {
  return { ...emptyFormState(), name: 'Orders', url: ' https://hooks.example.com/orders ', ...overrides };
}

describe('webhook form defaults', () => {
  it('prefills what the API would choose', () => {
    const state = emptyFormState();
    expect(state.eventSelection).toBe('all');
    expect(state.retrySchedule).toBe('5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800');
    expect(state).toMatchObject({ maxInFlight: '10', timeoutMs: '5000', maxBatchSize: '100', maxBatchWaitMs: '1000', failureThreshold: '30', failureWindowSeconds: '1800' });
    expect(state.policyMode).toBe('simple');
    expect(state.ordering).toBe('unordered');
    expect(state.rateLimitPerSecond).toBe('');
    expect(state.headers).toEqual([]);
  });

  it('creates with every field shown, leaving empty optional ones to the API', () => {
    const built = buildSubscriptionInput(filled());
    expect(built).toEqual({
      ok: true,
      value: {
        name: 'Orders',
        url: 'https://hooks.example.com/orders',
        eventTypes: ['*'],
        policy: { mode: 'simple' },
        ordering: 'unordered',
        maxInFlight: 10,
        timeoutMs: 5000,
        retrySchedule: [...DEFAULT_RETRY_SCHEDULE],
        headers: {},
        failureThreshold: 30,
        failureWindowSeconds: 1800,
      },
    });
  });

  it('creates with the optional fields when they are filled', () => {
    const built = buildSubscriptionInput(
      filled({
        description: 'Warehouse',
        eventSelection: 'chosen',
        patterns: ['order.created', 'order.*'],
        policyMode: 'batch',
        maxBatchSize: '20',
        maxBatchWaitMs: '500',
        rateLimitPerSecond: '5',
        authorization: '  Basic dXNlcjpwYXNz ',
        headers: [{ id: 0, name: ' X-Team ', value: 'a' }],
      }),
    );
    expect(built.ok && built.value).toMatchObject({
      description: 'Warehouse',
      eventTypes: ['order.created', 'order.*'],
      policy: { mode: 'batch', maxBatchSize: 20, maxBatchWaitMs: 500 },
      rateLimitPerSecond: 5,
      authorization: 'Basic dXNlcjpwYXNz',
      headers: { 'X-Team': 'a' },
    });
  });
});

describe('webhook form round trip', () => {
  it('reads a subscription into the inputs', () => {
    const state = formStateOf(subscription());
    expect(state).toMatchObject({
      name: 'Orders',
      description: 'To the warehouse',
      eventSelection: 'chosen',
      patterns: ['order.created', 'order.*'],
      policyMode: 'batch',
      maxBatchSize: '50',
      maxBatchWaitMs: '2000',
      ordering: 'ordered',
      maxInFlight: '4',
      rateLimitPerSecond: '20',
      timeoutMs: '8000',
      retrySchedule: '10, 60, 600',
      authorization: '',
      currentAuthorization: 'Bearer ••••abcd',
      failureThreshold: '12',
      failureWindowSeconds: '900',
    });
    expect(state.headers).toEqual([
      { id: 0, name: 'X-Team', value: 'fulfilment' },
      { id: 1, name: 'X-Env', value: 'prod' },
    ]);
  });

  it('gives back the same values it read', () => {
    const original = subscription();
    const built = buildSubscriptionInput(formStateOf(original));
    expect(built.ok && built.value).toEqual({
      name: original.name,
      description: original.description,
      url: original.url,
      eventTypes: original.eventTypes,
      policy: original.policy,
      ordering: original.ordering,
      maxInFlight: original.maxInFlight,
      rateLimitPerSecond: original.rateLimitPerSecond,
      timeoutMs: original.timeoutMs,
      retrySchedule: original.retrySchedule,
      headers: original.headers,
      failureThreshold: original.failureThreshold,
      failureWindowSeconds: original.failureWindowSeconds,
    });
  });

  it('keeps the chosen types while "all events" is picked', () => {
    const state = formStateOf(subscription({ eventTypes: ['*'], policy: { mode: 'simple' } }));
    expect(state.eventSelection).toBe('all');
    expect(state.maxBatchSize).toBe('100');
    expect(eventTypesOf(state)).toEqual(['*']);
    expect(eventTypesOf({ eventSelection: 'chosen', patterns: ['a.b', 'a.b', 'c.*'] })).toEqual(['a.b', 'c.*']);
  });
});

describe('webhook form patch', () => {
  const initial = formStateOf(subscription());

  it('is empty when nothing changed', () => {
    expect(buildSubscriptionUpdate(initial, { ...initial })).toEqual({ ok: true, value: {} });
  });

  it('holds only the fields that changed', () => {
    const state: WebhookFormState = {
      ...initial,
      name: 'Orders v2',
      description: '',
      timeoutMs: '10000',
      rateLimitPerSecond: '',
      retrySchedule: '10, 60',
    };
    expect(buildSubscriptionUpdate(initial, state)).toEqual({
      ok: true,
      value: { name: 'Orders v2', description: null, timeoutMs: 10000, rateLimitPerSecond: null, retrySchedule: [10, 60] },
    });
  });

  it('sends the whole policy when a batch setting changes, and nothing for batch inputs of a simple policy', () => {
    expect(buildSubscriptionUpdate(initial, { ...initial, maxBatchWaitMs: '100' })).toEqual({
      ok: true,
      value: { policy: { mode: 'batch', maxBatchSize: 50, maxBatchWaitMs: 100 } },
    });
    expect(buildSubscriptionUpdate(initial, { ...initial, policyMode: 'simple' })).toEqual({ ok: true, value: { policy: { mode: 'simple' } } });
    const simple = formStateOf(subscription({ policy: { mode: 'simple' } }));
    expect(buildSubscriptionUpdate(simple, { ...simple, maxBatchSize: 'x' })).toEqual({ ok: true, value: {} });
  });

  it('treats event types as a set', () => {
    expect(buildSubscriptionUpdate(initial, { ...initial, patterns: ['order.*', 'order.created'] })).toEqual({ ok: true, value: {} });
    expect(buildSubscriptionUpdate(initial, { ...initial, eventSelection: 'all' })).toEqual({ ok: true, value: { eventTypes: ['*'] } });
  });

  it('sends all headers when one of them changed', () => {
    const headers = updateHeaderRow(initial.headers, 1, { value: 'staging' });
    expect(buildSubscriptionUpdate(initial, { ...initial, headers })).toEqual({
      ok: true,
      value: { headers: { 'X-Team': 'fulfilment', 'X-Env': 'staging' } },
    });
    expect(buildSubscriptionUpdate(initial, { ...initial, headers: [] })).toEqual({ ok: true, value: { headers: {} } });
  });

  it('keeps, replaces or removes the authorization', () => {
    expect(buildSubscriptionUpdate(initial, { ...initial, authorization: '' })).toEqual({ ok: true, value: {} });
    expect(buildSubscriptionUpdate(initial, { ...initial, authorization: ' Bearer new ' })).toEqual({ ok: true, value: { authorization: 'Bearer new' } });
    expect(buildSubscriptionUpdate(initial, { ...initial, authorization: 'ignored', removeAuthorization: true })).toEqual({
      ok: true,
      value: { authorization: null },
    });
    const none = formStateOf(subscription({ authorization: null }));
    expect(buildSubscriptionUpdate(none, { ...none, removeAuthorization: true })).toEqual({ ok: true, value: {} });
  });
});

describe('numbers and the retry schedule', () => {
  it('reads numbers, empty and not-a-number apart', () => {
    expect(parseNumber(' 42 ')).toBe(42);
    expect(parseNumber('1.5')).toBe(1.5);
    expect(parseNumber('٤٢')).toBe(42);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('ten')).toBeUndefined();
  });

  it('splits on commas, Arabic commas and spaces', () => {
    expect(parseRetrySchedule('5, 30,120  600')).toEqual({ ok: true, seconds: [5, 30, 120, 600] });
    expect(parseRetrySchedule('٥، ٣٠')).toEqual({ ok: true, seconds: [5, 30] });
    expect(parseRetrySchedule(' , ')).toEqual({ ok: true, seconds: [] });
    expect(parseRetrySchedule('5, 30s, 60')).toEqual({ ok: false, entry: 2, text: '30s' });
  });

  it('refuses to send what is not a number, and leaves ranges to the API', () => {
    expect(buildSubscriptionInput(filled({ retrySchedule: '5, x', timeoutMs: '', maxInFlight: 'many', rateLimitPerSecond: 'x' }))).toEqual({
      ok: false,
      errors: {
        retrySchedule: { kind: 'scheduleEntry', entry: 2, text: 'x' },
        timeoutMs: { kind: 'notNumber' },
        maxInFlight: { kind: 'notNumber' },
        rateLimitPerSecond: { kind: 'notNumber' },
      },
    });
    const built = buildSubscriptionInput(filled({ timeoutMs: '999999', retrySchedule: '0' }));
    expect(built.ok && built.value).toMatchObject({ timeoutMs: 999999, retrySchedule: [0] });
  });

  it('previews the waits in words, with when the last attempt lands', () => {
    expect(retrySchedulePreview('en', DEFAULT_RETRY_SCHEDULE)).toEqual({
      waits: '5 sec, 30 sec, 2 min, 10 min, 30 min, 1 hr, 2 hr, 4 hr, 8 hr, 8 hr',
      lastAttempt: '24 hr',
    });
    expect(retrySchedulePreview('en', [90])).toEqual({ waits: '1.5 min', lastAttempt: '1.5 min' });
    expect(retrySchedulePreview('en', [86400, 86400])?.lastAttempt).toBe('2 days');
    expect(retrySchedulePreview('en', [])).toBeNull();
    expect(retrySchedulePreview('en', [0])).toBeNull();
    expect(retrySchedulePreview('is', [5, 30])?.waits).toContain('sek.');
  });
});

describe('event type patterns and header rows', () => {
  it('adds and removes patterns without repeats', () => {
    expect(addPattern(['order.created'], ' order.* ')).toEqual(['order.created', 'order.*']);
    expect(addPattern(['order.*'], 'order.*')).toEqual(['order.*']);
    expect(addPattern(['order.*'], '  ')).toEqual(['order.*']);
    expect(togglePattern(['a.b'], 'c.d', true)).toEqual(['a.b', 'c.d']);
    expect(togglePattern(['a.b', 'c.d'], 'a.b', false)).toEqual(['c.d']);
  });

  it('keeps row ids stable and skips empty rows', () => {
    const rows = addHeaderRow(addHeaderRow([]));
    expect(rows.map((row) => row.id)).toEqual([0, 1]);
    expect(addHeaderRow(removeHeaderRow(rows, 0)).map((row) => row.id)).toEqual([1, 2]);
    const built = buildSubscriptionInput(filled({ headers: [...updateHeaderRow(rows, 1, { name: 'X-A', value: '1' })] }));
    expect(built.ok && built.value.headers).toEqual({ 'X-A': '1' });
  });

  it('refuses a value without a name and a name given twice', () => {
    const headers = [
      { id: 0, name: '', value: 'orphan' },
      { id: 1, name: 'X-A', value: '1' },
      { id: 2, name: 'X-A ', value: '2' },
    ];
    expect(buildSubscriptionInput(filled({ headers }))).toEqual({
      ok: false,
      errors: { 'header:0': { kind: 'headerName' }, 'header:2': { kind: 'headerTwice' } },
    });
  });
});

describe('field errors of the API', () => {
  const state = filled({
    eventSelection: 'chosen',
    patterns: ['order.created', 'order.*', 'nope.thing'],
    headers: [
      { id: 3, name: 'X-Foo', value: 'a' },
      { id: 7, name: 'Connection', value: 'close' },
    ],
  });

  it('maps each path to its input', () => {
    expect(inputKeyOfField('url', state)).toEqual({ key: 'url' });
    expect(inputKeyOfField('timeoutMs', state)).toEqual({ key: 'timeoutMs' });
    expect(inputKeyOfField('eventTypes', state)).toEqual({ key: 'eventTypes' });
    expect(inputKeyOfField('eventTypes.2', state)).toEqual({ key: 'eventType:nope.thing' });
    expect(inputKeyOfField('eventTypes.9', state)).toEqual({ key: 'eventTypes' });
    expect(inputKeyOfField('eventTypes.0', { ...state, eventSelection: 'all' })).toEqual({ key: 'eventTypes' });
    expect(inputKeyOfField('policy.maxBatchSize', state)).toEqual({ key: 'maxBatchSize' });
    expect(inputKeyOfField('policy.maxBatchWaitMs', state)).toEqual({ key: 'maxBatchWaitMs' });
    expect(inputKeyOfField('policy', state)).toEqual({ key: 'policy' });
    expect(inputKeyOfField('retrySchedule.3', state)).toEqual({ key: 'retrySchedule', entry: 4 });
    expect(inputKeyOfField('retrySchedule', state)).toEqual({ key: 'retrySchedule' });
    expect(inputKeyOfField('headers.X-Foo', state)).toEqual({ key: 'header:3' });
    expect(inputKeyOfField('headers.connection', state)).toEqual({ key: 'header:7' });
    expect(inputKeyOfField('headers.X-Gone', state)).toEqual({ key: 'headers' });
    expect(inputKeyOfField('authorization', state)).toEqual({ key: 'authorization' });
    expect(inputKeyOfField('failureWindowSeconds', state)).toEqual({ key: 'failureWindowSeconds' });
    expect(inputKeyOfField('secret', state)).toBeNull();
    expect(inputKeyOfField('', state)).toBeNull();
  });

  it('keeps header names with dots whole', () => {
    const dotted = filled({ headers: [{ id: 0, name: 'X.Dotted', value: 'a' }] });
    expect(inputKeyOfField('headers.X.Dotted', dotted)).toEqual({ key: 'header:0' });
  });

  it('lists what maps to no input apart', () => {
    expect(
      placeFieldErrors({ url: 'must be https', 'retrySchedule.1': 'must be at most 86400', 'retrySchedule.4': 'must be at least 1', secret: 'bad' }, state),
    ).toEqual({
      placed: {
        url: [{ field: 'url', message: 'must be https' }],
        retrySchedule: [
          { field: 'retrySchedule.1', message: 'must be at most 86400', entry: 2 },
          { field: 'retrySchedule.4', message: 'must be at least 1', entry: 5 },
        ],
      },
      unplaced: [{ field: 'secret', message: 'bad' }],
    });
  });
});
