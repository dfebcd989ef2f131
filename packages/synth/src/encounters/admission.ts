/**
 * A hospital admission (class IMP) from the ED, hour by hour along its trajectory (trajectory.ts):
 * ward or ICU vital signs with missing values, daily labs, the infection work-up (blood culture and
 * antibiotics), vasopressors in septic shock, the notes of the stay, and at the end the ground
 * truth computed from what was recorded — Sepsis-3 onset, KDIGO AKI — as label and diagnoses.
 */
import { SYMPTOMS, SYMPTOMS_OF, condition } from '../data/acute-conditions';
import type { ConditionDef } from '../data/conditions';
import { medication } from '../data/medications';
import { VITALS, type LabKey } from '../data/observations';
import { CHARTING, DIAGNOSES, INFECTION_WORKUP, INPATIENT_NOTES, SHOCK } from '../data/trajectories';
import {
  CLASS_IMP,
  ORGANISMS,
  TYPE_ADMISSION,
  TYPE_ICU,
  admissionHospitalization,
  admissionLocations,
  bloodCulture,
  iso,
  medicationAdministration,
  round,
} from '../fhir-builders';
import type { AdmissionLabel, Trajectory } from '../labels';
import type { LabValue, MedOrder, NoteFacts, VitalSet } from '../model';
import { writeDischargeSummary, writeHistoryAndPhysical, writeNursingNote, writeProgressNote } from '../notes';
import type { Rng } from '../prng';
import { DAY, HOUR, MINUTE, symptom, type PatientRecord } from '../record';
import { hourlySofa, kdigoAki, sepsis3Onset, type SofaSeries } from '../scores';
import {
  akiFactorAt,
  admissionLactate,
  inpatientPanel,
  planCourse,
  septicLactate,
  severityAt,
  vitalSignsAt,
  workupLactate,
  workupProcalcitonin,
  type Course,
  type HourVitals,
  type Severity,
} from '../trajectory';

const ADMISSION_REASONS = ['pneumonia', 'uti', 'cellulitis'].map(condition);
/** Labs of the daily panel that notes quote (the first `INPATIENT_NOTES.labsShown` of them). */
const NOTED_LABS: readonly LabKey[] = ['creatinine', 'bun', 'sodium', 'potassium', 'wbc', 'hemoglobin', 'platelets'];

/**
 * Admit the patient at `start` for `plannedHours` (a current stay runs up to now instead) and play
 * the stay out along `trajectory`. Returns the discharge time (now for a current stay).
 */
export function addAdmission(
  r: PatientRecord,
  trajectory: Trajectory,
  start: number,
  plannedHours: number,
  current: boolean,
  readmission: boolean,
): number {
  const rng = r.rng;
  const hours = current ? Math.floor((r.now - start) / HOUR) : plannedHours;
  const end = current ? undefined : start + hours * HOUR;
  const eligible = ADMISSION_REASONS.filter((d) => !d.sex || d.sex === r.person.sex);
  // A deteriorating patient with heart failure is admitted for it half the time.
  const reason =
    trajectory === 'deteriorating' && r.has('heart_failure') && rng.chance(0.5) ? condition('heart_failure') : rng.pick(eligible);
  const course = planCourse(rng, trajectory, hours, current);
  const icuStay = course.icu && course.tIcu < hours;
  const enc = r.encounter(CLASS_IMP, icuStay ? [TYPE_ADMISSION, TYPE_ICU] : [TYPE_ADMISSION], start, end);
  const admitCond = r.acuteCondition(
    reason,
    start - rng.int(1, 3) * DAY,
    enc.url,
    end !== undefined ? end + DIAGNOSES.reasonResolvesDaysAfterDischarge * DAY : undefined,
  );
  enc.resource.reasonReference = [{ reference: admitCond }];
  enc.resource.hospitalization = admissionHospitalization(end !== undefined);
  const ward = `Ward ${rng.int(2, 9)}${rng.pick(['A', 'B', 'C'])}`;
  enc.resource.location = admissionLocations(ward, start, end, icuStay ? start + course.tIcu * HOUR : undefined);

  const stay = new Stay(r, course, reason, enc.url, admitCond, start, hours);
  for (let h = 0; h <= hours; h++) {
    const t0 = start + h * HOUR;
    if (t0 > r.now) break;
    stay.hour(h, t0);
  }
  r.admissions.push(stay.label(end, readmission));
  return end ?? r.now;
}

/** The running state of one stay: what has been recorded so far, and what the labels are computed from. */
class Stay {
  readonly rng: Rng;
  /** The values SOFA is scored from, as recorded. */
  readonly series: SofaSeries = {
    spo2: [],
    fio2: [],
    platelets: [],
    bilirubin: [],
    map: [],
    norepinephrine: [],
    gcs: [],
    creatinine: [],
  };
  readonly cultures: number[] = [];
  readonly antibiotics: number[] = [];
  /** Medications started in hospital (for the notes). */
  readonly newMeds: MedOrder[] = [];
  /** Norepinephrine dose running now, mcg/kg/min (0: none). */
  pressor = 0;
  lowMapHours = 0;
  /** Hour of the first antibiotic dose, -1 before. */
  abxHour = -1;
  /** The last charted value of each vital sign, and the day's panel (for the notes). */
  readonly lastVitals: VitalSet = {};
  dayLabs: LabValue[] = [];

  constructor(
    readonly r: PatientRecord,
    readonly course: Course,
    readonly reason: ConditionDef,
    readonly enc: string,
    readonly admitCond: string,
    readonly start: number,
    readonly hours: number,
  ) {
    this.rng = r.rng;
  }

  /** Hour `h` of the stay, starting at `t0`. */
  hour(h: number, t0: number): void {
    const { r, rng, course: c } = this;
    const sev = severityAt(c, h, this.abxHour);
    const inIcu = c.icu && h >= c.tIcu;
    const W = INFECTION_WORKUP;
    if (
      (c.septic && h === c.tInf + W.septicAfterOnset) ||
      (c.trajectory === 'deteriorating' && h === c.tDet + W.deterioratingAfterOnset && rng.chance(W.deterioratingChance))
    )
      this.infectionWorkup(h, t0, sev);
    const every = inIcu ? CHARTING.icuEveryHours : CHARTING.wardEveryHours;
    const t = t0 + rng.int(CHARTING.lateMinutes[0], CHARTING.lateMinutes[1]) * MINUTE;
    const v = vitalSignsAt(rng, r.base, c, sev, this.pressor > 0, r.has('dementia'));
    if (c.septic && h >= c.tInf) this.manageShock(t0, v.map, sev.s);
    if (h % every === 0) this.chartVitals(t, v, inIcu);
    if (h % CHARTING.slowEveryHours === 0) this.chartSlowVitals(h, t, v, inIcu);
    const hourOfDay = new Date(t0).getUTCHours();
    this.labs(h, t0, hourOfDay, sev, inIcu);
    if (r.withNotes) this.notes(h, t0, hourOfDay, sev, inIcu, v.gcs);
  }

  /** Recognition of infection: a blood culture then antibiotics (or the reverse), each only if before now. */
  infectionWorkup(h: number, t0: number, sev: Severity): void {
    const { r, rng, course: c, enc } = this;
    const W = INFECTION_WORKUP;
    const abxFirst = rng.chance(W.antibioticsFirstChance);
    const tc = t0 + (abxFirst ? W.cultureAfterAntibioticsHours * HOUR : 0) + rng.int(W.minutesPast[0], W.minutesPast[1]) * MINUTE;
    const ta =
      t0 +
      (abxFirst ? 0 : rng.int(W.antibioticsAfterCultureHours[0], W.antibioticsAfterCultureHours[1]) * HOUR) +
      rng.int(W.minutesPast[0], W.minutesPast[1]) * MINUTE;
    if (tc <= r.now) {
      this.cultures.push(tc);
      const issued = tc + W.cultureResultHours * HOUR;
      const result =
        issued <= r.now
          ? { issued, organism: c.septic && rng.chance(W.positiveCultureChance) ? rng.pick(ORGANISMS) : undefined }
          : undefined;
      r.add(bloodCulture(r, tc, enc, result));
      r.lab('lactate', workupLactate(rng, c, sev), tc, enc);
      r.lab('procalcitonin', workupProcalcitonin(rng, c, sev), tc, enc);
    }
    if (ta <= r.now) {
      this.antibiotics.push(ta);
      this.abxHour = h;
      const status = c.current ? 'active' : 'completed';
      const regimen = c.septic ? rng.pick(W.septicRegimens) : W.otherRegimen;
      for (const key of regimen) {
        const def = medication(key);
        const order = { def, dose: rng.pick(def.doses) };
        this.newMeds.push(order);
        r.prescribe(order, ta - W.orderLeadMs, status, this.admitCond, enc);
        r.add(medicationAdministration(r, order, ta, enc));
      }
      if (c.septic) {
        // A crystalloid bolus with the first antibiotics (Surviving Sepsis Campaign 2021: 30 mL/kg within 3 h).
        const ns = medication('sodium_chloride');
        this.newMeds.push({ def: ns, dose: ns.doses[0]! });
        r.prescribe({ def: ns, dose: ns.doses[0]! }, ta, 'completed', this.admitCond, enc);
      }
    }
  }

  /** Norepinephrine once MAP stays low after antibiotics; weaned when the patient improves. */
  manageShock(t0: number, map: number, s: number): void {
    const { r, rng } = this;
    this.lowMapHours = map < SHOCK.mapBelow ? this.lowMapHours + 1 : 0;
    if (this.pressor === 0 && this.lowMapHours >= SHOCK.lowMapHours && this.abxHour >= 0) {
      this.pressor = round(rng.uniform(SHOCK.dose[0], SHOCK.dose[1]), 2);
      const ne = medication('norepinephrine');
      const order = { def: ne, dose: ne.doses[0]! };
      this.newMeds.push(order);
      r.prescribe(order, t0, this.course.current ? 'active' : 'completed', this.admitCond, this.enc);
      this.series.norepinephrine!.push({ t: t0, value: this.pressor });
    } else if (this.pressor > 0 && s < SHOCK.weanBelow) {
      this.pressor = 0;
      this.series.norepinephrine!.push({ t: t0, value: 0 });
    }
  }

  /** Heart rate, blood pressure (with MAP in the ICU), respiratory rate and SpO2, each sometimes missing. */
  chartVitals(t: number, v: HourVitals, inIcu: boolean): void {
    const { r, rng, enc, series, lastVitals: last } = this;
    const P = CHARTING.recorded;
    if (rng.chance(P.heartRate)) {
      r.vital(VITALS.heartRate, v.hr, t, enc);
      last.hr = Math.round(v.hr);
    }
    if (rng.chance(P.bloodPressure)) {
      r.bloodPressure(v.sbp, v.dbp, t, enc, inIcu);
      series.map!.push({ t, value: v.map });
      last.sbp = v.sbp;
      last.dbp = v.dbp;
    }
    if (rng.chance(P.respRate)) {
      r.vital(VITALS.respRate, v.rr, t, enc);
      last.rr = Math.round(v.rr);
    }
    if (rng.chance(P.spo2)) {
      r.vital(VITALS.spo2, v.spo2, t, enc);
      series.spo2!.push({ t, value: v.spo2 });
      last.spo2 = v.spo2;
    }
  }

  /** Temperature, FiO2 (once on oxygen, for the rest of the stay) and GCS (hourly in the ICU, 12-hourly on the ward). */
  chartSlowVitals(h: number, t: number, v: HourVitals, inIcu: boolean): void {
    const { r, rng, enc, series, lastVitals: last } = this;
    if (rng.chance(CHARTING.recorded.temperature)) {
      r.vital(VITALS.temperature, v.temp, t, enc);
      last.temp = round(v.temp, 1);
    }
    if (v.fio2 > 0.21 || series.fio2!.length) {
      r.vital(VITALS.fio2, v.fio2 * 100, t, enc);
      series.fio2!.push({ t, value: v.fio2 });
      last.fio2 = v.fio2;
    }
    if ((inIcu || h % CHARTING.wardGcsEveryHours === 0) && rng.chance(CHARTING.recorded.gcs)) {
      r.vital(VITALS.gcs, v.gcs, t, enc);
      series.gcs!.push({ t, value: v.gcs });
      last.gcs = v.gcs;
    }
  }

  /**
   * Labs: the panel on admission, every morning, and in the evening too in the ICU or with an AKI
   * course; lactate on admission if deteriorating or septic, and repeated while septic.
   */
  labs(h: number, t0: number, hourOfDay: number, sev: Severity, inIcu: boolean): void {
    const { r, rng, course: c, enc } = this;
    const C = CHARTING;
    if (h === 0 || hourOfDay === C.morningLabsHour || ((inIcu || c.tAki >= 0) && hourOfDay === C.eveningLabsHour)) {
      this.dayLabs = this.panel(h, t0 + rng.int(C.labMinutes[0], C.labMinutes[1]) * MINUTE, sev, h === 0 || inIcu);
      if (h === 0 && (c.septic || c.trajectory === 'deteriorating'))
        r.lab('lactate', admissionLactate(rng, sev), t0 + C.admissionLactateMinutes * MINUTE, enc);
    } else {
      const recognised = c.tInf + INFECTION_WORKUP.septicAfterOnset;
      if (c.septic && h > recognised && (h - recognised) % C.lactateEveryHours === 0 && h < c.tInf + C.lactateUntilHours)
        r.lab('lactate', septicLactate(rng, sev), t0 + C.lactateMinutes * MINUTE, enc);
    }
  }

  /** Record the day's panel; returns the values notes quote. */
  panel(h: number, t: number, sev: Severity, full: boolean): LabValue[] {
    const noted: LabValue[] = [];
    for (const [key, value] of inpatientPanel(this.rng, this.r.base, this.course, h, sev, full)) {
      const lab = this.r.lab(key, value, t, this.enc);
      // Creatinine, platelets and bilirubin feed the SOFA score (and creatinine KDIGO staging).
      if (key === 'creatinine' || key === 'platelets' || key === 'bilirubin') this.series[key]!.push({ t, value: lab.value });
      if (NOTED_LABS.includes(key)) noted.push(lab);
    }
    return noted;
  }

  /** H&P at hour 2, a progress note each morning, nursing notes at shift change, the discharge summary at the end. */
  notes(h: number, t0: number, hourOfDay: number, sev: Severity, inIcu: boolean, gcs: number): void {
    const { r, rng, course: c } = this;
    const N = INPATIENT_NOTES;
    const hp = h === N.historyAndPhysicalHour;
    const progress = !hp && hourOfDay === N.progressHourOfDay && h > N.progressAfterHour;
    const nursing = (N.nursingHoursOfDay as readonly number[]).includes(hourOfDay) && h > N.nursingAfterHour;
    const discharge = !c.current && h === this.hours;
    if (!hp && !progress && !nursing && !discharge) return;
    const septicNow = c.septic && h >= c.tInf;
    const symptoms = (septicNow ? N.septicSymptoms : (SYMPTOMS_OF[this.reason.key] ?? ['fatigue'])).map(symptom);
    // Below GCS 15 the patient is not fully alert.
    if (gcs < 15 && !symptoms.some((x) => x.key === 'confusion')) symptoms.push(symptom('confusion'));
    const factsAt = (time: number, extra: Partial<NoteFacts> = {}) =>
      r.noteFacts(time, {
        reason: this.reason,
        symptoms,
        negatives: r.negatives(symptoms, rng.int(1, 3)),
        vitals: { ...this.lastVitals },
        labs: this.dayLabs.slice(0, N.labsShown),
        newMeds: this.newMeds.slice(),
        admitTime: this.start,
        icu: inIcu,
        hospitalDay: Math.floor(h / 24) + 1,
        sepsis: septicNow,
        aki: c.tAki >= 0 && akiFactorAt(c, h) >= N.akiFactorFrom,
        deteriorating: sev.s > N.deterioratingAbove && (c.trajectory === 'deteriorating' || c.septic),
        ...extra,
      });
    if (hp) {
      const t = t0 + N.historyAndPhysicalMinutes * MINUTE;
      r.document(writeHistoryAndPhysical(rng, factsAt(t), SYMPTOMS), t, this.enc);
    } else if (progress) {
      const t = t0 + N.progressMinutes * MINUTE;
      r.document(writeProgressNote(rng, factsAt(t), SYMPTOMS), t, this.enc);
    }
    if (nursing) {
      const t = t0 + N.nursingMinutes * MINUTE;
      r.document(writeNursingNote(rng, factsAt(t), SYMPTOMS), t, this.enc);
    }
    if (discharge) {
      const facts = factsAt(t0 + HOUR, { dischargeTime: this.start + this.hours * HOUR });
      r.document(writeDischargeSummary(rng, facts, SYMPTOMS), Math.min(r.now, t0 + HOUR), this.enc);
    }
  }

  /**
   * The stay's ground truth, computed from what was recorded (scores.ts), and the sepsis and AKI
   * diagnoses it implies once they would have been recognised (before now).
   */
  label(end: number | undefined, readmission: boolean): AdmissionLabel {
    const { r, course: c, start, hours } = this;
    const sofa = hourlySofa(this.series, start, Math.min(r.now, start + hours * HOUR));
    const sepsis = sepsis3Onset(sofa, this.cultures, this.antibiotics);
    const aki = kdigoAki(this.series.creatinine!);
    const recognisedAfter = DIAGNOSES.recordedAfterHours * HOUR;
    if (sepsis && sepsis.onset + recognisedAfter <= r.now) r.acuteCondition(condition('sepsis'), sepsis.onset, this.enc, end);
    if (aki && aki.onset + recognisedAfter <= r.now)
      r.acuteCondition(
        condition('aki'),
        aki.onset,
        this.enc,
        end !== undefined ? end + DIAGNOSES.akiResolvesDaysAfterDischarge * DAY : undefined,
      );
    const label: AdmissionLabel = {
      encounter: this.enc,
      trajectory: c.trajectory,
      start: iso(start),
      current: c.current,
      icu: c.icu && c.tIcu <= hours,
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
    return label;
  }
}
