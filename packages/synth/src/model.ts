/** The facts a patient's record and notes are generated from (internal to the generator). */
import type { AllergyDef } from './data/immunizations';
import type { SymptomDef } from './data/acute-conditions';
import type { ConditionDef } from './data/conditions';
import type { MedicationDef } from './data/medications';
import type { LabKey } from './data/observations';

export interface PersonFacts {
  given: string;
  family: string;
  sex: 'female' | 'male';
  birthDate: string;
  mrn: string;
  phone: string;
  street: string;
  city: string;
  state: string;
  zip: string;
}

export interface VitalSet {
  hr?: number;
  rr?: number;
  sbp?: number;
  dbp?: number;
  temp?: number;
  spo2?: number;
  /** Fraction of inspired oxygen, 0.21..1. */
  fio2?: number;
  gcs?: number;
  weight?: number;
}

export interface LabValue {
  key: LabKey;
  value: number;
}

export interface MedOrder {
  def: MedicationDef;
  dose: string;
}

export interface FamilyHistoryItem {
  member: string;
  names: readonly string[];
  snomed: string;
  display: string;
}

export interface NoteFacts {
  person: PersonFacts;
  ageYears: number;
  clinician: string;
  hospital: string;
  /** When the note is written, epoch ms. */
  time: number;
  problems: ConditionDef[];
  pastAcute: ConditionDef[];
  reason?: ConditionDef;
  symptoms: SymptomDef[];
  negatives: SymptomDef[];
  meds: MedOrder[];
  newMeds: MedOrder[];
  allergies: AllergyDef[];
  family: FamilyHistoryItem[];
  vitals: VitalSet;
  labs: LabValue[];
  admitTime?: number;
  dischargeTime?: number;
  icu?: boolean;
  hospitalDay?: number;
  sepsis?: boolean;
  aki?: boolean;
  deteriorating?: boolean;
}
