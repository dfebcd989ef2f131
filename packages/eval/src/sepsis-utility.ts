/**
 * The PhysioNet/CinC 2019 clinical utility score, as defined by the challenge (Reyna et al.,
 * Crit Care Med 2020;48(2):210-7, and the challenge's evaluation code, evaluate_sepsis_score,
 * https://github.com/physionetchallenges/evaluation-2019), re-implemented here from that definition.
 *
 * For a septic stay, t_sepsis = (index of the first hour with SepsisLabel = 1) − dt_optimal,
 * i.e. 6 h after the first positive label (labels are shifted 6 h early). Each hour t up to
 * t_sepsis + dt_late earns:
 * - positive prediction, septic stay: t ≤ t_sepsis + dt_optimal → max(m1(t − t_sepsis) + b1, u_fp),
 *   rising from 0 at dt_early to max_u_tp at dt_optimal; later (≤ dt_late) → m2(t − t_sepsis) + b2,
 *   falling to 0 at dt_late;
 * - negative prediction, septic stay: 0 until dt_optimal, then m3(t − t_sepsis) + b3, falling to
 *   min_u_fn at dt_late;
 * - positive prediction, non-septic stay: u_fp; negative: u_tn.
 * Hours after t_sepsis + dt_late earn nothing. The total over stays is normalised as
 * (U_observed − U_inaction) / (U_best − U_inaction), where "best" predicts 1 exactly on
 * [t_sepsis + dt_early, t_sepsis + dt_late] and "inaction" never predicts.
 */

export interface UtilityParams {
  dtEarly: number;
  dtOptimal: number;
  dtLate: number;
  maxUTp: number;
  minUFn: number;
  uFp: number;
  uTn: number;
}

export const PHYSIONET_UTILITY: UtilityParams = {
  dtEarly: -12,
  dtOptimal: -6,
  dtLate: 3,
  maxUTp: 1,
  minUFn: -2,
  uFp: -0.05,
  uTn: 0,
};

/** Utility of one stay's hourly binary predictions. */
export function stayUtility(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  p: UtilityParams = PHYSIONET_UTILITY,
): number {
  const n = labels.length;
  if (predictions.length !== n) throw new RangeError('labels and predictions differ in length');
  const first = firstPositive(labels);
  const septic = first >= 0;
  const tSepsis = septic ? first - p.dtOptimal : Infinity;
  const { m1, b1, m2, b2, m3, b3 } = utilityLines(p);
  let u = 0;
  for (let t = 0; t < n; t++) {
    if (!(t <= tSepsis + p.dtLate)) continue;
    const pred = !!predictions[t];
    const dt = t - tSepsis;
    if (septic && pred) {
      if (t <= tSepsis + p.dtOptimal) u += Math.max(m1 * dt + b1, p.uFp);
      else u += m2 * dt + b2;
    } else if (!septic && pred) u += p.uFp;
    else if (septic && !pred) {
      if (t > tSepsis + p.dtOptimal) u += m3 * dt + b3;
    } else u += p.uTn;
  }
  return u;
}

/**
 * The lines of the challenge's utility function: the reward for a positive prediction rises (m1, b1)
 * from dtEarly to dtOptimal and falls (m2, b2) to dtLate; a missed case's penalty (m3, b3) grows from
 * dtOptimal to dtLate.
 */
function utilityLines(p: UtilityParams) {
  const m1 = p.maxUTp / (p.dtOptimal - p.dtEarly);
  const m2 = -p.maxUTp / (p.dtLate - p.dtOptimal);
  const m3 = p.minUFn / (p.dtLate - p.dtOptimal);
  return { m1, b1: -m1 * p.dtEarly, m2, b2: -m2 * p.dtLate, m3, b3: -m3 * p.dtOptimal };
}

/** The first hour labelled positive, or -1. */
function firstPositive(labels: ArrayLike<number>): number {
  for (let i = 0; i < labels.length; i++) if (labels[i]) return i;
  return -1;
}

/** The best possible predictions for a stay (1 on [t_sepsis + dt_early, t_sepsis + dt_late]). */
export function bestPredictions(labels: ArrayLike<number>, p: UtilityParams = PHYSIONET_UTILITY): Uint8Array {
  const n = labels.length;
  const out = new Uint8Array(n);
  const first = firstPositive(labels);
  if (first < 0) return out;
  const tSepsis = first - p.dtOptimal;
  for (let t = Math.max(0, tSepsis + p.dtEarly); t < Math.min(tSepsis + p.dtLate + 1, n); t++) out[t] = 1;
  return out;
}

export interface UtilityResult {
  normalized: number;
  observed: number;
  best: number;
  worst: number;
  inaction: number;
}

/** Normalised utility over a cohort of stays. */
export function normalizedUtility(
  stays: ReadonlyArray<{ labels: ArrayLike<number>; predictions: ArrayLike<number> }>,
  p: UtilityParams = PHYSIONET_UTILITY,
): UtilityResult {
  let observed = 0;
  let best = 0;
  let worst = 0;
  let inaction = 0;
  for (const s of stays) {
    const b = bestPredictions(s.labels, p);
    const w = b.map((x) => 1 - x);
    observed += stayUtility(s.labels, s.predictions, p);
    best += stayUtility(s.labels, b, p);
    worst += stayUtility(s.labels, w, p);
    inaction += stayUtility(s.labels, new Uint8Array(s.labels.length), p);
  }
  return { normalized: (observed - inaction) / (best - inaction), observed, best, worst, inaction };
}

/**
 * The utility each hour of a stay earns if predicted positive (`positive[t]`) or negative
 * (`negative[t]`), so that `stayUtility(labels, pred)` = Σ_t (pred[t] ? positive[t] : negative[t]).
 * Lets a threshold sweep score a cohort without re-walking `stayUtility` per threshold.
 */
export function hourlyUtilities(
  labels: ArrayLike<number>,
  p: UtilityParams = PHYSIONET_UTILITY,
): { positive: Float64Array; negative: Float64Array } {
  const n = labels.length;
  const positive = new Float64Array(n);
  const negative = new Float64Array(n);
  const first = firstPositive(labels);
  if (first < 0) {
    positive.fill(p.uFp);
    negative.fill(p.uTn);
    return { positive, negative };
  }
  const tSepsis = first - p.dtOptimal;
  const { m1, b1, m2, b2, m3, b3 } = utilityLines(p);
  for (let t = 0; t < n && t <= tSepsis + p.dtLate; t++) {
    const dt = t - tSepsis;
    if (t <= tSepsis + p.dtOptimal) positive[t] = Math.max(m1 * dt + b1, p.uFp);
    else {
      positive[t] = m2 * dt + b2;
      negative[t] = m3 * dt + b3;
    }
  }
  return { positive, negative };
}
