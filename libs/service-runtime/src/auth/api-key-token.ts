import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PREFIX = 'hk_';

/** A new tenant API key: `hk_` + 32 random bytes, base64url. Only its hash is stored. */
export function generateApiKeyToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function looksLikeApiKeyToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX) && /^hk_[A-Za-z0-9_-]{43}$/.test(token);
}

/** SHA-256 is enough for 256-bit random tokens (no dictionary to guess from) and keeps lookups O(1). */
export function hashApiKeyToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenHint(token: string): string {
  return token.slice(-4);
}

/** Constant-time comparison of two secrets of any length (compares their digests). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
