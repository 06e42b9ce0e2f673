import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ProblemFilter, StorableInputInterceptor } from '@hookline/http-api';
import { SERVICE_METRICS, type ServiceMetrics } from '@hookline/observability';
import { AuthFailureLimiter, type AuthFailureLimits } from './auth-failure-limiter';
import { AuthMetrics } from './auth-metrics';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { AUTH_OPTIONS, type AuthOptions } from './principal';
import { TokenResolver } from './token-resolver';

export interface HttpApiOptions extends AuthOptions {
  /** `HOOKLINE_AUTH_FAILURE_LIMIT` and `HOOKLINE_AUTH_FAILURE_WINDOW_SECONDS`. */
  failureLimits: AuthFailureLimits;
}

/** The limits a service's `HOOKLINE_AUTH_FAILURE_*` variables set. */
export function authFailureLimits(config: { HOOKLINE_AUTH_FAILURE_LIMIT: number; HOOKLINE_AUTH_FAILURE_WINDOW_SECONDS: number }): AuthFailureLimits {
  return { limit: config.HOOKLINE_AUTH_FAILURE_LIMIT, windowSeconds: config.HOOKLINE_AUTH_FAILURE_WINDOW_SECONDS };
}

/**
 * Bearer-token auth on every route that asks for it, storable input only, and problem+json answers for
 * every error. Exports the authenticator, so a gRPC API in the same service checks tokens with the same
 * rules and key cache, and counts failures against the same addresses.
 */
@Module({})
export class HttpApiModule {
  static forRoot(options: HttpApiOptions): DynamicModule {
    const auth: AuthOptions = { adminToken: options.adminToken };
    return {
      module: HttpApiModule,
      providers: [
        { provide: AUTH_OPTIONS, useValue: auth },
        { provide: AuthFailureLimiter, useValue: new AuthFailureLimiter(options.failureLimits) },
        { provide: AuthMetrics, useFactory: (metrics: ServiceMetrics) => new AuthMetrics(metrics), inject: [SERVICE_METRICS] },
        TokenResolver,
        Authenticator,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: StorableInputInterceptor },
      ],
      exports: [TokenResolver, Authenticator],
    };
  }
}
