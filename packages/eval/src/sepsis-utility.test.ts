import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestPredictions, hourlyUtilities, normalizedUtility, stayUtility } from './sepsis-utility';

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

/** 20 hours, SepsisLabel = 1 from hour 10 (so t_sepsis = 16). */
const septic = Array.from({ length: 20 }, (_, t) => (t >= 10 ? 1 : 0));
const one = (t: number, n = 20) => Array.from({ length: n }, (_, i) => (i === t ? 1 : 0));
const zeros = (n = 20) => new Array<number>(n).fill(0);

test('non-septic stay: each positive prediction costs u_fp = −0.05', () => {
  near(stayUtility([0, 0, 0, 0, 0], [1, 0, 1, 0, 0]), -0.1);
  near(stayUtility([0, 0, 0], [0, 0, 0]), 0);
});

test('septic stay: the true-positive reward rises 0 → 1 from −12 h to −6 h and falls to 0 at +3 h', () => {
  // inaction utility (−10) is added to every single-prediction case except the hour predicted
  const inaction = stayUtility(septic, zeros());
  // false negatives after t_sepsis − 6: (−2/9)·dt − 4/3 for dt = −5..3 → sum −10
  near(inaction, -10);
  near(stayUtility(septic, one(4)) - inaction, 0); // dt = −12 → 0
  near(stayUtility(septic, one(1)) - inaction, -0.05); // dt = −15 → max(−0.5, −0.05)
  near(stayUtility(septic, one(7)) - inaction, 0.5); // dt = −9
  near(stayUtility(septic, one(10)) - inaction, 1); // dt = −6
  // dt = −3: TP 2/3 replaces FN (−2/9)(−3) − 4/3 = −2/3
  near(stayUtility(septic, one(13)) - inaction, 2 / 3 + 2 / 3);
  // dt = +3: TP 0 replaces FN −2
  near(stayUtility(septic, one(19)) - inaction, 2);
  // hours after t_sepsis + 3 earn nothing
  const longer = Array.from({ length: 25 }, (_, t) => (t >= 10 ? 1 : 0));
  near(stayUtility(longer, one(22, 25)), stayUtility(longer, zeros(25)));
});

test('best predictions span [t_sepsis − 12, t_sepsis + 3], truncated at the stay start', () => {
  assert.deepEqual(
    [...bestPredictions(septic)],
    Array.from({ length: 20 }, (_, t) => (t >= 4 ? 1 : 0)),
  );
  near(stayUtility(septic, bestPredictions(septic)), 3.5 + 4);
  const early = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]; // t_sepsis = 6
  assert.deepEqual([...bestPredictions(early)], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
});

test('normalised utility: best 1, inaction 0, and a hand-computed cohort', () => {
  const cohort = [septic, [0, 0, 0, 0, 0, 0]];
  near(normalizedUtility(cohort.map((l) => ({ labels: l, predictions: bestPredictions(l) }))).normalized, 1);
  near(normalizedUtility(cohort.map((l) => ({ labels: l, predictions: zeros(l.length) }))).normalized, 0);
  // predict hour 10 in the septic stay (+1) and two false alarms in the other (−0.1): (0.9) / (7.5 + 10)
  const r = normalizedUtility([
    { labels: septic, predictions: one(10) },
    { labels: [0, 0, 0, 0, 0, 0], predictions: [1, 1, 0, 0, 0, 0] },
  ]);
  near(r.normalized, 0.9 / 17.5);
  near(r.best, 7.5);
  near(r.inaction, -10);
  // all-ones: worst-case style predictions are negative
  assert.ok(
    normalizedUtility([
      { labels: [0, 0, 0, 0], predictions: [1, 1, 1, 1] },
      { labels: septic, predictions: zeros() },
    ]).normalized < 0,
  );
});

test('hourlyUtilities: per-hour gains sum to stayUtility for any predictions', () => {
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let k = 0; k < 200; k++) {
    const n = 1 + Math.floor(rand() * 60);
    const onset = rand() < 0.5 ? Math.floor(rand() * n) : -1;
    const labels = Array.from({ length: n }, (_, t) => (onset >= 0 && t >= onset ? 1 : 0));
    const preds = Array.from({ length: n }, () => (rand() < 0.3 ? 1 : 0));
    const { positive, negative } = hourlyUtilities(labels);
    let sum = 0;
    for (let t = 0; t < n; t++) sum += preds[t] ? positive[t]! : negative[t]!;
    near(sum, stayUtility(labels, preds));
  }
});
