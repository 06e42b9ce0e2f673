import { buildRequestHeaders } from './request-headers.util';

describe('buildRequestHeaders', () => {
  it('keeps the caller headers and sets the configured user agent', () => {
    expect(buildRequestHeaders({ 'content-type': 'application/json', 'webhook-id': 'msg_1' }, 'Hookline/1.0')).toEqual({
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'user-agent': 'Hookline/1.0',
    });
  });

  it('overrides a user agent given in any letter case', () => {
    const headers = buildRequestHeaders({ 'User-Agent': 'curl/8', 'USER-AGENT': 'evil' }, 'Hookline/1.0');
    expect(headers).toEqual({ 'user-agent': 'Hookline/1.0' });
  });

  it('drops framing and connection headers the client owns', () => {
    const headers = buildRequestHeaders(
      {
        Host: 'internal',
        'Content-Length': '1',
        'Transfer-Encoding': 'chunked',
        Connection: 'close',
        Expect: '100-continue',
        'X-Custom': 'yes',
      },
      'Hookline/1.0',
    );
    expect(headers).toEqual({ 'X-Custom': 'yes', 'user-agent': 'Hookline/1.0' });
  });

  it('treats a header named __proto__ as data', () => {
    const input = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    const headers = buildRequestHeaders(input, 'Hookline/1.0');
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(Object.keys(headers)).toEqual(['__proto__', 'user-agent']);
  });
});
