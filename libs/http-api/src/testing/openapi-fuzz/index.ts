export * from './api-document';
export * from './odd-values';
export * from './valid-values';
export * from './mutated-values';
export * from './request-arbitrary';
export * from './request-schemas';
export * from './fuzz-audit';
