export * from './service-runtime';
export * from './auth/api-key-token';
export * from './auth/auth.guard';
export * from './auth/http-api.module';
