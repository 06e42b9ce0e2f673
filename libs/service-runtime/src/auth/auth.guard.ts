import {
  createParamDecorator,
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ProblemError } from '@hookline/http-api';
import { hashApiKeyToken, looksLikeApiKeyToken, secretsEqual } from './api-key-token';

export type AuthScope = 'admin' | 'tenant';

export interface Principal {
  scope: AuthScope;
  /** The caller's tenant; empty for the admin token. */
  tenantId: string;
  apiKeyId: string | null;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  /** The operator's token; only the registry has one. */
  adminToken?: string;
}

const SCOPE_KEY = 'hookline:auth-scope';

/** Which token a route takes: the admin token (tenants) or a tenant API key (everything else). */
export const RequireAuth = (scope: AuthScope) => SetMetadata(SCOPE_KEY, scope);

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw ProblemError.unauthorized();
  return principal;
});

interface CachedKey {
  apiKeyId: string;
  tenantId: string;
  expiresAt: number;
}

// A revoked key stops working within this long on every replica.
const KEY_CACHE_MS = 5000;
const KEY_CACHE_MAX = 10_000;

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly keys = new Map<string, CachedKey>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<AuthScope | undefined>(SCOPE_KEY, [context.getHandler(), context.getClass()]);
    if (scope === undefined) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (token === null) throw ProblemError.unauthorized();
    if (scope === 'admin') {
      if (this.options.adminToken === undefined || !secretsEqual(token, this.options.adminToken)) {
        throw ProblemError.unauthorized('the admin token is required for this route');
      }
      request.principal = { scope, tenantId: '', apiKeyId: null };
      return true;
    }
    const key = looksLikeApiKeyToken(token) ? await this.findKey(hashApiKeyToken(token)) : null;
    if (key === null) throw ProblemError.unauthorized('the API key is not valid');
    request.principal = { scope, tenantId: key.tenantId, apiKeyId: key.apiKeyId };
    return true;
  }

  private async findKey(tokenHash: string): Promise<CachedKey | null> {
    const now = Date.now();
    const cached = this.keys.get(tokenHash);
    if (cached !== undefined && cached.expiresAt > now) return cached;
    const rows: { id: string; tenant_id: string }[] = await this.dataSource.query(
      `WITH used AS (UPDATE api_keys SET last_used_at = now() WHERE token_hash = $1 RETURNING id, tenant_id) SELECT id, tenant_id FROM used`,
      [tokenHash],
    );
    const row = rows[0];
    if (row === undefined) {
      this.keys.delete(tokenHash);
      return null;
    }
    if (this.keys.size >= KEY_CACHE_MAX) this.keys.clear();
    const key = { apiKeyId: row.id, tenantId: row.tenant_id, expiresAt: now + KEY_CACHE_MS };
    this.keys.set(tokenHash, key);
    return key;
  }
}

export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
