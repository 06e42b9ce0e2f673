export * from './openapi-coverage';
export * from './openapi-audit';
