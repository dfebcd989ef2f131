/**
 * One patient's record in the making: the bundle entries, the facts later steps depend on
 * (demographics, baselines, problems, medications) and the ground truth collected on the way.
 * Every resource goes through `add`, which draws its `urn:uuid` from the patient's generator, so the
 * order of `add` calls and draws is the order of the output.
 */
import type {
  BundleEntry,
  CodeableConcept,
  DocumentReference,
  Encounter,
  MedicationRequest,
  Patient,
  Reference,
  Resource,
} from '@galen/fhir';
import { emptyBaseline } from './baseline';
import { SYMPTOMS, type SymptomDef } from './data/acute-conditions';
import type { ConditionDef } from './data/conditions';
import type { AllergyDef } from './data/immunizations';
import { LABS, type LabKey, type ObsDef } from './data/observations';
import {
  SYNTH_ID_SYSTEM,
  bloodPressureObservation,
  documentReference,
  encounterDiagnosis,
  encounterResource,
  labObservation,
  medicationRequest,
  round,
  vitalObservation,
  type PatientContext,
} from './fhir-builders';
import type { AdmissionLabel, NoteLabel } from './labels';
import type { FamilyHistoryItem, LabValue, MedOrder, NoteFacts, PersonFacts } from './model';
import type { GeneratedNote } from './notes';
import { Rng } from './prng';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const YEAR = 365.25 * DAY;
export const MINUTE = 60_000;

export interface ActiveCondition {
  def: ConditionDef;
  onset: number;
  ref: string;
}

export class PatientRecord implements PatientContext {
  readonly entries: BundleEntry[] = [];
  readonly rng: Rng;
  readonly now: number;
  readonly notes: NoteLabel[] = [];
  readonly admissions: AdmissionLabel[] = [];
  subject: Reference<Patient> = { reference: '' };
  person!: PersonFacts;
  ageYears = 0;
  birth = 0;
  conditions: ActiveCondition[] = [];
  pastAcute: ConditionDef[] = [];
  meds: MedOrder[] = [];
  allergies: AllergyDef[] = [];
  family: FamilyHistoryItem[] = [];
  clinician = '';
  hospital = '';
  readonly base = emptyBaseline();

  constructor(
    seed: number,
    now: number,
    readonly withNotes: boolean,
  ) {
    this.rng = new Rng(seed);
    this.now = now;
  }

  /** Add a resource as a transaction POST; returns its `urn:uuid` fullUrl. */
  add(resource: Resource): string {
    const url = 'urn:uuid:' + this.rng.uuid();
    this.entries.push({ fullUrl: url, resource, request: { method: 'POST', url: resource.resourceType } });
    return url;
  }

  /** The patient has this chronic problem. */
  has(key: string): boolean {
    return this.conditions.some((c) => c.def.key === key);
  }

  vital(def: ObsDef, value: number, t: number, encounter: string): void {
    this.add(vitalObservation(this, def, value, t, encounter));
  }

  bloodPressure(sbp: number, dbp: number, t: number, encounter: string, withMap: boolean): void {
    this.add(bloodPressureObservation(this, sbp, dbp, t, encounter, withMap));
  }

  /** Record a lab value (rounded as reported) and return it. */
  lab(key: LabKey, value: number, t: number, encounter: string): LabValue {
    const def = LABS[key];
    const v = round(value, def.decimals);
    this.add(labObservation(this, def, v, t, encounter));
    return { key, value: v };
  }

  prescribe(order: MedOrder, authored: number, status: MedicationRequest['status'], reason?: string, encounter?: string): void {
    this.add(medicationRequest(this, order, authored, status, reason, encounter));
  }

  /** Add an Encounter; it carries its own `urn:uuid` as an identifier so labels survive server-assigned ids. */
  encounter(
    cls: Encounter['class'],
    type: CodeableConcept[],
    start: number,
    end: number | undefined,
  ): { url: string; resource: Encounter } {
    const resource = encounterResource(this, cls, type, start, end, this.clinician, this.hospital);
    const url = this.add(resource);
    resource.identifier = [{ system: SYNTH_ID_SYSTEM, value: url }];
    return { url, resource };
  }

  /** Add an encounter diagnosis; returns its `urn:uuid`. */
  acuteCondition(def: ConditionDef, onset: number, encounter: string, resolvedAt?: number): string {
    return this.add(encounterDiagnosis(this, def, onset, encounter, resolvedAt));
  }

  /** Add a note as a DocumentReference and its label (concept and PHI spans). */
  document(
    note: GeneratedNote,
    t: number,
    encounter: string | undefined,
    status: DocumentReference['docStatus'] = 'final',
  ): void {
    const doc = documentReference(this, note, t, encounter, this.clinician, status);
    const url = this.add(doc);
    doc.masterIdentifier = { system: SYNTH_ID_SYSTEM, value: url };
    this.notes.push({
      document: url,
      encounter,
      type: note.type,
      loinc: note.loinc,
      length: note.text.length,
      mentions: note.mentions,
      phi: note.phi,
    });
  }

  /** The facts a note written at `time` is built from. */
  noteFacts(time: number, extra: Partial<NoteFacts>): NoteFacts {
    return {
      person: this.person,
      ageYears: Math.floor((time - this.birth) / YEAR),
      clinician: this.clinician,
      hospital: this.hospital,
      time,
      problems: this.conditions.map((c) => c.def),
      pastAcute: this.pastAcute,
      symptoms: [],
      negatives: [],
      meds: this.meds,
      newMeds: [],
      allergies: this.allergies,
      family: this.family,
      vitals: {},
      labs: [],
      ...extra,
    };
  }

  /** `n` symptoms the patient denies (none of `exclude`). */
  negatives(exclude: readonly SymptomDef[], n: number): SymptomDef[] {
    return this.rng.shuffle(SYMPTOMS.filter((s) => !exclude.includes(s))).slice(0, n);
  }
}

/** A symptom by key. */
export function symptom(key: string): SymptomDef {
  const s = SYMPTOMS.find((x) => x.key === key);
  if (!s) throw new Error(`Unknown symptom ${key}`);
  return s;
}
