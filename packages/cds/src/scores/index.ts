export * from './types';
export * from './tables';
export * from './early-warning';
export * from './sofa';
export * from './sepsis';
