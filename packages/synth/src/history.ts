/**
 * The patient's history before any visit: chronic problems by age-specific prevalence
 * (data/conditions.ts), the baselines they move, medications that treat them, allergies,
 * immunizations by schedule, resolved acute illnesses and family history.
 */
import { drawProblemBaseline } from './baseline';
import { FAMILY_CONDITIONS, FAMILY_MEMBERS, condition } from './data/acute-conditions';
import { CONDITIONS, prevalenceAt } from './data/conditions';
import { ALLERGIES, VACCINES } from './data/immunizations';
import { medication } from './data/medications';
import {
  allergyIntolerance,
  familyMemberHistory,
  immunization,
  noKnownAllergy,
  problemCondition,
  resolvedCondition,
} from './fhir-builders';
import type { MedOrder } from './model';
import { DAY, YEAR, type PatientRecord } from './record';

/** A problem is treated with this chance; these problems often take two drugs. */
const TREATED_SHARE = 0.85;
const OFTEN_TWO_DRUGS = ['t2dm', 'heart_failure', 'cad', 'asthma'];
/** Resolved acute illnesses a patient may have had. */
const PAST_ACUTE = ['pneumonia', 'cellulitis', 'uti', 'sinusitis', 'bronchitis'].map(condition);

/** Problems, then everything that follows from them. */
export function addHistory(r: PatientRecord): void {
  addProblems(r);
  drawProblemBaseline(r.rng, r.base, r.person.sex, r.ageYears, (k) => r.has(k));
  addMedications(r);
  addAllergies(r);
  addImmunizations(r);
  addPastAcute(r);
  addFamilyHistory(r);
}

/** Chronic problems, in dependency order so that `requires` and `boost` see their conditions. */
function addProblems(r: PatientRecord): void {
  const rng = r.rng;
  const age = r.ageYears;
  for (const def of CONDITIONS) {
    if (def.sex && def.sex !== r.person.sex) continue;
    if (def.requires && !r.has(def.requires)) continue;
    let p = prevalenceAt(def, age);
    if (p <= 0) continue;
    if (def.boost) for (const k in def.boost) if (r.has(k)) p *= def.boost[k]!;
    if (!rng.chance(Math.min(0.95, p))) continue;
    let lo = def.onset[0];
    let hi = Math.min(def.onset[1], age);
    if (hi < lo) {
      lo = Math.max(0, age - 5);
      hi = age;
    }
    const onset = Math.min(r.birth + rng.uniform(lo, hi + 0.99) * YEAR, r.now - 30 * DAY);
    const recorded = Math.min(r.now - DAY, Math.max(onset, r.birth + DAY) + rng.int(0, 60) * DAY);
    const resource = problemCondition(r, def, Math.max(onset, r.birth + DAY), recorded);
    r.conditions.push({ def, onset, ref: r.add(resource) });
  }
}

function addMedications(r: PatientRecord): void {
  const rng = r.rng;
  for (const c of r.conditions) {
    if (!c.def.meds.length || !rng.chance(TREATED_SHARE)) continue;
    const n = OFTEN_TWO_DRUGS.includes(c.def.key) && rng.chance(0.5) ? 2 : 1;
    // First-line drugs mostly; sometimes any of the listed ones.
    const choices = rng.chance(0.65) ? c.def.meds.slice(0, n) : rng.shuffle(c.def.meds).slice(0, n);
    for (const key of choices) {
      if (r.meds.some((m) => m.def.key === key)) continue;
      const def = medication(key);
      const order: MedOrder = { def, dose: rng.pick(def.doses) };
      r.meds.push(order);
      r.prescribe(order, c.onset + rng.int(0, 90) * DAY, 'active', c.ref);
    }
  }
}

function addAllergies(r: PatientRecord): void {
  const rng = r.rng;
  for (const a of ALLERGIES) {
    if (!rng.chance(a.p)) continue;
    r.allergies.push(a);
    const reaction = rng.pick(a.reactions);
    r.add(allergyIntolerance(r, a, reaction, r.now - rng.int(30, 3000) * DAY));
  }
  // Half of the others have "no known allergy" on record.
  if (!r.allergies.length && rng.chance(0.5)) r.add(noKnownAllergy(r, r.now - rng.int(30, 3000) * DAY));
}

function addImmunizations(r: PatientRecord): void {
  const rng = r.rng;
  for (const v of VACCINES) {
    if (r.ageYears < v.minAge || r.ageYears > v.maxAge || !rng.chance(v.p)) continue;
    const earliest = Math.max(r.birth + v.minAge * YEAR, v.everyYears ? r.now - v.everyYears * YEAR : 0);
    const when = rng.uniform(earliest, r.now - 7 * DAY);
    r.add(immunization(r, v, Math.max(when, r.birth + DAY)));
  }
}

function addPastAcute(r: PatientRecord): void {
  const rng = r.rng;
  const nPast = r.ageYears > 20 ? rng.int(0, 2) : rng.int(0, 1);
  for (let i = 0; i < nPast; i++) {
    const def = rng.pick(PAST_ACUTE);
    if ((def.sex && def.sex !== r.person.sex) || r.pastAcute.includes(def)) continue;
    const onset = r.now - rng.uniform(1, Math.min(15, r.ageYears + 1)) * YEAR;
    if (onset < r.birth) continue;
    r.pastAcute.push(def);
    r.add(resolvedCondition(r, def, onset, onset + rng.int(7, 21) * DAY));
  }
}

function addFamilyHistory(r: PatientRecord): void {
  const rng = r.rng;
  const nFam = rng.int(0, 2);
  for (let i = 0; i < nFam; i++) {
    const cond = rng.pick(FAMILY_CONDITIONS);
    const member = rng.pick(FAMILY_MEMBERS);
    if (r.family.some((f) => f.member === member)) continue;
    r.family.push({ member, names: cond.names, snomed: cond.snomed, display: cond.display });
    r.add(familyMemberHistory(r, member, cond));
  }
}
