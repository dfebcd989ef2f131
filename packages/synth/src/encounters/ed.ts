/**
 * An emergency department visit (class EMER) within the last two years: an acute infection, two
 * sets of vital signs (on arrival, and better before discharge), a blood panel and a discharge
 * prescription.
 */
import { condition } from '../data/acute-conditions';
import { medication } from '../data/medications';
import { VITALS } from '../data/observations';
import { ED_PRESENTATION } from '../data/trajectories';
import { CLASS_EMER, TYPE_ED } from '../fhir-builders';
import { DAY, HOUR, MINUTE, type PatientRecord } from '../record';

const ED_REASONS = ['pneumonia', 'uti', 'cellulitis', 'bronchitis'].map(condition);

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

export function addEdVisit(r: PatientRecord): void {
  const rng = r.rng;
  const b = r.base;
  const eligible = ED_REASONS.filter((d) => !d.sex || d.sex === r.person.sex);
  const reason = rng.pick(eligible);
  const t = r.now - rng.int(2, 700) * DAY - rng.int(0, 23) * HOUR;
  const end = t + rng.int(3, 8) * HOUR;
  const enc = r.encounter(CLASS_EMER, TYPE_ED, t, end);
  const condUrl = r.acuteCondition(reason, t - rng.int(1, 4) * DAY, enc.url, t + rng.int(7, 14) * DAY);
  enc.resource.reasonReference = [{ reference: condUrl }];
  const P = ED_PRESENTATION;
  for (let k = 0; k < 2; k++) {
    // Triage 10 minutes after arrival; the second set at 80 % of the stay.
    const tt = t + (k === 0 ? 10 * MINUTE : (end - t) * 0.8);
    const sick = k === 0 ? P.onArrival : P.beforeDischarge;
    const sbp = Math.round(b.sbp + P.systolic * sick + rng.normal(0, 6));
    const dbp = Math.round(b.dbp + P.diastolic * sick + rng.normal(0, 4));
    r.bloodPressure(sbp, dbp, tt, enc.url, true);
    r.vital(VITALS.heartRate, b.hr + P.heartRate * sick + rng.normal(0, 5), tt, enc.url);
    r.vital(VITALS.respRate, b.rr + P.respRate * sick + rng.normal(0, 1.5), tt, enc.url);
    r.vital(VITALS.temperature, P.temperature + P.fever * sick + rng.normal(0, 0.3), tt, enc.url);
    r.vital(VITALS.spo2, clamp(b.spo2 + P.spo2 * sick + rng.normal(0, 1), 80, 100), tt, enc.url);
  }
  // Blood panel 40 minutes after arrival: a raised white count with the infection.
  const lt = t + 40 * MINUTE;
  r.lab('wbc', b.wbc + rng.uniform(2, 6), lt, enc.url);
  r.lab('hemoglobin', b.hgb + rng.normal(0, 0.3), lt, enc.url);
  r.lab('platelets', b.plt, lt, enc.url);
  r.lab('creatinine', b.creat * rng.uniform(0.95, 1.15), lt, enc.url);
  r.lab('bun', b.creat * rng.uniform(12, 20), lt, enc.url);
  r.lab('sodium', rng.normal(138, 2.5), lt, enc.url);
  r.lab('potassium', rng.normal(4.1, 0.4), lt, enc.url);
  r.lab('glucose', b.glucose + rng.uniform(0, 30), lt, enc.url);
  // Discharged with an oral antibiotic an hour before leaving (azithromycin for pneumonia).
  const def = medication(reason.key === 'pneumonia' ? 'azithromycin' : reason.meds[0]!);
  r.prescribe({ def, dose: rng.pick(def.doses) }, end - HOUR, end + 10 * DAY < r.now ? 'completed' : 'active', condUrl, enc.url);
}
