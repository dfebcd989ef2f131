/**
 * Train Galen's sepsis risk model (gradient-boosted trees, TypeScript) on the PhysioNet 2019
 * development archive, patient-level split by `splitOf` (FNV-1a(id) mod 10: 0–6 train, 7
 * validation, 8–9 test). Training uses train rows only; the number of trees and the alert
 * threshold are chosen on validation; the test split is never read here. (This is v1's trainer; v2 was
 * selected by cross-validation and refit with `bench/cds-train-sepsis-cv.ts`.)
 *
 *   npx tsx bench/cds-train-sepsis.ts [--data FILE|DIR] [--out packages/cds/models/sepsis-gbt-v1.json] [--trees 400]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { FEATURE_NAMES, N_FEATURES, hourlyFeatures } from '@galen/cds/model/features';
import { binMatrix, compactModel, predictRaw, rng, sigmoid, trainGbt, type GbtModel } from '@galen/cds/model/gbt';
import { auroc } from '@galen/eval/metrics';
import { loadSepsisRecords, splitOf, SHARED_SEPSIS_DIR } from '@galen/eval/sepsis-data';
import { normalizedUtility } from '@galen/eval/sepsis-utility';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: `${SHARED_SEPSIS_DIR}training_setB_dev.tar.gz` },
    out: { type: 'string', default: fileURLToPath(new URL('../packages/cds/models/sepsis-gbt-v1.json', import.meta.url)) },
    trees: { type: 'string', default: '400' },
    seed: { type: 'string', default: '20190' },
    params: {
      type: 'string',
      default: JSON.stringify({
        learningRate: 0.05,
        maxLeaves: 31,
        maxDepth: 8,
        minChildSamples: 100,
        lambda: 5,
        subsample: 0.5,
        colsample: 0.5,
      }),
    },
  },
});

const t0 = Date.now();
const all = loadSepsisRecords(values.data!);
const train = all.filter((r) => splitOf(r.id) === 'train');
const val = all.filter((r) => splitOf(r.id) === 'validation');
console.log(`loaded ${all.length} stays (${train.length} train, ${val.length} validation) in ${Date.now() - t0} ms`);

function matrix(recs: typeof all): { x: Float32Array; y: Uint8Array; n: number } {
  const n = recs.reduce((a, r) => a + r.hours, 0);
  const x = new Float32Array(n * N_FEATURES);
  const y = new Uint8Array(n);
  let o = 0;
  for (const r of recs) {
    x.set(hourlyFeatures(r), o * N_FEATURES);
    y.set(r.labels!, o);
    o += r.hours;
  }
  return { x, y, n };
}

const tr = matrix(train);
const va = matrix(val);
console.log(`features: ${N_FEATURES}; train rows ${tr.n} (${tr.y.reduce((a, b) => a + b, 0)} positive), validation rows ${va.n}`);
const seed = Number(values.seed);
/** Hyper-parameters (chosen by validation AUROC/utility; see docs/benchmarks/cds.md). */
const PARAMS = JSON.parse(values.params!) as {
  learningRate: number;
  maxLeaves: number;
  maxDepth: number;
  minChildSamples: number;
  lambda: number;
  subsample: number;
  colsample: number;
};
const binned = binMatrix(tr.x, tr.n, N_FEATURES, 64, rng(seed));
const vaRaw = new Float64Array(va.n);
let bestAuc = -1;
let bestK = 0;
const history: Array<{ trees: number; auroc: number }> = [];
const nTrees = Number(values.trees);
const t1 = Date.now();
const partial: GbtModel = { format: 'galen-gbt', version: '1', features: [...FEATURE_NAMES], base: 0, trees: [] };
const model = trainGbt(binned, tr.y, [...FEATURE_NAMES], { ...PARAMS, trees: nTrees, seed }, (k, tree) => {
  partial.trees = [tree];
  for (let r = 0; r < va.n; r++) vaRaw[r] = vaRaw[r]! + predictRaw(partial, va.x, r * N_FEATURES);
  if ((k + 1) % 25 === 0 || k + 1 === nTrees) {
    const auc = auroc(vaRaw, va.y);
    history.push({ trees: k + 1, auroc: Number(auc.toFixed(4)) });
    console.log(`  ${k + 1} trees: validation AUROC ${auc.toFixed(4)} (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
    if (auc > bestAuc) {
      bestAuc = auc;
      bestK = k + 1;
    }
    if (k + 1 - bestK >= 100) return false;
  }
});
model.trees = model.trees.slice(0, bestK);
const trainSeconds = (Date.now() - t1) / 1000;

// Choose the alert threshold that maximises validation utility.
const vaProb: number[][] = val.map(() => []);
{
  let o = 0;
  val.forEach((r, i) => {
    for (let h = 0; h < r.hours; h++) vaProb[i]!.push(sigmoid(predictRaw(model, va.x, (o + h) * N_FEATURES)));
    o += r.hours;
  });
}
let bestU = -Infinity;
let bestThr = 0.5;
for (let thr = 0.005; thr < 0.5; thr += 0.005) {
  const u = normalizedUtility(
    val.map((r, i) => ({ labels: r.labels!, predictions: vaProb[i]!.map((p) => (p >= thr ? 1 : 0)) })),
  ).normalized;
  if (u > bestU) {
    bestU = u;
    bestThr = Number(thr.toFixed(3));
  }
}
console.log(
  `best trees ${bestK} (validation AUROC ${bestAuc.toFixed(4)}), threshold ${bestThr} (validation utility ${bestU.toFixed(4)})`,
);

const out = compactModel({
  ...model,
  version: 'sepsis-gbt-v1',
  meta: {
    task: 'hourly risk that SepsisLabel = 1 (sepsis onset within the next 6 h or ongoing), PhysioNet 2019 definition',
    threshold: bestThr,
    trainedOn: 'PhysioNet/CinC 2019 training set B, development archive training_setB_dev.tar.gz',
    split: 'FNV-1a 32-bit hash of record id (e.g. p100001) mod 10: 0-6 train, 7 validation, 8-9 test',
    trainStays: train.length,
    trainRows: tr.n,
    validationStays: val.length,
    validationAuroc: Number(bestAuc.toFixed(4)),
    validationUtility: Number(bestU.toFixed(4)),
    history,
    params: { ...PARAMS, maxBins: 64, seed },
    trainSeconds: Math.round(trainSeconds),
  },
});
writeFileSync(values.out!, JSON.stringify(out));
console.log(
  `wrote ${values.out} (${(JSON.stringify(out).length / 1024).toFixed(0)} KiB) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);
