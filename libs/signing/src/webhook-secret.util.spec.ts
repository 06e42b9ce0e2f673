import { InvalidSecretError, type InvalidSecretReason } from './signing.errors';
import { generateSecret, isValidSecret, parseSecret } from './webhook-secret.util';

const EXAMPLE_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function secretOf(byteLength: number): string {
  return 'whsec_' + Buffer.alloc(byteLength, 7).toString('base64');
}

function reasonOf(secret: string): InvalidSecretReason | undefined {
  try {
    parseSecret(secret);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSecretError);
    return (error as InvalidSecretError).reason;
  }
}

describe('generateSecret', () => {
  it('makes a prefixed 32-byte key by default', () => {
    const secret = generateSecret();
    expect(secret.startsWith('whsec_')).toBe(true);
    expect(parseSecret(secret)).toHaveLength(32);
  });

  it('makes a fresh key each time', () => {
    expect(generateSecret()).not.toBe(generateSecret());
  });

  it.each([24, 48, 64])('accepts %i bytes', (byteLength) => {
    expect(parseSecret(generateSecret(byteLength))).toHaveLength(byteLength);
  });

  it.each([0, 23, 65, 32.5, Number.NaN])('refuses %p bytes', (byteLength) => {
    expect(() => generateSecret(byteLength)).toThrow(RangeError);
  });
});

describe('parseSecret', () => {
  it('decodes the published example secret', () => {
    expect(parseSecret(EXAMPLE_SECRET)).toEqual(Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'));
  });

  it.each([24, 32, 33, 64])('accepts a %i-byte key', (byteLength) => {
    expect(parseSecret(secretOf(byteLength))).toEqual(Buffer.alloc(byteLength, 7));
  });

  it.each([
    ['no prefix', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'missing_prefix'],
    ['prefix in another case', 'WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'missing_prefix'],
    ['empty string', '', 'missing_prefix'],
    ['characters outside base64', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa$w', 'invalid_base64'],
    ['url-safe alphabet', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-_', 'invalid_base64'],
    ['missing padding', secretOf(32).slice(0, -1), 'invalid_base64'],
    ['non-zero padding bits', secretOf(32).slice(0, -2) + 'd=', 'invalid_base64'],
    ['surrounding whitespace', ` ${EXAMPLE_SECRET}\n`, 'missing_prefix'],
    ['trailing newline', `${EXAMPLE_SECRET}\n`, 'invalid_base64'],
    ['nothing after the prefix', 'whsec_', 'invalid_length'],
    ['a 23-byte key', secretOf(23), 'invalid_length'],
    ['a 16-byte key', secretOf(16), 'invalid_length'],
    ['a 65-byte key', secretOf(65), 'invalid_length'],
  ])('refuses %s', (_case, secret, reason) => {
    expect(reasonOf(secret)).toBe(reason);
  });

  it('refuses a non-string at runtime', () => {
    expect(reasonOf(42 as unknown as string)).toBe('not_a_string');
  });

  it('keeps the secret out of the error message', () => {
    const encoded = Buffer.alloc(16, 1).toString('base64');
    let message = '';
    try {
      parseSecret(`whsec_${encoded}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toBe('');
    expect(message).not.toContain(encoded);
  });
});

describe('isValidSecret', () => {
  it('tells valid from invalid secrets', () => {
    expect(isValidSecret(EXAMPLE_SECRET)).toBe(true);
    expect(isValidSecret(generateSecret(64))).toBe(true);
    expect(isValidSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(false);
    expect(isValidSecret(secretOf(8))).toBe(false);
    expect(isValidSecret('whsec_not base64!')).toBe(false);
  });
});
