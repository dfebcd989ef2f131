export * from './drugs';
export * from './interactions';
export * from './allergy';
export * from './renal';
export * from './check';
