import { Metadata } from '@grpc/grpc-js';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { ProblemError } from '@hookline/http-api';
import { createServiceMetrics } from '@hookline/observability';
import { generateApiKeyToken, hashApiKeyToken } from './api-key-token';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthMetrics } from './auth-metrics';
import { Authenticator } from './authenticator';
import { GrpcAuthGuard } from './grpc-auth.guard';
import { RequireAuth } from './principal';
import { TokenResolver } from './token-resolver';

const GOOD_KEY = generateApiKeyToken();

class SubscriptionsRpc {
  @RequireAuth('tenant')
  list(): void {}
}

function guard(limit: number): GrpcAuthGuard {
  const dataSource = {
    query: async (_sql: string, [hash]: string[]) => (hash === hashApiKeyToken(GOOD_KEY) ? [{ id: 'key_1', tenant_id: 'ten_1' }] : []),
  } as unknown as DataSource;
  const authenticator = new Authenticator(
    new TokenResolver(dataSource, {}),
    new AuthFailureLimiter({ limit, windowSeconds: 30 }),
    new AuthMetrics(createServiceMetrics('spec')),
  );
  return new GrpcAuthGuard(new Reflector(), authenticator);
}

/** What Nest hands a guard of a unary RPC: (request, metadata, call). */
function rpc(token: string | undefined, peer: string): ExecutionContext {
  const metadata = new Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  const args: unknown[] = [{}, metadata, { getPeer: () => peer }];
  const context = {
    getHandler: () => SubscriptionsRpc.prototype.list,
    getClass: () => SubscriptionsRpc,
    getArgByIndex: (index: number) => args[index],
    switchToRpc: () => ({ getContext: () => metadata, getData: () => args[0] }),
  };
  return context as unknown as ExecutionContext;
}

async function refusal(work: Promise<unknown>): Promise<ProblemError> {
  const error = await work.then(
    () => new Error('expected a refusal'),
    (thrown: unknown) => thrown,
  );
  if (error instanceof ProblemError) return error;
  throw error;
}

describe('GrpcAuthGuard', () => {
  it('refuses the peer address that failed too often, even with a good key, and no other', async () => {
    const grpc = guard(2);
    expect((await refusal(grpc.canActivate(rpc('garbage', '::ffff:10.0.0.1:40001')))).status).toBe(401);
    expect((await refusal(grpc.canActivate(rpc(undefined, '10.0.0.1:40002')))).status).toBe(401);
    const throttled = await refusal(grpc.canActivate(rpc(GOOD_KEY, '10.0.0.1:40003')));
    expect(throttled).toMatchObject({ status: 429, retryAfterSeconds: 30 });
    await expect(grpc.canActivate(rpc(GOOD_KEY, '10.0.0.2:40004'))).resolves.toBe(true);
  });
});
