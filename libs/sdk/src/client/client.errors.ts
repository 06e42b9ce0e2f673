import type { FieldError, ProblemDocument } from './api.types';

/** Every error the client throws; catch this to handle all of them at once. */
export class HooklineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The API answered with a non-2xx status (or with a body that is not the documented JSON). Carries the
 * problem document's fields; `errors` lists field errors and is empty when there are none.
 */
export class HooklineApiError extends HooklineError {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(
    problem: ProblemDocument,
    readonly method: string,
    readonly url: string,
  ) {
    super(`${method} ${url} failed with ${problem.status} ${problem.title}: ${problem.detail}`);
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/** No answer: the connection failed, or the caller aborted the request. Nothing is known about its effect. */
export class HooklineNetworkError extends HooklineError {
  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No complete answer within the client's `timeoutMs`; the request may still have taken effect. */
export class HooklineTimeoutError extends HooklineNetworkError {
  constructor(
    method: string,
    url: string,
    readonly timeoutMs: number,
  ) {
    super(`${method} ${url} timed out after ${timeoutMs} ms`, method, url);
  }
}
