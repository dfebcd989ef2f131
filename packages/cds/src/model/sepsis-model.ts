/**
 * Run-time use of the sepsis risk model: project a patient state onto the hourly PhysioNet grid,
 * compute features, predict the probability for the latest hour and explain it by the variables
 * whose removal changes the prediction most. No training code or data is needed here.
 */
import type { PatientState } from '../state';
import { FEATURE_NAMES, hourlyFeatures, N_FEATURES } from './features';
import { predictRaw, sigmoid, type GbtModel } from './gbt';
import { COL, N_COLUMNS, N_DYNAMIC, PHYSIONET_DYNAMIC, type HourlyRecord } from './physionet';

export interface SepsisModel extends GbtModel {
  /** Alert threshold on the probability, chosen on validation data by the trainer. */
  threshold: number;
}

/** Validate a parsed model file and prepare it for prediction (float32 thresholds). */
export function loadSepsisModel(json: unknown): SepsisModel {
  const m = json as GbtModel;
  if (!m || m.format !== 'galen-gbt' || !Array.isArray(m.trees) || !Array.isArray(m.features))
    throw new Error('Not a galen-gbt model');
  if (m.features.length !== N_FEATURES || m.features.some((f, i) => f !== FEATURE_NAMES[i])) {
    throw new Error(`Model ${m.version} was trained on a different feature set`);
  }
  const threshold = Number((m.meta as { threshold?: number } | undefined)?.threshold ?? 0.5);
  return {
    ...m,
    threshold,
    // Thresholds were written with 9 significant digits: fround restores the exact float32 edge the features are compared with.
    trees: m.trees.map((t) => ({ ...t, threshold: t.threshold.map((x) => Math.fround(x)) })),
  };
}

/** Project a state onto an hourly grid (hour 0 = `admittedAt` or the first observation), last value in each hour. */
export function gridFromState(s: PatientState, admittedAt?: number, maxHours = 336): HourlyRecord {
  let start = admittedAt ?? Infinity;
  if (admittedAt === undefined) for (const list of Object.values(s.series)) if (list?.[0] && list[0].t < start) start = list[0].t;
  if (!Number.isFinite(start)) start = s.nowMs;
  // Keep the most recent `maxHours` hours.
  const first = Math.max(start, s.nowMs - (maxHours - 1) * 3600_000);
  const hours = Math.max(1, Math.floor((s.nowMs - first) / 3600_000) + 1);
  const values = new Float32Array(hours * N_COLUMNS).fill(NaN);
  PHYSIONET_DYNAMIC.forEach(([, param], j) => {
    for (const m of s.series[param] ?? []) {
      if (m.t > s.nowMs || m.t < first) continue;
      const h = Math.floor((m.t - first) / 3600_000);
      values[h * N_COLUMNS + j] = m.value;
    }
  });
  const offsetHours = (first - start) / 3600_000;
  for (let h = 0; h < hours; h++) {
    const row = h * N_COLUMNS;
    values[row + COL.Age!] = s.ageYears ?? NaN;
    values[row + COL.Gender!] = s.sex === 'male' ? 1 : s.sex === 'female' ? 0 : NaN;
    values[row + COL.ICULOS!] = Math.floor(offsetHours) + h + 1;
  }
  return { id: 'state', hours, values };
}

export interface SepsisRisk {
  probability: number;
  /** Probability ≥ the model's threshold. */
  aboveThreshold: boolean;
  threshold: number;
  modelVersion: string;
  /** Variables that raise the risk most (log-odds change when the variable is hidden). */
  drivers: Array<{ variable: string; value: number | null; effect: number }>;
  explanation: string;
  /** Hours of data the prediction used. */
  hours: number;
}

/** Probability for every hour of a record (the evaluator's path). */
export function predictHourly(model: GbtModel, rec: Pick<HourlyRecord, 'hours' | 'values'>): Float64Array {
  const x = hourlyFeatures(rec);
  const out = new Float64Array(rec.hours);
  for (let h = 0; h < rec.hours; h++) out[h] = sigmoid(predictRaw(model, x, h * N_FEATURES));
  return out;
}

/** Feature indices derived from each dynamic variable (for explanations). */
const GROUPS: Array<{ variable: string; column: number; features: number[] }> = PHYSIONET_DYNAMIC.map(([c], j) => ({
  variable: c,
  column: j,
  features: FEATURE_NAMES.map((f, i) => [f, i] as const)
    .filter(([f]) => f === c || f.startsWith(`${c}_`))
    .map(([, i]) => i),
}));

/** Risk now from a patient state, with the top drivers (each found by hiding one variable: ~35 extra predictions). */
export function predictSepsisRisk(
  model: SepsisModel,
  s: PatientState,
  opts: { admittedAt?: number; explain?: 'always' | 'above-threshold' } = {},
): SepsisRisk {
  const admittedAt = opts.admittedAt;
  const rec = gridFromState(s, admittedAt);
  const x = hourlyFeatures(rec);
  const off = (rec.hours - 1) * N_FEATURES;
  const row = x.slice(off, off + N_FEATURES);
  const raw = predictRaw(model, row);
  const probability = sigmoid(raw);
  const drivers: SepsisRisk['drivers'] = [];
  const explain = (opts.explain ?? 'always') === 'always' || probability >= model.threshold;
  for (const g of explain ? GROUPS : []) {
    if (g.features.every((i) => Number.isNaN(row[i]!))) continue;
    const masked = row.slice();
    for (const i of g.features) masked[i] = NaN;
    const effect = raw - predictRaw(model, masked);
    if (effect > 0.05)
      drivers.push({
        variable: g.variable,
        value: Number.isNaN(row[g.features[0]!]!) ? null : Number(row[g.features[0]!]!.toFixed(2)),
        effect: Number(effect.toFixed(2)),
      });
  }
  drivers.sort((a, b) => b.effect - a.effect);
  drivers.splice(5);
  const aboveThreshold = probability >= model.threshold;
  const pct = (probability * 100).toFixed(1);
  const why = drivers.length
    ? `; drivers: ${drivers.map((d) => `${d.variable}${d.value === null ? '' : ` ${d.value}`}`).join(', ')}`
    : '';
  return {
    probability,
    aboveThreshold,
    threshold: model.threshold,
    modelVersion: model.version,
    drivers,
    hours: rec.hours,
    explanation: `Sepsis risk ${pct}% over the next 6 h (${aboveThreshold ? 'above' : 'below'} alert threshold ${(model.threshold * 100).toFixed(1)}%)${why}`,
  };
}

/** Number of dynamic variables (for callers that want to check coverage). */
export const SEPSIS_MODEL_VARIABLES = N_DYNAMIC;
