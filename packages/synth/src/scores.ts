/**
 * The clinical definitions used to place ground-truth onset times from generated values:
 * SOFA (Vincent et al., Intensive Care Med 1996;22:707-10), Sepsis-3 (Singer et al., JAMA
 * 2016;315:801-10) with the suspected-infection windows of Seymour et al. (JAMA 2016;315:762-74) as
 * operationalised for the PhysioNet/CinC Challenge 2019 (Reyna et al., Crit Care Med 2020), and
 * KDIGO acute kidney injury by creatinine (KDIGO Clinical Practice Guideline for AKI, 2012, 2.1).
 */

const HOUR = 3_600_000;

/** Inputs to one SOFA evaluation; missing values score 0 (as in the usual LOCF practice). */
export interface SofaInputs {
  pao2?: number;
  spo2?: number;
  /** Fraction 0.21..1. */
  fio2?: number;
  platelets?: number;
  bilirubin?: number;
  map?: number;
  /** Norepinephrine dose, mcg/kg/min (0 when none). */
  norepinephrine?: number;
  gcs?: number;
  creatinine?: number;
}

export interface SofaScore {
  total: number;
  respiration: number;
  coagulation: number;
  liver: number;
  cardiovascular: number;
  cns: number;
  renal: number;
}

/**
 * SOFA. Respiration uses PaO2/FiO2 when a PaO2 is given, otherwise SpO2/FiO2 with the cut-offs
 * of Pandharipande et al. (Crit Care Med 2009;37:1317-21): 302, 221, 142, 67.
 */
export function scoreSofa(x: SofaInputs): SofaScore {
  const fio2 = x.fio2 ?? 0.21;
  let respiration = 0;
  if (x.pao2 !== undefined) {
    const pf = x.pao2 / fio2;
    respiration = pf < 100 ? 4 : pf < 200 ? 3 : pf < 300 ? 2 : pf < 400 ? 1 : 0;
  } else if (x.spo2 !== undefined) {
    const sf = x.spo2 / fio2;
    respiration = sf < 67 ? 4 : sf < 142 ? 3 : sf < 221 ? 2 : sf < 302 ? 1 : 0;
  }
  const p = x.platelets;
  const coagulation = p === undefined ? 0 : p < 20 ? 4 : p < 50 ? 3 : p < 100 ? 2 : p < 150 ? 1 : 0;
  const b = x.bilirubin;
  const liver = b === undefined ? 0 : b >= 12 ? 4 : b >= 6 ? 3 : b >= 2 ? 2 : b >= 1.2 ? 1 : 0;
  const ne = x.norepinephrine ?? 0;
  const cardiovascular = ne > 0.1 ? 4 : ne > 0 ? 3 : x.map !== undefined && x.map < 70 ? 1 : 0;
  const g = x.gcs;
  const cns = g === undefined ? 0 : g < 6 ? 4 : g < 10 ? 3 : g < 13 ? 2 : g < 15 ? 1 : 0;
  const cr = x.creatinine;
  const renal = cr === undefined ? 0 : cr >= 5 ? 4 : cr >= 3.5 ? 3 : cr >= 2 ? 2 : cr >= 1.2 ? 1 : 0;
  return {
    total: respiration + coagulation + liver + cardiovascular + cns + renal,
    respiration,
    coagulation,
    liver,
    cardiovascular,
    cns,
    renal,
  };
}

export interface TimedValue {
  /** Epoch milliseconds. */
  t: number;
  value: number;
}

export type SofaSeries = Partial<Record<keyof SofaInputs, TimedValue[]>>;

/**
 * Hourly SOFA totals from `from` to `to` (epoch ms), carrying each input's last observation
 * forward. Each series must be sorted by time.
 */
export function hourlySofa(series: SofaSeries, from: number, to: number): TimedValue[] {
  const keys = Object.keys(series) as (keyof SofaInputs)[];
  const pos: Record<string, number> = {};
  for (const k of keys) pos[k] = 0;
  const out: TimedValue[] = [];
  for (let t = from; t <= to; t += HOUR) {
    const x: SofaInputs = {};
    for (const k of keys) {
      const s = series[k]!;
      let i = pos[k]!;
      while (i < s.length && s[i]!.t <= t) i++;
      pos[k] = i;
      if (i > 0) x[k] = s[i - 1]!.value;
    }
    out.push({ t, value: scoreSofa(x).total });
  }
  return out;
}

/**
 * Time of suspected infection (Seymour 2016): a culture followed by antibiotics within 72 h, or
 * antibiotics followed by a culture within 24 h; the earlier of the pair. Undefined if none.
 */
export function suspectedInfectionTime(cultures: number[], antibiotics: number[]): number | undefined {
  let best: number | undefined;
  for (const c of cultures) {
    for (const a of antibiotics) {
      const ok = (c <= a && a - c <= 72 * HOUR) || (a < c && c - a <= 24 * HOUR);
      if (ok) {
        const t = Math.min(c, a);
        if (best === undefined || t < best) best = t;
      }
    }
  }
  return best;
}

/**
 * Sepsis-3 onset: with suspected infection at t_susp, the first hour in [t_susp - 48 h,
 * t_susp + 24 h] at which SOFA has risen by 2 or more over its value at the window's start
 * (t_SOFA); onset is the earlier of t_susp and t_SOFA (PhysioNet 2019). Undefined if no rise.
 */
export function sepsis3Onset(
  sofa: TimedValue[],
  cultures: number[],
  antibiotics: number[],
): { onset: number; suspicion: number; sofaTime: number } | undefined {
  const suspicion = suspectedInfectionTime(cultures, antibiotics);
  if (suspicion === undefined) return undefined;
  const lo = suspicion - 48 * HOUR;
  const hi = suspicion + 24 * HOUR;
  const window = sofa.filter((s) => s.t >= lo && s.t <= hi);
  const first = window[0];
  if (!first) return undefined;
  const hit = window.find((s) => s.value - first.value >= 2);
  if (!hit) return undefined;
  return { onset: Math.min(suspicion, hit.t), suspicion, sofaTime: hit.t };
}

/**
 * KDIGO AKI by serum creatinine: a rise of >= 0.3 mg/dL within 48 h, or to >= 1.5 x baseline
 * (baseline: `baseline` if known, else the lowest value in the preceding 7 days). Returns the time
 * of the first qualifying measurement and the highest stage reached (1-3) thereafter.
 */
export function kdigoAki(creatinine: TimedValue[], baseline?: number): { onset: number; stage: 1 | 2 | 3 } | undefined {
  let onset: number | undefined;
  let stage: 1 | 2 | 3 = 1;
  for (let i = 0; i < creatinine.length; i++) {
    const cur = creatinine[i]!;
    let min48 = Infinity;
    let min7d = baseline ?? Infinity;
    for (let j = 0; j < i; j++) {
      const prev = creatinine[j]!;
      const dt = cur.t - prev.t;
      if (dt <= 48 * HOUR) min48 = Math.min(min48, prev.value);
      if (dt <= 168 * HOUR) min7d = Math.min(min7d, prev.value);
    }
    const ratio = Number.isFinite(min7d) ? cur.value / min7d : 1;
    const meets = cur.value - min48 >= 0.3 || ratio >= 1.5;
    if (onset === undefined && meets) onset = cur.t;
    if (onset !== undefined) {
      const s: 1 | 2 | 3 = ratio >= 3 || cur.value >= 4 ? 3 : ratio >= 2 ? 2 : 1;
      if (s > stage) stage = s;
    }
  }
  return onset === undefined ? undefined : { onset, stage };
}
