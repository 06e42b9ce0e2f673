import type { FastifyCorsOptions } from '@fastify/cors';

/**
 * `@fastify/cors` options for `HOOKLINE_CORS_ORIGINS`, or null when it lists none (no CORS headers at
 * all). The origin is checked by a function rather than given as a list: a request from any other
 * origin then gets no CORS header whatsoever, and its preflight the 404 of an unknown route, instead of
 * a 204 listing methods. A preflight is answered in the request hook, before any guard, so it is never
 * authenticated nor counted against the failed-authentication limit: it carries no token to check.
 */
export function corsOptions(origins: readonly string[]): FastifyCorsOptions | null {
  if (origins.length === 0) return null;
  const allowed = new Set(origins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
    // Readable by the calling script: when to retry after a 429 or 503, where a created resource is.
    exposedHeaders: ['retry-after', 'location'],
    maxAge: 600,
    // Tokens travel in the Authorization header; no cookie ever authenticates a request.
    credentials: false,
  };
}
