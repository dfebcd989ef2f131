/**
 * @galen/cds: early-warning and sepsis scores, the sepsis risk model, alert policy, medication
 * safety, CDS Hooks cards and the pure half of the CDS Hooks service (`hooks/`). Pure: callers hand
 * in observations, `now` and the parsed model.
 */
export * from './parameters';
export * from './state';
export * from './scores/index';
export * from './alert-policy';
export * from './medication/index';
export * from './model/physionet';
export * from './model/features';
export * from './model/gbt';
export * from './model/sepsis-model';
export * from './assess';
export * from './cards';
export * from './galen-codes';
export * from './infection';
export * from './patient-context';
export * from './alerts';
export * from './feedback';
export * from './records';
export * from './worklist';
export * from './hooks/index';
