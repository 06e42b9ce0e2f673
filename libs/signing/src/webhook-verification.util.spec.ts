import { WebhookVerificationError, type WebhookVerificationErrorCode } from './signing.errors';
import { generateSecret, parseSecret } from './webhook-secret.util';
import { signPayload, signatureHeader } from './webhook-signature.util';
import { verifyWebhook, type VerifyWebhookOptions, type WebhookHeaders } from './webhook-verification.util';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SECRET = generateSecret();
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const BODY = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const DIGEST = SIGNATURE.slice('v1,'.length);
const AT_SEND: VerifyWebhookOptions = { nowSeconds: TIMESTAMP };

function headersFor(signature = SIGNATURE, id = ID, timestamp = String(TIMESTAMP)): WebhookHeaders {
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
}

interface Attempt {
  secrets?: string | readonly string[];
  headers?: WebhookHeaders;
  body?: string | Buffer;
  options?: VerifyWebhookOptions;
}

/** Runs verifyWebhook with the example's values unless overridden; returns 'accepted' or the error code. */
function outcome(attempt: Attempt = {}): WebhookVerificationErrorCode | 'accepted' {
  try {
    const { secrets = SECRET, headers = headersFor(), body = BODY, options = AT_SEND } = attempt;
    verifyWebhook(secrets, headers, body, options);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).code;
  }
}

describe('verifyWebhook', () => {
  it('accepts the published Standard Webhooks example', () => {
    expect(verifyWebhook(SECRET, headersFor(), BODY, AT_SEND)).toBeUndefined();
  });

  it('accepts a Buffer body', () => {
    expect(outcome({ body: Buffer.from(BODY) })).toBe('accepted');
  });

  it('reads header names in any letter case and array-valued headers', () => {
    const headers = {
      'Webhook-Id': [ID],
      'WEBHOOK-TIMESTAMP': String(TIMESTAMP),
      'webhook-Signature': ['v2,abc', SIGNATURE],
    };
    expect(outcome({ headers })).toBe('accepted');
  });

  it('uses the current time when none is given', () => {
    const now = Math.floor(Date.now() / 1000);
    const signature = signPayload(parseSecret(SECRET), ID, now, BODY);
    expect(() => verifyWebhook(SECRET, headersFor(signature, ID, String(now)), BODY)).not.toThrow();
  });

  it('accepts whichever of several secrets signed the message, for rotation', () => {
    expect(outcome({ secrets: [OTHER_SECRET, SECRET] })).toBe('accepted');
    expect(outcome({ secrets: [SECRET, OTHER_SECRET] })).toBe('accepted');
  });

  it('accepts a header with several signatures when only the second one matches', () => {
    const header = signatureHeader([parseSecret(OTHER_SECRET), parseSecret(SECRET)], ID, TIMESTAMP, BODY);
    expect(header.split(' ')).toHaveLength(2);
    expect(outcome({ headers: headersFor(header) })).toBe('accepted');
  });

  it('tolerates extra whitespace between signature entries', () => {
    expect(outcome({ headers: headersFor(`  v1,bogus \t ${SIGNATURE}  `) })).toBe('accepted');
  });

  it.each([`v2,${DIGEST}`, `V1,${DIGEST}`, `v1a,${DIGEST}`, DIGEST])('ignores the non-v1 entry %p', (entry) => {
    expect(outcome({ headers: headersFor(entry) })).toBe('no_matching_signature');
    expect(outcome({ headers: headersFor(`${entry} ${SIGNATURE}`) })).toBe('accepted');
  });

  describe('tolerance', () => {
    it.each([
      [TIMESTAMP + 300, 'accepted'],
      [TIMESTAMP + 301, 'timestamp_too_old'],
      [TIMESTAMP - 300, 'accepted'],
      [TIMESTAMP - 301, 'timestamp_too_new'],
    ])('at now=%i is %s by default', (nowSeconds, expected) => {
      expect(outcome({ options: { nowSeconds } })).toBe(expected);
    });

    it('can be narrowed or widened', () => {
      expect(outcome({ options: { nowSeconds: TIMESTAMP + 60, toleranceSeconds: 30 } })).toBe('timestamp_too_old');
      expect(outcome({ options: { nowSeconds: TIMESTAMP + 3600, toleranceSeconds: 3600 } })).toBe('accepted');
    });

    it('refuses a negative tolerance or a clock that is not a number', () => {
      expect(() => verifyWebhook(SECRET, headersFor(), BODY, { ...AT_SEND, toleranceSeconds: -1 })).toThrow(RangeError);
      expect(() => verifyWebhook(SECRET, headersFor(), BODY, { ...AT_SEND, toleranceSeconds: Number.NaN })).toThrow(RangeError);
      expect(() => verifyWebhook(SECRET, headersFor(), BODY, { nowSeconds: Number.NaN })).toThrow(RangeError);
    });
  });

  describe('failure codes', () => {
    const names = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];

    it.each(names)('missing_header without %s', (name) => {
      const headers = headersFor();
      delete headers[name];
      expect(outcome({ headers })).toBe('missing_header');
    });

    it.each(names)('missing_header when %s is blank or an empty list', (name) => {
      expect(outcome({ headers: { ...headersFor(), [name]: '  ' } })).toBe('missing_header');
      expect(outcome({ headers: { ...headersFor(), [name]: [] } })).toBe('missing_header');
    });

    it('missing_header when webhook-id values conflict', () => {
      expect(outcome({ headers: { ...headersFor(), 'Webhook-Id': 'msg_other' } })).toBe('missing_header');
    });

    it.each(['abc', '1614265330abc', '1.6e9', '-1614265330', '1614265330.0', '0x6037ABF2', '99999999999999999999'])(
      'invalid_timestamp for %p',
      (timestamp) => {
        expect(outcome({ headers: headersFor(SIGNATURE, ID, timestamp) })).toBe('invalid_timestamp');
      },
    );

    it('invalid_timestamp when webhook-timestamp values conflict', () => {
      const headers = { ...headersFor(), 'webhook-timestamp': [String(TIMESTAMP), String(TIMESTAMP + 1)] };
      expect(outcome({ headers })).toBe('invalid_timestamp');
    });

    it('timestamp_too_old and timestamp_too_new against the clock', () => {
      expect(outcome({ options: { nowSeconds: TIMESTAMP + 3600 } })).toBe('timestamp_too_old');
      expect(outcome({ options: { nowSeconds: TIMESTAMP - 3600 } })).toBe('timestamp_too_new');
    });

    it.each([
      ['another secret', { secrets: OTHER_SECRET }],
      ['an empty v1 entry', { headers: headersFor('v1,') }],
      ['a signature with an extra character', { headers: headersFor(`${SIGNATURE}A`) }],
      ['a truncated signature', { headers: headersFor(SIGNATURE.slice(0, -1)) }],
    ])('no_matching_signature for %s', (_case, attempt: Attempt) => {
      expect(outcome(attempt)).toBe('no_matching_signature');
    });

    it.each([
      ['a malformed secret', 'not-a-secret'],
      ['a too-short key', 'whsec_' + Buffer.alloc(8).toString('base64')],
      ['no secrets at all', []],
      ['one bad secret among good ones', [SECRET, 'whsec_???']],
    ])('invalid_secret for %s', (_case, secrets) => {
      expect(outcome({ secrets })).toBe('invalid_secret');
    });

    it('carries the secret problem as the cause', () => {
      let error: unknown;
      try {
        verifyWebhook('nope', headersFor(), BODY, AT_SEND);
      } catch (caught) {
        error = caught;
      }
      expect((error as WebhookVerificationError).cause).toMatchObject({
        name: 'InvalidSecretError',
        reason: 'missing_prefix',
      });
    });
  });

  describe('tampering', () => {
    it.each(['{"test": 2432232315}', `${BODY}\n`, Buffer.from(`${BODY} `)])('rejects the changed body %p', (body) => {
      expect(outcome({ body })).toBe('no_matching_signature');
    });

    it('rejects a changed id', () => {
      expect(outcome({ headers: headersFor(SIGNATURE, 'msg_p5jXN8AQM9LWM0D4loKWxJeK') })).toBe('no_matching_signature');
    });

    it('rejects a changed timestamp even within tolerance', () => {
      expect(outcome({ headers: headersFor(SIGNATURE, ID, String(TIMESTAMP + 1)) })).toBe('no_matching_signature');
    });

    it('rejects a changed signature', () => {
      expect(outcome({ headers: headersFor(SIGNATURE.replace('g0hM', 'g0hN')) })).toBe('no_matching_signature');
    });
  });
});
