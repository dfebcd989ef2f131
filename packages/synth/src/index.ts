/**
 * `@galen/synth`: synthetic patients with ground truth — FHIR R4 transaction bundles, hourly
 * inpatient vital signs following trajectories (stable, deteriorating, sepsis, AKI), notes and
 * dialogues with annotated concept and PHI spans, and the labels that real records lack.
 */
export * from './generate';
export * from './demo';
export { Rng, hashSeed } from './prng';
export {
  scoreSofa,
  hourlySofa,
  sepsis3Onset,
  suspectedInfectionTime,
  kdigoAki,
  type SofaInputs,
  type SofaScore,
  type TimedValue,
} from './scores';
export type { Mention, MentionContext, MentionKind, PhiSpan, PhiType } from './text';
export type { GeneratedNote } from './notes';
