import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ProblemFilter, StorableInputInterceptor } from '@hookline/http-api';
import { AuthGuard } from './auth.guard';
import { AUTH_OPTIONS, type AuthOptions } from './principal';
import { TokenResolver } from './token-resolver';

/**
 * Bearer-token auth on every route that asks for it, storable input only, and problem+json answers for
 * every error. Exports the token resolver, so a gRPC API in the same service checks tokens with the same
 * rules and key cache.
 */
@Module({})
export class HttpApiModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: HttpApiModule,
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        TokenResolver,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: StorableInputInterceptor },
      ],
      exports: [TokenResolver],
    };
  }
}
