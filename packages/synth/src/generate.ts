/**
 * The synthetic patient generator: pure and seeded. Patient `i` of seed `s` depends only on
 * (s, i, options), so the same inputs always give the same bytes and any slice can be regenerated.
 * Each patient is a FHIR R4 transaction bundle (`urn:uuid` fullUrls, POST entries) plus the ground
 * truth that real records lack.
 * @see https://hl7.org/fhir/R4/http.html#transaction
 */
import type {
  AllergyIntolerance,
  Bundle,
  BundleEntry,
  CodeableConcept,
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
  Resource,
} from '@galen/fhir';
import {
  CONDITIONS,
  FAMILY_CONDITIONS,
  FAMILY_MEMBERS,
  ICD10CM,
  SNOMED,
  SYMPTOMS,
  condition,
  prevalenceAt,
  type ConditionDef,
  type SymptomDef,
} from './data/conditions';
import { ALLERGIES, CVX, VACCINES, type AllergyDef } from './data/immunizations';
import { RXNORM, medication, type MedicationDef } from './data/medications';
import {
  BLOOD_CULTURE,
  LABS,
  LOINC,
  OBS_CATEGORY,
  SPO2_PROFILE_CODE,
  UCUM,
  VITALS,
  type LabKey,
  type ObsDef,
} from './data/observations';
import {
  AGE_BANDS,
  CLINICIANS,
  FEMALE_SHARE,
  FIRST_NAMES_FEMALE,
  FIRST_NAMES_MALE,
  HISPANIC_SHARE,
  HOSPITALS,
  LAST_NAMES,
  OMB_ETHNICITY,
  OMB_RACE,
  PLACES,
  RACE_SHARES,
  STREET_NAMES,
  STREET_SUFFIXES,
  type RaceKey,
} from './data/population';
import type { FamilyHistoryItem, LabValue, MedOrder, NoteFacts, PersonFacts, VitalSet } from './model';
import {
  writeDischargeSummary,
  writeHistoryAndPhysical,
  writeNursingNote,
  writeProgressNote,
  writeVisitDialogue,
  type GeneratedNote,
} from './notes';
import { Rng, hashSeed } from './prng';
import { hourlySofa, kdigoAki, sepsis3Onset, type SofaSeries, type TimedValue } from './scores';
import type { Mention, PhiSpan } from './text';

export const MRN_SYSTEM = 'https://galen.dev/fhir/mrn';
/** Identifier system carrying each resource's generated `urn:uuid`, so labels survive server-assigned ids. */
export const SYNTH_ID_SYSTEM = 'urn:ietf:rfc:3986';
export const DEFAULT_NOW = '2025-01-01T12:00:00.000Z';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;

export type Trajectory = 'stable' | 'deteriorating' | 'sepsis' | 'aki';
export const TRAJECTORIES: readonly Trajectory[] = ['stable', 'deteriorating', 'sepsis', 'aki'];

export interface GenerateOptions {
  /** Number of patients (0..1,000,000). */
  count: number;
  seed: number | string;
  /** The dataset's "now" (ISO 8601): every event happens at or before it. Default 2025-01-01T12:00Z. */
  now?: string;
  /** Only office visits: no ED visits, no admissions (the fast path). */
  officeOnly?: boolean;
  /** Share of patients given a hospital admission (default 0.1; 1 for inpatient-only sets). */
  inpatientShare?: number;
  /** Write notes and dialogues (default true). */
  notes?: boolean;
  /** Index of the first patient (default 0). */
  offset?: number;
  /**
   * Patients `offset .. offset + currentInpatients.length - 1` are admitted right now with these
   * trajectories (hourly vitals up to `now`), for demos.
   */
  currentInpatients?: readonly Trajectory[];
}

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

const iso = (ms: number) => new Date(ms).toISOString();
const isoDate = (ms: number) => iso(ms).slice(0, 10);
const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
const round = (v: number, decimals: number) => {
  const f = decimals === 0 ? 1 : decimals === 1 ? 10 : 100;
  return Math.round(v * f) / f;
};

// Shared, read-only parts of resources (allocated once).
const VITAL_CATEGORY: CodeableConcept[] = [{ coding: [{ system: OBS_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }] }];
const LAB_CATEGORY: CodeableConcept[] = [{ coding: [{ system: OBS_CATEGORY, code: 'laboratory', display: 'Laboratory' }] }];
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
const CLASS_AMB = { system: ACT, code: 'AMB', display: 'ambulatory' };
const CLASS_EMER = { system: ACT, code: 'EMER', display: 'emergency' };
const CLASS_IMP = { system: ACT, code: 'IMP', display: 'inpatient encounter' };
const sct = (code: string, display: string): CodeableConcept => ({ coding: [{ system: SNOMED, code, display }], text: display });
const TYPE_SYMPTOM = [sct('185345009', 'Encounter for symptom (procedure)')];
const TYPE_FOLLOWUP = [sct('390906007', 'Follow-up encounter (procedure)')];
const TYPE_ED = [sct('50849002', 'Emergency room admission (procedure)')];
const TYPE_ADMISSION = sct('32485007', 'Hospital admission (procedure)');
const TYPE_ICU = sct('305351004', 'Admission to intensive care unit (procedure)');
const INTERP = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const INTERP_H: CodeableConcept[] = [{ coding: [{ system: INTERP, code: 'H', display: 'High' }] }];
const INTERP_L: CodeableConcept[] = [{ coding: [{ system: INTERP, code: 'L', display: 'Low' }] }];
const ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
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
const ORGANISMS: readonly CodeableConcept[] = [
  sct('112283007', 'Escherichia coli (organism)'),
  sct('3092008', 'Staphylococcus aureus (organism)'),
  sct('56415008', 'Klebsiella pneumoniae (organism)'),
  sct('9861002', 'Streptococcus pneumoniae (organism)'),
];
const NO_GROWTH = sct('264868006', 'No growth (qualifier value)');
const AGE_WEIGHTS = AGE_BANDS.map((b) => b.share);
const RACE_KEYS: RaceKey[] = ['white', 'black', 'asian', 'aian', 'nhpi', 'other', 'multi'];
const RACE_WEIGHTS = {
  hispanic: RACE_KEYS.map((k) => RACE_SHARES.hispanic[k]),
  notHispanic: RACE_KEYS.map((k) => RACE_SHARES.notHispanic[k]),
};
const OMB_KEYS = Object.keys(OMB_RACE) as (keyof typeof OMB_RACE)[];
const OFFICE_ACUTE = ['uri', 'strep_pharyngitis', 'sinusitis', 'otitis_media', 'bronchitis', 'uti', 'cellulitis'].map(condition);
const ADMISSION_REASONS = ['pneumonia', 'uti', 'cellulitis'].map(condition);
const ED_REASONS = ['pneumonia', 'uti', 'cellulitis', 'bronchitis'].map(condition);
const SYMPTOMS_OF: Record<string, string[]> = {
  uri: ['cough', 'headache', 'fatigue'],
  strep_pharyngitis: ['fever', 'headache'],
  sinusitis: ['headache', 'fever'],
  otitis_media: ['fever'],
  bronchitis: ['cough', 'dyspnea'],
  uti: ['dysuria', 'abdominal_pain'],
  cellulitis: ['fever', 'chills'],
  pneumonia: ['cough', 'fever', 'dyspnea'],
};
const symptom = (key: string): SymptomDef => {
  const s = SYMPTOMS.find((x) => x.key === key);
  if (!s) throw new Error(`Unknown symptom ${key}`);
  return s;
};

interface ActiveCondition {
  def: ConditionDef;
  onset: number;
  ref: string;
}

/** One patient in the making: collects bundle entries and ground truth. */
class PatientBuilder {
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
  /** Baselines for vital signs and labs. */
  base = {
    sbp: 120,
    dbp: 75,
    hr: 75,
    rr: 16,
    spo2: 97,
    temp: 36.8,
    height: 170,
    weight: 70,
    creat: 0.9,
    plt: 250,
    bili: 0.6,
    hgb: 13.5,
    wbc: 7,
    glucose: 95,
    a1c: 5.3,
    ldl: 110,
    tsh: 2,
  };

  constructor(
    seed: number,
    now: number,
    readonly withNotes: boolean,
  ) {
    this.rng = new Rng(seed);
    this.now = now;
  }

  add(resource: Resource): string {
    const url = 'urn:uuid:' + this.rng.uuid();
    this.entries.push({ fullUrl: url, resource, request: { method: 'POST', url: resource.resourceType } });
    return url;
  }

  has(key: string): boolean {
    return this.conditions.some((c) => c.def.key === key);
  }

  // ---------------------------------------------------------------- demographics
  demographics(forceAdult: boolean): void {
    const rng = this.rng;
    const sex = rng.chance(FEMALE_SHARE) ? 'female' : 'male';
    let age: number;
    if (forceAdult) age = 30 + Math.round(62 * Math.sqrt(rng.next()));
    else {
      const band = AGE_BANDS[rng.weightedIndex(AGE_WEIGHTS)]!;
      age = rng.int(band.from, band.to);
    }
    this.ageYears = age;
    this.birth = this.now - age * YEAR - rng.uniform(1, 360) * DAY;
    const given = rng.pick(sex === 'female' ? FIRST_NAMES_FEMALE : FIRST_NAMES_MALE);
    const family = rng.pick(LAST_NAMES);
    const place = rng.pick(PLACES);
    const street = `${rng.int(10, 9899)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`;
    const phone = `(${place.area}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`;
    const mrn = 'M' + String(rng.int(1_000_000, 9_999_999));
    this.person = {
      given,
      family,
      sex,
      birthDate: isoDate(this.birth),
      mrn,
      phone,
      street,
      city: place.city,
      state: place.state,
      zip: place.zip,
    };
    this.clinician = rng.pick(CLINICIANS);
    this.hospital = rng.pick(HOSPITALS);
    const hispanic = rng.chance(HISPANIC_SHARE);
    const race = RACE_KEYS[rng.weightedIndex(hispanic ? RACE_WEIGHTS.hispanic : RACE_WEIGHTS.notHispanic)]!;
    const patient: Patient = {
      resourceType: 'Patient',
      extension: [this.raceExtension(race), ethnicityExtension(hispanic)],
      identifier: [
        {
          use: 'usual',
          type: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }],
          },
          system: MRN_SYSTEM,
          value: mrn,
        },
      ],
      active: true,
      name: [{ use: 'official', family, given: [given], prefix: age >= 18 ? [sex === 'female' ? 'Ms.' : 'Mr.'] : undefined }],
      telecom: [{ system: 'phone', value: phone, use: rng.chance(0.7) ? 'mobile' : 'home' }],
      gender: sex,
      birthDate: this.person.birthDate,
      address: [{ use: 'home', line: [street], city: place.city, state: place.state, postalCode: place.zip, country: 'US' }],
      communication: [
        {
          language: { coding: [{ system: 'urn:ietf:bcp:47', code: hispanic && rng.chance(0.3) ? 'es' : 'en' }] },
          preferred: true,
        },
      ],
    };
    if (!patient.name![0]!.prefix) delete patient.name![0]!.prefix;
    const url = this.add(patient);
    this.subject = { reference: url };
    // Baselines
    const female = sex === 'female';
    if (age >= 18) {
      this.base.height = rng.normal(female ? 162 : 176, 7);
    } else {
      this.base.height = Math.min(female ? 162 : 176, 52 + 6.3 * age + (age > 12 ? (age - 12) * 1.5 : 0)) + rng.normal(0, 4);
    }
    this.base.hr = age < 2 ? rng.normal(120, 10) : age < 12 ? rng.normal(95, 10) : rng.normal(74, 9);
    this.base.rr = age < 2 ? 30 : age < 12 ? 22 : 16;
    this.base.creat = age < 18 ? rng.uniform(0.3, 0.7) : female ? rng.uniform(0.6, 0.95) : rng.uniform(0.75, 1.15);
    this.base.plt = rng.uniform(180, 330);
    this.base.bili = rng.uniform(0.3, 0.9);
    this.base.hgb = female ? rng.normal(13.2, 0.8) : rng.normal(14.8, 0.9);
    this.base.wbc = rng.uniform(5, 9);
    this.base.tsh = rng.uniform(0.8, 3.2);
  }

  raceExtension(race: RaceKey): Extension {
    const ext: Extension[] = [];
    let text: string;
    if (race === 'other') {
      text = 'Some other race';
    } else if (race === 'multi') {
      const a = this.rng.pick(OMB_KEYS);
      let b = this.rng.pick(OMB_KEYS);
      if (b === a) b = a === 'white' ? 'black' : 'white';
      ext.push({ url: 'ombCategory', valueCoding: OMB_RACE[a] }, { url: 'ombCategory', valueCoding: OMB_RACE[b] });
      text = 'Two or more races';
    } else {
      ext.push({ url: 'ombCategory', valueCoding: OMB_RACE[race] });
      text = OMB_RACE[race].display;
    }
    ext.push({ url: 'text', valueString: text });
    return { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race', extension: ext };
  }

  // ---------------------------------------------------------------- history
  history(): void {
    const rng = this.rng;
    const age = this.ageYears;
    for (const def of CONDITIONS) {
      if (def.sex && def.sex !== this.person.sex) continue;
      if (def.requires && !this.has(def.requires)) continue;
      let p = prevalenceAt(def, age);
      if (p <= 0) continue;
      if (def.boost) for (const k in def.boost) if (this.has(k)) p *= def.boost[k]!;
      if (!rng.chance(Math.min(0.95, p))) continue;
      let lo = def.onset[0];
      let hi = Math.min(def.onset[1], age);
      if (hi < lo) {
        lo = Math.max(0, age - 5);
        hi = age;
      }
      const onset = Math.min(this.birth + rng.uniform(lo, hi + 0.99) * YEAR, this.now - 30 * DAY);
      const resource: Condition = {
        resourceType: 'Condition',
        clinicalStatus: CLINICAL_ACTIVE,
        verificationStatus: VERIFIED,
        category: PROBLEM_LIST,
        code: conditionCode(def),
        subject: this.subject,
        onsetDateTime: iso(Math.max(onset, this.birth + DAY)),
        recordedDate: iso(Math.min(this.now - DAY, Math.max(onset, this.birth + DAY) + rng.int(0, 60) * DAY)),
      };
      this.conditions.push({ def, onset, ref: this.add(resource) });
    }
    // Baselines that follow the problems.
    const b = this.base;
    b.sbp = (this.ageYears < 18 ? 105 : 112 + this.ageYears * 0.25) + (this.has('hypertension') ? 14 : 0) + rng.normal(0, 7);
    b.dbp = (this.ageYears < 18 ? 65 : 72) + (this.has('hypertension') ? 7 : 0) + rng.normal(0, 5);
    b.spo2 = this.has('copd') ? rng.uniform(90, 94) : rng.uniform(96, 99.4);
    const bmi = this.has('obesity') ? rng.uniform(30.5, 42) : this.ageYears < 18 ? rng.uniform(15, 21) : rng.uniform(20, 29.5);
    b.weight = (bmi * b.height * b.height) / 10000;
    if (this.has('ckd3')) b.creat = this.person.sex === 'female' ? rng.uniform(1.2, 1.8) : rng.uniform(1.4, 2.1);
    if (this.has('iron_deficiency_anemia')) b.hgb = rng.uniform(8.6, 11);
    b.glucose = this.has('t2dm') ? rng.uniform(130, 220) : this.has('prediabetes') ? rng.uniform(100, 125) : rng.uniform(75, 99);
    b.a1c = this.has('t2dm') ? rng.uniform(6.6, 9.8) : this.has('prediabetes') ? rng.uniform(5.7, 6.4) : rng.uniform(4.6, 5.6);
    b.ldl = this.has('hyperlipidemia') ? rng.uniform(130, 195) : rng.uniform(60, 129);
    if (this.has('hypothyroidism')) b.tsh = rng.uniform(4.8, 9.5);
    // Medications for the problems.
    for (const c of this.conditions) {
      if (!c.def.meds.length || !rng.chance(0.85)) continue;
      const n = ['t2dm', 'heart_failure', 'cad', 'asthma'].includes(c.def.key) && rng.chance(0.5) ? 2 : 1;
      const choices = rng.chance(0.65) ? c.def.meds.slice(0, n) : rng.shuffle(c.def.meds).slice(0, n);
      for (const key of choices) {
        if (this.meds.some((m) => m.def.key === key)) continue;
        const def = medication(key);
        const order: MedOrder = { def, dose: rng.pick(def.doses) };
        this.meds.push(order);
        this.add(this.medicationRequest(order, c.onset + rng.int(0, 90) * DAY, 'active', c.ref));
      }
    }
    // Allergies.
    for (const a of ALLERGIES) {
      if (!rng.chance(a.p)) continue;
      this.allergies.push(a);
      const reaction = rng.pick(a.reactions);
      const ai: AllergyIntolerance = {
        resourceType: 'AllergyIntolerance',
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
        },
        verificationStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }],
        },
        type: 'allergy',
        category: [a.category],
        criticality: reaction.snomed === '39579001' ? 'high' : 'low',
        code: { coding: [{ system: a.system, code: a.code, display: a.display }], text: a.names[0] },
        patient: this.subject,
        recordedDate: iso(this.now - rng.int(30, 3000) * DAY),
        reaction: [{ manifestation: [sct(reaction.snomed, reaction.display)] }],
      };
      this.add(ai);
    }
    if (!this.allergies.length && rng.chance(0.5)) {
      this.add({
        resourceType: 'AllergyIntolerance',
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
        },
        verificationStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }],
        },
        code: sct('716186003', 'No known allergy (situation)'),
        patient: this.subject,
        recordedDate: iso(this.now - rng.int(30, 3000) * DAY),
      } satisfies AllergyIntolerance);
    }
    // Immunizations.
    for (const v of VACCINES) {
      if (this.ageYears < v.minAge || this.ageYears > v.maxAge || !rng.chance(v.p)) continue;
      const earliest = Math.max(this.birth + v.minAge * YEAR, v.everyYears ? this.now - v.everyYears * YEAR : 0);
      const when = rng.uniform(earliest, this.now - 7 * DAY);
      const imm: Immunization = {
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: { coding: [{ system: CVX, code: v.cvx, display: v.display }], text: v.display },
        patient: this.subject,
        occurrenceDateTime: iso(Math.max(when, this.birth + DAY)),
        primarySource: true,
      };
      this.add(imm);
    }
    // Resolved acute problems from the past.
    const nPast = this.ageYears > 20 ? rng.int(0, 2) : rng.int(0, 1);
    for (let i = 0; i < nPast; i++) {
      const def = rng.pick(['pneumonia', 'cellulitis', 'uti', 'sinusitis', 'bronchitis'].map(condition));
      if ((def.sex && def.sex !== this.person.sex) || this.pastAcute.includes(def)) continue;
      const onset = this.now - rng.uniform(1, Math.min(15, this.ageYears + 1)) * YEAR;
      if (onset < this.birth) continue;
      this.pastAcute.push(def);
      this.add({
        resourceType: 'Condition',
        clinicalStatus: CLINICAL_RESOLVED,
        verificationStatus: VERIFIED,
        category: PROBLEM_LIST,
        code: conditionCode(def),
        subject: this.subject,
        onsetDateTime: iso(onset),
        abatementDateTime: iso(onset + rng.int(7, 21) * DAY),
      } satisfies Condition);
    }
    // Family history.
    const nFam = rng.int(0, 2);
    for (let i = 0; i < nFam; i++) {
      const cond = rng.pick(FAMILY_CONDITIONS);
      const member = rng.pick(FAMILY_MEMBERS);
      if (this.family.some((f) => f.member === member)) continue;
      this.family.push({ member, names: cond.names, snomed: cond.snomed, display: cond.display });
      const [code, display] = RELATIONSHIP[member]!;
      this.add({
        resourceType: 'FamilyMemberHistory',
        status: 'completed',
        patient: this.subject,
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
      } satisfies FamilyMemberHistory);
    }
  }

  medicationRequest(
    order: MedOrder,
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
      subject: this.subject,
      authoredOn: iso(Math.min(authored, this.now)),
      dosageInstruction: [{ text: order.dose }],
    };
    if (encounter) mr.encounter = { reference: encounter };
    if (reason) mr.reasonReference = [{ reference: reason }];
    return mr;
  }

  // ---------------------------------------------------------------- observations
  vital(def: ObsDef, value: number, t: number, encounter: string): void {
    const obs: Observation = {
      resourceType: 'Observation',
      status: 'final',
      category: VITAL_CATEGORY,
      code: codeOf(def),
      subject: this.subject,
      encounter: { reference: encounter },
      effectiveDateTime: iso(t),
      valueQuantity: { value: round(value, def.decimals), unit: def.unit, system: UCUM, code: def.ucum },
    };
    this.add(obs);
  }

  bloodPressure(sbp: number, dbp: number, t: number, encounter: string, withMap: boolean): void {
    const component: Observation['component'] = [
      { code: codeOf(VITALS.systolic), valueQuantity: { value: sbp, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
      { code: codeOf(VITALS.diastolic), valueQuantity: { value: dbp, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
    ];
    if (withMap)
      component.push({
        code: codeOf(VITALS.map),
        valueQuantity: { value: Math.round((sbp + 2 * dbp) / 3), unit: 'mmHg', system: UCUM, code: 'mm[Hg]' },
      });
    this.add({
      resourceType: 'Observation',
      status: 'final',
      category: VITAL_CATEGORY,
      code: codeOf(VITALS.bloodPressure),
      subject: this.subject,
      encounter: { reference: encounter },
      effectiveDateTime: iso(t),
      component,
    } satisfies Observation);
  }

  lab(key: LabKey, value: number, t: number, encounter: string): LabValue {
    const def = LABS[key];
    const v = round(value, def.decimals);
    const obs: Observation = {
      resourceType: 'Observation',
      status: 'final',
      category: LAB_CATEGORY,
      code: codeOf(def),
      subject: this.subject,
      encounter: { reference: encounter },
      effectiveDateTime: iso(t),
      issued: iso(Math.min(this.now, t + HOUR)),
      valueQuantity: { value: v, unit: def.unit, system: UCUM, code: def.ucum },
    };
    if (def.high !== undefined && v > def.high) obs.interpretation = INTERP_H;
    else if (def.low !== undefined && v < def.low) obs.interpretation = INTERP_L;
    this.add(obs);
    return { key, value: v };
  }

  egfr(creat: number): number {
    // CKD-EPI 2021 (race-free): Inker et al., N Engl J Med 2021;385:1737-49.
    const female = this.person.sex === 'female';
    const k = female ? 0.7 : 0.9;
    const a = female ? -0.241 : -0.302;
    const r = creat / k;
    return (
      142 * Math.pow(Math.min(r, 1), a) * Math.pow(Math.max(r, 1), -1.2) * Math.pow(0.9938, this.ageYears) * (female ? 1.012 : 1)
    );
  }

  outpatientLabs(t: number, enc: string): LabValue[] {
    const rng = this.rng;
    const b = this.base;
    const out: LabValue[] = [];
    const creat = b.creat * rng.uniform(0.95, 1.05);
    out.push(this.lab('glucose', b.glucose + rng.normal(0, 6), t, enc));
    out.push(this.lab('creatinine', creat, t, enc));
    out.push(this.lab('sodium', rng.normal(139, 2), t, enc));
    out.push(this.lab('potassium', rng.normal(4.2, 0.3), t, enc));
    if (this.ageYears >= 18) this.lab('egfr', this.egfr(creat), t, enc);
    if (this.has('t2dm') || this.has('prediabetes') || rng.chance(0.2))
      out.push(this.lab('hba1c', b.a1c + rng.normal(0, 0.15), t, enc));
    if (this.has('hyperlipidemia') || (this.ageYears > 40 && rng.chance(0.4))) {
      const ldl = b.ldl + rng.normal(0, 8);
      const hdl = rng.uniform(35, 70);
      const tg = rng.uniform(80, this.has('t2dm') ? 320 : 190);
      out.push(this.lab('ldl', ldl, t, enc));
      this.lab('hdl', hdl, t, enc);
      this.lab('triglycerides', tg, t, enc);
      this.lab('cholesterol', ldl + hdl + tg / 5, t, enc);
    }
    if (this.has('hypothyroidism') || rng.chance(0.1)) out.push(this.lab('tsh', b.tsh * rng.uniform(0.9, 1.1), t, enc));
    if (this.has('iron_deficiency_anemia') || this.has('ckd3') || rng.chance(0.3))
      out.push(this.lab('hemoglobin', b.hgb + rng.normal(0, 0.3), t, enc));
    return out;
  }

  encounter(
    cls: Encounter['class'],
    type: CodeableConcept[],
    start: number,
    end: number | undefined,
    reason?: string,
  ): { url: string; resource: Encounter } {
    const resource: Encounter = {
      resourceType: 'Encounter',
      status: end === undefined ? 'in-progress' : 'finished',
      class: cls,
      type,
      subject: this.subject,
      participant: [{ individual: { display: this.clinician } }],
      period: end === undefined ? { start: iso(start) } : { start: iso(start), end: iso(end) },
      serviceProvider: { display: this.hospital },
    };
    if (reason) resource.reasonReference = [{ reference: reason }];
    const url = this.add(resource);
    resource.identifier = [{ system: SYNTH_ID_SYSTEM, value: url }];
    return { url, resource };
  }

  acuteCondition(def: ConditionDef, onset: number, encounter: string, resolvedAt?: number): string {
    const c: Condition = {
      resourceType: 'Condition',
      clinicalStatus: resolvedAt !== undefined && resolvedAt <= this.now ? CLINICAL_RESOLVED : CLINICAL_ACTIVE,
      verificationStatus: VERIFIED,
      category: ENCOUNTER_DX,
      code: conditionCode(def),
      subject: this.subject,
      encounter: { reference: encounter },
      onsetDateTime: iso(onset),
      recordedDate: iso(Math.min(this.now, onset + HOUR)),
    };
    if (resolvedAt !== undefined && resolvedAt <= this.now) c.abatementDateTime = iso(resolvedAt);
    return this.add(c);
  }

  document(
    note: GeneratedNote,
    t: number,
    encounter: string | undefined,
    status: DocumentReference['docStatus'] = 'final',
  ): void {
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
      subject: this.subject,
      date: iso(t),
      author: [{ display: note.type === 'nursing' ? 'Nursing' : this.clinician }],
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

  negatives(exclude: readonly SymptomDef[], n: number): SymptomDef[] {
    return this.rng.shuffle(SYMPTOMS.filter((s) => !exclude.includes(s))).slice(0, n);
  }

  // ---------------------------------------------------------------- office visits
  officeVisits(): void {
    const rng = this.rng;
    const n = rng.int(1, 4);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const day = Math.floor(this.now / DAY) - rng.int(1, 730);
      times.push(day * DAY + rng.int(13, 22) * HOUR + rng.int(0, 3) * 15 * 60_000);
    }
    times.sort((a, b) => a - b);
    const labVisit = this.ageYears >= 18 && rng.chance(0.7) ? rng.int(0, n - 1) : -1;
    times.forEach((t, i) => {
      const last = i === n - 1;
      const eligible = OFFICE_ACUTE.filter(
        (d) => (!d.sex || d.sex === this.person.sex) && this.ageYears >= d.onset[0] && this.ageYears <= d.onset[1],
      );
      const reason = eligible.length && rng.chance(0.4) ? rng.pick(eligible) : undefined;
      const end = t + rng.int(15, 40) * 60_000;
      const enc = this.encounter(CLASS_AMB, reason ? TYPE_SYMPTOM : TYPE_FOLLOWUP, t, end);
      const febrile =
        reason && ['strep_pharyngitis', 'otitis_media', 'cellulitis', 'sinusitis'].includes(reason.key) && rng.chance(0.6);
      const v: VitalSet = {
        sbp: Math.round(this.base.sbp + rng.normal(0, 6)),
        dbp: Math.round(this.base.dbp + rng.normal(0, 4)),
        hr: Math.round(this.base.hr + (febrile ? 12 : 0) + rng.normal(0, 5)),
        temp: round(febrile ? rng.uniform(37.9, 39.2) : rng.normal(36.8, 0.2), 1),
        spo2: Math.round(clamp(this.base.spo2 + rng.normal(0, 0.8), 85, 100)),
        weight: round(this.base.weight + rng.normal(0, 0.8), 1),
      };
      if (rng.chance(0.6)) v.rr = Math.round(this.base.rr + rng.normal(0, 1.5));
      this.bloodPressure(v.sbp!, v.dbp!, t + 5 * 60_000, enc.url, false);
      this.vital(VITALS.heartRate, v.hr!, t + 5 * 60_000, enc.url);
      this.vital(VITALS.temperature, v.temp!, t + 5 * 60_000, enc.url);
      if (rng.chance(0.85)) this.vital(VITALS.spo2, v.spo2!, t + 5 * 60_000, enc.url);
      if (v.rr !== undefined) this.vital(VITALS.respRate, v.rr, t + 5 * 60_000, enc.url);
      this.vital(VITALS.weight, v.weight!, t + 4 * 60_000, enc.url);
      if (i === 0 || this.ageYears < 18) {
        this.vital(VITALS.height, this.base.height, t + 4 * 60_000, enc.url);
        this.vital(VITALS.bmi, (v.weight! * 10000) / (this.base.height * this.base.height), t + 4 * 60_000, enc.url);
      }
      const labs = i === labVisit ? this.outpatientLabs(t + 20 * 60_000, enc.url) : [];
      const newMeds: MedOrder[] = [];
      if (reason) {
        const condUrl = this.acuteCondition(reason, t - rng.int(1, 5) * DAY, enc.url, t + rng.int(7, 14) * DAY);
        enc.resource.reasonReference = [{ reference: condUrl }];
        if (reason.key !== 'uri' || rng.chance(0.5)) {
          const def = medication(reason.meds[0]!);
          const order = { def, dose: rng.pick(def.doses) };
          newMeds.push(order);
          this.add(
            this.medicationRequest(order, t + 25 * 60_000, t + 14 * DAY < this.now ? 'completed' : 'active', condUrl, enc.url),
          );
        }
      }
      if (this.withNotes && last) {
        const symptoms = reason ? (SYMPTOMS_OF[reason.key] ?? []).map(symptom) : [];
        const facts = this.noteFacts(t, {
          reason,
          symptoms,
          negatives: this.negatives(symptoms, rng.int(1, 3)),
          newMeds,
          vitals: v,
          labs,
        });
        const { dialogue, soap } = writeVisitDialogue(rng, facts, SYMPTOMS);
        this.document(dialogue, end, enc.url);
        this.document(soap, end + 10 * 60_000, enc.url);
      }
    });
  }

  // ---------------------------------------------------------------- emergency department
  edVisit(): void {
    const rng = this.rng;
    const eligible = ED_REASONS.filter((d) => !d.sex || d.sex === this.person.sex);
    const reason = rng.pick(eligible);
    const t = this.now - rng.int(2, 700) * DAY - rng.int(0, 23) * HOUR;
    const end = t + rng.int(3, 8) * HOUR;
    const enc = this.encounter(CLASS_EMER, TYPE_ED, t, end);
    const condUrl = this.acuteCondition(reason, t - rng.int(1, 4) * DAY, enc.url, t + rng.int(7, 14) * DAY);
    enc.resource.reasonReference = [{ reference: condUrl }];
    for (let k = 0; k < 2; k++) {
      const tt = t + (k === 0 ? 10 * 60_000 : (end - t) * 0.8);
      const sick = k === 0 ? 1 : 0.5;
      const sbp = Math.round(this.base.sbp - 5 * sick + rng.normal(0, 6));
      const dbp = Math.round(this.base.dbp - 3 * sick + rng.normal(0, 4));
      this.bloodPressure(sbp, dbp, tt, enc.url, true);
      this.vital(VITALS.heartRate, this.base.hr + 18 * sick + rng.normal(0, 5), tt, enc.url);
      this.vital(VITALS.respRate, this.base.rr + 3 * sick + rng.normal(0, 1.5), tt, enc.url);
      this.vital(VITALS.temperature, 37 + 1.1 * sick + rng.normal(0, 0.3), tt, enc.url);
      this.vital(VITALS.spo2, clamp(this.base.spo2 - 2 * sick + rng.normal(0, 1), 80, 100), tt, enc.url);
    }
    const lt = t + 40 * 60_000;
    this.lab('wbc', this.base.wbc + rng.uniform(2, 6), lt, enc.url);
    this.lab('hemoglobin', this.base.hgb + rng.normal(0, 0.3), lt, enc.url);
    this.lab('platelets', this.base.plt, lt, enc.url);
    this.lab('creatinine', this.base.creat * rng.uniform(0.95, 1.15), lt, enc.url);
    this.lab('bun', this.base.creat * rng.uniform(12, 20), lt, enc.url);
    this.lab('sodium', rng.normal(138, 2.5), lt, enc.url);
    this.lab('potassium', rng.normal(4.1, 0.4), lt, enc.url);
    this.lab('glucose', this.base.glucose + rng.uniform(0, 30), lt, enc.url);
    const def = medication(reason.key === 'pneumonia' ? 'azithromycin' : reason.meds[0]!);
    this.add(
      this.medicationRequest(
        { def, dose: rng.pick(def.doses) },
        end - HOUR,
        end + 10 * DAY < this.now ? 'completed' : 'active',
        condUrl,
        enc.url,
      ),
    );
  }

  // ---------------------------------------------------------------- admissions
  admission(trajectory: Trajectory, start: number, plannedHours: number, current: boolean, readmission: boolean): number {
    const rng = this.rng;
    const b = this.base;
    const H = current ? Math.floor((this.now - start) / HOUR) : plannedHours;
    const end = current ? undefined : start + H * HOUR;
    const eligible = ADMISSION_REASONS.filter((d) => !d.sex || d.sex === this.person.sex);
    const reason =
      trajectory === 'deteriorating' && this.has('heart_failure') && rng.chance(0.5)
        ? condition('heart_failure')
        : rng.pick(eligible);
    // Latent course.
    const septic = trajectory === 'sepsis';
    let tInf = -1;
    if (septic)
      tInf = current
        ? Math.max(0, H - rng.int(8, 20))
        : rng.chance(0.5)
          ? rng.int(0, 4)
          : rng.int(12, Math.max(13, Math.min(60, H - 30)));
    let tDet = -1;
    if (trajectory === 'deteriorating')
      tDet = current ? Math.max(0, H - rng.int(8, 20)) : rng.int(6, Math.max(7, Math.min(48, H - 36)));
    let tAki = -1;
    if (trajectory === 'aki' || (septic && rng.chance(0.4)))
      tAki = current ? Math.max(0, H - rng.int(30, 48)) : rng.int(6, Math.max(7, Math.min(48, H - 36)));
    const peak = rng.uniform(0.65, 0.95);
    const akiAmp = rng.uniform(0.7, 2.2);
    const icu = trajectory === 'sepsis' || (trajectory === 'deteriorating' && rng.chance(0.7));
    const tIcu = !icu ? Infinity : septic ? Math.max(0, tInf + rng.int(3, 8)) : Math.max(0, tDet + rng.int(6, 14));
    const enc = this.encounter(CLASS_IMP, icu && tIcu < H ? [TYPE_ADMISSION, TYPE_ICU] : [TYPE_ADMISSION], start, end);
    const admitCond = this.acuteCondition(
      reason,
      start - rng.int(1, 3) * DAY,
      enc.url,
      end !== undefined ? end + 5 * DAY : undefined,
    );
    enc.resource.reasonReference = [{ reference: admitCond }];
    enc.resource.hospitalization = {
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
    if (end !== undefined)
      enc.resource.hospitalization.dischargeDisposition = {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'home', display: 'Home' }],
      };
    const locations: EncounterLocation[] = [];
    const ward = { display: `Ward ${rng.int(2, 9)}${rng.pick(['A', 'B', 'C'])}` };
    const wardType = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'wa', display: 'Ward' }],
    };
    if (icu && tIcu < H) {
      if (tIcu > 0)
        locations.push({
          location: ward,
          status: 'completed',
          physicalType: wardType,
          period: { start: iso(start), end: iso(start + tIcu * HOUR) },
        });
      locations.push({
        location: { display: 'Medical ICU' },
        status: current ? 'active' : 'completed',
        physicalType: wardType,
        period: current ? { start: iso(start + tIcu * HOUR) } : { start: iso(start + tIcu * HOUR), end: iso(end!) },
      });
    } else
      locations.push({
        location: ward,
        status: current ? 'active' : 'completed',
        physicalType: wardType,
        period: current ? { start: iso(start) } : { start: iso(start), end: iso(end!) },
      });
    enc.resource.location = locations;

    const series: SofaSeries = {
      spo2: [],
      fio2: [],
      platelets: [],
      bilirubin: [],
      map: [],
      norepinephrine: [],
      gcs: [],
      creatinine: [],
    };
    const creatSeries: TimedValue[] = series.creatinine!;
    const cultures: number[] = [];
    const antibiotics: number[] = [];
    const newMeds: MedOrder[] = [];
    let pressor = 0;
    let lowMapHours = 0;
    let abxHour = -1;
    const lastVitals: VitalSet = {};
    let dayLabs: LabValue[] = [];
    const nursingTimes = new Set<number>();
    const sevAt = (h: number) => {
      let s = 0.12 * Math.exp(-h / 24);
      let inf = 0;
      if (septic) {
        inf = peak / (1 + Math.exp(-(h - tInf - 5) / 2.5));
        if (abxHour >= 0 && !current && h > abxHour + 30) inf *= Math.exp(-(h - abxHour - 30) / 24);
        s = Math.max(s, inf);
      }
      if (tDet >= 0 && h > tDet) {
        let d = Math.min(1, (h - tDet) / 24) * peak * 0.85;
        if (!current && h > tDet + 48) d *= Math.exp(-(h - tDet - 48) / 24);
        s = Math.max(s, d);
      }
      return { s, inf };
    };
    const akiFactor = (h: number) => {
      if (tAki < 0 || h < tAki) return 1;
      let f = 1 + akiAmp * Math.min(1, (h - tAki) / 36);
      if (!current && h > tAki + 72) f = 1 + (f - 1) * Math.exp(-(h - tAki - 72) / 36);
      return f;
    };
    const drawLabs = (h: number, t: number, s: number, inf: number, full: boolean) => {
      const labs: LabValue[] = [];
      const cr = b.creat * akiFactor(h) * (1 + (septic ? 1.3 : 0.5) * Math.max(0, s - 0.4)) * rng.uniform(0.97, 1.03);
      const crLab = this.lab('creatinine', cr, t, enc.url);
      creatSeries.push({ t, value: crLab.value });
      labs.push(crLab);
      labs.push(this.lab('bun', cr * rng.uniform(14, 22), t, enc.url));
      labs.push(this.lab('sodium', rng.normal(138, 2.5), t, enc.url));
      labs.push(this.lab('potassium', rng.normal(4.1, 0.3) + 0.3 * (akiFactor(h) - 1), t, enc.url));
      this.lab('bicarbonate', 25 - 7 * Math.max(0, s - 0.3) + rng.normal(0, 1), t, enc.url);
      this.lab('glucose', b.glucose + 40 * s + rng.normal(0, 10), t, enc.url);
      labs.push(this.lab('wbc', b.wbc + (septic ? 11 * inf : 2.5 * s) + rng.normal(0, 0.8), t, enc.url));
      labs.push(this.lab('hemoglobin', b.hgb - 0.25 * (h / 24) + rng.normal(0, 0.2), t, enc.url));
      const plt = this.lab('platelets', b.plt * (1 - 0.75 * Math.max(0, s - 0.2)) + rng.normal(0, 8), t, enc.url);
      series.platelets!.push({ t, value: plt.value });
      labs.push(plt);
      if (full) {
        const bili = this.lab('bilirubin', b.bili + 5 * Math.pow(Math.max(0, s - 0.4), 1.2) + rng.normal(0, 0.05), t, enc.url);
        series.bilirubin!.push({ t, value: bili.value });
      }
      return labs;
    };

    for (let h = 0; h <= H; h++) {
      const t0 = start + h * HOUR;
      if (t0 > this.now) break;
      const { s, inf } = sevAt(h);
      const inIcu = icu && h >= tIcu;
      // Recognition of infection: culture then antibiotics (or the reverse).
      if ((septic && h === tInf + 3) || (trajectory === 'deteriorating' && h === tDet + 6 && rng.chance(0.3))) {
        const abxFirst = rng.chance(0.2);
        const tc = t0 + (abxFirst ? 2 * HOUR : 0) + rng.int(0, 50) * 60_000;
        const ta = t0 + (abxFirst ? 0 : rng.int(1, 3) * HOUR) + rng.int(0, 50) * 60_000;
        if (tc <= this.now) {
          cultures.push(tc);
          const resulted = tc + 48 * HOUR <= this.now;
          const culture: Observation = {
            resourceType: 'Observation',
            status: resulted ? 'final' : 'registered',
            category: LAB_CATEGORY,
            code: { coding: [BLOOD_CULTURE], text: 'Blood culture' },
            subject: this.subject,
            encounter: { reference: enc.url },
            effectiveDateTime: iso(tc),
          };
          if (resulted) {
            culture.issued = iso(tc + 48 * HOUR);
            culture.valueCodeableConcept = septic && rng.chance(0.5) ? rng.pick(ORGANISMS) : NO_GROWTH;
          }
          this.add(culture);
          this.lab('lactate', 0.9 + (septic ? 4.5 * inf * inf : 2 * Math.max(0, s - 0.3)) + rng.normal(0, 0.2), tc, enc.url);
          this.lab('procalcitonin', septic ? rng.uniform(2, 20) * inf + 0.1 : rng.uniform(0.05, 0.4), tc, enc.url);
        }
        if (ta <= this.now) {
          antibiotics.push(ta);
          abxHour = h;
          const abx = septic
            ? rng.pick([['vancomycin', 'cefepime'], ['vancomycin', 'meropenem'], ['ceftriaxone']])
            : ['ceftriaxone'];
          for (const key of abx) {
            const def = medication(key);
            const order = { def, dose: rng.pick(def.doses) };
            newMeds.push(order);
            this.add(this.medicationRequest(order, ta - 20 * 60_000, current ? 'active' : 'completed', admitCond, enc.url));
            this.add({
              resourceType: 'MedicationAdministration',
              status: 'completed',
              medicationCodeableConcept: medicationCode(def),
              subject: this.subject,
              context: { reference: enc.url },
              effectiveDateTime: iso(ta),
              dosage: { text: order.dose, dose: doseQuantity(order.dose) },
            } satisfies MedicationAdministration);
          }
          if (septic) {
            const ns = medication('sodium_chloride');
            newMeds.push({ def: ns, dose: ns.doses[0]! });
            this.add(this.medicationRequest({ def: ns, dose: ns.doses[0]! }, ta, 'completed', admitCond, enc.url));
          }
        }
      }
      // Vital signs.
      const every = inIcu ? 1 : 4;
      const jitter = rng.int(0, 12) * 60_000;
      const t = t0 + jitter;
      const hr = clamp(b.hr + 45 * s + (septic ? 12 * inf : 0) + rng.normal(0, 4), 35, 190);
      let sbp = b.sbp - 50 * s + rng.normal(0, 6);
      let dbp = b.dbp - 25 * s + rng.normal(0, 4);
      if (pressor > 0) {
        sbp += 22;
        dbp += 10;
      }
      sbp = Math.round(clamp(sbp, 55, 220));
      dbp = Math.round(clamp(dbp, 25, Math.min(130, sbp - 15)));
      const map = Math.round((sbp + 2 * dbp) / 3);
      const rr = clamp(b.rr + 14 * s + rng.normal(0, 1.5), 6, 50);
      const fio2 = round(Math.min(0.8, 0.21 + Math.max(0, s - 0.3) * 1.15), 2);
      const spo2 = Math.round(clamp(b.spo2 - 10 * s + (fio2 - 0.21) * 12 + rng.normal(0, 1), 75, 100));
      const temp = 36.9 + (septic ? 1.8 * inf : 0.3 * s) + rng.normal(0, 0.2);
      const gcs = Math.round(clamp((this.has('dementia') ? 14 : 15) - 9 * Math.max(0, s - 0.45), 3, 15));
      // Vasopressor when hypotension persists (septic shock).
      if (septic && h >= tInf) {
        lowMapHours = map < 65 ? lowMapHours + 1 : 0;
        if (pressor === 0 && lowMapHours >= 2 && abxHour >= 0) {
          pressor = round(rng.uniform(0.05, 0.25), 2);
          const ne = medication('norepinephrine');
          const order = { def: ne, dose: ne.doses[0]! };
          newMeds.push(order);
          this.add(this.medicationRequest(order, t0, current ? 'active' : 'completed', admitCond, enc.url));
          series.norepinephrine!.push({ t: t0, value: pressor });
        } else if (pressor > 0 && s < 0.4) {
          pressor = 0;
          series.norepinephrine!.push({ t: t0, value: 0 });
        }
      }
      if (h % every === 0) {
        if (rng.chance(0.95)) {
          this.vital(VITALS.heartRate, hr, t, enc.url);
          lastVitals.hr = Math.round(hr);
        }
        if (rng.chance(0.92)) {
          this.bloodPressure(sbp, dbp, t, enc.url, inIcu);
          series.map!.push({ t, value: map });
          lastVitals.sbp = sbp;
          lastVitals.dbp = dbp;
        }
        if (rng.chance(0.9)) {
          this.vital(VITALS.respRate, rr, t, enc.url);
          lastVitals.rr = Math.round(rr);
        }
        if (rng.chance(0.93)) {
          this.vital(VITALS.spo2, spo2, t, enc.url);
          series.spo2!.push({ t, value: spo2 });
          lastVitals.spo2 = spo2;
        }
      }
      if (h % 4 === 0) {
        if (rng.chance(0.9)) {
          this.vital(VITALS.temperature, temp, t, enc.url);
          lastVitals.temp = round(temp, 1);
        }
        if (fio2 > 0.21 || series.fio2!.length) {
          this.vital(VITALS.fio2, fio2 * 100, t, enc.url);
          series.fio2!.push({ t, value: fio2 });
          lastVitals.fio2 = fio2;
        }
        if ((inIcu || h % 12 === 0) && rng.chance(0.85)) {
          this.vital(VITALS.gcs, gcs, t, enc.url);
          series.gcs!.push({ t, value: gcs });
          lastVitals.gcs = gcs;
        }
      }
      // Labs: on admission, every morning at 05:00, twice a day in the ICU or with a rising creatinine, lactate q6h while septic.
      const hourOfDay = new Date(t0).getUTCHours();
      if (h === 0 || hourOfDay === 5 || ((inIcu || tAki >= 0) && hourOfDay === 17)) {
        dayLabs = drawLabs(h, t0 + rng.int(0, 20) * 60_000, s, inf, h === 0 || inIcu);
        if (h === 0 && (septic || trajectory === 'deteriorating'))
          this.lab('lactate', 0.9 + 2 * s + rng.normal(0, 0.2), t0 + 15 * 60_000, enc.url);
      } else if (septic && h > tInf + 3 && (h - tInf - 3) % 6 === 0 && h < tInf + 40) {
        this.lab('lactate', 0.9 + 4.5 * inf * inf + rng.normal(0, 0.2), t0 + 10 * 60_000, enc.url);
      }
      // Notes.
      if (this.withNotes) {
        const symptomKeys = septic && h >= tInf ? ['fever', 'chills', 'dyspnea'] : (SYMPTOMS_OF[reason.key] ?? ['fatigue']);
        const symptoms = symptomKeys.map(symptom);
        if (gcs < 15 && !symptoms.some((x) => x.key === 'confusion')) symptoms.push(symptom('confusion'));
        const factsAt = (time: number, extra: Partial<NoteFacts> = {}) =>
          this.noteFacts(time, {
            reason,
            symptoms,
            negatives: this.negatives(symptoms, rng.int(1, 3)),
            vitals: { ...lastVitals },
            labs: dayLabs.slice(0, 6),
            newMeds: newMeds.slice(),
            admitTime: start,
            icu: inIcu,
            hospitalDay: Math.floor(h / 24) + 1,
            sepsis: septic && h >= tInf,
            aki: tAki >= 0 && akiFactor(h) >= 1.4,
            deteriorating: s > 0.35 && (trajectory === 'deteriorating' || septic),
            ...extra,
          });
        if (h === 2) this.document(writeHistoryAndPhysical(rng, factsAt(t0 + 30 * 60_000), SYMPTOMS), t0 + 30 * 60_000, enc.url);
        else if (hourOfDay === 9 && h > 6)
          this.document(writeProgressNote(rng, factsAt(t0 + 40 * 60_000), SYMPTOMS), t0 + 40 * 60_000, enc.url);
        if ((hourOfDay === 7 || hourOfDay === 19) && h > 2 && !nursingTimes.has(h)) {
          nursingTimes.add(h);
          this.document(writeNursingNote(rng, factsAt(t0 + 20 * 60_000), SYMPTOMS), t0 + 20 * 60_000, enc.url);
        }
        if (!current && h === H) {
          this.document(
            writeDischargeSummary(rng, factsAt(t0 + HOUR, { dischargeTime: start + H * HOUR }), SYMPTOMS),
            Math.min(this.now, t0 + HOUR),
            enc.url,
          );
        }
      }
    }
    // Ground truth from what was recorded.
    const sofa = hourlySofa(series, start, Math.min(this.now, start + H * HOUR));
    const sepsis = sepsis3Onset(sofa, cultures, antibiotics);
    const aki = kdigoAki(creatSeries);
    if (sepsis && sepsis.onset + 2 * HOUR <= this.now) this.acuteCondition(condition('sepsis'), sepsis.onset, enc.url, end);
    if (aki && aki.onset + 2 * HOUR <= this.now)
      this.acuteCondition(condition('aki'), aki.onset, enc.url, end !== undefined ? end + 3 * DAY : undefined);
    const label: AdmissionLabel = {
      encounter: enc.url,
      trajectory,
      start: iso(start),
      current,
      icu: icu && tIcu <= H,
      readmission30d: readmission,
    };
    if (end !== undefined) label.end = iso(end);
    if (sepsis) {
      label.sepsisOnset = iso(sepsis.onset);
      label.suspectedInfection = iso(sepsis.suspicion);
    }
    if (aki) {
      label.akiOnset = iso(aki.onset);
      label.akiStage = aki.stage;
    }
    this.admissions.push(label);
    return end ?? this.now;
  }

  bundle(): Bundle {
    return { resourceType: 'Bundle', type: 'transaction', entry: this.entries };
  }
}

/** The leading amount of a dose text (e.g. `1 g IV q24h` -> 1 g) as a UCUM quantity. */
function doseQuantity(text: string): { value: number; unit: string; system: string; code: string } {
  const m = /^([\d.]+)\s*(mg\/kg|mg|g|mL|units)/.exec(text);
  const value = m ? Number(m[1]) : 1;
  const unit = m ? m[2]! : '{dose}';
  return { value, unit, system: UCUM, code: unit === 'units' ? '[U]' : unit };
}

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

/** Validate and normalise options; throws RangeError on bad input. */
export function checkGenerateOptions(options: GenerateOptions): { now: number } {
  const { count } = options;
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
    throw new RangeError(`count must be an integer from 0 to 1,000,000 (got ${String(count)})`);
  }
  const now = Date.parse(options.now ?? DEFAULT_NOW);
  if (!Number.isFinite(now)) throw new RangeError(`now must be an ISO 8601 date-time (got ${String(options.now)})`);
  const share = options.inpatientShare ?? 0.1;
  if (!(share >= 0 && share <= 1)) throw new RangeError('inpatientShare must be between 0 and 1');
  if (options.offset !== undefined && (!Number.isInteger(options.offset) || options.offset < 0))
    throw new RangeError('offset must be a non-negative integer');
  for (const t of options.currentInpatients ?? [])
    if (!TRAJECTORIES.includes(t)) throw new RangeError(`unknown trajectory ${String(t)}`);
  return { now };
}

/**
 * Generate one patient. Patient `index` of `seed` is the same whatever `count` is.
 * @example
 *   const { bundle, labels } = generatePatient({ seed: 42, now: '2025-01-01T12:00:00Z' }, 0);
 */
export function generatePatient(options: Omit<GenerateOptions, 'count'>, index: number): SyntheticPatient {
  const { now } = checkGenerateOptions({ ...options, count: 0 });
  const offset = options.offset ?? 0;
  const currentList = options.currentInpatients ?? [];
  const currentTrajectory = index - offset >= 0 ? currentList[index - offset] : undefined;
  const g = new PatientBuilder(hashSeed(options.seed, index), now, options.notes ?? true);
  const rng = g.rng;
  const share = options.officeOnly ? 0 : (options.inpatientShare ?? 0.1);
  // Decide on hospital care first so that inpatients are drawn from an older population.
  const admitDraw = rng.next();
  const forceInpatient = currentTrajectory !== undefined || share >= 1;
  g.demographics(forceInpatient || (share > 0 && admitDraw < share));
  g.history();
  g.officeVisits();
  if (!options.officeOnly) {
    const ageFactor = g.ageYears >= 65 ? 2 : g.ageYears >= 40 ? 1 : 0.4;
    if (rng.chance(0.08 * ageFactor)) g.edVisit();
    const admit = forceInpatient || (share > 0 && admitDraw < share);
    if (currentTrajectory) {
      const hours = rng.int(30, 110);
      const start = Math.floor((now - hours * HOUR) / HOUR) * HOUR + rng.int(0, 59) * 60_000;
      g.admission(currentTrajectory, start, hours, true, false);
    } else if (admit && g.ageYears >= 1) {
      const trajectory = rng.weighted(TRAJECTORIES, (t) =>
        t === 'stable' ? 0.45 : t === 'sepsis' ? 0.2 : t === 'aki' ? 0.15 : 0.2,
      );
      const los = rng.int(48, 168);
      const start = Math.floor((now - rng.int(20, 400) * DAY) / HOUR) * HOUR + rng.int(0, 59) * 60_000;
      const end = g.admission(trajectory, start, los, false, false);
      if (rng.chance(0.2)) {
        const start2 = end + rng.int(2, 29) * DAY + rng.int(0, 23) * HOUR;
        const los2 = rng.int(36, 120);
        if (start2 + los2 * HOUR < now) g.admission(rng.chance(0.7) ? 'stable' : 'aki', start2, los2, false, true);
      }
    }
  }
  const admissions = g.admissions;
  const first = (k: 'sepsisOnset' | 'akiOnset') =>
    admissions
      .map((a) => a[k])
      .filter((x): x is string => !!x)
      .sort()[0] ?? null;
  return {
    index,
    bundle: g.bundle(),
    labels: {
      index,
      patient: g.subject.reference!,
      mrn: g.person.mrn,
      sex: g.person.sex,
      ageYears: g.ageYears,
      conditions: g.conditions.map((c) => c.def.key),
      admissions,
      sepsisOnset: first('sepsisOnset'),
      akiOnset: first('akiOnset'),
      readmission30d: admissions.some((a) => a.readmission30d),
      notes: g.notes,
    },
  };
}

/**
 * Generate `count` patients lazily.
 * @example
 *   for (const p of generatePatients({ count: 10, seed: 1, officeOnly: true })) console.log(p.bundle.entry?.length);
 */
export function* generatePatients(options: GenerateOptions): Generator<SyntheticPatient> {
  checkGenerateOptions(options);
  const offset = options.offset ?? 0;
  for (let i = 0; i < options.count; i++) yield generatePatient(options, offset + i);
}
