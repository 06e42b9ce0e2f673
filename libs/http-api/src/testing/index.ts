export * from './openapi-coverage';
export * from './openapi-audit';
export * from './openapi-fuzz';
