import { randomBytes } from 'node:crypto';
import { SealedValueError, type SealedValueErrorReason } from './sealed-value.error';
import { SecretBox } from './secret-box.cipher';

const KEY = Buffer.alloc(32, 0x2a);
const box = new SecretBox(KEY);

function failureReason(run: () => unknown): SealedValueErrorReason | 'opened' {
  try {
    run();
    return 'opened';
  } catch (error) {
    expect(error).toBeInstanceOf(SealedValueError);
    return (error as SealedValueError).reason;
  }
}

/** Flips one bit in the decoded bytes of part `index` and re-encodes the value. */
function flipBit(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  it.each([
    ['ascii', 'Bearer abcdef1234'],
    ['unicode', 'pässwörd — 密码 🔐'],
    ['empty string', ''],
    ['long text', 'x'.repeat(100_000)],
    ['dots and newlines', 'a.b.c\n.d'],
  ])('round-trips %s', (_case, plaintext) => {
    expect(box.open(box.seal(plaintext))).toBe(plaintext);
  });

  it('produces the documented shape', () => {
    const sealed = box.seal('hello');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const [, iv, ciphertext, tag] = sealed.split('.');
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(ciphertext!, 'base64url')).toHaveLength(5);
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
  });

  it('does not contain the plaintext', () => {
    const plaintext = 'super-secret-token';
    const sealed = box.seal(plaintext);
    expect(sealed).not.toContain(plaintext);
    expect(sealed).not.toContain(Buffer.from(plaintext).toString('base64url'));
  });

  it('uses a fresh IV for every seal', () => {
    const first = box.seal('same');
    const second = box.seal('same');
    expect(first).not.toBe(second);
    expect(first.split('.')[1]).not.toBe(second.split('.')[1]);
  });

  it('opens values sealed by another instance with the same key', () => {
    expect(new SecretBox(Buffer.from(KEY)).open(box.seal('shared'))).toBe('shared');
  });

  it('fails authentication under a wrong key', () => {
    const sealed = box.seal('secret');
    expect(failureReason(() => new SecretBox(randomBytes(32)).open(sealed))).toBe('authentication_failed');
  });

  it.each([
    ['iv', 1],
    ['ciphertext', 2],
    ['tag', 3],
  ])('fails authentication when the %s is tampered with', (_part, index) => {
    const sealed = box.seal('secret value');
    expect(failureReason(() => box.open(flipBit(sealed, index)))).toBe('authentication_failed');
  });

  it('fails authentication when ciphertext is truncated or extended', () => {
    const [version, iv, ciphertext, tag] = box.seal('secret value').split('.');
    const bytes = Buffer.from(ciphertext!, 'base64url');
    const shorter = [version, iv, bytes.subarray(1).toString('base64url'), tag].join('.');
    const longer = [version, iv, Buffer.concat([bytes, Buffer.from([0])]).toString('base64url'), tag].join('.');
    expect(failureReason(() => box.open(shorter))).toBe('authentication_failed');
    expect(failureReason(() => box.open(longer))).toBe('authentication_failed');
  });

  it('fails authentication for swapped ciphertexts', () => {
    const [, iv, , tag] = box.seal('first').split('.');
    const [, , ciphertext] = box.seal('other').split('.');
    expect(failureReason(() => box.open(['v1', iv, ciphertext, tag].join('.')))).toBe('authentication_failed');
  });

  describe('malformed values', () => {
    const [, iv = '', ciphertext = '', tag = ''] = box.seal('secret').split('.');

    it.each([
      ['empty string', ''],
      ['plain text', 'not sealed'],
      ['too few parts', `v1.${iv}.${ciphertext}`],
      ['too many parts', `v1.${iv}.${ciphertext}.${tag}.extra`],
      ['padded base64', `v1.${iv}.${ciphertext}.${Buffer.from(tag, 'base64url').toString('base64')}`],
      ['characters outside base64url', `v1.${iv}.${ciphertext}.${tag.slice(0, -1)}*`],
      ['whitespace', `v1.${iv}.${ciphertext}.${tag} `],
      ['short iv', `v1.${iv.slice(0, 8)}.${ciphertext}.${tag}`],
      ['empty iv', `v1..${ciphertext}.${tag}`],
      ['short tag', `v1.${iv}.${ciphertext}.${tag.slice(0, 16)}`],
      ['missing tag', `v1.${iv}.${ciphertext}.`],
    ])('rejects %s as malformed', (_case, sealed) => {
      expect(failureReason(() => box.open(sealed))).toBe('malformed');
    });

    it.each([
      ['another version', `v2.${iv}.${ciphertext}.${tag}`],
      ['an upper-case version', `V1.${iv}.${ciphertext}.${tag}`],
      ['no version', `.${iv}.${ciphertext}.${tag}`],
    ])('rejects %s as unsupported', (_case, sealed) => {
      expect(failureReason(() => box.open(sealed))).toBe('unsupported_version');
    });

    it('rejects a non-string at runtime', () => {
      expect(failureReason(() => box.open(42 as unknown as string))).toBe('malformed');
    });
  });

  describe('key', () => {
    it.each([0, 16, 24, 31, 33, 64])('refuses a %i-byte key', (length) => {
      expect(() => new SecretBox(Buffer.alloc(length))).toThrow(RangeError);
    });

    it('refuses a non-Buffer key at runtime', () => {
      expect(() => new SecretBox('k'.repeat(32) as unknown as Buffer)).toThrow(RangeError);
    });

    it('keeps its own copy of the key', () => {
      const key = randomBytes(32);
      const own = new SecretBox(key);
      const sealed = own.seal('value');
      key.fill(0);
      expect(own.open(sealed)).toBe('value');
    });

    it('does not expose the key when logged or serialised', () => {
      const hex = KEY.toString('hex');
      expect(JSON.stringify(box)).not.toContain(hex);
      expect(Object.values(box)).toHaveLength(0);
    });
  });
});
