import { isResponseBodyCut, utf8ByteLength } from './delivery-detail.format';

describe('attempt response bodies', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8ByteLength('ok')).toBe(2);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('中')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });

  it('says a body was cut when it is exactly 4 KiB long', () => {
    expect(isResponseBodyCut('x'.repeat(4096))).toBe(true);
    expect(isResponseBodyCut('é'.repeat(2048))).toBe(true);
    expect(isResponseBodyCut('é'.repeat(2048).slice(1))).toBe(false);
    expect(isResponseBodyCut('x'.repeat(4095))).toBe(false);
    expect(isResponseBodyCut('ok')).toBe(false);
    expect(isResponseBodyCut('')).toBe(false);
    expect(isResponseBodyCut(null)).toBe(false);
  });
});
