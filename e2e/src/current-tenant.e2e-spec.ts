import { randomBytes } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { adminClient, adminToken, expectProblem, expectStatus, registryClient, type Page, type TenantApi, type TenantView } from '../support/api-client';
import { createTenant } from '../support/factories';
import { adminGrpc, grpcError, problemOf, RegistryGrpc } from '../support/grpc-client';

/** The tenant as the gRPC client reads it: unset optional fields are left out. */
interface GrpcTenant {
  id: string;
  name: string;
  alertEmail?: string;
  locale: string;
  createdAt: string;
  updatedAt: string;
  apiKey?: string;
}

/** The REST view with its nulls left out, as the gRPC client reads unset fields. */
const withoutNulls = (view: object): Record<string, unknown> => Object.fromEntries(Object.entries(view).filter(([, value]) => value !== null));

/**
 * `GET /v1/tenant` and `TenantService/GetCurrentTenant`: a tenant API key reads its own tenant (what the
 * console shows after sign-in, and whose locale it starts in), exactly as the operator's list shows it;
 * the admin token, which belongs to no tenant, and anything that is not a key are refused.
 */
describe('the caller’s own tenant', () => {
  let a: TenantApi;
  let b: TenantApi;
  let listed: TenantView;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTenant({ locale: 'he', alertEmail: 'ops@a.example' }), createTenant({ locale: 'is' })]);
    const page = expectStatus(await adminClient().get<Page<TenantView>>('/v1/tenants', { query: { limit: 250 } }), 200);
    listed = page.data.find((tenant) => tenant.id === a.id)!;
    expect(listed).toBeDefined();
  });

  describe('over REST', () => {
    it('answers a tenant key with its tenant, as the admin list shows it and without any API key', async () => {
      const own = expectStatus(await a.registry.get<TenantView>('/v1/tenant'), 200);
      expect(own).toEqual(listed);
      expect(own).toEqual({
        id: a.id,
        name: a.tenant.name,
        alertEmail: 'ops@a.example',
        locale: 'he',
        createdAt: a.tenant.createdAt,
        updatedAt: expect.any(String),
      });
      expect(own).not.toHaveProperty('apiKey');
    });

    it('answers each tenant with its own, and every key of a tenant with the same one', async () => {
      expect(expectStatus(await b.registry.get<TenantView>('/v1/tenant'), 200)).toMatchObject({ id: b.id, alertEmail: null, locale: 'is' });
      const second = expectStatus(await a.registry.post<{ apiKey: string }>('/v1/api-keys', { name: 'console' }), 201);
      expect(expectStatus(await registryClient(second.apiKey).get<TenantView>('/v1/tenant'), 200)).toEqual(listed);
    });

    it.each([
      ['no Authorization header', () => undefined],
      ['the admin token', () => `Bearer ${adminToken()}`],
      ['an unknown API key', () => `Bearer hk_${randomBytes(32).toString('base64url')}`],
      ['a garbage token', () => 'Bearer not-a-token'],
    ])('refuses %s with 401', async (_label, header) => {
      const authorization = header();
      const response = await registryClient().get('/v1/tenant', authorization === undefined ? {} : { headers: { authorization } });
      expectProblem(response, 401, undefined, 'urn:hookline:problem:unauthorized');
    });

    it('is read-only', async () => {
      for (const method of ['POST', 'PATCH', 'DELETE']) {
        expect((await a.registry.request(method, '/v1/tenant', { json: { name: 'renamed' } })).status).toBe(404);
      }
      expect(expectStatus(await a.registry.get<TenantView>('/v1/tenant'), 200).name).toBe(a.tenant.name);
    });
  });

  describe('over gRPC', () => {
    let grpcA: RegistryGrpc;
    let admin: RegistryGrpc;

    beforeAll(() => {
      grpcA = new RegistryGrpc(a.tenant.apiKey);
      admin = adminGrpc();
    });

    afterAll(() => {
      for (const client of [grpcA, admin]) client?.close();
    });

    it('answers a tenant key with the same tenant as REST', async () => {
      const own = await grpcA.tenants.call<GrpcTenant>('GetCurrentTenant');
      expect(own).toEqual(withoutNulls(listed));
      expect(own.apiKey).toBeUndefined();
      const grpcB = new RegistryGrpc(b.tenant.apiKey);
      try {
        // B has no alert e-mail: REST's null is an unset field.
        const theirs = await grpcB.tenants.call<GrpcTenant>('GetCurrentTenant');
        expect(theirs).toMatchObject({ id: b.id, locale: 'is' });
        expect(theirs.alertEmail).toBeUndefined();
      } finally {
        grpcB.close();
      }
    });

    it('refuses the admin token and a call without a token as UNAUTHENTICATED, while the admin RPCs still take the admin token', async () => {
      const refused = await grpcError(admin.tenants.call('GetCurrentTenant'));
      expect(refused.code).toBe(status.UNAUTHENTICATED);
      expect(problemOf(refused)).toMatchObject({ status: 401 });
      const anonymous = new RegistryGrpc(undefined);
      try {
        expect((await grpcError(anonymous.tenants.call('GetCurrentTenant'))).code).toBe(status.UNAUTHENTICATED);
      } finally {
        anonymous.close();
      }
      expect((await grpcError(grpcA.tenants.call('ListTenants'))).code).toBe(status.UNAUTHENTICATED);
      expect((await admin.tenants.call<{ data: unknown[] }>('ListTenants', { limit: 1 })).data).toHaveLength(1);
    });
  });
});
