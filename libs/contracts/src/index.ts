export * from './topics';
export * from './ids';
export * from './ports';
export * from './messages/event.message';
