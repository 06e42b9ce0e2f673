/**
 * Headers of every console answer. The policy allows scripts, styles and fetches from the registry
 * itself only (plus ingest's origin for fetches, when it is elsewhere): no inline code, nothing from a
 * CDN, no framing, no `<base>` rewriting. The API key lives in the page, so an injected script is the
 * one thing that must never run.
 */
export function consoleSecurityHeaders(ingestUrl: string | undefined): Record<string, string> {
  const connect = ["'self'", ...(ingestUrl === undefined ? [] : [new URL(ingestUrl).origin])];
  const policy = [
    "default-src 'self'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}
