/** Multinomial naive Bayes over turn features; parameters from `data/model.json` (see scripts/train-offline.ts). */
import model from './data/model.json';
import type { Turn } from '../../transcript/turns';
import { sentenceFeatures } from './features';

export type Division = 'drop' | 'subjective' | 'objective_exam' | 'objective_results' | 'assessment_and_plan';

interface Model {
  labels: Division[];
  prior: number[];
  vocab: string[];
  counts: number[][];
}

let compiled: { labels: Division[]; logPrior: number[]; logLik: Map<string, number[]>; unseen: number[] } | undefined;

function compile(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const m = model as unknown as Model;
  const V = m.vocab.length;
  const totals = m.counts.map((row) => row.reduce((a, b) => a + b, 0));
  const priorTotal = m.prior.reduce((a, b) => a + b, 0);
  const logLik = new Map<string, number[]>();
  m.vocab.forEach((f, j) => {
    logLik.set(
      f,
      m.labels.map((_, k) => Math.log(((m.counts[k]![j] ?? 0) + 1) / (totals[k]! + V))),
    );
  });
  compiled = {
    labels: m.labels,
    logPrior: m.prior.map((p) => Math.log((p + 1) / (priorTotal + m.labels.length))),
    logLik,
    unseen: totals.map((t) => Math.log(1 / (t + V))),
  };
  return compiled;
}

/** Posterior probability of each division for one sentence of a turn at relative `position` (0..1). */
export function classifySentence(
  sentence: string,
  turn: Turn,
  prev: Turn | undefined,
  position: number,
): Record<Division, number> {
  const c = compile();
  const scores = [...c.logPrior];
  for (const f of sentenceFeatures(sentence, turn, prev, position)) {
    const ll = c.logLik.get(f);
    if (!ll) continue;
    for (let k = 0; k < scores.length; k++) scores[k]! += ll[k]!;
  }
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const z = exp.reduce((a, b) => a + b, 0);
  return Object.fromEntries(c.labels.map((l, k) => [l, exp[k]! / z])) as Record<Division, number>;
}
