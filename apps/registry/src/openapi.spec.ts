import { registryConfigSchema } from '@hookline/config';
import {
  auditOpenApiDocument,
  documentedRoutes,
  fuzzRequestProblems,
  servedRoutesAndDocument,
  undocumentedRoutes,
  type ServedRoute,
} from '@hookline/http-api/testing';
import { createServiceMetrics } from '@hookline/observability';
import { REGISTRY_API_INFO } from './registry-api-info';
import { RegistryModule } from './registry.module';

/** The management routes of SPEC §3, as users and consoles rely on them. */
const specRoutes: ServedRoute[] = [
  { method: 'post', path: '/v1/tenants' },
  { method: 'get', path: '/v1/tenants' },
  { method: 'get', path: '/v1/tenant' },
  { method: 'post', path: '/v1/api-keys' },
  { method: 'get', path: '/v1/api-keys' },
  { method: 'delete', path: '/v1/api-keys/{id}' },
  { method: 'post', path: '/v1/event-types' },
  { method: 'get', path: '/v1/event-types' },
  { method: 'get', path: '/v1/event-types/{name}' },
  { method: 'patch', path: '/v1/event-types/{name}' },
  { method: 'delete', path: '/v1/event-types/{name}' },
  { method: 'post', path: '/v1/subscriptions' },
  { method: 'get', path: '/v1/subscriptions' },
  { method: 'get', path: '/v1/subscriptions/{id}' },
  { method: 'patch', path: '/v1/subscriptions/{id}' },
  { method: 'delete', path: '/v1/subscriptions/{id}' },
  { method: 'post', path: '/v1/subscriptions/{id}/disable' },
  { method: 'post', path: '/v1/subscriptions/{id}/enable' },
  { method: 'get', path: '/v1/subscriptions/{id}/secret' },
  { method: 'post', path: '/v1/subscriptions/{id}/rotate-secret' },
  { method: 'post', path: '/v1/subscriptions/{id}/test' },
  { method: 'post', path: '/v1/subscriptions/{id}/replay' },
  { method: 'get', path: '/v1/deliveries' },
  { method: 'get', path: '/v1/deliveries/{id}' },
  { method: 'post', path: '/v1/deliveries/{id}/retry' },
];


describe('the registry API document', () => {
  let routes: ServedRoute[];
  let document: Awaited<ReturnType<typeof servedRoutesAndDocument>>['document'];

  beforeAll(async () => {
    const config = registryConfigSchema.parse({
      DATABASE_URL: 'postgres://hookline@127.0.0.1:1/hookline',
      HOOKLINE_ADMIN_TOKEN: 'admin-token-for-the-document',
      HOOKLINE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    const module = RegistryModule.register(config, createServiceMetrics('registry'));
    ({ routes, document } = await servedRoutesAndDocument(module.controllers ?? [], REGISTRY_API_INFO));
  });

  it('documents every route the registry serves', () => {
    expect(routes.length).toBeGreaterThanOrEqual(specRoutes.length);
    expect(undocumentedRoutes(routes, document)).toEqual([]);
    // The console's routes are served beside the API (console/console.routes.ts), not part of it.
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/console'))).toEqual([]);
  });

  it('serves and documents every management route of the spec', () => {
    expect(routes).toEqual(expect.arrayContaining(specRoutes));
    expect(documentedRoutes(document)).toEqual(expect.arrayContaining(specRoutes));
  });

  it('gives each operation a summary, schemas, examples that match them, and its errors', () => {
    expect(auditOpenApiDocument(document)).toEqual([]);
  });

  // The e2e fuzz run (e2e/src/api-fuzz.e2e-spec.ts) generates its requests from this document.
  it('yields fuzz requests for every operation: 200 valid ones the document accepts, mutated ones it mostly refuses', () => {
    expect(fuzzRequestProblems(document, { runs: 200 })).toEqual([]);
  });

  it('describes problem+json errors and both bearer schemes', () => {
    expect(document.components?.schemas?.Problem).toMatchObject({ type: 'object', required: expect.arrayContaining(['type', 'title', 'status', 'detail']) });
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['adminToken', 'apiKey']);
    expect(document.paths['/v1/tenants']?.post?.security).toEqual([{ adminToken: [] }]);
    expect(document.paths['/v1/subscriptions']?.post?.security).toEqual([{ apiKey: [] }]);
    // The caller's own tenant takes its API key, unlike the tenant routes of the operator.
    expect(document.paths['/v1/tenant']?.get?.security).toEqual([{ apiKey: [] }]);
    expect(Object.keys(document.paths['/v1/tenant']?.get?.responses ?? {}).sort()).toEqual(['200', '401', '429', '503']);
  });
});
