export * from './event-schema';
