/**
 * Every FHIR R4 resource the generator writes is built here, from plain values: no randomness, no
 * bundle, no ids (the patient record draws those). Codings shared by many resources are allocated
 * once and shared read-only. The order of keys in each literal is part of the generator's output
 * bytes (see golden.test.ts), so new elements go where they do not reorder the old ones.
 * @see https://hl7.org/fhir/R4/resourcelist.html
 */
import type {
  AllergyIntolerance,
  CodeableConcept,
  Coding,
  Condition,
  DocumentReference,
  Encounter,
  EncounterLocation,
  Extension,
  FamilyMemberHistory,
  Immunization,
  MedicationAdministration,
  MedicationRequest,
  Observation,
  Patient,
  Reference,
} from '@galen/fhir';
import { ICD10CM, SNOMED, type ConditionDef } from './data/conditions';
import type { AllergyDef } from './data/immunizations';
import { CVX } from './data/immunizations';
import { RXNORM, type MedicationDef } from './data/medications';
import { BLOOD_CULTURE, LOINC, OBS_CATEGORY, SPO2_PROFILE_CODE, UCUM, VITALS, type ObsDef } from './data/observations';
import { OMB_ETHNICITY } from './data/population';
import type { GeneratedNote } from './notes';

export const MRN_SYSTEM = 'https://galen.dev/fhir/mrn';
/** Identifier system carrying each resource's generated `urn:uuid`, so labels survive server-assigned ids. */
export const SYNTH_ID_SYSTEM = 'urn:ietf:rfc:3986';

const HOUR = 3_600_000;

export const iso = (ms: number) => new Date(ms).toISOString();
export const isoDate = (ms: number) => iso(ms).slice(0, 10);
/** Round to 0, 1 or 2 decimals (the precision of every recorded quantity). */
export const round = (v: number, decimals: number) => {
  const f = decimals === 0 ? 1 : decimals === 1 ? 10 : 100;
  return Math.round(v * f) / f;
};

/** What every resource of one patient refers to. */
export interface PatientContext {
  subject: Reference<Patient>;
  /** The data set's "now", epoch ms: nothing is issued or authored after it. */
  now: number;
}

// ---------------------------------------------------------------- shared codings
export const sct = (code: string, display: string): CodeableConcept => ({
  coding: [{ system: SNOMED, code, display }],
  text: display,
});

const VITAL_CATEGORY: CodeableConcept[] = [{ coding: [{ system: OBS_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }] }];
const LAB_CATEGORY: CodeableConcept[] = [{ coding: [{ system: OBS_CATEGORY, code: 'laboratory', display: 'Laboratory' }] }];
const CLINICAL_ACTIVE: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
};
const CLINICAL_RESOLVED: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }],
};
const VERIFIED: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
};
const PROBLEM_LIST: CodeableConcept[] = [
  {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/condition-category',
        code: 'problem-list-item',
        display: 'Problem List Item',
      },
    ],
  },
];
const ENCOUNTER_DX: CodeableConcept[] = [
  {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/condition-category',
        code: 'encounter-diagnosis',
        display: 'Encounter Diagnosis',
      },
    ],
  },
];
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const CLASS_AMB = { system: ACT, code: 'AMB', display: 'ambulatory' };
export const CLASS_EMER = { system: ACT, code: 'EMER', display: 'emergency' };
export const CLASS_IMP = { system: ACT, code: 'IMP', display: 'inpatient encounter' };
export const TYPE_SYMPTOM = [sct('185345009', 'Encounter for symptom (procedure)')];
export const TYPE_FOLLOWUP = [sct('390906007', 'Follow-up encounter (procedure)')];
export const TYPE_ED = [sct('50849002', 'Emergency room admission (procedure)')];
export const TYPE_ADMISSION = sct('32485007', 'Hospital admission (procedure)');
export const TYPE_ICU = sct('305351004', 'Admission to intensive care unit (procedure)');
const INTERP = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const INTERP_H: CodeableConcept[] = [{ coding: [{ system: INTERP, code: 'H', display: 'High' }] }];
const INTERP_L: CodeableConcept[] = [{ coding: [{ system: INTERP, code: 'L', display: 'Low' }] }];
const ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
/** FamilyMemberHistory.relationship codes (v3 RoleCode). */
const RELATIONSHIP: Record<string, [string, string]> = {
  mother: ['MTH', 'mother'],
  father: ['FTH', 'father'],
  sister: ['SIS', 'sister'],
  brother: ['BRO', 'brother'],
  'maternal grandmother': ['MGRMTH', 'maternal grandmother'],
  'paternal grandfather': ['PGRFTH', 'paternal grandfather'],
  aunt: ['AUNT', 'aunt'],
  uncle: ['UNCLE', 'uncle'],
};
/** Blood culture isolates (a positive culture of a septic patient names one). */
export const ORGANISMS: readonly CodeableConcept[] = [
  sct('112283007', 'Escherichia coli (organism)'),
  sct('3092008', 'Staphylococcus aureus (organism)'),
  sct('56415008', 'Klebsiella pneumoniae (organism)'),
  sct('9861002', 'Streptococcus pneumoniae (organism)'),
];
const NO_GROWTH = sct('264868006', 'No growth (qualifier value)');
// Allocated per resource, not shared (as they always have been).
const allergyActive = (): CodeableConcept => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
});
const allergyConfirmed = (): CodeableConcept => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }],
});
/** AllergyIntolerance.reaction manifestation that makes an allergy high-criticality. */
const ANAPHYLAXIS = '39579001';

const CODES = new Map<string, CodeableConcept>();
function codeOf(def: ObsDef): CodeableConcept {
  let c = CODES.get(def.loinc);
  if (!c) {
    c = { coding: [{ system: LOINC, code: def.loinc, display: def.display }], text: def.display };
    if (def.loinc === VITALS.spo2.loinc) c.coding!.push(SPO2_PROFILE_CODE);
    CODES.set(def.loinc, c);
  }
  return c;
}

const CONDITION_CODES = new Map<string, CodeableConcept>();
function conditionCode(def: ConditionDef): CodeableConcept {
  let c = CONDITION_CODES.get(def.key);
  if (!c) {
    c = {
      coding: [
        { system: SNOMED, code: def.snomed, display: def.snomedDisplay },
        { system: ICD10CM, code: def.icd10, display: def.icd10Display },
      ],
      text: def.names[0],
    };
    CONDITION_CODES.set(def.key, c);
  }
  return c;
}

const MED_CODES = new Map<string, CodeableConcept>();
function medicationCode(def: MedicationDef): CodeableConcept {
  let c = MED_CODES.get(def.key);
  if (!c) {
    c = { coding: [{ system: RXNORM, code: def.rxnorm, display: def.display }], text: def.display };
    MED_CODES.set(def.key, c);
  }
  return c;
}

/** The leading amount of a dose text (e.g. `1 g IV q24h` -> 1 g) as a UCUM quantity. */
function doseQuantity(text: string): { value: number; unit: string; system: string; code: string } {
  const m = /^([\d.]+)\s*(mg\/kg|mg|g|mL|units)/.exec(text);
  const value = m ? Number(m[1]) : 1;
  const unit = m ? m[2]! : '{dose}';
  return { value, unit, system: UCUM, code: unit === 'units' ? '[U]' : unit };
}

// ---------------------------------------------------------------- Patient
export interface PatientFields {
  race: Extension;
  hispanic: boolean;
  mrn: string;
  family: string;
  given: string;
  /** Ms./Mr. for adults. */
  prefix?: string;
  phone: string;
  phoneUse: 'mobile' | 'home';
  sex: 'female' | 'male';
  birthDate: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  /** BCP 47 language code of the preferred language. */
  language: string;
}

/** A US Core Patient with an MRN. */
export function patientResource(p: PatientFields): Patient {
  const name: NonNullable<Patient['name']>[number] = { use: 'official', family: p.family, given: [p.given] };
  if (p.prefix !== undefined) name.prefix = [p.prefix];
  return {
    resourceType: 'Patient',
    extension: [p.race, ethnicityExtension(p.hispanic)],
    identifier: [
      {
        use: 'usual',
        type: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }],
        },
        system: MRN_SYSTEM,
        value: p.mrn,
      },
    ],
    active: true,
    name: [name],
    telecom: [{ system: 'phone', value: p.phone, use: p.phoneUse }],
    gender: p.sex,
    birthDate: p.birthDate,
    address: [{ use: 'home', line: [p.street], city: p.city, state: p.state, postalCode: p.zip, country: 'US' }],
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: p.language }] }, preferred: true }],
  };
}

/**
 * US Core race extension: OMB categories and a text.
 * @see https://hl7.org/fhir/us/core/StructureDefinition-us-core-race.html
 */
export function raceExtension(categories: readonly Coding[], text: string): Extension {
  const ext: Extension[] = categories.map((c) => ({ url: 'ombCategory', valueCoding: c }));
  ext.push({ url: 'text', valueString: text });
  return { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race', extension: ext };
}

/** @see https://hl7.org/fhir/us/core/StructureDefinition-us-core-ethnicity.html */
function ethnicityExtension(hispanic: boolean): Extension {
  const c = hispanic ? OMB_ETHNICITY.hispanic : OMB_ETHNICITY.notHispanic;
  return {
    url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity',
    extension: [
      { url: 'ombCategory', valueCoding: { system: c.system, code: c.code, display: c.display } },
      { url: 'text', valueString: c.display },
    ],
  };
}

// ---------------------------------------------------------------- Condition
/** An active problem-list Condition. */
export function problemCondition(ctx: PatientContext, def: ConditionDef, onset: number, recorded: number): Condition {
  return {
    resourceType: 'Condition',
    clinicalStatus: CLINICAL_ACTIVE,
    verificationStatus: VERIFIED,
    category: PROBLEM_LIST,
    code: conditionCode(def),
    subject: ctx.subject,
    onsetDateTime: iso(onset),
    recordedDate: iso(recorded),
  };
}

/** A resolved problem-list Condition (a past acute illness). */
export function resolvedCondition(ctx: PatientContext, def: ConditionDef, onset: number, abatement: number): Condition {
  return {
    resourceType: 'Condition',
    clinicalStatus: CLINICAL_RESOLVED,
    verificationStatus: VERIFIED,
    category: PROBLEM_LIST,
    code: conditionCode(def),
    subject: ctx.subject,
    onsetDateTime: iso(onset),
    abatementDateTime: iso(abatement),
  };
}

/** An encounter diagnosis, resolved if `resolvedAt` is at or before now; recorded an hour after onset. */
export function encounterDiagnosis(
  ctx: PatientContext,
  def: ConditionDef,
  onset: number,
  encounter: string,
  resolvedAt?: number,
): Condition {
  const abatement = resolvedAt !== undefined && resolvedAt <= ctx.now ? resolvedAt : undefined;
  const c: Condition = {
    resourceType: 'Condition',
    clinicalStatus: abatement !== undefined ? CLINICAL_RESOLVED : CLINICAL_ACTIVE,
    verificationStatus: VERIFIED,
    category: ENCOUNTER_DX,
    code: conditionCode(def),
    subject: ctx.subject,
    encounter: { reference: encounter },
    onsetDateTime: iso(onset),
    recordedDate: iso(Math.min(ctx.now, onset + HOUR)),
  };
  if (abatement !== undefined) c.abatementDateTime = iso(abatement);
  return c;
}

// ---------------------------------------------------------------- medications
export function medicationRequest(
  ctx: PatientContext,
  order: { def: MedicationDef; dose: string },
  authored: number,
  status: MedicationRequest['status'],
  reason?: string,
  encounter?: string,
): MedicationRequest {
  const mr: MedicationRequest = {
    resourceType: 'MedicationRequest',
    status,
    intent: 'order',
    medicationCodeableConcept: medicationCode(order.def),
    subject: ctx.subject,
    authoredOn: iso(Math.min(authored, ctx.now)),
    dosageInstruction: [{ text: order.dose }],
  };
  if (encounter) mr.encounter = { reference: encounter };
  if (reason) mr.reasonReference = [{ reference: reason }];
  return mr;
}

export function medicationAdministration(
  ctx: PatientContext,
  order: { def: MedicationDef; dose: string },
  at: number,
  encounter: string,
): MedicationAdministration {
  return {
    resourceType: 'MedicationAdministration',
    status: 'completed',
    medicationCodeableConcept: medicationCode(order.def),
    subject: ctx.subject,
    context: { reference: encounter },
    effectiveDateTime: iso(at),
    dosage: { text: order.dose, dose: doseQuantity(order.dose) },
  };
}

// ---------------------------------------------------------------- allergies, immunizations, family history
export function allergyIntolerance(
  ctx: PatientContext,
  a: AllergyDef,
  reaction: AllergyDef['reactions'][number],
  recorded: number,
): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: allergyActive(),
    verificationStatus: allergyConfirmed(),
    type: 'allergy',
    category: [a.category],
    criticality: reaction.snomed === ANAPHYLAXIS ? 'high' : 'low',
    code: { coding: [{ system: a.system, code: a.code, display: a.display }], text: a.names[0] },
    patient: ctx.subject,
    recordedDate: iso(recorded),
    reaction: [{ manifestation: [sct(reaction.snomed, reaction.display)] }],
  };
}

/** "No known allergy" recorded as an AllergyIntolerance (the US Core way to say it). */
export function noKnownAllergy(ctx: PatientContext, recorded: number): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: allergyActive(),
    verificationStatus: allergyConfirmed(),
    code: sct('716186003', 'No known allergy (situation)'),
    patient: ctx.subject,
    recordedDate: iso(recorded),
  };
}

export function immunization(ctx: PatientContext, v: { cvx: string; display: string }, at: number): Immunization {
  return {
    resourceType: 'Immunization',
    status: 'completed',
    vaccineCode: { coding: [{ system: CVX, code: v.cvx, display: v.display }], text: v.display },
    patient: ctx.subject,
    occurrenceDateTime: iso(at),
    primarySource: true,
  };
}

export function familyMemberHistory(
  ctx: PatientContext,
  member: string,
  cond: { snomed: string; display: string; icd10: string },
): FamilyMemberHistory {
  const [code, display] = RELATIONSHIP[member]!;
  return {
    resourceType: 'FamilyMemberHistory',
    status: 'completed',
    patient: ctx.subject,
    relationship: { coding: [{ system: ROLE, code, display }] },
    condition: [
      {
        code: {
          coding: [
            { system: SNOMED, code: cond.snomed, display: cond.display },
            { system: ICD10CM, code: cond.icd10 },
          ],
        },
      },
    ],
  };
}

// ---------------------------------------------------------------- observations
/** A vital-signs Observation (FHIR vital signs profile), value rounded to the definition's decimals. */
export function vitalObservation(ctx: PatientContext, def: ObsDef, value: number, t: number, encounter: string): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: VITAL_CATEGORY,
    code: codeOf(def),
    subject: ctx.subject,
    encounter: { reference: encounter },
    effectiveDateTime: iso(t),
    valueQuantity: { value: round(value, def.decimals), unit: def.unit, system: UCUM, code: def.ucum },
  };
}

const mmHg = (value: number) => ({ value, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });

/** A blood pressure panel: systolic and diastolic, and the mean arterial pressure with `withMap`. */
export function bloodPressureObservation(
  ctx: PatientContext,
  sbp: number,
  dbp: number,
  t: number,
  encounter: string,
  withMap: boolean,
): Observation {
  const component: Observation['component'] = [
    { code: codeOf(VITALS.systolic), valueQuantity: mmHg(sbp) },
    { code: codeOf(VITALS.diastolic), valueQuantity: mmHg(dbp) },
  ];
  if (withMap) component.push({ code: codeOf(VITALS.map), valueQuantity: mmHg(Math.round((sbp + 2 * dbp) / 3)) });
  return {
    resourceType: 'Observation',
    status: 'final',
    category: VITAL_CATEGORY,
    code: codeOf(VITALS.bloodPressure),
    subject: ctx.subject,
    encounter: { reference: encounter },
    effectiveDateTime: iso(t),
    component,
  };
}

/** A laboratory Observation with an H/L interpretation outside the definition's reference range; issued an hour later. */
export function labObservation(ctx: PatientContext, def: ObsDef, value: number, t: number, encounter: string): Observation {
  const obs: Observation = {
    resourceType: 'Observation',
    status: 'final',
    category: LAB_CATEGORY,
    code: codeOf(def),
    subject: ctx.subject,
    encounter: { reference: encounter },
    effectiveDateTime: iso(t),
    issued: iso(Math.min(ctx.now, t + HOUR)),
    valueQuantity: { value, unit: def.unit, system: UCUM, code: def.ucum },
  };
  if (def.high !== undefined && value > def.high) obs.interpretation = INTERP_H;
  else if (def.low !== undefined && value < def.low) obs.interpretation = INTERP_L;
  return obs;
}

/** A blood culture: `registered` until resulted, then `final` with the isolate or "no growth". */
export function bloodCulture(
  ctx: PatientContext,
  drawn: number,
  encounter: string,
  result?: { issued: number; organism?: CodeableConcept },
): Observation {
  const culture: Observation = {
    resourceType: 'Observation',
    status: result ? 'final' : 'registered',
    category: LAB_CATEGORY,
    code: { coding: [BLOOD_CULTURE], text: 'Blood culture' },
    subject: ctx.subject,
    encounter: { reference: encounter },
    effectiveDateTime: iso(drawn),
  };
  if (result) {
    culture.issued = iso(result.issued);
    culture.valueCodeableConcept = result.organism ?? NO_GROWTH;
  }
  return culture;
}

// ---------------------------------------------------------------- Encounter
export function encounterResource(
  ctx: PatientContext,
  cls: Encounter['class'],
  type: CodeableConcept[],
  start: number,
  end: number | undefined,
  clinician: string,
  hospital: string,
): Encounter {
  return {
    resourceType: 'Encounter',
    status: end === undefined ? 'in-progress' : 'finished',
    class: cls,
    type,
    subject: ctx.subject,
    participant: [{ individual: { display: clinician } }],
    period: end === undefined ? { start: iso(start) } : { start: iso(start), end: iso(end) },
    serviceProvider: { display: hospital },
  };
}

/** Admitted from the emergency department; discharged home once `discharged`. */
export function admissionHospitalization(discharged: boolean): NonNullable<Encounter['hospitalization']> {
  const h: NonNullable<Encounter['hospitalization']> = {
    admitSource: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/admit-source',
          code: 'emd',
          display: 'From accident/emergency department',
        },
      ],
    },
  };
  if (discharged)
    h.dischargeDisposition = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'home', display: 'Home' }],
    };
  return h;
}

/**
 * Where an admitted patient was: the ward, then the ICU from `icuFrom` (ms) if given; the last
 * location stays `active` (no end) while the patient is still admitted (`end` undefined).
 */
export function admissionLocations(ward: string, start: number, end: number | undefined, icuFrom?: number): EncounterLocation[] {
  const current = end === undefined;
  const physicalType = {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'wa', display: 'Ward' }],
  };
  const last = (location: { display: string }, from: number): EncounterLocation => ({
    location,
    status: current ? 'active' : 'completed',
    physicalType,
    period: current ? { start: iso(from) } : { start: iso(from), end: iso(end) },
  });
  const wardRef = { display: ward };
  if (icuFrom === undefined) return [last(wardRef, start)];
  const locations: EncounterLocation[] = [];
  if (icuFrom > start)
    locations.push({
      location: wardRef,
      status: 'completed',
      physicalType,
      period: { start: iso(start), end: iso(icuFrom) },
    });
  locations.push(last({ display: 'Medical ICU' }, icuFrom));
  return locations;
}

// ---------------------------------------------------------------- DocumentReference
/** A note as a DocumentReference with its text as a base64 `text/plain` attachment. */
export function documentReference(
  ctx: PatientContext,
  note: GeneratedNote,
  t: number,
  encounter: string | undefined,
  clinician: string,
  status: DocumentReference['docStatus'] = 'final',
): DocumentReference {
  const doc: DocumentReference = {
    resourceType: 'DocumentReference',
    status: 'current',
    docStatus: status,
    type: { coding: [{ system: LOINC, code: note.loinc, display: note.title }], text: note.title },
    category: [
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
            code: 'clinical-note',
            display: 'Clinical Note',
          },
        ],
      },
    ],
    subject: ctx.subject,
    date: iso(t),
    author: [{ display: note.type === 'nursing' ? 'Nursing' : clinician }],
    description: note.type === 'dialogue' ? 'Visit conversation transcript' : note.title,
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          data: Buffer.from(note.text, 'utf8').toString('base64'),
          title: note.title,
          creation: iso(t),
        },
      },
    ],
  };
  if (encounter) doc.context = { encounter: [{ reference: encounter }] };
  return doc;
}
