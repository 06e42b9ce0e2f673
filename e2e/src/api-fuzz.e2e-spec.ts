import fc from 'fast-check';
import {
  apiOperations,
  asApiDocument,
  fuzzRequest,
  toHttpRequest,
  type ApiDocument,
  type ApiOperation,
  type FuzzRequest,
  type HttpRequest,
  type OperationHints,
} from '@hookline/http-api/testing';
import { adminToken, expectStatus, type ProblemDocument, type TenantApi } from '../support/api-client';
import { DocumentedResponses, fetchDocument, type Answer } from '../support/documented-responses';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { Receiver } from '../support/receiver';
import { metricSum } from '../support/metrics';
import { eventually, stack } from '../support/stack';

/**
 * Requests per operation. The default, 100, sends about 3,000 fuzz requests over the 30 operations of
 * both documents (plus a few dozen to set up): well under two minutes on a slow two-core machine.
 */
const RUNS = integerFromEnvironment('HOOKLINE_FUZZ_RUNS', 1) ?? 100;
/** Set to replay a failing run: fast-check prints the seed (and path) of every failure. */
const SEED = integerFromEnvironment('HOOKLINE_FUZZ_SEED', Number.MIN_SAFE_INTEGER);
// A request that takes this long is a hang, reported as such.
const REQUEST_TIMEOUT_MS = 15_000;
// Generous per request, so a larger HOOKLINE_FUZZ_RUNS gets the time it needs.
const timeoutFor = (operations: number) => 30_000 + RUNS * operations * 75;

function integerFromEnvironment(name: string, min: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, got ${raw}`);
  return value;
}

type Service = 'registry' | 'ingest';

interface Target {
  service: Service;
  baseUrl: string;
  document: ApiDocument;
  responses: DocumentedResponses;
}

/** What the run needs to exist, so that valid requests reach the business logic instead of a 404. */
interface Fixtures {
  receiver: Receiver;
  registry: TenantApi;
  ingest: TenantApi;
  /** Registry tenant: an event type with a subscription, one event and its succeeded delivery. */
  type: string;
  subscription: string;
  event: string;
  delivery: string;
  /** Registry tenant: resources that PATCH and rotate-secret may change freely. */
  patchableType: string;
  patchableSubscription: string;
  /** Registry tenant: throwaway resources for the operations that remove or pause them. */
  archivableTypes: string[];
  disposableSubscriptions: string[];
  pausableSubscriptions: string[];
  revocableKeys: string[];
  /** Ingest tenant: its type and one stored event. Its subscription is paused: fuzzed events are held, not sent. */
  ingestType: string;
  ingestEvent: string;
}

// Remove or pause what they touch: run last, on throwaway resources only.
const isDestructive = (operation: ApiOperation) => operation.method === 'delete' || /\/(disable|rotate-secret)$/.test(operation.path);

const crockford = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'];
/** An id of the right shape that names nothing, so some valid requests meet a 404. */
const unknownId = (prefix: string) => fc.string({ unit: fc.constantFrom(...crockford), minLength: 26, maxLength: 26 }).map((tail) => `${prefix}_${tail}`);
/** Mostly the given values, sometimes a well-formed unknown one. */
const existing = (values: readonly string[], prefix: string): fc.Arbitrary<string> =>
  fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: unknownId(prefix) });
const cursorOf = (key: string) => Buffer.from(`v1:${key}`, 'utf8').toString('base64url');

const secret = fc.uint8Array({ minLength: 24, maxLength: 64 }).map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);
const headerName = fc.stringMatching(/^x-[a-z0-9][a-z0-9-]{0,19}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,39}$/);
const token = fc.stringMatching(/^[A-Za-z0-9._~+/-]{8,40}$/);

/** Values the services want in a form the document cannot say (secrets, header names, catalog entries). */
function hintsFor(operation: ApiOperation, fixtures: Fixtures): OperationHints {
  const receiverUrl = fc.constantFrom(fixtures.receiver.url('/fuzz'), fixtures.receiver.url('/fuzz/created?x=1'));
  const subscriptionBody = {
    url: receiverUrl,
    eventTypes: fc.constantFrom(['*'], [fixtures.type], [`${fixtures.type.split('.')[0] ?? 'e2e'}.*`], [fixtures.type, 'hookline.test']),
    secret,
    headers: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
    authorization: fc.oneof(token, token.map((value) => `Bearer ${value}`), token.map((value) => `Basic ${Buffer.from(value).toString('base64')}`)),
  };
  const cursor = fc.constantFrom(cursorOf(fixtures.subscription), cursorOf(fixtures.delivery), cursorOf(fixtures.event), cursorOf(fixtures.type));
  const lists = { query: { cursor } };
  const subscription = (ids: string[]) => ({ path: { id: existing(ids, 'sub') } });
  const table: Record<string, OperationHints> = {
    'GET /v1/tenants': lists,
    'GET /v1/api-keys': lists,
    'DELETE /v1/api-keys/{id}': { path: { id: existing(fixtures.revocableKeys, 'key') } },
    'GET /v1/event-types': lists,
    'GET /v1/event-types/{name}': { path: { name: fc.constantFrom(fixtures.type, fixtures.patchableType) } },
    'PATCH /v1/event-types/{name}': { path: { name: fc.constant(fixtures.patchableType) } },
    'DELETE /v1/event-types/{name}': { path: { name: fc.constantFrom(...fixtures.archivableTypes) } },
    'POST /v1/subscriptions': { body: subscriptionBody },
    'GET /v1/subscriptions': lists,
    'GET /v1/subscriptions/{id}': subscription([fixtures.subscription, fixtures.patchableSubscription]),
    'GET /v1/subscriptions/{id}/health': subscription([fixtures.subscription, fixtures.patchableSubscription]),
    'PATCH /v1/subscriptions/{id}': { ...subscription([fixtures.patchableSubscription]), body: subscriptionBody },
    'DELETE /v1/subscriptions/{id}': subscription(fixtures.disposableSubscriptions),
    'POST /v1/subscriptions/{id}/disable': subscription(fixtures.pausableSubscriptions),
    'POST /v1/subscriptions/{id}/enable': subscription([fixtures.subscription, ...fixtures.pausableSubscriptions]),
    'GET /v1/subscriptions/{id}/secret': subscription([fixtures.subscription, fixtures.patchableSubscription]),
    'POST /v1/subscriptions/{id}/rotate-secret': { ...subscription([fixtures.patchableSubscription]), body: { secret } },
    'POST /v1/subscriptions/{id}/test': { ...subscription([fixtures.subscription]), body: { type: fc.constantFrom(fixtures.type, 'hookline.test') } },
    'POST /v1/subscriptions/{id}/replay': subscription([fixtures.subscription]),
    'GET /v1/deliveries': { query: { cursor, subscriptionId: existing([fixtures.subscription], 'sub'), eventId: existing([fixtures.event], 'evt') } },
    'GET /v1/deliveries/{id}': { path: { id: existing([fixtures.delivery], 'dlv') } },
    'POST /v1/deliveries/{id}/retry': { path: { id: existing([fixtures.delivery], 'dlv') } },
    'POST /v1/events': { body: { type: fc.constant(fixtures.ingestType) }, headers: { 'Idempotency-Key': fc.stringMatching(/^[\x21-\x7e]{1,40}$/) } },
    'POST /v1/events/batch': { body: { 'events.*.type': fc.constant(fixtures.ingestType) } },
    'GET /v1/events': { query: { cursor: fc.constant(cursorOf(fixtures.ingestEvent)), type: fc.constant(fixtures.ingestType) } },
    'GET /v1/events/{id}': { path: { id: existing([fixtures.ingestEvent], 'evt') } },
  };
  return table[operation.key] ?? {};
}

/** Why an answer breaks the contract: a 5xx, anything the document does not say, a validation problem naming no field. */
function answerProblems(target: Target, operation: ApiOperation, answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`a server error (${answer.status})`);
  const undocumented = target.responses.answerErrors(operation.method, operation.path, answer);
  if (undocumented !== null) problems.push(undocumented);
  const problem = answer.body as ProblemDocument | undefined;
  if (answer.status === 422 && problem?.type === 'urn:hookline:problem:validation') {
    const fields = (problem.errors ?? []).map((error) => error.field);
    if (fields.length === 0 || fields.some((field) => typeof field !== 'string' || field === '')) problems.push('a validation problem naming no field');
  }
  return problems;
}

const shorten = (text: string, length = 160) => (text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text);

/** A generated request with how fast-check prints it in a failure: the wire form, not the document. */
interface Attempt {
  request: FuzzRequest;
  http: HttpRequest;
}

function attempt(request: FuzzRequest): Attempt {
  const http = toHttpRequest(request);
  const printed = () => `${request.mutation ?? 'valid'}: ${http.method} ${shorten(http.path)} ${JSON.stringify(http.headers)} ${shorten(http.body ?? '')}`;
  return Object.assign({ request, http }, { [fc.toStringMethod]: printed });
}

/**
 * SPEC §7 against both live API documents: every documented operation gets generated requests, mostly
 * valid ones that reach the business logic and mutated ones (wrong types, missing and unknown fields,
 * boundary numbers, huge and odd text, deep nesting, long arrays). No answer may be a 5xx or differ
 * from what the document says for its status; validation problems name their fields.
 */
describe('API fuzz', () => {
  let fixtures: Fixtures;
  let registry: Target;
  let ingest: Target;
  const statuses: Record<Service, Map<number, number>> = { registry: new Map(), ingest: new Map() };
  const fuzzed = new Set<string>();

  async function target(service: Service): Promise<Target> {
    const baseUrl = stack().urls[service];
    const { document } = await fetchDocument(baseUrl);
    return { service, baseUrl, document: asApiDocument(document), responses: new DocumentedResponses(document) };
  }

  let receiver: Receiver | undefined;

  beforeAll(async () => {
    registry = await target('registry');
    ingest = await target('ingest');
    const endpoint = await Receiver.start();
    receiver = endpoint;
    const registryTenant = await createTenant();
    const ingestTenant = await createTenant();

    const type = (await createEventType(registryTenant)).name;
    const patchableType = (await createEventType(registryTenant)).name;
    const archivableTypes: string[] = [];
    for (let index = 0; index < 3; index++) archivableTypes.push((await createEventType(registryTenant)).name);
    const subscribe = async (path: string) => (await createSubscription(registryTenant, { url: endpoint.url(path), eventTypes: [type] })).id;
    const subscription = await subscribe('/fuzz/fixture');
    const patchableSubscription = await subscribe('/fuzz/patchable');
    const disposableSubscriptions = [await subscribe('/fuzz/disposable'), await subscribe('/fuzz/disposable'), await subscribe('/fuzz/disposable')];
    const pausableSubscriptions = [await subscribe('/fuzz/pausable'), await subscribe('/fuzz/pausable')];
    const revocableKeys: string[] = [];
    for (let index = 0; index < 3; index++) revocableKeys.push(expectStatus(await registryTenant.registry.post<{ id: string }>('/v1/api-keys', { name: `revocable ${index}` }), 201).id);
    const event = (await registryTenant.publish({ type, data: { fuzz: 'fixture' } })).id;
    const deliveries = await registryTenant.waitForDeliveries(subscription, 1, 'succeeded', 20_000);

    const ingestType = (await createEventType(ingestTenant)).name;
    const ingestSubscription = await createSubscription(ingestTenant, { url: endpoint.url('/fuzz/ingest'), eventTypes: [ingestType] });
    const ingestEvent = (await ingestTenant.publish({ type: ingestType, data: { fuzz: 'fixture' } })).id;
    await ingestTenant.waitForDeliveries(ingestSubscription.id, 1, 'succeeded', 20_000);
    // Every accepted fuzz event still fans out, but to a held delivery rather than a request.
    expectStatus(await ingestTenant.registry.post(`/v1/subscriptions/${ingestSubscription.id}/disable`), 200);

    fixtures = {
      receiver: endpoint,
      registry: registryTenant,
      ingest: ingestTenant,
      type,
      subscription,
      event,
      delivery: deliveries[0]!.id,
      patchableType,
      patchableSubscription,
      archivableTypes,
      disposableSubscriptions,
      pausableSubscriptions,
      revocableKeys,
      ingestType,
      ingestEvent,
    };
  });

  afterAll(async () => {
    const histogram = (service: Service) => {
      const counts = [...statuses[service].entries()].sort(([a], [b]) => a - b);
      const total = counts.reduce((sum, [, count]) => sum + count, 0);
      return `${service} ${total} requests {${counts.map(([status, count]) => `${status}: ${count}`).join(', ')}}`;
    };
    console.log(`api fuzz (${RUNS} runs per operation): ${histogram('registry')}; ${histogram('ingest')}`);
    await receiver?.close();
    // The fuzzed batches put thousands of events on the intake topic; the next spec's events would
    // queue behind them, so wait until ingest has taken them all in.
    await eventually(
      async () => ((await metricSum(stack().urls.ingest, 'hookline_kafka_consumer_lag', { topic: 'hookline.events.v1' })) === 0 ? true : undefined),
      180_000,
    );
  }, 200_000);

  async function send(target: Target, operation: ApiOperation, http: HttpRequest): Promise<Answer> {
    const bearer = operation.security.includes('adminToken') ? adminToken() : target.service === 'registry' ? fixtures.registry.tenant.apiKey : fixtures.ingest.tenant.apiKey;
    const headers: Record<string, string> = { ...http.headers, authorization: `Bearer ${bearer}` };
    if (http.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(http.path, target.baseUrl), { method: http.method, headers, body: http.body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let body: unknown;
    try {
      body = /json/.test(contentType) && text !== '' ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    statuses[target.service].set(response.status, (statuses[target.service].get(response.status) ?? 0) + 1);
    return { status: response.status, contentType, text, body };
  }

  /** Runs the property for each operation; collects every operation's failure instead of stopping at the first. */
  async function fuzz(target: Target, operations: ApiOperation[]): Promise<string[]> {
    const failures: string[] = [];
    for (const operation of operations) {
      fuzzed.add(operation.key);
      const requests = fuzzRequest(target.document, operation, { hints: hintsFor(operation, fixtures) }).map(attempt);
      const property = fc.asyncProperty(requests, async ({ request, http }) => {
        const answer = await send(target, operation, http);
        const problems = answerProblems(target, operation, answer);
        if (problems.length > 0) throw new Error(`${request.mutation ?? 'valid request'} → ${answer.status}: ${problems.join('; ')}; body ${shorten(answer.text, 500)}`);
      });
      try {
        await fc.assert(property, { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) });
      } catch (error) {
        // fast-check keeps the property's own error as the cause; it says what was wrong with the answer.
        const cause = error instanceof Error && error.cause instanceof Error ? `\n${error.cause.message}` : '';
        failures.push(`${operation.key}: ${error instanceof Error ? error.message : String(error)}${cause}`);
      }
    }
    return failures;
  }

  it('registry: no 5xx and every answer as documented, for every operation that keeps its resources', async () => {
    expect(await fuzz(registry, apiOperations(registry.document).filter((operation) => !isDestructive(operation)))).toEqual([]);
  }, timeoutFor(21));

  it('ingest: no 5xx and every answer as documented, for every operation', async () => {
    expect(await fuzz(ingest, apiOperations(ingest.document))).toEqual([]);
  }, timeoutFor(4));

  it('registry: the operations that remove or pause resources, last and on throwaway ones', async () => {
    const destructive = apiOperations(registry.document).filter(isDestructive);
    // Pause before removing, so both find their resources at first.
    destructive.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    expect(await fuzz(registry, destructive)).toEqual([]);
  }, timeoutFor(5));

  it('fuzzed every documented operation of both services', () => {
    const documented = [...apiOperations(registry.document), ...apiOperations(ingest.document)].map((operation) => operation.key);
    expect([...fuzzed].sort()).toEqual([...new Set(documented)].sort());
  });
});
