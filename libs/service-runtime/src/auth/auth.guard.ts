import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '@hookline/http-api';
import { AUTH_SCOPE_KEY, bearerToken, type AuthScope, type Principal } from './principal';
import { TokenResolver } from './token-resolver';

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The caller of an HTTP route, as the guard found it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw ProblemError.unauthorized();
  return principal;
});

/** HTTP: the `Authorization` header of every route that declares a scope; routes without one are open (health, metrics). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenResolver) private readonly tokens: TokenResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<AuthScope | undefined>(AUTH_SCOPE_KEY, [context.getHandler(), context.getClass()]);
    if (scope === undefined) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await this.tokens.principalFor(scope, bearerToken(request.headers.authorization));
    return true;
  }
}
