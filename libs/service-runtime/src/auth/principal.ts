import { SetMetadata } from '@nestjs/common';

export type AuthScope = 'admin' | 'tenant';

/** Who called: the operator (admin token) or a tenant through one of its API keys. */
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

export const AUTH_SCOPE_KEY = 'hookline:auth-scope';

/** Which token a route or RPC takes: the admin token (tenants) or a tenant API key (everything else). */
export const RequireAuth = (scope: AuthScope) => SetMetadata(AUTH_SCOPE_KEY, scope);

/** The token of an `Authorization: Bearer <token>` header or metadata value; null for anything else. */
export function bearerToken(value: string | undefined): string | null {
  if (value === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1] ?? null;
}
