/**
 * A patient's baseline vital signs and labs: drawn first from age and sex, then moved by the
 * chronic problems once they are known. Parameters and their sources: data/baselines.ts.
 */
import { AGE_GROUPS, BASELINE, PROBLEM_BASELINE } from './data/baselines';
import type { Rng } from './prng';

/** Baselines for vital signs and labs (units as recorded: mmHg, /min, %, Cel, cm, kg, mg/dL, g/dL, 10*3/uL, %, mIU/L). */
export interface Baseline {
  sbp: number;
  dbp: number;
  hr: number;
  rr: number;
  spo2: number;
  temp: number;
  height: number;
  weight: number;
  creat: number;
  plt: number;
  bili: number;
  hgb: number;
  wbc: number;
  glucose: number;
  a1c: number;
  ldl: number;
  tsh: number;
}

/** Placeholder values until the draws below replace them. */
export function emptyBaseline(): Baseline {
  return {
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
}

const uniform = (rng: Rng, range: readonly [number, number]) => rng.uniform(range[0], range[1]);

/** Height, heart and respiratory rate, creatinine, blood counts, bilirubin and TSH from age and sex. */
export function drawAgeSexBaseline(rng: Rng, b: Baseline, sex: 'female' | 'male', age: number): void {
  const female = sex === 'female';
  const { infantBelow, childBelow, adultFrom } = AGE_GROUPS;
  const H = BASELINE.adultHeight;
  if (age >= adultFrom) {
    b.height = rng.normal(female ? H.female : H.male, H.sd);
  } else {
    const C = BASELINE.childHeight;
    b.height =
      Math.min(
        female ? H.female : H.male,
        C.atBirth + C.perYear * age + (age > C.pubertyFrom ? (age - C.pubertyFrom) * C.pubertyPerYear : 0),
      ) + rng.normal(0, C.sd);
  }
  const hr =
    age < infantBelow ? BASELINE.heartRate.infant : age < childBelow ? BASELINE.heartRate.child : BASELINE.heartRate.adult;
  b.hr = rng.normal(hr.mean, hr.sd);
  b.rr = age < infantBelow ? BASELINE.respRate.infant : age < childBelow ? BASELINE.respRate.child : BASELINE.respRate.adult;
  const cr = BASELINE.creatinine;
  b.creat = uniform(rng, age < adultFrom ? cr.child : female ? cr.female : cr.male);
  b.plt = uniform(rng, BASELINE.platelets);
  b.bili = uniform(rng, BASELINE.bilirubin);
  const hgb = female ? BASELINE.hemoglobin.female : BASELINE.hemoglobin.male;
  b.hgb = rng.normal(hgb.mean, hgb.sd);
  b.wbc = uniform(rng, BASELINE.wbc);
  b.tsh = uniform(rng, BASELINE.tsh);
}

/** Blood pressure, SpO2, weight, glucose, HbA1c, LDL and the values problems move (CKD, anemia, thyroid). */
export function drawProblemBaseline(
  rng: Rng,
  b: Baseline,
  sex: 'female' | 'male',
  age: number,
  has: (condition: string) => boolean,
): void {
  const P = PROBLEM_BASELINE;
  const child = age < AGE_GROUPS.adultFrom;
  b.sbp =
    (child ? P.systolic.child : P.systolic.adult + age * P.systolic.perYear) +
    (has('hypertension') ? P.systolic.hypertension : 0) +
    rng.normal(0, P.systolic.sd);
  b.dbp =
    (child ? P.diastolic.child : P.diastolic.adult) +
    (has('hypertension') ? P.diastolic.hypertension : 0) +
    rng.normal(0, P.diastolic.sd);
  b.spo2 = uniform(rng, has('copd') ? P.spo2.copd : P.spo2.other);
  const bmi = uniform(rng, has('obesity') ? P.bmi.obesity : child ? P.bmi.child : P.bmi.adult);
  b.weight = (bmi * b.height * b.height) / 10000;
  if (has('ckd3')) b.creat = uniform(rng, sex === 'female' ? P.ckd3Creatinine.female : P.ckd3Creatinine.male);
  if (has('iron_deficiency_anemia')) b.hgb = uniform(rng, P.anemiaHemoglobin);
  b.glucose = uniform(rng, has('t2dm') ? P.glucose.t2dm : has('prediabetes') ? P.glucose.prediabetes : P.glucose.normal);
  b.a1c = uniform(rng, has('t2dm') ? P.a1c.t2dm : has('prediabetes') ? P.a1c.prediabetes : P.a1c.normal);
  b.ldl = uniform(rng, has('hyperlipidemia') ? P.ldl.hyperlipidemia : P.ldl.other);
  if (has('hypothyroidism')) b.tsh = uniform(rng, P.hypothyroidTsh);
}
