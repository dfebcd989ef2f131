/** The shape every score returns. */
import { PARAMS, type ParamKey } from '../parameters';
import type { Measurement } from '../state';

export interface ScoreInput {
  param: ParamKey;
  value: number;
  unit: string;
  time: string;
  observationId?: string;
}

export interface ScoreResult {
  /** e.g. `NEWS2`, `qSOFA`. */
  name: string;
  /** The score, or null when an input it needs is missing ("insufficient data", never a silent zero). */
  score: number | null;
  status: 'ok' | 'insufficient-data';
  /** Sum over the components that could be scored (for research and the PhysioNet evaluator). */
  partialScore: number;
  /** Points per component; null where the input is missing. */
  components: Record<string, number | null>;
  /** The observations used, with their ids and times. */
  inputs: ScoreInput[];
  /** Inputs that were missing (parameter display names or flags). */
  missing: string[];
  /** A risk band or category when the score defines one (e.g. `high`). */
  band?: string;
  /** One line a clinician can read. */
  explanation: string;
}

export function inputOf(m: Measurement): ScoreInput {
  const i: ScoreInput = { param: m.param, value: round(m.value), unit: PARAMS[m.param].unit, time: m.time };
  if (m.observationId) i.observationId = m.observationId;
  return i;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Assemble a result: score is null when anything in `missing` is required. */
export function result(
  name: string,
  components: Record<string, number | null>,
  inputs: Measurement[],
  missing: string[],
  explain: (score: number, partial: number) => string,
  band?: (score: number) => string | undefined,
): ScoreResult {
  const partial = Object.values(components).reduce<number>((a, b) => a + (b ?? 0), 0);
  const score = missing.length ? null : partial;
  const r: ScoreResult = {
    name,
    score,
    status: score === null ? 'insufficient-data' : 'ok',
    partialScore: round(partial, 3),
    components,
    inputs: inputs.map(inputOf),
    missing,
    explanation: '',
  };
  if (score !== null && band) {
    const b = band(score);
    if (b) r.band = b;
  }
  r.explanation = score === null ? `${name}: insufficient data (missing ${missing.join(', ')})` : explain(score, partial);
  return r;
}

/** Points from a banded table: the first row whose `upTo` (inclusive) is ≥ value. */
export function band(table: ReadonlyArray<readonly [upTo: number, points: number]>, value: number): number {
  for (const [upTo, points] of table) if (value <= upTo) return points;
  return table[table.length - 1]![1];
}
