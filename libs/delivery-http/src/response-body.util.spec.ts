import { Readable } from 'node:stream';
import { decodeUtf8Prefix, readCappedBody } from './response-body.util';

describe('decodeUtf8Prefix', () => {
  const euro = Buffer.from('€', 'utf8');

  it('decodes complete text', () => {
    expect(decodeUtf8Prefix(Buffer.from('héllo €', 'utf8'), true)).toBe('héllo €');
  });

  it('drops a character split by the cut', () => {
    const cut = Buffer.concat([Buffer.from('ab'), euro.subarray(0, 2)]);
    expect(decodeUtf8Prefix(cut, false)).toBe('ab');
    expect(decodeUtf8Prefix(Buffer.from([0xf0, 0x9f, 0x98]), false)).toBe('');
  });

  it('marks a broken tail of a complete body as invalid rather than hiding it', () => {
    const broken = Buffer.concat([Buffer.from('ab'), euro.subarray(0, 2)]);
    expect(decodeUtf8Prefix(broken, true)).toBe('ab\ufffd');
  });

  it('replaces invalid bytes in the middle', () => {
    expect(decodeUtf8Prefix(Buffer.from([0x61, 0xff, 0x62]), false)).toBe('a\ufffdb');
  });

  it('honours the view of a larger buffer', () => {
    const whole = Buffer.from('xxhelloxx');
    expect(decodeUtf8Prefix(whole.subarray(2, 7), true)).toBe('hello');
  });
});

describe('readCappedBody', () => {
  function chunked(...chunks: string[]): Readable {
    return Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'utf8')));
  }

  it('reads a body that fits', async () => {
    await expect(readCappedBody(chunked('{"ok":', 'true}'), 100)).resolves.toEqual({ text: '{"ok":true}', truncated: false });
  });

  it('reads a body of exactly the cap without calling it truncated', async () => {
    await expect(readCappedBody(chunked('abc', 'de'), 5)).resolves.toEqual({ text: 'abcde', truncated: false });
  });

  it('stops at the cap and destroys the stream', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += 1;
        this.push(Buffer.alloc(1024, 0x61));
      },
    });
    const body = await readCappedBody(endless, 4096);
    expect(body).toEqual({ text: 'a'.repeat(4096), truncated: true });
    expect(endless.destroyed).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it('does not split a multi-byte character at the cap', async () => {
    await expect(readCappedBody(chunked('ab€€'), 4)).resolves.toEqual({ text: 'ab', truncated: true });
  });

  it('keeps nothing with a cap of zero', async () => {
    await expect(readCappedBody(chunked('abc'), 0)).resolves.toEqual({ text: '', truncated: true });
    await expect(readCappedBody(chunked(), 0)).resolves.toEqual({ text: '', truncated: false });
  });

  it('passes stream errors on', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
      },
    });
    await expect(readCappedBody(failing, 10)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
