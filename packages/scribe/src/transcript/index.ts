export * from './turns';
export * from './parse';
