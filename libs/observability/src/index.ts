export * from './metrics';
export * from './readiness';
export * from './health.controller';
export * from './observability.module';
export * from './http-service';
export type { Tracing } from './tracing';
export * from './spans';
