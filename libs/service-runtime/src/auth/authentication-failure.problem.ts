import { ProblemCode, ProblemError } from '@hookline/http-api';

/** Why a token was refused; a fixed set, so it can label a metric. */
export type AuthFailureReason = 'missing_token' | 'invalid_admin_token' | 'invalid_api_key';

export const AuthFailureReasons: readonly AuthFailureReason[] = ['missing_token', 'invalid_admin_token', 'invalid_api_key'];

/** A 401 that says why, so the failure can be counted against the caller's address. */
export class AuthenticationFailure extends ProblemError {
  constructor(
    readonly reason: AuthFailureReason,
    detail: string,
  ) {
    super(ProblemCode.unauthorized, 401, detail);
  }
}
