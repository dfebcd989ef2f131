/**
 * The building blocks of the notes (notes.ts): dates, concept mentions, lists, vital-sign and lab
 * lines, headers and the sections several note types share. Each writes into a `TextBuilder`,
 * which records concept and PHI spans as it goes; each varies its wording with the generator it is
 * handed.
 */
import type { SymptomDef } from './data/acute-conditions';
import { SNOMED, type ConditionDef } from './data/conditions';
import type { AllergyDef } from './data/immunizations';
import { RXNORM, type MedicationDef } from './data/medications';
import { LABS, LOINC, VITALS, type ObsDef } from './data/observations';
import type { FamilyHistoryItem, NoteFacts, VitalSet } from './model';
import type { Rng } from './prng';
import { TextBuilder, type Concept, type MentionContext, type Mention, type PhiSpan } from './text';

export interface GeneratedNote {
  /** LOINC document type. */
  type: 'hp' | 'progress' | 'discharge' | 'nursing' | 'dialogue' | 'soap';
  loinc: string;
  title: string;
  text: string;
  mentions: Mention[];
  phi: PhiSpan[];
}

export const NOTE_TYPES = {
  hp: { loinc: '34117-2', title: 'History and physical note' },
  progress: { loinc: '11506-3', title: 'Progress note' },
  discharge: { loinc: '18842-5', title: 'Discharge summary' },
  nursing: { loinc: '34746-8', title: 'Nurse Note' },
  dialogue: { loinc: '34109-9', title: 'Note' },
  soap: { loinc: '11506-3', title: 'Progress note' },
} as const;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => (n < 10 ? '0' + n : String(n));

export function formatDate(ms: number, style: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  switch (style % 5) {
    case 0:
      return `${pad(mo + 1)}/${pad(day)}/${y}`;
    case 1:
      return `${y}-${pad(mo + 1)}-${pad(day)}`;
    case 2:
      return `${MONTHS[mo]} ${day}, ${y}`;
    case 3:
      return `${mo + 1}/${day}/${String(y).slice(2)}`;
    default:
      return `${pad(day)}-${MON[mo]}-${y}`;
  }
}

export const hhmm = (ms: number) => {
  const d = new Date(ms);
  return pad(d.getUTCHours()) + pad(d.getUTCMinutes());
};

const problemConcept = (d: ConditionDef | SymptomDef): Concept => ({
  kind: 'problem',
  system: SNOMED,
  code: d.snomed,
  display: 'snomedDisplay' in d ? d.snomedDisplay : d.display,
});
export const familyConcept = (f: FamilyHistoryItem): Concept => ({
  kind: 'problem',
  system: SNOMED,
  code: f.snomed,
  display: f.display,
});
const medConcept = (d: MedicationDef): Concept => ({
  kind: 'medication',
  system: RXNORM,
  code: d.rxnorm,
  display: d.display,
});
const allergenConcept = (a: AllergyDef): Concept => ({
  kind: 'allergen',
  system: a.system,
  code: a.code,
  display: a.display,
});
export const obsConcept = (d: ObsDef, kind: 'lab' | 'vital'): Concept => ({
  kind,
  system: LOINC,
  code: d.loinc,
  display: d.display,
});

export function fmt(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** Words joined as "a, b and c" with a callback writing each item. */
export function list<T>(b: TextBuilder, rng: Rng, items: readonly T[], write: (item: T) => void, sep?: string): void {
  const and = sep ?? rng.pick([' and ', ', and ', ' & ', ', ']);
  items.forEach((item, i) => {
    if (i > 0) b.t(i === items.length - 1 ? and : ', ');
    write(item);
  });
}

export function problem(b: TextBuilder, rng: Rng, d: ConditionDef | SymptomDef, ctx?: Partial<MentionContext>): void {
  b.m(rng.pick(d.names), problemConcept(d), ctx);
}

export function med(b: TextBuilder, rng: Rng, d: MedicationDef, ctx?: Partial<MentionContext>): void {
  b.m(rng.pick(d.names), medConcept(d), ctx);
}

function patientName(b: TextBuilder, rng: Rng, f: NoteFacts): void {
  const p = f.person;
  switch (rng.int(0, 3)) {
    case 0:
      b.p(`${p.given} ${p.family}`, 'PATIENT');
      break;
    case 1:
      b.p(`${p.family}, ${p.given}`, 'PATIENT');
      break;
    case 2:
      b.p(`${p.family.toUpperCase()}, ${p.given.toUpperCase()}`, 'PATIENT');
      break;
    default:
      b.p(`${p.given.charAt(0)}. ${p.family}`, 'PATIENT');
  }
}

export function honorific(f: NoteFacts): string {
  return f.person.sex === 'female' ? 'Ms.' : 'Mr.';
}

function sexWord(rng: Rng, f: NoteFacts): string {
  const female = f.person.sex === 'female';
  if (f.ageYears < 18) return female ? rng.pick(['girl', 'female', 'F']) : rng.pick(['boy', 'male', 'M']);
  return female ? rng.pick(['woman', 'female', 'F', 'lady']) : rng.pick(['man', 'male', 'M', 'gentleman']);
}

export function ageSex(b: TextBuilder, rng: Rng, f: NoteFacts): void {
  const style = rng.int(0, 3);
  const a = String(f.ageYears);
  if (style === 0) b.p(a, 'AGE').t(`-year-old ${sexWord(rng, f)}`);
  else if (style === 1) b.p(a, 'AGE').t(` yo ${sexWord(rng, f)}`);
  else if (style === 2) b.p(a, 'AGE').t(f.person.sex === 'female' ? 'F' : 'M');
  else b.p(a, 'AGE').t(` y/o ${sexWord(rng, f)}`);
}

/** Write a vital sign: label, value, unit, with the vital as the annotated concept. */
export function vital(b: TextBuilder, rng: Rng, key: 'hr' | 'rr' | 'temp' | 'spo2' | 'gcs', v: VitalSet): void {
  const value = v[key];
  if (value === undefined) return;
  const def =
    key === 'hr'
      ? VITALS.heartRate
      : key === 'rr'
        ? VITALS.respRate
        : key === 'temp'
          ? VITALS.temperature
          : key === 'spo2'
            ? VITALS.spo2
            : VITALS.gcs;
  b.m(rng.pick(def.names), obsConcept(def, 'vital'), undefined, value);
  b.t(rng.pick([' ', ': ', ' ']));
  if (key === 'temp') b.t(fmt(value, 1) + rng.pick(['', ' C', 'C']));
  else if (key === 'spo2') {
    b.t(`${value}%`);
    if (v.fio2 !== undefined && v.fio2 > 0.21)
      b.t(rng.pick([` on ${Math.round(v.fio2 * 100)}% FiO2`, ` on ${Math.max(1, Math.round((v.fio2 - 0.21) / 0.04))}L NC`]));
    else b.t(rng.pick([' on RA', ' on room air', '', ' RA']));
  } else b.t(String(value));
}

function bloodPressure(b: TextBuilder, rng: Rng, v: VitalSet): void {
  if (v.sbp === undefined || v.dbp === undefined) return;
  b.m(rng.pick(VITALS.bloodPressure.names), obsConcept(VITALS.bloodPressure, 'vital'), undefined, v.sbp);
  b.t(rng.pick([' ', ': ', ' ']) + `${v.sbp}/${v.dbp}`);
}

export function vitalsLine(b: TextBuilder, rng: Rng, v: VitalSet): void {
  const order = rng.shuffle(['temp', 'hr', 'bp', 'rr', 'spo2'] as const);
  const sep = rng.pick([', ', '  ', ' | ', '; ']);
  let first = true;
  for (const k of order) {
    if (k === 'bp' ? v.sbp === undefined : v[k] === undefined) continue;
    if (!first) b.t(sep);
    first = false;
    if (k === 'bp') bloodPressure(b, rng, v);
    else vital(b, rng, k, v);
  }
}

export function labsLine(b: TextBuilder, rng: Rng, f: NoteFacts, ctx?: Partial<MentionContext>): void {
  const sep = rng.pick([', ', '; ', '  ']);
  f.labs.forEach((l, i) => {
    if (i > 0) b.t(sep);
    const def = LABS[l.key];
    b.m(rng.pick(def.names), obsConcept(def, 'lab'), ctx, l.value);
    b.t(rng.pick([' ', ' ', ': ', ' of ']) + fmt(l.value, def.decimals));
    if (rng.chance(0.3)) b.t(' ' + def.unit);
    if (def.high !== undefined && l.value > def.high && rng.chance(0.4)) b.t(rng.pick([' (H)', ' (high)', '*']));
    else if (def.low !== undefined && l.value < def.low && rng.chance(0.4)) b.t(rng.pick([' (L)', ' (low)', '*']));
  });
}

export function header(b: TextBuilder, rng: Rng, f: NoteFacts, title: string): void {
  b.t(title + '\n');
  const items = rng.shuffle([0, 1, 2, 3]);
  for (const i of items) {
    if (i === 0) {
      b.t(rng.pick(['Patient: ', 'Name: ', 'Pt: ']));
      patientName(b, rng, f);
      b.t('\n');
    } else if (i === 1) {
      b.t(rng.pick(['MRN: ', 'Medical record #: ', 'MR#: ']))
        .p(f.person.mrn, 'MRN')
        .t('\n');
    } else if (i === 2) {
      b.t(rng.pick(['DOB: ', 'Date of birth: ']))
        .p(formatDate(Date.parse(f.person.birthDate), rng.int(0, 4)), 'DATE')
        .t('\n');
    } else {
      b.t(rng.pick(['Date of service: ', 'Date: ', 'Visit date: ']))
        .p(formatDate(f.time, rng.int(0, 4)), 'DATE')
        .t('\n');
    }
  }
  if (rng.chance(0.7))
    b.t(rng.pick(['Attending: ', 'Provider: ', 'Author: ']))
      .p(f.clinician, 'DOCTOR')
      .t('\n');
  if (rng.chance(0.5)) b.t('Facility: ').p(f.hospital, 'HOSPITAL').t('\n');
  b.t('\n');
}

export function symptomsSentence(b: TextBuilder, rng: Rng, f: NoteFacts): void {
  if (f.symptoms.length) {
    b.t(rng.pick(['who presents with ', 'presenting with ', 'here for ', 'who comes in complaining of ', 'c/o ']));
    list(b, rng, f.symptoms, (s) => problem(b, rng, s));
    b.t(
      rng.pick([
        ` for ${rng.int(1, 7)} days`,
        ` x ${rng.int(1, 5)} days`,
        ' since yesterday',
        ` over the past ${rng.int(2, 10)} days`,
        '',
      ]),
    );
    b.t('. ');
  } else {
    b.t(rng.pick(['here for routine follow-up. ', 'presenting for a scheduled visit. ', 'who comes in for a check-up. ']));
  }
  if (f.negatives.length) {
    b.t(
      rng.pick([
        'Denies ',
        'She denies '.replace('She', f.person.sex === 'female' ? 'She' : 'He'),
        'No ',
        'Negative for ',
        'Pt denies ',
      ]),
    );
    list(b, rng, f.negatives, (s) => problem(b, rng, s, { negated: true }), rng.pick([' or ', ', or ', ' and ']));
    b.t('. ');
  }
}

export function historySentence(b: TextBuilder, rng: Rng, f: NoteFacts): void {
  if (f.problems.length) {
    b.t(
      rng.pick(['with a history of ', 'with PMH of ', 'w/ hx of ', 'with known ', 'with past medical history significant for ']),
    );
    list(b, rng, f.problems, (p) => problem(b, rng, p));
    b.t(' ');
  } else {
    b.t(rng.pick(['with no significant past medical history ', 'without prior medical problems ', 'otherwise healthy ']));
  }
}

export function medsSection(b: TextBuilder, rng: Rng, f: NoteFacts, heading: string): void {
  b.t(heading);
  if (!f.meds.length) {
    b.t(rng.pick(['None.', 'No daily medications.', 'none']) + '\n');
    return;
  }
  const bullet = rng.pick(['- ', '* ', '', '1. ']);
  rng.shuffle(f.meds).forEach((m, i) => {
    b.t('\n' + (bullet === '1. ' ? `${i + 1}. ` : bullet));
    med(b, rng, m.def);
    if (rng.chance(0.85)) b.t(' ' + m.dose);
  });
  b.t('\n');
}

export function allergySection(b: TextBuilder, rng: Rng, f: NoteFacts, heading: string): void {
  b.t(heading);
  if (!f.allergies.length) {
    b.t(rng.pick(['NKDA', 'No known drug allergies.', 'NKA', 'none known']) + '\n');
    return;
  }
  list(b, rng, f.allergies, (a) => {
    b.m(rng.pick(a.names), allergenConcept(a));
    const r = a.reactions[0];
    if (r && rng.chance(0.6)) b.t(rng.pick([' (', ' - ', ' causes ']) + rng.pick(r.names) + (rng.chance(0.5) ? ')' : ''));
  });
  b.t('\n');
}

export function familySection(b: TextBuilder, rng: Rng, f: NoteFacts, heading: string): void {
  b.t(heading);
  if (!f.family.length) {
    if (rng.chance(0.4)) {
      b.t(rng.pick(['No known family history of ', 'No family hx of ', 'Negative for family history of ']));
      b.m(
        rng.pick(['heart disease', 'CAD', 'coronary disease']),
        { kind: 'problem', system: SNOMED, code: '53741008', display: 'Coronary arteriosclerosis (disorder)' },
        { family: true, negated: true },
      );
      b.t('.\n');
    } else b.t(rng.pick(['Noncontributory.', 'Unremarkable.', 'Non-contributory.']) + '\n');
    return;
  }
  f.family.forEach((item, i) => {
    if (i > 0) b.t(rng.pick(['; ', '. ', ', ']));
    const form = rng.int(0, 2);
    if (form === 0) {
      b.t(cap(item.member) + rng.pick([' with ', ' had ', ' - ']));
      b.m(rng.pick(item.names), familyConcept(item), { family: true });
    } else if (form === 1) {
      b.m(cap(rng.pick(item.names)), familyConcept(item), { family: true });
      b.t(' in ' + item.member);
    } else {
      b.t(rng.pick(['Her ', 'His ', "The patient's "]) + item.member + ' was diagnosed with ');
      b.m(rng.pick(item.names), familyConcept(item), { family: true });
    }
  });
  b.t('.\n');
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function socialSection(b: TextBuilder, rng: Rng, f: NoteFacts, heading: string): void {
  b.t(heading);
  b.t(rng.pick(['Lives in ', 'Resides in ', 'From ']));
  b.p(f.person.city, 'CITY').t(', ').p(f.person.state, 'STATE');
  b.t(rng.pick([' with family. ', ' alone. ', ' with spouse. ', '. ']));
  const smoker = f.problems.find((p) => p.key === 'nicotine');
  if (smoker) {
    b.t(rng.pick(['Current ', 'Active ']));
    problem(b, rng, smoker);
    b.t(rng.pick(['. ', `, ${rng.int(5, 40)} pack-years. `]));
  } else b.t(rng.pick(['Never smoker. ', 'Denies tobacco. ', 'No tobacco use. ']));
  b.t('\n');
}

export function pastAcuteSentence(b: TextBuilder, rng: Rng, f: NoteFacts): void {
  if (!f.pastAcute.length) return;
  b.t(rng.pick(['Prior history of ', 'Remote history of ', 'Previously treated for ', 'Hx of ']));
  list(b, rng, f.pastAcute, (p) => problem(b, rng, p, { historical: true }));
  b.t(rng.pick([', resolved. ', ' in the past. ', ' (resolved). ', '. ']));
}

export function hypotheticalSentence(b: TextBuilder, rng: Rng, f: NoteFacts, pool: readonly SymptomDef[]): void {
  const s = rng.pick(pool);
  const form = rng.int(0, 3);
  if (form === 0) {
    b.t(rng.pick(['Return precautions given: return if ', 'Advised to come back if ', 'Call if ']));
    problem(b, rng, s, { hypothetical: true });
    b.t(rng.pick([' develops. ', ' worsens. ', ' occurs. ']));
  } else if (form === 1) {
    b.t('If ');
    problem(b, rng, s, { hypothetical: true });
    b.t(
      rng.pick([' recurs, ', ' develops, ', ' returns, ']) + rng.pick(['return to the ED. ', 'call the clinic. ', 'seek care. ']),
    );
  } else if (form === 2) {
    b.t(rng.pick(['Watch for ', 'Monitor for ', 'Educated on signs of ']));
    problem(b, rng, s, { hypothetical: true });
    b.t('. ');
  } else {
    b.t(rng.pick(['Should ', 'In case of ']));
    problem(b, rng, s, { hypothetical: true });
    b.t(
      rng.pick([
        ', go to the emergency department. ',
        ', call 911. ',
        ' she should call. '.replace('she', f.person.sex === 'female' ? 'she' : 'he'),
      ]),
    );
  }
}

export const WARNING_SYMPTOMS_KEYS = ['fever', 'chest_pain', 'dyspnea', 'confusion', 'vomiting', 'dizziness'];

export function planSection(b: TextBuilder, rng: Rng, f: NoteFacts, warn: readonly SymptomDef[]): void {
  let n = 1;
  const numbered = rng.chance(0.6);
  const item = () => b.t(numbered ? `${n++}. ` : rng.pick(['- ', '# ', '']));
  if (f.reason) {
    item();
    problem(b, rng, f.reason);
    b.t(rng.pick([': ', ' - ', '. ']));
    if (f.newMeds.length) {
      b.t(rng.pick(['Start ', 'Begin ', 'Started on ', 'Will start ', 'Rx ']));
      list(b, rng, f.newMeds, (m) => {
        med(b, rng, m.def);
        if (rng.chance(0.6)) b.t(' ' + m.dose);
      });
      b.t('. ');
    } else b.t(rng.pick(['Supportive care. ', 'Symptomatic treatment. ', 'Fluids and rest. ']));
    hypotheticalSentence(b, rng, f, warn);
    b.t('\n');
  }
  for (const p of rng.shuffle(f.problems).slice(0, 4)) {
    item();
    problem(b, rng, p);
    b.t(rng.pick([': ', ' - ', '. ']));
    const m = f.meds.find((x) => x.def.indications.includes(p.key));
    if (m) {
      b.t(rng.pick(['Continue ', 'Cont ', 'Stable on ', 'Continue current dose of ']));
      med(b, rng, m.def);
      b.t('.');
    } else b.t(rng.pick(['Stable, monitor.', 'No changes.', 'Will follow.', 'Lifestyle counseling provided.']));
    b.t('\n');
  }
}

export function symptomsByKey(all: readonly SymptomDef[], keys: readonly string[]): SymptomDef[] {
  return all.filter((s) => keys.includes(s.key));
}

export function finish(type: GeneratedNote['type'], b: TextBuilder): GeneratedNote {
  const meta = NOTE_TYPES[type];
  return { type, loinc: meta.loinc, title: meta.title, text: b.toString(), mentions: b.mentions, phi: b.phi };
}
