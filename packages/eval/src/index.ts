export * from './metrics';
export * from './rouge';
