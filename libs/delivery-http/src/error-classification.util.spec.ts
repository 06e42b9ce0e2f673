import { errors } from 'undici';
import { BlockedDestinationError, DeliveryTimeoutError } from './delivery-http.errors';
import { classifyError } from './error-classification.util';

function systemError(code: string, message: string, extra: Record<string, unknown> = {}): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('classifyError', () => {
  it.each([
    ['our own deadline', new DeliveryTimeoutError(1000)],
    ['undici connect timeout', new errors.ConnectTimeoutError()],
    ['undici headers timeout', new errors.HeadersTimeoutError()],
    ['undici body timeout', new errors.BodyTimeoutError()],
    ['an aborted request', new errors.RequestAbortedError()],
    ['a DOM AbortError', new DOMException('This operation was aborted', 'AbortError')],
    ['a DOM TimeoutError', new DOMException('The operation was aborted due to timeout', 'TimeoutError')],
    ['ETIMEDOUT', systemError('ETIMEDOUT', 'connect ETIMEDOUT 203.0.113.1:443')],
  ])('classifies %s as timeout', (_label, error) => {
    expect(classifyError(error).error).toBe('timeout');
  });

  it('classifies ECONNREFUSED', () => {
    const error = systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9', { syscall: 'connect' });
    expect(classifyError(error)).toEqual({ error: 'connection_refused', message: 'connect ECONNREFUSED 127.0.0.1:9' });
  });

  it.each([
    ['ECONNRESET', systemError('ECONNRESET', 'read ECONNRESET')],
    ['EPIPE', systemError('EPIPE', 'write EPIPE')],
    ['ECONNABORTED', systemError('ECONNABORTED', 'socket aborted')],
    ['UND_ERR_SOCKET', new errors.SocketError('other side closed')],
  ])('classifies %s as connection_reset', (_label, error) => {
    expect(classifyError(error).error).toBe('connection_reset');
  });

  it.each([
    ['ENOTFOUND', systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.invalid', { syscall: 'getaddrinfo' })],
    ['EAI_AGAIN', systemError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN example.com', { syscall: 'getaddrinfo' })],
    ['EAI_FAIL', systemError('EAI_FAIL', 'getaddrinfo EAI_FAIL example.com')],
    ['an unknown getaddrinfo failure', systemError('EAI_SYSTEM', 'getaddrinfo EAI_SYSTEM example.com', { syscall: 'getaddrinfo' })],
  ])('classifies %s as dns', (_label, error) => {
    expect(classifyError(error).error).toBe('dns');
  });

  it.each([
    ['an expired certificate', systemError('CERT_HAS_EXPIRED', 'certificate has expired')],
    ['a self-signed certificate', systemError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')],
    ['an unknown issuer', systemError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate')],
    ['a host name mismatch', systemError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames")],
    ['a protocol mismatch', systemError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number', { library: 'SSL routines' })],
    ['an OpenSSL 3 error', systemError('ERR_OSSL_EVP_UNSUPPORTED', 'unsupported')],
    ['an OpenSSL error without a code', Object.assign(new Error('tlsv1 alert'), { library: 'SSL routines', reason: 'tlsv1 alert' })],
    ['EPROTO from the TLS layer', systemError('EPROTO', 'write EPROTO 1234:error:0A00010B:SSL routines::wrong version number')],
  ])('classifies %s as tls', (_label, error) => {
    expect(classifyError(error).error).toBe('tls');
  });

  it('classifies a refused destination', () => {
    const error = new BlockedDestinationError('rebind.example', '127.0.0.1', 'loopback');
    expect(classifyError(error)).toEqual({
      error: 'blocked_destination',
      message: 'Refused to connect to rebind.example: it resolves to 127.0.0.1, not a public address (loopback)',
    });
  });

  it('classifies an invalid URL', () => {
    expect(classifyError(systemError('ERR_INVALID_URL', 'Invalid URL')).error).toBe('invalid_url');
  });

  it.each([
    ['an unreachable host', systemError('EHOSTUNREACH', 'connect EHOSTUNREACH 203.0.113.1:443')],
    ['a closed client', new errors.ClientClosedError()],
    ['a parser error', systemError('HPE_INVALID_CONSTANT', 'Expected HTTP/')],
    ['a plain error', new Error('something odd')],
    ['EPROTO unrelated to TLS', systemError('EPROTO', 'protocol error')],
  ])('classifies %s as network', (_label, error) => {
    expect(classifyError(error).error).toBe('network');
  });

  it('looks through cause chains', () => {
    const root = systemError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443');
    const wrapped = new TypeError('fetch failed', { cause: new Error('request failed', { cause: root }) });
    expect(classifyError(wrapped)).toEqual({ error: 'connection_refused', message: 'connect ECONNREFUSED 10.0.0.1:443' });
  });

  it('looks into AggregateError from connecting to several addresses', () => {
    const aggregate = new AggregateError(
      [
        systemError('ENETUNREACH', 'connect ENETUNREACH 2001:db8::1:443'),
        systemError('ECONNREFUSED', 'connect ECONNREFUSED 192.0.2.1:443'),
      ],
      '',
    );
    expect(classifyError(aggregate)).toEqual({ error: 'connection_refused', message: 'connect ECONNREFUSED 192.0.2.1:443' });
  });

  it('prefers the outer error when it is specific', () => {
    const error = new errors.SocketError('other side closed');
    Object.assign(error, { cause: systemError('ECONNREFUSED', 'connect ECONNREFUSED') });
    expect(classifyError(error).error).toBe('connection_reset');
  });

  it('survives cyclic causes and values that are not errors', () => {
    const cyclic = new Error('loop');
    Object.assign(cyclic, { cause: cyclic });
    expect(classifyError(cyclic)).toEqual({ error: 'network', message: 'loop' });
    expect(classifyError('boom')).toEqual({ error: 'network', message: 'boom' });
    expect(classifyError(undefined)).toEqual({ error: 'network', message: 'Unknown network error' });
    expect(classifyError({ code: 'ECONNRESET' })).toEqual({ error: 'connection_reset', message: 'ECONNRESET' });
  });
});
