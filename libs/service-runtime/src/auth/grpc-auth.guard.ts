import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Metadata } from '@grpc/grpc-js';
import { ProblemError } from '@hookline/http-api';
import { Authenticator } from './authenticator';
import { peerAddress } from './client-address';
import { AUTH_SCOPE_KEY, type AuthScope, type Principal } from './principal';

// Keyed by the call's metadata object, which lives exactly as long as the call.
const principals = new WeakMap<Metadata, Principal>();

/** The `authorization` metadata entry, when there is exactly one and it is text. */
export function authorizationOf(metadata: Metadata): string | undefined {
  const values = metadata.get('authorization');
  const [value] = values;
  return values.length === 1 && typeof value === 'string' ? value : undefined;
}

interface PeerCall {
  getPeer(): string;
}

function isPeerCall(call: unknown): call is PeerCall {
  return typeof call === 'object' && call !== null && typeof (call as { getPeer?: unknown }).getPeer === 'function';
}

/** The client's address of an RPC, from the call object Nest passes as the handler's third argument. */
export function callerAddress(call: unknown): string {
  return isPeerCall(call) ? peerAddress(call.getPeer()) : 'unknown';
}

/** The caller of an RPC, as the guard found it. */
export const GrpcPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principals.get(context.switchToRpc().getContext<Metadata>());
  if (principal === undefined) throw ProblemError.unauthorized();
  return principal;
});

/**
 * gRPC: the `authorization: Bearer <token>` metadata, under the same rules as the HTTP header. Every
 * RPC takes a token, so a handler that declares no scope is a programming error and is refused. Failed
 * authentications count against the connection's peer address, which behind a proxy is the proxy's.
 */
@Injectable()
export class GrpcAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<AuthScope | undefined>(AUTH_SCOPE_KEY, [context.getHandler(), context.getClass()]);
    if (scope === undefined) throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no auth scope`);
    const metadata = context.switchToRpc().getContext<Metadata>();
    const principal = await this.authenticator.authenticate(scope, authorizationOf(metadata), callerAddress(context.getArgByIndex<unknown>(2)));
    principals.set(metadata, principal);
    return true;
  }
}
