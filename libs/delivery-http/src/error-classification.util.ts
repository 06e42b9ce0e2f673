import { BLOCKED_DESTINATION_CODE, DELIVERY_TIMEOUT_CODE, DeliveryErrorClass } from './delivery-http.errors';

export interface ClassifiedError {
  error: DeliveryErrorClass;
  message: string;
}

interface ErrorFacts {
  code: string | null;
  name: string | null;
  message: string;
  syscall: string | null;
  library: string | null;
}

const TIMEOUT_CODES = new Set([
  DELIVERY_TIMEOUT_CODE,
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_ABORTED',
  'ABORT_ERR',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
]);
const TIMEOUT_NAMES = new Set(['AbortError', 'TimeoutError']);

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);

const DNS_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EAI_NODATA',
  'EAI_ADDRFAMILY',
  'ENODATA',
  'ESERVFAIL',
  'ETIMEOUT',
  'ENOTIMP',
  'EREFUSED',
  'EBADRESP',
]);
const DNS_SYSCALLS = new Set(['getaddrinfo', 'getnameinfo']);

// OpenSSL verification results that node passes through as codes without a common prefix.
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
]);
const TLS_CODE_PREFIXES = ['CERT_', 'ERR_TLS_', 'ERR_SSL_', 'ERR_OSSL_', 'SSL_'];

const INVALID_URL_CODES = new Set(['ERR_INVALID_URL', 'ERR_INVALID_URL_SCHEME']);

// Wrappers (fetch's TypeError, AggregateError from happy-eyeballs) are shallow; this bounds odd cycles.
const MAX_ERRORS_VISITED = 16;

/**
 * Maps whatever a request failed with to a delivery error class. The outermost error that says
 * something specific wins, so a wrapper's own code is preferred over its cause's.
 */
export function classifyError(error: unknown): ClassifiedError {
  const chain = causeChain(error);
  for (const candidate of chain) {
    const facts = factsOf(candidate);
    const errorClass = classOf(facts);
    if (errorClass !== null) {
      return { error: errorClass, message: messageOf(candidate) };
    }
  }
  return { error: DeliveryErrorClass.Network, message: messageOf(error) };
}

function classOf(facts: ErrorFacts): DeliveryErrorClass | null {
  const { code, name } = facts;
  if (code === BLOCKED_DESTINATION_CODE) {
    return DeliveryErrorClass.BlockedDestination;
  }
  if ((code !== null && TIMEOUT_CODES.has(code)) || (name !== null && TIMEOUT_NAMES.has(name))) {
    return DeliveryErrorClass.Timeout;
  }
  if (code === 'ECONNREFUSED') {
    return DeliveryErrorClass.ConnectionRefused;
  }
  if (code !== null && RESET_CODES.has(code)) {
    return DeliveryErrorClass.ConnectionReset;
  }
  if ((code !== null && DNS_CODES.has(code)) || (facts.syscall !== null && DNS_SYSCALLS.has(facts.syscall))) {
    return DeliveryErrorClass.Dns;
  }
  if (isTlsFailure(facts)) {
    return DeliveryErrorClass.Tls;
  }
  if (code !== null && INVALID_URL_CODES.has(code)) {
    return DeliveryErrorClass.InvalidUrl;
  }
  return null;
}

function isTlsFailure({ code, message, library }: ErrorFacts): boolean {
  if (code !== null && (TLS_CODES.has(code) || TLS_CODE_PREFIXES.some((prefix) => code.startsWith(prefix)))) {
    return true;
  }
  // OpenSSL errors carry the library that raised them; EPROTO alone can also be a plain socket error.
  return library !== null || (code === 'EPROTO' && /\b(ssl|tls)\b/i.test(message));
}

function causeChain(error: unknown): unknown[] {
  const visited: unknown[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && visited.length < MAX_ERRORS_VISITED) {
    const current = queue.shift();
    if (current === undefined || current === null || visited.includes(current)) {
      continue;
    }
    visited.push(current);
    if (typeof current === 'object') {
      const { cause, errors } = current as { cause?: unknown; errors?: unknown };
      if (Array.isArray(errors)) {
        queue.push(...(errors as unknown[]));
      }
      queue.push(cause);
    }
  }
  return visited;
}

function factsOf(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) {
    return { code: null, name: null, message: String(error), syscall: null, library: null };
  }
  const record = error as Record<string, unknown>;
  return {
    code: stringField(record, 'code'),
    name: stringField(record, 'name'),
    message: stringField(record, 'message') ?? '',
    syscall: stringField(record, 'syscall'),
    library: stringField(record, 'library'),
  };
}

// AggregateError from a multi-address connect has an empty message; its parts say what happened.
function messageOf(error: unknown): string {
  for (const candidate of causeChain(error)) {
    const { message, code, name } = factsOf(candidate);
    if (message !== '') {
      return message;
    }
    if (code !== null || (name !== null && name !== 'Error' && name !== 'AggregateError')) {
      return code ?? name ?? '';
    }
  }
  return 'Unknown network error';
}

function stringField(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' ? value : null;
}
