import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SealedValueError } from './sealed-value.error';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
export const SECRET_BOX_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

/**
 * AES-256-GCM for secrets at rest. Sealed form: `v1.<iv>.<ciphertext>.<tag>`, each part unpadded base64url,
 * so it fits a text column and a future key or algorithm can be told apart by its version.
 */
export class SecretBox {
  // A private field keeps the key out of console.log and JSON output.
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== SECRET_BOX_KEY_BYTES) {
      throw new RangeError(`SecretBox key must be exactly ${SECRET_BOX_KEY_BYTES} bytes`);
    }
    // Copied so a caller reusing or zeroing its buffer cannot change the key under us.
    this.#key = Buffer.from(key);
  }

  seal(plaintext: string): string {
    // A random 96-bit IV per value; GCM breaks badly if an IV ever repeats under the same key.
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    // The version is authenticated too, so a value cannot be relabelled to another format.
    cipher.setAAD(Buffer.from(VERSION, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, ...[iv, ciphertext, tag].map((part) => part.toString('base64url'))].join('.');
  }

  open(sealed: string): string {
    const { iv, ciphertext, tag } = parseSealed(sealed);
    const decipher = createDecipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(VERSION, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SealedValueError('authentication_failed', 'Sealed value failed authentication (wrong key or tampered)', {
        cause: error,
      });
    }
  }
}

interface SealedParts {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function parseSealed(sealed: string): SealedParts {
  if (typeof sealed !== 'string') {
    throw new SealedValueError('malformed', 'Sealed value must be a string');
  }
  const parts = sealed.split('.');
  if (parts.length !== 4) {
    throw new SealedValueError('malformed', 'Sealed value must have four dot-separated parts');
  }
  const [version, ivText = '', ciphertextText = '', tagText = ''] = parts;
  if (version !== VERSION) {
    throw new SealedValueError('unsupported_version', 'Sealed value has an unsupported version');
  }
  const iv = decodePart(ivText, 'iv');
  const ciphertext = decodePart(ciphertextText, 'ciphertext');
  const tag = decodePart(tagText, 'tag');
  if (iv.length !== IV_BYTES) {
    throw new SealedValueError('malformed', `Sealed value iv must be ${IV_BYTES} bytes`);
  }
  if (tag.length !== TAG_BYTES) {
    throw new SealedValueError('malformed', `Sealed value tag must be ${TAG_BYTES} bytes`);
  }
  return { iv, ciphertext, tag };
}

function decodePart(text: string, name: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  // Node's decoder skips junk silently; only the canonical encoding round-trips.
  if (!BASE64URL_PATTERN.test(text) || bytes.toString('base64url') !== text) {
    throw new SealedValueError('malformed', `Sealed value ${name} is not canonical base64url`);
  }
  return bytes;
}
