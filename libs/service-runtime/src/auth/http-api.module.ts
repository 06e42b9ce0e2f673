import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ProblemFilter } from '@hookline/http-api';
import { AUTH_OPTIONS, AuthGuard, type AuthOptions } from './auth.guard';

/** Bearer-token auth on every route that asks for it, and problem+json answers for every error. */
@Module({})
export class HttpApiModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: HttpApiModule,
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
