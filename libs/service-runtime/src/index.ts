export * from './service-runtime';
export * from './auth/api-key-token';
export * from './auth/auth.guard';
export * from './auth/http-api.module';
export * from './outbox/outbox';
export * from './outbox/outbox-relay';
export * from './wakeup';
export * from './background-loop';
