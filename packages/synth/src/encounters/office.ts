/**
 * Office visits (class AMB) over the last two years: follow-ups and acute visits with vital
 * signs, an occasional lab panel, an acute diagnosis with its prescription, and for the last visit
 * the doctor–patient dialogue and its SOAP note.
 */
import { SYMPTOMS, SYMPTOMS_OF, condition } from '../data/acute-conditions';
import { medication } from '../data/medications';
import { VITALS } from '../data/observations';
import { CLASS_AMB, TYPE_FOLLOWUP, TYPE_SYMPTOM, round } from '../fhir-builders';
import type { LabValue, MedOrder, VitalSet } from '../model';
import { writeVisitDialogue } from '../notes';
import { DAY, HOUR, MINUTE, symptom, type PatientRecord } from '../record';

/** Acute problems seen in the office (each within its onset ages). */
const OFFICE_ACUTE = ['uri', 'strep_pharyngitis', 'sinusitis', 'otitis_media', 'bronchitis', 'uti', 'cellulitis'].map(condition);
/** Acute problems that come with a fever in `FEBRILE_CHANCE` of visits. */
const FEBRILE = ['strep_pharyngitis', 'otitis_media', 'cellulitis', 'sinusitis'];
const FEBRILE_CHANCE = 0.6;

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/**
 * eGFR by the race-free CKD-EPI 2021 creatinine equation, mL/min/1.73 m2.
 * @see Inker et al., N Engl J Med 2021;385:1737-49.
 */
export function egfrCkdEpi2021(creat: number, female: boolean, ageYears: number): number {
  const k = female ? 0.7 : 0.9;
  const a = female ? -0.241 : -0.302;
  const r = creat / k;
  return 142 * Math.pow(Math.min(r, 1), a) * Math.pow(Math.max(r, 1), -1.2) * Math.pow(0.9938, ageYears) * (female ? 1.012 : 1);
}

/** A basic metabolic panel, plus the labs the patient's problems call for (or screening by chance). */
function outpatientLabs(r: PatientRecord, t: number, enc: string): LabValue[] {
  const rng = r.rng;
  const b = r.base;
  const out: LabValue[] = [];
  const creat = b.creat * rng.uniform(0.95, 1.05);
  out.push(r.lab('glucose', b.glucose + rng.normal(0, 6), t, enc));
  out.push(r.lab('creatinine', creat, t, enc));
  out.push(r.lab('sodium', rng.normal(139, 2), t, enc));
  out.push(r.lab('potassium', rng.normal(4.2, 0.3), t, enc));
  if (r.ageYears >= 18) r.lab('egfr', egfrCkdEpi2021(creat, r.person.sex === 'female', r.ageYears), t, enc);
  if (r.has('t2dm') || r.has('prediabetes') || rng.chance(0.2)) out.push(r.lab('hba1c', b.a1c + rng.normal(0, 0.15), t, enc));
  if (r.has('hyperlipidemia') || (r.ageYears > 40 && rng.chance(0.4))) {
    const ldl = b.ldl + rng.normal(0, 8);
    const hdl = rng.uniform(35, 70);
    const tg = rng.uniform(80, r.has('t2dm') ? 320 : 190);
    out.push(r.lab('ldl', ldl, t, enc));
    r.lab('hdl', hdl, t, enc);
    r.lab('triglycerides', tg, t, enc);
    // Total cholesterol by the Friedewald relation (LDL = TC − HDL − TG/5), solved for TC.
    r.lab('cholesterol', ldl + hdl + tg / 5, t, enc);
  }
  if (r.has('hypothyroidism') || rng.chance(0.1)) out.push(r.lab('tsh', b.tsh * rng.uniform(0.9, 1.1), t, enc));
  if (r.has('iron_deficiency_anemia') || r.has('ckd3') || rng.chance(0.3))
    out.push(r.lab('hemoglobin', b.hgb + rng.normal(0, 0.3), t, enc));
  return out;
}

/** One to four visits in the last two years, in time order. */
export function addOfficeVisits(r: PatientRecord): void {
  const rng = r.rng;
  const n = rng.int(1, 4);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const day = Math.floor(r.now / DAY) - rng.int(1, 730);
    // Appointments from 13:00 to 22:00 UTC (office hours in U.S. time zones), on the quarter hour.
    times.push(day * DAY + rng.int(13, 22) * HOUR + rng.int(0, 3) * 15 * MINUTE);
  }
  times.sort((a, b) => a - b);
  const labVisit = r.ageYears >= 18 && rng.chance(0.7) ? rng.int(0, n - 1) : -1;
  times.forEach((t, i) => officeVisit(r, t, i === 0, i === n - 1, i === labVisit));
}

function officeVisit(r: PatientRecord, t: number, first: boolean, last: boolean, withLabs: boolean): void {
  const rng = r.rng;
  const eligible = OFFICE_ACUTE.filter(
    (d) => (!d.sex || d.sex === r.person.sex) && r.ageYears >= d.onset[0] && r.ageYears <= d.onset[1],
  );
  const reason = eligible.length && rng.chance(0.4) ? rng.pick(eligible) : undefined;
  const end = t + rng.int(15, 40) * MINUTE;
  const enc = r.encounter(CLASS_AMB, reason ? TYPE_SYMPTOM : TYPE_FOLLOWUP, t, end);
  const febrile = reason && FEBRILE.includes(reason.key) && rng.chance(FEBRILE_CHANCE);
  const v: VitalSet = {
    sbp: Math.round(r.base.sbp + rng.normal(0, 6)),
    dbp: Math.round(r.base.dbp + rng.normal(0, 4)),
    hr: Math.round(r.base.hr + (febrile ? 12 : 0) + rng.normal(0, 5)),
    // Fever: 37.9–39.2 °C; otherwise a normal oral temperature around 36.8 °C.
    temp: round(febrile ? rng.uniform(37.9, 39.2) : rng.normal(36.8, 0.2), 1),
    spo2: Math.round(clamp(r.base.spo2 + rng.normal(0, 0.8), 85, 100)),
    weight: round(r.base.weight + rng.normal(0, 0.8), 1),
  };
  if (rng.chance(0.6)) v.rr = Math.round(r.base.rr + rng.normal(0, 1.5));
  // Rooming: weight and height at 4 minutes, the other vital signs at 5.
  const tv = t + 5 * MINUTE;
  const tw = t + 4 * MINUTE;
  r.bloodPressure(v.sbp!, v.dbp!, tv, enc.url, false);
  r.vital(VITALS.heartRate, v.hr!, tv, enc.url);
  r.vital(VITALS.temperature, v.temp!, tv, enc.url);
  if (rng.chance(0.85)) r.vital(VITALS.spo2, v.spo2!, tv, enc.url);
  if (v.rr !== undefined) r.vital(VITALS.respRate, v.rr, tv, enc.url);
  r.vital(VITALS.weight, v.weight!, tw, enc.url);
  if (first || r.ageYears < 18) {
    r.vital(VITALS.height, r.base.height, tw, enc.url);
    r.vital(VITALS.bmi, (v.weight! * 10000) / (r.base.height * r.base.height), tw, enc.url);
  }
  const labs = withLabs ? outpatientLabs(r, t + 20 * MINUTE, enc.url) : [];
  const newMeds: MedOrder[] = [];
  if (reason) {
    const condUrl = r.acuteCondition(reason, t - rng.int(1, 5) * DAY, enc.url, t + rng.int(7, 14) * DAY);
    enc.resource.reasonReference = [{ reference: condUrl }];
    // Colds get a prescription (saline) only half the time.
    if (reason.key !== 'uri' || rng.chance(0.5)) {
      const def = medication(reason.meds[0]!);
      const order = { def, dose: rng.pick(def.doses) };
      newMeds.push(order);
      r.prescribe(order, t + 25 * MINUTE, t + 14 * DAY < r.now ? 'completed' : 'active', condUrl, enc.url);
    }
  }
  if (r.withNotes && last) {
    const symptoms = reason ? (SYMPTOMS_OF[reason.key] ?? []).map(symptom) : [];
    const facts = r.noteFacts(t, {
      reason,
      symptoms,
      negatives: r.negatives(symptoms, rng.int(1, 3)),
      newMeds,
      vitals: v,
      labs,
    });
    const { dialogue, soap } = writeVisitDialogue(rng, facts, SYMPTOMS);
    r.document(dialogue, end, enc.url);
    r.document(soap, end + 10 * MINUTE, enc.url);
  }
}
