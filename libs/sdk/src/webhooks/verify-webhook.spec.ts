import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError as ReferenceVerificationError } from 'standardwebhooks';
import { signWebhook } from './sign-webhook';
import { verifyWebhook } from './verify-webhook';
import { isWebhookBatch, webhookEvents, type WebhookPayload } from './webhook-payload';
import { WebhookVerificationError, WebhookVerificationReason } from './webhook-verification.error';

const newSecret = (bytes = 32): string => `whsec_${randomBytes(bytes).toString('base64')}`;
const ID = 'dlv_01JD2ZQ4V9A8R3N6K2XG7W5Y1T';
const BODY = JSON.stringify({ id: 'evt_01JD2ZQ4V9A8R3N6K2XG7W5Y1S', type: 'order.created', timestamp: '2026-11-23T08:00:00.000Z', data: { total: 12.5, note: 'ünïcode ✓' } });
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Headers as the reference library signs them. */
function referenceHeaders(secret: string, body: string, timestamp = nowSeconds(), id = ID): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': new Webhook(secret).sign(id, new Date(timestamp * 1000), body) };
}

function reasonOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  throw new Error('expected verification to fail');
}

describe('verifyWebhook', () => {
  describe('against the standardwebhooks reference library', () => {
    it('verifies what the reference signs, and returns the payload with the id and timestamp', () => {
      const secret = newSecret();
      const timestamp = nowSeconds();
      const verified = verifyWebhook(secret, referenceHeaders(secret, BODY, timestamp), BODY);
      expect(verified).toEqual({ id: ID, timestamp, payload: JSON.parse(BODY) });
    });

    it('produces signatures the reference verifies', () => {
      const secret = newSecret(24);
      const timestamp = nowSeconds();
      const headers = { 'webhook-id': ID, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, ID, timestamp, BODY) };
      expect(new Webhook(secret).verify(BODY, headers)).toEqual(JSON.parse(BODY));
      expect(signWebhook(secret, ID, timestamp, BODY)).toBe(new Webhook(secret).sign(ID, new Date(timestamp * 1000), BODY));
    });

    it('agrees with the reference on the published example', () => {
      const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
      const body = '{"test": 2432232314}';
      const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
      expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe(signature);
      const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': signature };
      expect(verifyWebhook(secret, headers, body, { now: new Date(1614265330 * 1000) }).payload).toEqual({ test: 2432232314 });
    });

    it('refuses, like the reference, a wrong secret and a tampered body', () => {
      const secret = newSecret();
      const headers = referenceHeaders(secret, BODY);
      const other = newSecret();
      expect(reasonOf(() => verifyWebhook(other, headers, BODY))).toBe(WebhookVerificationReason.noMatchingSignature);
      expect(() => new Webhook(other).verify(BODY, headers)).toThrow(ReferenceVerificationError);
      const tampered = BODY.replace('12.5', '1250');
      expect(reasonOf(() => verifyWebhook(secret, headers, tampered))).toBe(WebhookVerificationReason.noMatchingSignature);
      expect(() => new Webhook(secret).verify(tampered, headers)).toThrow(ReferenceVerificationError);
      // A signature over another id does not carry over either.
      expect(reasonOf(() => verifyWebhook(secret, { ...headers, 'webhook-id': 'dlv_other' }, BODY))).toBe(WebhookVerificationReason.noMatchingSignature);
    });
  });

  describe('timestamps', () => {
    it('refuses a stale one and a future one beyond the tolerance, and accepts the edge', () => {
      const secret = newSecret();
      const now = nowSeconds();
      const clock = { now: new Date(now * 1000) };
      const stale = referenceHeaders(secret, BODY, now - 301);
      expect(reasonOf(() => verifyWebhook(secret, stale, BODY, clock))).toBe(WebhookVerificationReason.timestampTooOld);
      const future = referenceHeaders(secret, BODY, now + 301);
      expect(reasonOf(() => verifyWebhook(secret, future, BODY, clock))).toBe(WebhookVerificationReason.timestampTooNew);
      const edge = referenceHeaders(secret, BODY, now - 300);
      expect(verifyWebhook(secret, edge, BODY, clock).timestamp).toBe(now - 300);
    });

    it('takes toleranceSeconds and now from the options', () => {
      const secret = newSecret();
      const signedAt = 1_800_000_000;
      const headers = { 'webhook-id': ID, 'webhook-timestamp': String(signedAt), 'webhook-signature': signWebhook(secret, ID, signedAt, BODY) };
      const now = new Date((signedAt + 90) * 1000);
      expect(verifyWebhook(secret, headers, BODY, { now }).id).toBe(ID);
      expect(reasonOf(() => verifyWebhook(secret, headers, BODY, { now, toleranceSeconds: 60 }))).toBe(WebhookVerificationReason.timestampTooOld);
    });

    it('refuses a timestamp that is not Unix seconds', () => {
      const secret = newSecret();
      for (const value of ['soon', '1.5', '-1', '2026-11-23T08:00:00Z', '']) {
        const headers = { ...referenceHeaders(secret, BODY), 'webhook-timestamp': value };
        expect(reasonOf(() => verifyWebhook(secret, headers, BODY))).toMatch(/invalid_timestamp|missing_header/);
      }
    });
  });

  describe('headers', () => {
    it('names the missing header', () => {
      const secret = newSecret();
      const headers = referenceHeaders(secret, BODY);
      for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
        const { [name]: _left, ...rest } = headers;
        expect(() => verifyWebhook(secret, rest, BODY)).toThrow(new WebhookVerificationError(WebhookVerificationReason.missingHeader, `the ${name} header is missing`));
      }
      expect(reasonOf(() => verifyWebhook(secret, {}, BODY))).toBe(WebhookVerificationReason.missingHeader);
    });

    it('reads them in any case, as arrays, and from a Headers instance', () => {
      const secret = newSecret();
      const headers = referenceHeaders(secret, BODY);
      const shouting = { 'Webhook-Id': headers['webhook-id'], 'WEBHOOK-TIMESTAMP': [headers['webhook-timestamp']!], 'Webhook-Signature': headers['webhook-signature'] };
      expect(verifyWebhook(secret, shouting, BODY).id).toBe(ID);
      expect(verifyWebhook(secret, new Headers(headers), BODY).id).toBe(ID);
    });

    it('refuses two different webhook-id values', () => {
      const secret = newSecret();
      const headers = { ...referenceHeaders(secret, BODY), 'Webhook-Id': 'dlv_other' };
      expect(reasonOf(() => verifyWebhook(secret, headers, BODY))).toBe(WebhookVerificationReason.duplicateHeader);
    });
  });

  describe('several signatures and several secrets', () => {
    it('accepts a header whose second signature is the matching one, skipping unknown versions', () => {
      const secret = newSecret();
      const timestamp = nowSeconds();
      const retired = signWebhook(newSecret(), ID, timestamp, BODY);
      const current = signWebhook(secret, ID, timestamp, BODY);
      const headers = { 'webhook-id': ID, 'webhook-timestamp': String(timestamp), 'webhook-signature': `${retired} ${current}` };
      expect(verifyWebhook(secret, headers, BODY).payload).toEqual(JSON.parse(BODY));
      expect(new Webhook(secret).verify(BODY, headers)).toEqual(JSON.parse(BODY));
      // A future version with the very same bytes is not a v1 signature and is not trusted as one.
      const unknownVersion = { ...headers, 'webhook-signature': `v1a,${current.slice(3)} ${retired}` };
      expect(reasonOf(() => verifyWebhook(secret, unknownVersion, BODY))).toBe(WebhookVerificationReason.noMatchingSignature);
      // Node joins a repeated header with ", ".
      expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `${retired}, ${current}` }, BODY).id).toBe(ID);
    });

    it('accepts any of several receiver-side secrets', () => {
      const [oldSecret, newer] = [newSecret(), newSecret()];
      const headers = referenceHeaders(oldSecret, BODY);
      expect(verifyWebhook([newer, oldSecret], headers, BODY).id).toBe(ID);
      expect(reasonOf(() => verifyWebhook([newer], headers, BODY))).toBe(WebhookVerificationReason.noMatchingSignature);
    });

    it('signs with every secret given to signWebhook', () => {
      const [first, second] = [newSecret(), newSecret()];
      const signature = signWebhook([first, second], ID, nowSeconds(), BODY);
      expect(signature.split(' ')).toHaveLength(2);
    });
  });

  describe('bodies', () => {
    it('verifies a Buffer and a Uint8Array of the exact bytes', () => {
      const secret = newSecret();
      const headers = referenceHeaders(secret, BODY);
      expect(verifyWebhook(secret, headers, Buffer.from(BODY)).payload).toEqual(JSON.parse(BODY));
      expect(verifyWebhook(secret, headers, new TextEncoder().encode(BODY)).payload).toEqual(JSON.parse(BODY));
      // A view into a larger buffer covers only its own bytes.
      const framed = Buffer.from(`xx${BODY}yy`);
      expect(verifyWebhook(secret, headers, framed.subarray(2, framed.length - 2)).id).toBe(ID);
    });

    it('refuses re-serialised JSON, which is not the signed bytes', () => {
      const secret = newSecret();
      const spaced = JSON.stringify(JSON.parse(BODY), null, 2);
      const headers = referenceHeaders(secret, spaced);
      expect(reasonOf(() => verifyWebhook(secret, headers, JSON.stringify(JSON.parse(spaced))))).toBe(WebhookVerificationReason.noMatchingSignature);
    });

    it('says so when a correctly signed body is not JSON', () => {
      const secret = newSecret();
      expect(reasonOf(() => verifyWebhook(secret, referenceHeaders(secret, 'not json'), 'not json'))).toBe(WebhookVerificationReason.invalidPayload);
    });
  });

  describe('a misconfigured receiver', () => {
    it('throws a TypeError, not a verification error, for a bad or missing secret', () => {
      const headers = referenceHeaders(newSecret(), BODY);
      expect(() => verifyWebhook('whsec_not*base64', headers, BODY)).toThrow(TypeError);
      expect(() => verifyWebhook('changeme', headers, BODY)).toThrow(TypeError);
      expect(() => verifyWebhook(`whsec_${randomBytes(16).toString('base64')}`, headers, BODY)).toThrow(/24 to 64 bytes/);
      expect(() => verifyWebhook([], headers, BODY)).toThrow(TypeError);
      expect(() => verifyWebhook(newSecret(), headers, BODY, { toleranceSeconds: -1 })).toThrow(RangeError);
    });

    it('accepts a secret without the whsec_ prefix, as the reference does', () => {
      const secret = newSecret();
      expect(verifyWebhook(secret.slice('whsec_'.length), referenceHeaders(secret, BODY), BODY).id).toBe(ID);
    });
  });
});

describe('webhook payloads', () => {
  const event = { id: 'evt_1', type: 'order.created', timestamp: '2026-11-23T08:00:00.000Z', data: { n: 1 } };

  it('tells a batch from a single event, even one of a type named "batch"', () => {
    const batch: WebhookPayload = { type: 'batch', timestamp: event.timestamp, data: [event, { ...event, id: 'evt_2' }] };
    expect(isWebhookBatch(batch)).toBe(true);
    expect(webhookEvents(batch).map((entry) => entry.id)).toEqual(['evt_1', 'evt_2']);
    const namedBatch: WebhookPayload = { ...event, type: 'batch', data: [1, 2] };
    expect(isWebhookBatch(namedBatch)).toBe(false);
    expect(webhookEvents(event)).toEqual([event]);
  });
});
