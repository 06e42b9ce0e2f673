import { generateApiKeyToken, hashApiKeyToken, looksLikeApiKeyToken, secretsEqual, tokenHint } from './api-key-token';
import { bearerToken } from './principal';

describe('API key tokens', () => {
  it('are hk_ + 256 random bits and hash to a stable digest', () => {
    const token = generateApiKeyToken();
    expect(looksLikeApiKeyToken(token)).toBe(true);
    expect(generateApiKeyToken()).not.toBe(token);
    expect(hashApiKeyToken(token)).toBe(hashApiKeyToken(token));
    expect(hashApiKeyToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHint(token)).toBe(token.slice(-4));
  });

  it('rejects strings that cannot be keys without a lookup', () => {
    expect(looksLikeApiKeyToken('hk_short')).toBe(false);
    expect(looksLikeApiKeyToken(`xx_${'a'.repeat(43)}`)).toBe(false);
  });

  it('compares secrets of different lengths without throwing', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
