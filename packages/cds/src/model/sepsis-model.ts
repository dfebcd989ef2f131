/**
 * Run-time use of the sepsis risk model: project a patient state onto the hourly PhysioNet grid,
 * compute features, predict the probability for the latest hour and explain it by the variables
 * whose removal changes the prediction most. No training code or data is needed here.
 */
import type { PatientState } from '../state';
import { FEATURE_NAMES, hourlyFeatures, lastHourFeatures, N_FEATURES } from './features';
import { compileGbt, predictCompiled, sigmoid, type CompiledGbt, type GbtModel, type GbtTree } from './gbt';
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
  const c = compiledOf(model);
  for (let h = 0; h < rec.hours; h++) out[h] = sigmoid(predictCompiled(c, x, h * N_FEATURES));
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

/** Feature index → its group in `GROUPS` (-1: none). Column names are not prefixes of one another, so a feature has at most one. */
const GROUP_OF = Int32Array.from(FEATURE_NAMES, (_, i) => GROUPS.findIndex((g) => g.features.includes(i)));

/** Compiled trees per model object (recompiled if its tree list is replaced or grows). */
const compiled = new WeakMap<GbtModel, { trees: GbtTree[]; n: number; c: CompiledGbt }>();
function compiledOf(model: GbtModel): CompiledGbt {
  const hit = compiled.get(model);
  if (hit && hit.trees === model.trees && hit.n === model.trees.length) return hit.c;
  const c = compileGbt(model);
  compiled.set(model, { trees: model.trees, n: model.trees.length, c });
  return c;
}

/**
 * Risk now from a patient state, with the top drivers: each driver's effect is the change in
 * log-odds when its variable is hidden. Hiding a variable can only change the trees whose path for
 * this row reads one of its features, so only those are walked again; the others keep their leaf
 * (the sum is taken in the same order, so the result equals a full prediction on the masked row).
 */
export function predictSepsisRisk(
  model: SepsisModel,
  s: PatientState,
  opts: { admittedAt?: number; explain?: 'always' | 'above-threshold' } = {},
): SepsisRisk {
  const admittedAt = opts.admittedAt;
  const rec = gridFromState(s, admittedAt);
  const row = lastHourFeatures(rec);
  const c = compiledOf(model);
  const { feature, threshold, missingLeft, left, right, value, roots } = c;
  const T = c.nTrees;
  const G = GROUPS.length;
  const explainAll = (opts.explain ?? 'always') === 'always';
  // One walk per tree: its leaf, and where its decision path first reads each variable (group), so
  // that hiding a variable re-walks only the trees that read it, from that node on (the path above it
  // reads other variables only). from[g * T + t] = that node + 1, or 0 when tree t never reads group g.
  const leaves = new Int32Array(T);
  const from = new Int32Array(G * T);
  const nTouched = new Int32Array(G);
  let raw = c.base;
  for (let t = 0; t < T; t++) {
    let i = roots[t]!;
    for (let f = feature[i]!; f >= 0; f = feature[i]!) {
      const g = GROUP_OF[f]!;
      if (g >= 0 && !from[g * T + t]) {
        from[g * T + t] = i + 1;
        nTouched[g]!++;
      }
      const v = row[f]!;
      i = v !== v ? (missingLeft[i] ? left[i]! : right[i]!) : v <= threshold[i]! ? left[i]! : right[i]!;
    }
    leaves[t] = i;
    raw += value[i]!;
  }
  const probability = sigmoid(raw);
  const drivers: SepsisRisk['drivers'] = [];
  if (explainAll || probability >= model.threshold) {
    const masked = new Float32Array(N_FEATURES);
    for (let gi = 0; gi < G; gi++) {
      const g = GROUPS[gi]!;
      // No tree reads this variable here: hiding it changes nothing (effect 0).
      if (!nTouched[gi] || g.features.every((i) => Number.isNaN(row[i]!))) continue;
      masked.set(row);
      for (const i of g.features) masked[i] = NaN;
      // Same summation order as a full prediction on the masked row, so the same result.
      let sum = c.base;
      const off = gi * T;
      for (let t = 0; t < T; t++) {
        let i = leaves[t]!;
        const start = from[off + t]!;
        if (start) {
          i = start - 1;
          for (let f = feature[i]!; f >= 0; f = feature[i]!) {
            const v = masked[f]!;
            i = v !== v ? (missingLeft[i] ? left[i]! : right[i]!) : v <= threshold[i]! ? left[i]! : right[i]!;
          }
        }
        sum += value[i]!;
      }
      const effect = raw - sum;
      if (effect > 0.05)
        drivers.push({
          variable: g.variable,
          value: Number.isNaN(row[g.features[0]!]!) ? null : Number(row[g.features[0]!]!.toFixed(2)),
          effect: Number(effect.toFixed(2)),
        });
    }
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
