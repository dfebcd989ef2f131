/**
 * Build the machine-readable model card of the shipped sepsis model
 * (`packages/cds/models/<name>.card.json`, served by the `cds.model-card` operation) by
 * evaluating the model file as shipped on the held-out **test** split only (patient-level split
 * `splitOf`: FNV-1a(id) mod 10 = 8–9). Nothing is trained or tuned here. Prose (description,
 * intended use, limitations) is taken from the markdown card next to the model.
 *
 *   npx tsx bench/cds-model-card.ts [--data FILE|DIR] [--name sepsis-gbt-v2] [--out FILE]
 *
 * `--name` defaults to the bundled model (`SEPSIS_MODEL_URL`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { N_FEATURES, hourlyFeatures } from '@galen/cds/model/features';
import { predictRaw, sigmoid } from '@galen/cds/model/gbt';
import { SEPSIS_MODEL_URL } from '@galen/cds/model/bundled';
import { loadSepsisModel } from '@galen/cds/model/sepsis-model';
import { auroc } from '@galen/eval/metrics';
import { evaluateSepsis, type MethodResult } from '@galen/eval/sepsis';
import { loadSepsisRecords, splitOf, SHARED_SEPSIS_DIR } from '@galen/eval/sepsis-data';

const MODELS = new URL('../packages/cds/models/', import.meta.url);
const BUNDLED = basename(fileURLToPath(SEPSIS_MODEL_URL), '.json');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: `${SHARED_SEPSIS_DIR}training_setB_dev.tar.gz` },
    name: { type: 'string', default: BUNDLED },
    out: { type: 'string' },
  },
});
const name = values.name!;
const out = values.out ?? fileURLToPath(new URL(`${name}.card.json`, MODELS));

/** How each shipped model's training rows, tree count and threshold were chosen (shown with the test metrics). */
const SPLIT_RULES: Record<string, string> = {
  'sepsis-gbt-v1':
    'patient-level: FNV-1a 32-bit hash of the record id (e.g. p100001) mod 10 → 0–6 train, 7 validation, 8–9 test (`splitOf` in packages/eval/src/sepsis-data.ts); trees and threshold chosen on validation',
  'sepsis-gbt-v2':
    'patient-level: FNV-1a 32-bit hash of the record id (e.g. p100001) mod 10 → 0–7 train, 8–9 test (`splitOf` in packages/eval/src/sepsis-data.ts); configuration, trees and threshold chosen by 4-fold patient cross-validation on 0–7 (fold = bucket mod 4), then refit on all of 0–7',
};

/** Round to `d` decimals (keeps the card small; NaN becomes null in JSON anyway). */
const r = (x: number, d = 4) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

/** The paragraph of the markdown card that starts with `**label**`, without the label. */
function paragraph(md: string, label: string): string {
  const para = md.split(/\n\s*\n/).find((p) => p.startsWith(`**${label}**`));
  if (!para) throw new Error(`model card markdown has no "**${label}**" paragraph`);
  return para
    .slice(label.length + 4)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\*\*|`/g, '')
    .trim();
}

/**
 * ROC curve over every distinct threshold (highest first), then at most `max` points chosen evenly
 * along the curve's L1 path length so the steep start keeps its detail. Ties form one step.
 */
function rocCurve(scores: Float64Array, labels: Uint8Array, max = 101): Array<{ fpr: number; tpr: number }> {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let pos = 0;
  for (const y of labels) pos += y;
  const neg = labels.length - pos;
  const pts: Array<{ fpr: number; tpr: number }> = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]!]) tp++;
      else fp++;
    }
    pts.push({ fpr: fp / neg, tpr: tp / pos });
    i = j + 1;
  }
  const cum = [0];
  for (let i = 1; i < pts.length; i++)
    cum.push(cum[i - 1]! + Math.abs(pts[i]!.fpr - pts[i - 1]!.fpr) + Math.abs(pts[i]!.tpr - pts[i - 1]!.tpr));
  const total = cum[cum.length - 1]!;
  const picked: number[] = [];
  let p = 0;
  for (let k = 0; k < max; k++) {
    const target = (k * total) / (max - 1);
    while (p < pts.length - 1 && cum[p]! < target) p++;
    if (picked[picked.length - 1] !== p) picked.push(p);
  }
  return picked.map((i) => ({ fpr: r(pts[i]!.fpr)!, tpr: r(pts[i]!.tpr)! }));
}

/** Trapezoid area under a ROC polyline. */
function area(roc: Array<{ fpr: number; tpr: number }>): number {
  let a = 0;
  for (let i = 1; i < roc.length; i++) a += ((roc[i]!.fpr - roc[i - 1]!.fpr) * (roc[i]!.tpr + roc[i - 1]!.tpr)) / 2;
  return a;
}

const t0 = Date.now();
const model = loadSepsisModel(JSON.parse(readFileSync(new URL(`${name}.json`, MODELS), 'utf8')));
const md = readFileSync(new URL(`${name}.md`, MODELS), 'utf8');
const test = loadSepsisRecords(values.data!).filter((rec) => splitOf(rec.id) === 'test');
const report = evaluateSepsis(test, { model });

// Hourly probabilities for the ROC curve, same rows and order as evaluateSepsis uses.
const rows = test.filter((rec) => rec.labels && rec.hours > 0);
const probs = new Float64Array(report.rows);
const labels = new Uint8Array(report.rows);
let o = 0;
for (const rec of rows) {
  const x = hourlyFeatures(rec);
  for (let h = 0; h < rec.hours; h++, o++) {
    probs[o] = sigmoid(predictRaw(model, x, h * N_FEATURES));
    labels[o] = rec.labels![h]!;
  }
}
const roc = rocCurve(probs, labels);
const gbt = report.methods.find((m) => m.name === 'Galen sepsis GBT')!;
const exact = auroc(probs, labels);
if (Math.abs(exact - gbt.auroc) > 1e-12) throw new Error(`AUROC mismatch: ${exact} vs ${gbt.auroc}`);

const headline = (m: MethodResult) => ({
  auroc: r(m.auroc),
  auprc: r(m.auprc),
  utility: r(m.utility),
  alertsPer100PatientDays: r(m.alertsPer100PatientDays, 1),
  medianLeadHours: r(m.medianLeadHours, 1),
});
const h = headline(gbt);
const card = {
  name,
  version: model.version,
  description: paragraph(md, 'What it predicts.'),
  intendedUse: paragraph(md, 'Intended use.'),
  limitations: paragraph(md, 'Limits.').split(/(?<=\.)\s+(?=[A-Z])/),
  threshold: model.threshold,
  metrics: {
    'AUROC (hourly)': h.auroc,
    'AUPRC (hourly)': h.auprc,
    'Utility (PhysioNet 2019, normalised)': h.utility,
    'Alerts / 100 patient-days': h.alertsPer100PatientDays,
    'Median lead time (h)': h.medianLeadHours,
    'Calibration ECE': r(report.calibration!.ece),
    'Brier score': r(report.calibration!.brier),
  },
  comparators: report.methods.filter((m) => m !== gbt).map((m) => ({ name: m.name, threshold: m.threshold, ...headline(m) })),
  roc,
  rocAreaOfPlottedPoints: r(area(roc)),
  calibration: report.calibration!.bins.map((b) => ({
    predicted: r(b.meanPredicted),
    observed: r(b.observedRate),
    n: b.count,
  })),
  calibrationNote: '10 equal-count bins of hourly predicted probability; n = hours per bin',
  subgroups: report.subgroups!.map((s) => ({ group: s.group, n: s.stays, septic: s.septic, auroc: r(s.auroc) })),
  subgroupNote: 'n = test stays, septic = stays with SepsisLabel = 1, AUROC over hourly rows; few septic stays per group',
  evaluation: {
    split: 'test',
    stays: report.stays,
    septicStays: report.septicStays,
    hours: report.rows,
    splitRule:
      SPLIT_RULES[name] ?? `patient-level (\`splitOf\` in packages/eval/src/sepsis-data.ts): ${String(model.meta?.split)}`,
    dataFile: basename(values.data!),
    dataSource: paragraph(md, 'Data.'),
    alertPolicy: `alert when p ≥ ${model.threshold}; re-raised after ${report.realertHours} h`,
    command: `npx tsx bench/cds-model-card.ts${name === BUNDLED ? '' : ` --name ${name}`}`,
    sameAs: 'galen eval sepsis --split test',
  },
};
// Formatted as the repo's prettier config would, so `prettier --check` stays clean after a re-run.
const json = await format(JSON.stringify(card), { ...(await resolveConfig(out)), filepath: out });
writeFileSync(out, json);
console.log(
  `wrote ${out} (${json.length} bytes, ${roc.length} ROC points) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n` +
    JSON.stringify({ metrics: card.metrics, comparators: card.comparators, subgroups: card.subgroups }, null, 1),
);
