export * from './problem';
export * from './problem.filter';
export * from './validation';
export * from './pagination';
export * from './storable-input.interceptor';
export * from './openapi/openapi-schema';
export * from './openapi/api-route.decorator';
export * from './openapi/openapi-document';
