import { ProblemError } from './problem';

// Node socket errors of a connection that is gone or never came up.
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// Postgres SQLSTATEs: class 08 (connection exception), shutdown in progress, not accepting connections
// yet (crash recovery), too many connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
// node-postgres and its pool report these without a code.
const CONNECTION_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection closed/i;

const MAX_DEPTH = 5;

/**
 * Whether an error means the database (or another dependency) could not be reached, as opposed to a
 * bug: such a request is answered 503 with Retry-After, so clients retry instead of giving up on a 500.
 * Looks through TypeORM's `driverError` and `cause` chains.
 */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return false;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGE.test(message)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDependencyUnavailable(inner, depth + 1))) return true;
  return isDependencyUnavailable(driverError, depth + 1) || isDependencyUnavailable(cause, depth + 1);
}

const RETRY_AFTER_SECONDS = 2;

/** The 503 a request gets when the database is unreachable; undefined for any other error. */
export function unavailableProblem(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError || !isDependencyUnavailable(error)) return undefined;
  return ProblemError.unavailable('a dependency (the database) is not reachable at the moment; retry later', RETRY_AFTER_SECONDS);
}
