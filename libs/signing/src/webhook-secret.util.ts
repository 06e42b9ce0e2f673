import { randomBytes } from 'node:crypto';
import { InvalidSecretError } from './signing.errors';

export const SECRET_PREFIX = 'whsec_';
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;

export function generateSecret(byteLength = 32): string {
  if (!Number.isInteger(byteLength) || byteLength < MIN_SECRET_BYTES || byteLength > MAX_SECRET_BYTES) {
    throw new RangeError(`Secret length must be an integer from ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes`);
  }
  return SECRET_PREFIX + randomBytes(byteLength).toString('base64');
}

/** Returns the raw HMAC key. Error messages never echo the secret, so they are safe to log. */
export function parseSecret(secret: string): Buffer {
  if (typeof secret !== 'string') {
    throw new InvalidSecretError('not_a_string', 'Secret must be a string');
  }
  if (!secret.startsWith(SECRET_PREFIX)) {
    throw new InvalidSecretError('missing_prefix', `Secret must start with "${SECRET_PREFIX}"`);
  }
  const encoded = secret.slice(SECRET_PREFIX.length);
  const key = Buffer.from(encoded, 'base64');
  // Node's decoder silently skips bad characters; only the canonical padded form round-trips.
  if (key.toString('base64') !== encoded) {
    throw new InvalidSecretError('invalid_base64', 'Secret is not valid padded base64');
  }
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    throw new InvalidSecretError(
      'invalid_length',
      `Secret key must be ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes, got ${key.length}`,
    );
  }
  return key;
}

export function isValidSecret(secret: string): boolean {
  try {
    parseSecret(secret);
    return true;
  } catch (error) {
    if (error instanceof InvalidSecretError) return false;
    throw error;
  }
}
