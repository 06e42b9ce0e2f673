import { ingestConfigSchema } from '@hookline/config';
import {
  auditOpenApiDocument,
  documentedRoutes,
  fuzzRequestProblems,
  servedRoutesAndDocument,
  undocumentedRoutes,
  type ServedRoute,
} from '@hookline/http-api/testing';
import { createServiceMetrics } from '@hookline/observability';
import { INGEST_API_INFO } from './ingest-api-info';
import { IngestModule } from './ingest.module';

/** The ingest routes of SPEC §4. */
const specRoutes: ServedRoute[] = [
  { method: 'post', path: '/v1/events' },
  { method: 'post', path: '/v1/events/batch' },
  { method: 'get', path: '/v1/events' },
  { method: 'get', path: '/v1/events/{id}' },
];

describe('the ingest API document', () => {
  let routes: ServedRoute[];
  let document: Awaited<ReturnType<typeof servedRoutesAndDocument>>['document'];

  beforeAll(async () => {
    const config = ingestConfigSchema.parse({ DATABASE_URL: 'postgres://hookline@127.0.0.1:1/hookline' });
    const module = IngestModule.register(config, createServiceMetrics('ingest'));
    ({ routes, document } = await servedRoutesAndDocument(module.controllers ?? [], INGEST_API_INFO));
  });

  it('documents every route ingest serves', () => {
    expect(routes).toEqual(expect.arrayContaining(specRoutes));
    expect(undocumentedRoutes(routes, document)).toEqual([]);
    expect(documentedRoutes(document)).toEqual(expect.arrayContaining(specRoutes));
  });

  it('gives each operation a summary, schemas, examples that match them, and its errors', () => {
    expect(auditOpenApiDocument(document)).toEqual([]);
  });

  // The e2e fuzz run (e2e/src/api-fuzz.e2e-spec.ts) generates its requests from this document.
  it('yields fuzz requests for every operation: 200 valid ones the document accepts, mutated ones it mostly refuses', () => {
    expect(fuzzRequestProblems(document, { runs: 200 })).toEqual([]);
  });

  it('documents the Idempotency-Key header and the list filters', () => {
    const publish = document.paths['/v1/events']?.post;
    expect(publish?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    const listParameters = (document.paths['/v1/events']?.get?.parameters ?? []).map((parameter) => ('name' in parameter ? parameter.name : ''));
    expect(listParameters).toEqual(expect.arrayContaining(['limit', 'cursor', 'type', 'since', 'until']));
  });
});
