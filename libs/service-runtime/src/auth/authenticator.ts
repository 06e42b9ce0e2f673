import { Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@hookline/http-api';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthMetrics } from './auth-metrics';
import { AuthenticationFailure } from './authentication-failure.problem';
import { clientKey } from './client-address';
import { bearerToken, type AuthScope, type Principal } from './principal';
import { TokenResolver } from './token-resolver';

/**
 * Authentication as both transports do it: an address with too many recent failures is refused (429)
 * before its token is looked at — so a correct guess is answered exactly like a wrong one — and every
 * refused token (401) counts against its address.
 */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(TokenResolver) private readonly tokens: TokenResolver,
    @Inject(AuthFailureLimiter) private readonly limiter: AuthFailureLimiter,
    @Inject(AuthMetrics) private readonly metrics: AuthMetrics,
  ) {}

  /** `authorization` is the header or metadata value as sent; `address` the client's IP address. */
  async authenticate(scope: AuthScope, authorization: string | undefined, address: string): Promise<Principal> {
    const client = clientKey(address);
    const retryAfter = this.limiter.retryAfterSeconds(client);
    if (retryAfter > 0) {
      this.metrics.throttle();
      throw ProblemError.tooManyRequests(`too many failed authentications from this address; try again in ${retryAfter} s`, retryAfter);
    }
    try {
      return await this.tokens.principalFor(scope, bearerToken(authorization));
    } catch (error) {
      if (error instanceof AuthenticationFailure) {
        this.limiter.recordFailure(client);
        this.metrics.failure(error.reason);
      }
      throw error;
    }
  }
}
