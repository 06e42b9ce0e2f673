import { applyDecorators, Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { GrpcAuthGuard, RequireAuth, type AuthScope } from '@hookline/service-runtime';
import { GrpcProblemFilter } from './grpc-problem.filter';
import { GrpcStorableInputInterceptor } from './grpc-storable-input.interceptor';

/**
 * A controller of the gRPC API: the bearer token of `scope` in the metadata, storable input only, and
 * every error as a gRPC status. The gRPC transport does not share the HTTP app's global guard, filter
 * and interceptor (they read HTTP requests), so each gRPC controller carries these.
 */
export const GrpcApiController = (scope: AuthScope) =>
  applyDecorators(
    Controller(),
    RequireAuth(scope),
    UseGuards(GrpcAuthGuard),
    UseInterceptors(GrpcStorableInputInterceptor),
    UseFilters(GrpcProblemFilter),
  );
