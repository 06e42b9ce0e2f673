import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '@hookline/http-api';
import { Authenticator } from './authenticator';
import { AUTH_SCOPE_KEY, type AuthScope, type Principal } from './principal';

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The caller of an HTTP route, as the guard found it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw ProblemError.unauthorized();
  return principal;
});

/**
 * HTTP: the `Authorization` header of every route that declares a scope; routes without one are open
 * (health, metrics). The client is `request.ip`: the socket's address unless it is one of
 * `HOOKLINE_TRUSTED_PROXIES`, whose `X-Forwarded-For` is then believed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<AuthScope | undefined>(AUTH_SCOPE_KEY, [context.getHandler(), context.getClass()]);
    if (scope === undefined) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await this.authenticator.authenticate(scope, request.headers.authorization, request.ip);
    return true;
  }
}
