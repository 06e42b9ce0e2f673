import { Webhook } from 'standardwebhooks';
import { generateSecret, parseSecret } from './webhook-secret.util';
import { signPayload, signatureHeader } from './webhook-signature.util';
import { verifyWebhook } from './webhook-verification.util';

// The reference implementation only accepts timestamps close to its own clock, so these tests sign "now".
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const BODY = '{"test": 2432232314}';

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

describe('interoperability with the standardwebhooks package', () => {
  it('agrees on the published example', () => {
    const official = new Webhook(SECRET).sign(ID, new Date(1614265330 * 1000), BODY);
    expect(official).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(signPayload(parseSecret(SECRET), ID, 1614265330, BODY)).toBe(official);
  });

  it('verifies our signatures with the official verifier', () => {
    const secret = generateSecret();
    const timestamp = nowSeconds();
    const headers = {
      'webhook-id': ID,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signPayload(parseSecret(secret), ID, timestamp, BODY),
    };
    expect(new Webhook(secret).verify(BODY, headers)).toEqual({ test: 2432232314 });
    expect(new Webhook(secret).verify(Buffer.from(BODY), headers)).toEqual({ test: 2432232314 });
  });

  it('verifies official signatures with our verifier', () => {
    const secret = generateSecret(48);
    const timestamp = nowSeconds();
    const signature = new Webhook(secret).sign(ID, new Date(timestamp * 1000), BODY);
    const headers = { 'webhook-id': ID, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    expect(() => verifyWebhook(secret, headers, BODY, { nowSeconds: timestamp })).not.toThrow();
    expect(() => verifyWebhook(secret, headers, Buffer.from(BODY), { nowSeconds: timestamp })).not.toThrow();
  });

  it('both accept a multi-signature header where only the second key matches', () => {
    const retired = generateSecret();
    const current = generateSecret();
    const timestamp = nowSeconds();
    const headers = {
      'webhook-id': ID,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader([parseSecret(retired), parseSecret(current)], ID, timestamp, BODY),
    };
    expect(() => new Webhook(current).verify(BODY, headers)).not.toThrow();
    expect(() => verifyWebhook(current, headers, BODY, { nowSeconds: timestamp })).not.toThrow();
  });

  it('both reject a header signed by neither key', () => {
    const timestamp = nowSeconds();
    const headers = {
      'webhook-id': ID,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signPayload(parseSecret(generateSecret()), ID, timestamp, BODY),
    };
    const secret = generateSecret();
    expect(() => new Webhook(secret).verify(BODY, headers)).toThrow('No matching signature found');
    expect(() => verifyWebhook(secret, headers, BODY, { nowSeconds: timestamp })).toThrow('No matching signature found');
  });
});
