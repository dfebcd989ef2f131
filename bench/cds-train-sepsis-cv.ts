/**
 * Cross-validated selection and refit of Galen's sepsis model (v2 protocol, pre-registered in
 * `packages/cds/models/sepsis-gbt-v2.md`). Reads only the stays whose `splitOf` hash bucket is 0–7
 * (train + validation, 5,192 stays); the test buckets 8–9 are never loaded into a matrix here.
 *
 * Folds are by patient: fold = (FNV-1a(id) mod 10) mod 4, i.e. buckets {0,4}, {1,5}, {2,6}, {3,7}.
 * For one configuration, each fold's model is trained on the other three folds (bin edges from those
 * rows only) and its held-out raw scores are recorded every 25 trees, giving out-of-fold (OOF)
 * predictions for all 5,192 stays at each tree count. For each tree count: pooled OOF AUROC, the
 * normalised utility at each threshold of a fixed grid, and a cross-fitted utility (each fold scored
 * at the threshold that is best on the other three folds' OOF predictions).
 *
 *   npx tsx bench/cds-train-sepsis-cv.ts --config A --out /tmp/sepsis-cv-A.json   # one configuration's CV
 *   npx tsx bench/cds-train-sepsis-cv.ts --select /tmp/sepsis-cv-A.json /tmp/sepsis-cv-B.json …
 *   npx tsx bench/cds-train-sepsis-cv.ts --refit --config A --trees 200 --threshold 0.02 \
 *       --out packages/cds/models/sepsis-gbt-v2.json                                 # final model
 *   npx tsx bench/cds-train-sepsis-cv.ts --cost packages/cds/models/sepsis-gbt-v1.json packages/cds/models/sepsis-gbt-v2.json
 *       # CPU per live prediction (predictSepsisRisk with drivers), models alternated round by round
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FEATURE_NAMES, N_FEATURES, hourlyFeatures } from '@galen/cds/model/features';
import { binMatrix, compactModel, predictRaw, rng, sigmoid, trainGbt, type GbtModel, type GbtParams } from '@galen/cds/model/gbt';
import { N_COLUMNS, PHYSIONET_DYNAMIC } from '@galen/cds/model/physionet';
import { loadSepsisModel, predictSepsisRisk } from '@galen/cds/model/sepsis-model';
import type { PatientState } from '@galen/cds/state';
import { auroc, median } from '@galen/eval/metrics';
import { fnv1a, loadSepsisRecords, SHARED_SEPSIS_DIR } from '@galen/eval/sepsis-data';
import { hourlyUtilities, normalizedUtility } from '@galen/eval/sepsis-utility';

type Config = Omit<GbtParams, 'trees' | 'seed' | 'minChildWeight'> & { maxTrees: number; patience: number };

/** v1's hyper-parameters (A) and the two pre-registered variants. */
const V1: Omit<Config, 'maxTrees' | 'patience'> = {
  learningRate: 0.05,
  maxLeaves: 31,
  maxDepth: 8,
  minChildSamples: 100,
  lambda: 5,
  subsample: 0.5,
  colsample: 0.5,
  maxBins: 64,
};
const CONFIGS: Record<string, Config> = {
  A: { ...V1, maxTrees: 400, patience: 125 },
  B: { ...V1, learningRate: 0.025, maxTrees: 700, patience: 200 },
  C: { ...V1, minChildSamples: 300, lambda: 20, maxTrees: 400, patience: 125 },
};
const SEED = 20190;
const FOLDS = 4;
const EVERY = 25;
/** Alert threshold grid: 0.005, 0.0075, …, 0.15. */
const GRID = Array.from({ length: 59 }, (_, i) => Number((0.005 + i * 0.0025).toFixed(4)));
/** v1 as shipped: configuration A, 175 trees, threshold 0.02. */
const V1_RECIPE = { config: 'A', trees: 175, threshold: 0.02 };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string', default: `${SHARED_SEPSIS_DIR}training_setB_dev.tar.gz` },
    config: { type: 'string', default: 'A' },
    out: { type: 'string' },
    select: { type: 'boolean', default: false },
    cost: { type: 'boolean', default: false },
    refit: { type: 'boolean', default: false },
    trees: { type: 'string' },
    threshold: { type: 'string' },
    version: { type: 'string', default: 'sepsis-gbt-v2' },
    /** Smoke runs only: cap the trees per fold (the pre-registered runs use the configuration's maxTrees). */
    'max-trees': { type: 'string' },
  },
});

interface Checkpoint {
  trees: number;
  auroc: number;
  /** Normalised utility at each `GRID` threshold (pooled OOF). */
  utility: number[];
  bestThreshold: number;
  bestUtility: number;
  /** Each fold scored at the threshold best on the other folds. */
  crossFitUtility: number;
}
interface CvResult {
  config: string;
  params: Config;
  folds: Array<{ heldOutStays: number; trainRows: number; treesGrown: number; cpuSeconds: number }>;
  grid: number[];
  checkpoints: Checkpoint[];
  stays: number;
  septicStays: number;
  rows: number;
}

const fmt = (x: number, d = 4) => x.toFixed(d);

if (values.select) {
  select(positionals.map((p) => JSON.parse(readFileSync(p, 'utf8')) as CvResult));
} else if (values.cost) {
  cost(positionals);
} else {
  const cfgName = values.config!;
  const known = CONFIGS[cfgName];
  if (!known) throw new Error(`unknown --config ${cfgName} (A, B or C)`);
  const cfg = values['max-trees'] ? { ...known, maxTrees: Number(values['max-trees']) } : known;
  const t0 = Date.now();
  const bucket = (id: string) => fnv1a(id) % 10;
  // Only hash buckets 0–7 (train + validation); test stays are dropped before anything else.
  const recs = loadSepsisRecords(values.data!).filter((r) => r.labels && r.hours > 0 && bucket(r.id) <= 7);
  const n = recs.reduce((a, r) => a + r.hours, 0);
  const x = new Float32Array(n * N_FEATURES);
  const y = new Uint8Array(n);
  const start: number[] = [];
  {
    let o = 0;
    for (const r of recs) {
      start.push(o);
      x.set(hourlyFeatures(r), o * N_FEATURES);
      y.set(r.labels!, o);
      o += r.hours;
    }
  }
  console.log(`${recs.length} stays (buckets 0-7), ${n} rows, features in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (values.refit) refit(cfgName, cfg, recs, x, y, n);
  else crossValidate(cfgName, cfg, recs, start, x, y, n);
}

/** Copy the rows of the given stays into a contiguous matrix. */
function gather(
  idx: number[],
  recs: ReturnType<typeof loadSepsisRecords>,
  start: number[],
  x: Float32Array,
  y: Uint8Array,
): { x: Float32Array; y: Uint8Array; n: number; rows: Int32Array } {
  const n = idx.reduce((a, i) => a + recs[i]!.hours, 0);
  const out = new Float32Array(n * N_FEATURES);
  const oy = new Uint8Array(n);
  const rows = new Int32Array(n);
  let o = 0;
  for (const i of idx) {
    const s = start[i]!;
    const h = recs[i]!.hours;
    out.set(x.subarray(s * N_FEATURES, (s + h) * N_FEATURES), o * N_FEATURES);
    oy.set(y.subarray(s, s + h), o);
    for (let k = 0; k < h; k++) rows[o + k] = s + k;
    o += h;
  }
  return { x: out, y: oy, n, rows };
}

/** The base score `trainGbt` starts from (same formula, so OOF sums match `predictRaw`). */
function baseOf(y: Uint8Array): number {
  let pos = 0;
  for (const v of y) pos += v;
  const prior = Math.min(Math.max(pos / y.length, 1e-6), 1 - 1e-6);
  return Math.log(prior / (1 - prior));
}

function crossValidate(
  cfgName: string,
  cfg: Config,
  recs: ReturnType<typeof loadSepsisRecords>,
  start: number[],
  x: Float32Array,
  y: Uint8Array,
  n: number,
): void {
  const foldOf = recs.map((r) => (fnv1a(r.id) % 10) % FOLDS);
  const nCk = Math.floor(cfg.maxTrees / EVERY);
  const oof = Array.from({ length: nCk }, () => new Float64Array(n).fill(NaN));
  const rowFold = new Uint8Array(n);
  const folds: CvResult['folds'] = [];
  const { maxTrees, patience, ...params } = cfg;
  for (let k = 0; k < FOLDS; k++) {
    const trIdx = recs.flatMap((_, i) => (foldOf[i] !== k ? [i] : []));
    const heIdx = recs.flatMap((_, i) => (foldOf[i] === k ? [i] : []));
    const tr = gather(trIdx, recs, start, x, y);
    const he = gather(heIdx, recs, start, x, y);
    for (const r of he.rows) rowFold[r] = k;
    const cpu0 = process.cpuUsage();
    const binned = binMatrix(tr.x, tr.n, N_FEATURES, cfg.maxBins, rng(SEED));
    const raw = new Float64Array(he.n).fill(baseOf(tr.y));
    const partial: GbtModel = { format: 'galen-gbt', version: 'cv', features: [...FEATURE_NAMES], base: 0, trees: [] };
    let bestAuc = -1;
    let bestK = 0;
    let grown = 0;
    trainGbt(binned, tr.y, [...FEATURE_NAMES], { ...params, trees: maxTrees, seed: SEED }, (t, tree) => {
      partial.trees = [tree];
      for (let r = 0; r < he.n; r++) raw[r] = raw[r]! + predictRaw(partial, he.x, r * N_FEATURES);
      grown = t + 1;
      if (grown % EVERY !== 0) return;
      const c = grown / EVERY - 1;
      const dst = oof[c]!;
      for (let r = 0; r < he.n; r++) dst[he.rows[r]!] = raw[r]!;
      const auc = auroc(raw, he.y);
      if (auc > bestAuc) {
        bestAuc = auc;
        bestK = grown;
      }
      if (grown - bestK >= patience) return false;
    });
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = Math.round((cpu.user + cpu.system) / 1e6);
    folds.push({ heldOutStays: heIdx.length, trainRows: tr.n, treesGrown: grown, cpuSeconds });
    console.log(
      `config ${cfgName} fold ${k}: ${heIdx.length} held-out stays, ${tr.n} training rows, ${grown} trees (held-out AUROC best ${fmt(bestAuc)} at ${bestK}), ${cpuSeconds} s CPU`,
    );
  }
  const maxCk = Math.floor(Math.min(...folds.map((f) => f.treesGrown)) / EVERY);
  // Per-hour utilities and per-fold normalisers.
  const pos = new Float64Array(n);
  const neg = new Float64Array(n);
  let o = 0;
  for (const r of recs) {
    const u = hourlyUtilities(r.labels!);
    pos.set(u.positive, o);
    neg.set(u.negative, o);
    o += r.hours;
  }
  const norm = normalizedUtility(recs.map((r) => ({ labels: r.labels!, predictions: new Uint8Array(r.hours) })));
  const checkpoints: Checkpoint[] = [];
  for (let c = 0; c < maxCk; c++) {
    const raw = oof[c]!;
    const prob = Float64Array.from(raw, sigmoid);
    // observed[k][g]: utility of fold k's rows at GRID[g].
    const observed = Array.from({ length: FOLDS }, () => new Float64Array(GRID.length));
    for (let r = 0; r < n; r++) {
      const ob = observed[rowFold[r]!]!;
      const p = prob[r]!;
      for (let g = 0; g < GRID.length; g++) ob[g] = ob[g]! + (p >= GRID[g]! ? pos[r]! : neg[r]!);
    }
    const total = (g: number, skip = -1) => observed.reduce((a, ob, k) => (k === skip ? a : a + ob[g]!), 0);
    const normalise = (obs: number) => (obs - norm.inaction) / (norm.best - norm.inaction);
    const utility = GRID.map((_, g) => normalise(total(g)));
    let bg = 0;
    for (let g = 1; g < GRID.length; g++) if (utility[g]! > utility[bg]!) bg = g;
    let cross = 0;
    for (let k = 0; k < FOLDS; k++) {
      let kg = 0;
      for (let g = 1; g < GRID.length; g++) if (total(g, k) > total(kg, k)) kg = g;
      cross += observed[k]![kg]!;
    }
    const ck: Checkpoint = {
      trees: (c + 1) * EVERY,
      auroc: auroc(raw, y),
      utility: utility.map((u) => Number(u.toFixed(5))),
      bestThreshold: GRID[bg]!,
      bestUtility: utility[bg]!,
      crossFitUtility: normalise(cross),
    };
    checkpoints.push(ck);
    console.log(
      `  ${ck.trees} trees: OOF AUROC ${fmt(ck.auroc)}, best utility ${fmt(ck.bestUtility)} at ${ck.bestThreshold}, cross-fitted utility ${fmt(ck.crossFitUtility)}`,
    );
  }
  const septicStays = recs.filter((r) => r.labels!.some((v) => v)).length;
  const result: CvResult = {
    config: cfgName,
    params: cfg,
    folds,
    grid: GRID,
    checkpoints,
    stays: recs.length,
    septicStays,
    rows: n,
  };
  const out = values.out ?? `/tmp/sepsis-cv-${cfgName}.json`;
  writeFileSync(out, JSON.stringify(result));
  console.log(`wrote ${out}; total CPU ${folds.reduce((a, f) => a + f.cpuSeconds, 0)} s`);
}

/**
 * The pre-registered rule: the (configuration, tree count) with the highest pooled OOF utility (at
 * its best grid threshold); candidates within 0.002 of that maximum are tie-broken by OOF AUROC.
 * Ship if the choice beats v1's recipe (A, 175 trees, threshold 0.02) on OOF utility.
 */
function select(results: CvResult[]): void {
  const rows = results.flatMap((r) => r.checkpoints.map((c) => ({ config: r.config, ...c })));
  const max = Math.max(...rows.map((r) => r.bestUtility));
  const cands = rows.filter((r) => r.bestUtility >= max - 0.002);
  const pick = cands.reduce((a, b) => (b.auroc > a.auroc ? b : a));
  for (const r of results) {
    const best = r.checkpoints.reduce((a, b) => (b.bestUtility > a.bestUtility ? b : a));
    const bestAuc = r.checkpoints.reduce((a, b) => (b.auroc > a.auroc ? b : a));
    console.log(
      `config ${r.config}: best OOF utility ${fmt(best.bestUtility)} (${best.trees} trees, threshold ${best.bestThreshold}, AUROC ${fmt(best.auroc)}, cross-fitted ${fmt(best.crossFitUtility)}); best OOF AUROC ${fmt(bestAuc.auroc)} at ${bestAuc.trees} trees; CPU ${r.folds.reduce((a, f) => a + f.cpuSeconds, 0)} s, trees grown per fold ${r.folds.map((f) => f.treesGrown).join('/')}`,
    );
  }
  const a = results.find((r) => r.config === V1_RECIPE.config);
  const v1 = a?.checkpoints.find((c) => c.trees === V1_RECIPE.trees);
  const v1U = v1 ? v1.utility[a!.grid.indexOf(V1_RECIPE.threshold)]! : NaN;
  console.log(
    `v1 recipe (A, 175 trees, threshold 0.02): OOF utility ${fmt(v1U)}, AUROC ${v1 ? fmt(v1.auroc) : '—'}, cross-fitted utility at its own trees ${v1 ? fmt(v1.crossFitUtility) : '—'}`,
  );
  console.log(
    `choice: config ${pick.config}, ${pick.trees} trees, threshold ${pick.bestThreshold}: OOF utility ${fmt(pick.bestUtility)}, AUROC ${fmt(pick.auroc)}, cross-fitted utility ${fmt(pick.crossFitUtility)} (${cands.length} candidates within 0.002)`,
  );
  console.log(pick.bestUtility > v1U ? 'ship v2 (beats the v1 recipe on OOF utility)' : 'keep v1 (v2 does not beat it)');
}

function refit(
  cfgName: string,
  cfg: Config,
  recs: ReturnType<typeof loadSepsisRecords>,
  x: Float32Array,
  y: Uint8Array,
  n: number,
): void {
  if (!values.trees || !values.threshold || !values.out) throw new Error('--refit needs --trees, --threshold and --out');
  const trees = Number(values.trees);
  const threshold = Number(values.threshold);
  const { maxTrees: _m, patience: _p, ...params } = cfg;
  const cpu0 = process.cpuUsage();
  const t1 = Date.now();
  const binned = binMatrix(x, n, N_FEATURES, cfg.maxBins, rng(SEED));
  const model = trainGbt(binned, y, [...FEATURE_NAMES], { ...params, trees, seed: SEED });
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = Math.round((cpu.user + cpu.system) / 1e6);
  const out = compactModel({
    ...model,
    version: values.version!,
    meta: {
      task: 'hourly risk that SepsisLabel = 1 (sepsis onset within the next 6 h or ongoing), PhysioNet 2019 definition',
      threshold,
      trainedOn: 'PhysioNet/CinC 2019 training set B, development archive training_setB_dev.tar.gz',
      split:
        'FNV-1a 32-bit hash of record id (e.g. p100001) mod 10: 0-7 train (this refit), 8-9 test; trees and threshold chosen by 4-fold patient CV on 0-7 (fold = bucket mod 4)',
      trainStays: recs.length,
      trainRows: n,
      config: cfgName,
      params: { ...params, maxBins: cfg.maxBins, seed: SEED },
      trees,
      trainSeconds: Math.round((Date.now() - t1) / 1000),
      trainCpuSeconds: cpuSeconds,
      protocol: 'packages/cds/models/sepsis-gbt-v2.md',
    },
  });
  writeFileSync(values.out, JSON.stringify(out));
  // Sanity: the in-sample predictions of the written model (not a performance claim).
  const m = JSON.parse(JSON.stringify(out)) as GbtModel;
  let s = 0;
  for (let r = 0; r < Math.min(n, 2000); r++) s += sigmoid(predictRaw(m, x, r * N_FEATURES));
  console.log(
    `wrote ${values.out} (${(JSON.stringify(out).length / 1024).toFixed(0)} KiB): config ${cfgName}, ${trees} trees, threshold ${threshold}, ${cpuSeconds} s CPU; mean p of first 2000 rows ${(s / Math.min(n, 2000)).toFixed(4)}`,
  );
}

/**
 * CPU per live prediction of each model file: `predictSepsisRisk` (last-hour features, prediction,
 * drivers always explained) on states built from the last 48 h of 400 train/validation stays
 * (buckets 0–7); models alternate round by round, median of 7 rounds.
 */
function cost(files: string[]): void {
  const models = files.map((f) => loadSepsisModel(JSON.parse(readFileSync(f, 'utf8'))));
  const recs = loadSepsisRecords(values.data!).filter((r) => fnv1a(r.id) % 10 <= 7 && r.hours >= 12);
  const picked = recs.filter((_, i) => i % Math.max(1, Math.floor(recs.length / 400)) === 0).slice(0, 400);
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const states: PatientState[] = picked.map((r) => {
    const from = Math.max(0, r.hours - 48);
    const nowMs = t0 + (r.hours - from - 1) * 3600_000 + 1800_000;
    const s: PatientState = { now: new Date(nowMs).toISOString(), nowMs, series: {}, rejected: [] };
    PHYSIONET_DYNAMIC.forEach(([, param], j) => {
      for (let h = from; h < r.hours; h++) {
        const v = r.values[h * N_COLUMNS + j]!;
        if (v !== v) continue;
        const t = t0 + (h - from) * 3600_000;
        (s.series[param] ??= []).push({ param, value: v, time: new Date(t).toISOString(), t });
      }
    });
    return s;
  });
  const perCall: number[][] = models.map(() => []);
  let sink = 0;
  for (let round = 0; round < 8; round++)
    models.forEach((m, k) => {
      const c0 = process.cpuUsage();
      for (const s of states) sink += predictSepsisRisk(m, s, { explain: 'always' }).probability;
      const c = process.cpuUsage(c0);
      // Round 0 warms up (JIT, compiled trees).
      if (round > 0) perCall[k]!.push((c.user + c.system) / states.length);
    });
  models.forEach((m, k) =>
    console.log(
      `${m.version}: ${m.trees.length} trees, median ${median(perCall[k]!).toFixed(0)} µs CPU per prediction with drivers (${states.length} states × 7 rounds)`,
    ),
  );
  if (sink < 0) console.log(sink);
}
