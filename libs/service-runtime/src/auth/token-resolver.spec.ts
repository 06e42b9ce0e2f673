import { Metadata } from '@grpc/grpc-js';
import type { DataSource } from 'typeorm';
import { ProblemError } from '@hookline/http-api';
import { generateApiKeyToken } from './api-key-token';
import { authorizationOf } from './grpc-auth.guard';
import { TokenResolver } from './token-resolver';

const ADMIN_TOKEN = 'admin-token-of-the-operator';

/** A resolver whose database knows `known` keys (by any hash) and counts its lookups. */
function resolverWith(known: boolean) {
  const query = jest.fn(async () => (known ? [{ id: 'key_1', tenant_id: 'ten_1' }] : []));
  const dataSource = { query } as unknown as DataSource;
  return { resolver: new TokenResolver(dataSource, { adminToken: ADMIN_TOKEN }), query };
}

async function refusal(work: Promise<unknown>): Promise<ProblemError> {
  const error = await work.then(
    () => new Error('expected a refusal'),
    (thrown: unknown) => thrown,
  );
  if (error instanceof ProblemError) return error;
  throw error;
}

describe('TokenResolver', () => {
  it('takes the admin token for the admin scope, and nothing else', async () => {
    const { resolver, query } = resolverWith(true);
    await expect(resolver.principalFor('admin', ADMIN_TOKEN)).resolves.toEqual({ scope: 'admin', tenantId: '', apiKeyId: null });
    expect(await refusal(resolver.principalFor('admin', generateApiKeyToken()))).toMatchObject({ status: 401, reason: 'invalid_admin_token' });
    expect(await refusal(resolver.principalFor('tenant', ADMIN_TOKEN))).toMatchObject({ status: 401, reason: 'invalid_api_key' });
    expect(query).not.toHaveBeenCalled();
  });

  it('refuses a missing token', async () => {
    const { resolver } = resolverWith(true);
    expect(await refusal(resolver.principalFor('tenant', null))).toMatchObject({ message: expect.stringMatching(/Bearer/), reason: 'missing_token' });
  });

  it('finds a tenant by its API key and caches the lookup', async () => {
    const { resolver, query } = resolverWith(true);
    const token = generateApiKeyToken();
    await expect(resolver.principalFor('tenant', token)).resolves.toEqual({ scope: 'tenant', tenantId: 'ten_1', apiKeyId: 'key_1' });
    await resolver.principalFor('tenant', token);
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('refuses an unknown key, and one that cannot be a key without asking the database', async () => {
    const { resolver, query } = resolverWith(false);
    expect((await refusal(resolver.principalFor('tenant', generateApiKeyToken()))).message).toBe('the API key is not valid');
    expect(await refusal(resolver.principalFor('tenant', 'hk_short'))).toMatchObject({ status: 401, reason: 'invalid_api_key' });
    expect(query).toHaveBeenCalledTimes(1);
  });
});

describe('authorizationOf', () => {
  it('reads the one text authorization entry of the metadata', () => {
    const metadata = new Metadata();
    expect(authorizationOf(metadata)).toBeUndefined();
    metadata.set('authorization', 'Bearer abc');
    expect(authorizationOf(metadata)).toBe('Bearer abc');
    metadata.add('authorization', 'Bearer def');
    expect(authorizationOf(metadata)).toBeUndefined();
  });
});
