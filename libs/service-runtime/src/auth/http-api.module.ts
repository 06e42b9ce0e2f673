import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ProblemFilter, StorableInputInterceptor } from '@hookline/http-api';
import { AUTH_OPTIONS, AuthGuard, type AuthOptions } from './auth.guard';

/** Bearer-token auth on every route that asks for it, storable input only, and problem+json answers for every error. */
@Module({})
export class HttpApiModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: HttpApiModule,
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: StorableInputInterceptor },
      ],
    };
  }
}
