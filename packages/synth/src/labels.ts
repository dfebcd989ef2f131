/** The generator's output: each patient's bundle and the ground truth that real records lack. */
import type { Bundle } from '@galen/fhir';
import type { GeneratedNote } from './notes';
import type { Mention, PhiSpan } from './text';

export type Trajectory = 'stable' | 'deteriorating' | 'sepsis' | 'aki';
export const TRAJECTORIES: readonly Trajectory[] = ['stable', 'deteriorating', 'sepsis', 'aki'];

export interface NoteLabel {
  /** `urn:uuid` of the DocumentReference (also its `masterIdentifier.value`). */
  document: string;
  encounter?: string;
  type: GeneratedNote['type'];
  loinc: string;
  /** Length of the note text (characters). */
  length: number;
  mentions: Mention[];
  phi: PhiSpan[];
}

export interface AdmissionLabel {
  /** `urn:uuid` of the Encounter (also its `identifier` value). */
  encounter: string;
  trajectory: Trajectory;
  start: string;
  /** Absent while the patient is still admitted. */
  end?: string;
  current: boolean;
  icu: boolean;
  /** Sepsis-3 onset computed from the recorded values (see scores.ts). */
  sepsisOnset?: string;
  /** Time of suspected infection (culture + antibiotics pairing). */
  suspectedInfection?: string;
  /** KDIGO AKI onset (creatinine criteria) and highest stage. */
  akiOnset?: string;
  akiStage?: number;
  /** Admission began within 30 days of the previous discharge. */
  readmission30d: boolean;
}

export interface PatientLabels {
  index: number;
  patient: string;
  mrn: string;
  sex: 'female' | 'male';
  ageYears: number;
  conditions: string[];
  admissions: AdmissionLabel[];
  sepsisOnset: string | null;
  akiOnset: string | null;
  readmission30d: boolean;
  notes: NoteLabel[];
}

export interface SyntheticPatient {
  index: number;
  bundle: Bundle;
  labels: PatientLabels;
}
