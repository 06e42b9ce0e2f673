import { createHmac } from 'node:crypto';
import { parseSecret } from './webhook-secret.util';
import { signPayload, signatureHeader } from './webhook-signature.util';

const KEY = parseSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
const OTHER_KEY = Buffer.alloc(32, 9);
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const BODY = '{"test": 2432232314}';
const EXPECTED = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

describe('signPayload', () => {
  it('matches the published Standard Webhooks example', () => {
    expect(signPayload(KEY, ID, TIMESTAMP, BODY)).toBe(EXPECTED);
  });

  it('signs a Buffer body the same as its UTF-8 string', () => {
    expect(signPayload(KEY, ID, TIMESTAMP, Buffer.from(BODY, 'utf8'))).toBe(EXPECTED);
    const unicode = '{"name":"Zoë 🚀"}';
    expect(signPayload(KEY, ID, TIMESTAMP, Buffer.from(unicode, 'utf8'))).toBe(signPayload(KEY, ID, TIMESTAMP, unicode));
  });

  it('signs the exact bytes of a Buffer body, even when they are not valid UTF-8', () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0xc3, 0x7d]);
    const independent = createHmac('sha256', KEY)
      .update(Buffer.concat([Buffer.from(`${ID}.${TIMESTAMP}.`), body]))
      .digest('base64');
    expect(signPayload(KEY, ID, TIMESTAMP, body)).toBe(`v1,${independent}`);
    // Decoding to a string would replace the invalid bytes and sign something else.
    expect(signPayload(KEY, ID, TIMESTAMP, body.toString('utf8'))).not.toBe(`v1,${independent}`);
  });

  it('changes with every signed part', () => {
    expect(signPayload(OTHER_KEY, ID, TIMESTAMP, BODY)).not.toBe(EXPECTED);
    expect(signPayload(KEY, `${ID}x`, TIMESTAMP, BODY)).not.toBe(EXPECTED);
    expect(signPayload(KEY, ID, TIMESTAMP + 1, BODY)).not.toBe(EXPECTED);
    expect(signPayload(KEY, ID, TIMESTAMP, `${BODY} `)).not.toBe(EXPECTED);
  });

  it.each([1.5, -1, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses timestamp %p', (timestamp) => {
    expect(() => signPayload(KEY, ID, timestamp, BODY)).toThrow(RangeError);
  });

  it('refuses an empty key', () => {
    expect(() => signPayload(Buffer.alloc(0), ID, TIMESTAMP, BODY)).toThrow(RangeError);
  });
});

describe('signatureHeader', () => {
  it('holds one entry per key, in key order, separated by spaces', () => {
    const header = signatureHeader([OTHER_KEY, KEY], ID, TIMESTAMP, BODY);
    expect(header.split(' ')).toEqual([signPayload(OTHER_KEY, ID, TIMESTAMP, BODY), EXPECTED]);
  });

  it('is a single entry for a single key', () => {
    expect(signatureHeader([KEY], ID, TIMESTAMP, BODY)).toBe(EXPECTED);
  });

  it('refuses an empty key list', () => {
    expect(() => signatureHeader([], ID, TIMESTAMP, BODY)).toThrow(RangeError);
  });
});
