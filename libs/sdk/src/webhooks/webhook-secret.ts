const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Hookline's range for a secret's key, as Standard Webhooks recommends: a shorter value is a mistake
// in the receiver's configuration (a placeholder, a cut-off copy), not a secret.
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/** The HMAC key of a `whsec_<base64>` secret (the prefix may be left out, as Standard Webhooks allows). */
export function signingKey(secret: string): Buffer {
  if (typeof secret !== 'string') throw new TypeError('a webhook secret must be a string like "whsec_…"');
  const encoded = (secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret).trim();
  // Buffer.from skips characters it does not know; a typo would then silently give another key.
  const key = BASE64.test(encoded) && encoded.replace(/=+$/, '').length % 4 !== 1 ? Buffer.from(encoded, 'base64') : undefined;
  if (key === undefined || key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    throw new TypeError(`a webhook secret must be "whsec_" followed by base64 of ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes`);
  }
  return key;
}
