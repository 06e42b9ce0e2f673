import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashApiKeyToken, looksLikeApiKeyToken, secretsEqual } from './api-key-token';
import { AuthenticationFailure } from './authentication-failure.problem';
import { AUTH_OPTIONS, type AuthOptions, type AuthScope, type Principal } from './principal';

interface CachedKey {
  apiKeyId: string;
  tenantId: string;
  expiresAt: number;
}

// A revoked key stops working within this long on every replica.
const KEY_CACHE_MS = 5000;
const KEY_CACHE_MAX = 10_000;

/**
 * Turns a bearer token into the caller, whatever transport it came over: the admin token (compared in
 * constant time) for the admin scope, a tenant API key (looked up by hash, cached briefly) otherwise.
 * Refuses with a 401 problem that says why (an {@link AuthenticationFailure}).
 */
@Injectable()
export class TokenResolver {
  private readonly keys = new Map<string, CachedKey>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async principalFor(scope: AuthScope, token: string | null): Promise<Principal> {
    if (token === null) throw new AuthenticationFailure('missing_token', 'send Authorization: Bearer <token>');
    if (scope === 'admin') {
      if (this.options.adminToken === undefined || !secretsEqual(token, this.options.adminToken)) {
        throw new AuthenticationFailure('invalid_admin_token', 'the admin token is required for this route');
      }
      return { scope, tenantId: '', apiKeyId: null };
    }
    const key = looksLikeApiKeyToken(token) ? await this.findKey(hashApiKeyToken(token)) : null;
    if (key === null) throw new AuthenticationFailure('invalid_api_key', 'the API key is not valid');
    return { scope, tenantId: key.tenantId, apiKeyId: key.apiKeyId };
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
