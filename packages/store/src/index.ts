export * from './repository';
export * from './store';
