import { ProblemError, parseInput, type FieldError } from '@hookline/http-api';
import { generateSecret } from '@hookline/signing';
import { PREVIOUS_SECRET_VALIDITY_MS, previousSecretExpiry, rotateSigningSecrets } from './secret-rotation';
import { RotateSecretInput } from './subscription.input';

const now = new Date('2026-11-23T10:00:00Z');
const inOneDay = new Date('2026-11-24T10:00:00Z');

describe('rotateSigningSecrets', () => {
  it('makes the new secret current and keeps the retired one signing for 24 h', () => {
    const rotated = rotateSigningSecrets({ secretEnc: 'sealed-a', previousSecretEnc: null, previousSecretExpiresAt: null }, 'sealed-b', now);
    expect(rotated).toEqual({ secretEnc: 'sealed-b', previousSecretEnc: 'sealed-a', previousSecretExpiresAt: inOneDay });
    expect(PREVIOUS_SECRET_VALIDITY_MS).toBe(86_400_000);
  });

  it('replaces a previous secret that is still valid with the one being retired, so only two ever sign', () => {
    const first = rotateSigningSecrets({ secretEnc: 'sealed-a', previousSecretEnc: null, previousSecretExpiresAt: null }, 'sealed-b', now);
    const anHourLater = new Date(now.getTime() + 3_600_000);
    const second = rotateSigningSecrets(first, 'sealed-c', anHourLater);
    expect(second).toEqual({
      secretEnc: 'sealed-c',
      previousSecretEnc: 'sealed-b',
      previousSecretExpiresAt: new Date(anHourLater.getTime() + PREVIOUS_SECRET_VALIDITY_MS),
    });
  });

  it('replaces an expired previous secret the same way', () => {
    const expired = { secretEnc: 'sealed-b', previousSecretEnc: 'sealed-a', previousSecretExpiresAt: new Date('2026-11-01T00:00:00Z') };
    expect(rotateSigningSecrets(expired, 'sealed-c', now)).toEqual({ secretEnc: 'sealed-c', previousSecretEnc: 'sealed-b', previousSecretExpiresAt: inOneDay });
  });

  it('leaves the given secrets untouched', () => {
    const secrets = { secretEnc: 'sealed-a', previousSecretEnc: null, previousSecretExpiresAt: null };
    rotateSigningSecrets(secrets, 'sealed-b', now);
    expect(secrets).toEqual({ secretEnc: 'sealed-a', previousSecretEnc: null, previousSecretExpiresAt: null });
  });
});

describe('previousSecretExpiry', () => {
  it('is null when there is no previous secret', () => {
    expect(previousSecretExpiry({ previousSecretEnc: null, previousSecretExpiresAt: null }, now)).toBeNull();
  });

  it('is the expiry while the previous secret still signs', () => {
    expect(previousSecretExpiry({ previousSecretEnc: 'sealed-a', previousSecretExpiresAt: inOneDay }, now)).toEqual(inOneDay);
    const aMillisecondBefore = new Date(inOneDay.getTime() - 1);
    expect(previousSecretExpiry({ previousSecretEnc: 'sealed-a', previousSecretExpiresAt: inOneDay }, aMillisecondBefore)).toEqual(inOneDay);
  });

  it('is null from the moment the previous secret expires, as the dispatcher stops signing with it', () => {
    expect(previousSecretExpiry({ previousSecretEnc: 'sealed-a', previousSecretExpiresAt: now }, now)).toBeNull();
    expect(previousSecretExpiry({ previousSecretEnc: 'sealed-a', previousSecretExpiresAt: new Date('2026-11-01T00:00:00Z') }, now)).toBeNull();
  });

  it('is null when an expiry is left without a previous secret', () => {
    expect(previousSecretExpiry({ previousSecretEnc: null, previousSecretExpiresAt: inOneDay }, now)).toBeNull();
  });
});

describe('RotateSecretInput', () => {
  function errorsOf(body: unknown): FieldError[] {
    try {
      parseInput(RotateSecretInput, body);
    } catch (error) {
      if (error instanceof ProblemError) return error.errors ?? [];
      throw error;
    }
    throw new Error('expected a validation problem');
  }

  it('takes an empty body (generate a secret) or a valid secret', () => {
    const secret = generateSecret(24);
    expect(parseInput(RotateSecretInput, {})).toEqual({});
    expect(parseInput(RotateSecretInput, { secret })).toEqual({ secret });
  });

  it.each([
    ['a secret without the prefix', { secret: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0' }, 'secret'],
    ['a secret of too few bytes', { secret: `whsec_${Buffer.alloc(8).toString('base64')}` }, 'secret'],
    ['a secret that is not a string', { secret: 42 }, 'secret'],
    ['an unknown field', { secret: generateSecret(), expiresAt: 'tomorrow' }, 'expiresAt'],
  ])('refuses %s, naming the field', (_case, body, field) => {
    expect(errorsOf(body)).toEqual([{ field, message: expect.any(String) }]);
  });
});
