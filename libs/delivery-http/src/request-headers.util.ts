// Framing and connection headers belong to the HTTP client: a subscription's custom headers must not be
// able to desynchronise the connection or redirect the request to another virtual host.
const CLIENT_OWNED_HEADERS = new Set([
  'user-agent',
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'expect',
  'te',
  'trailer',
]);

/** The headers to send: the caller's, minus those the client owns, plus the configured user agent. */
export function buildRequestHeaders(headers: Readonly<Record<string, string>>, userAgent: string): Record<string, string> {
  const kept = Object.entries(headers).filter(([name]) => !CLIENT_OWNED_HEADERS.has(name.toLowerCase()));
  // fromEntries defines own properties, so a header named `__proto__` cannot touch the prototype.
  return Object.fromEntries([...kept, ['user-agent', userAgent]]);
}
