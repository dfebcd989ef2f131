/**
 * Evaluation of sepsis early warning on PhysioNet 2019 data: for the risk model and for qSOFA,
 * SIRS and NEWS2 (computed from the same hourly data, last value carried forward), the hourly
 * AUROC and AUPRC, the challenge's normalised utility, alert burden under the alert policy
 * (alerts per 100 patient-days) and the median lead time of the first alert before onset.
 */
import { FEATURE_NAMES, N_FEATURES, hourlyFeatures } from '@galen/cds/model/features';
import { predictRaw, sigmoid } from '@galen/cds/model/gbt';
import { COL, N_COLUMNS, type HourlyRecord } from '@galen/cds/model/physionet';
import type { SepsisModel } from '@galen/cds/model/sepsis-model';
import { replayAlerts, type AlertPolicy } from '@galen/cds/alert-policy';
import { auprc, auroc, brier, calibrationBins, expectedCalibrationError, median, type CalibrationBin } from './metrics';
import { normalizedUtility, PHYSIONET_UTILITY } from './sepsis-utility';

export interface MethodResult {
  name: string;
  threshold: number;
  auroc: number;
  auprc: number;
  utility: number;
  /** Alerts raised by the alert policy per 100 patient-days (hours / 24). */
  alertsPer100PatientDays: number;
  /** Hourly positive predictions per 100 patient-hours (the raw firing rate before de-duplication). */
  positiveHourRate: number;
  /** Septic stays with an alert at or before onset (t_sepsis). */
  septicAlertedBeforeOnset: number;
  /** Fraction of non-septic stays with at least one alert. */
  nonSepticAlertedFraction: number;
  medianLeadHours: number;
}

export interface SubgroupResult {
  group: string;
  stays: number;
  septic: number;
  auroc: number;
  utility: number;
}

export interface SepsisEvalReport {
  stays: number;
  septicStays: number;
  rows: number;
  patientDays: number;
  methods: MethodResult[];
  calibration?: { ece: number; brier: number; bins: CalibrationBin[] };
  subgroups?: SubgroupResult[];
  /** Feature computation + prediction over all rows. */
  modelRowsPerSecond?: number;
  realertHours: number;
}

const FI = Object.fromEntries(FEATURE_NAMES.map((f, i) => [f, i])) as Record<string, number>;

interface Scored {
  rec: HourlyRecord;
  scores: Record<string, Float64Array>;
}

/** Evaluate. `now` is only used to time throughput (pass `performance.now`). */
export function evaluateSepsis(
  records: HourlyRecord[],
  opts: { model?: SepsisModel; realertHours?: number; clock?: () => number } = {},
): SepsisEvalReport {
  const realertHours = opts.realertHours ?? 12;
  const clock = opts.clock ?? (() => 0);
  const recs = records.filter((r) => r.labels && r.hours > 0);
  const scored: Scored[] = [];
  let modelMs = 0;
  for (const rec of recs) {
    const t0 = clock();
    const x = hourlyFeatures(rec);
    const scores: Record<string, Float64Array> = {};
    if (opts.model) {
      const p = new Float64Array(rec.hours);
      for (let h = 0; h < rec.hours; h++) p[h] = sigmoid(predictRaw(opts.model, x, h * N_FEATURES));
      scores.model = p;
    }
    modelMs += clock() - t0;
    for (const [name, f] of [
      ['qSOFA', 'qsofa_partial'],
      ['SIRS', 'sirs_partial'],
      ['NEWS2', 'news2_partial'],
    ] as const) {
      const s = new Float64Array(rec.hours);
      for (let h = 0; h < rec.hours; h++) s[h] = x[h * N_FEATURES + FI[f]!]!;
      scores[name] = s;
    }
    scored.push({ rec, scores });
  }
  const rows = recs.reduce((a, r) => a + r.hours, 0);
  const methods: Array<[string, string, number]> = [];
  if (opts.model) methods.push(['Galen sepsis GBT', 'model', opts.model.threshold]);
  methods.push(['qSOFA ≥ 2', 'qSOFA', 2], ['SIRS ≥ 2', 'SIRS', 2], ['NEWS2 ≥ 5', 'NEWS2', 5]);
  const report: SepsisEvalReport = {
    stays: recs.length,
    septicStays: recs.filter((r) => r.labels!.some((v) => v)).length,
    rows,
    patientDays: rows / 24,
    methods: methods.map(([name, key, thr]) => evaluateMethod(name, scored, key, thr, realertHours)),
    realertHours,
  };
  if (opts.model) {
    const probs = concat(scored.map((s) => s.scores.model!));
    const labels = concatLabels(scored);
    report.calibration = {
      ece: expectedCalibrationError(probs, labels),
      brier: brier(probs, labels),
      bins: calibrationBins(probs, labels),
    };
    report.subgroups = subgroups(scored, opts.model.threshold);
    if (modelMs > 0) report.modelRowsPerSecond = Math.round(rows / (modelMs / 1000));
  }
  return report;
}

function concat(xs: Float64Array[]): Float64Array {
  const out = new Float64Array(xs.reduce((a, x) => a + x.length, 0));
  let o = 0;
  for (const x of xs) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

function concatLabels(s: Scored[]): Uint8Array {
  const out = new Uint8Array(s.reduce((a, x) => a + x.rec.hours, 0));
  let o = 0;
  for (const x of s) {
    out.set(x.rec.labels!, o);
    o += x.rec.hours;
  }
  return out;
}

function evaluateMethod(name: string, scored: Scored[], key: string, threshold: number, realertHours: number): MethodResult {
  const scores = concat(scored.map((s) => s.scores[key]!));
  const labels = concatLabels(scored);
  const preds = scored.map((s) => Uint8Array.from(s.scores[key]!, (v) => (v >= threshold ? 1 : 0)));
  const util = normalizedUtility(scored.map((s, i) => ({ labels: s.rec.labels!, predictions: preds[i]! })));
  const policy: AlertPolicy = { kind: key, threshold: 0.5, realertHours, snoozeHours: 0 };
  let alerts = 0;
  let positives = 0;
  let septicAlerted = 0;
  let nonSeptic = 0;
  let nonSepticAlerted = 0;
  const leads: number[] = [];
  scored.forEach((s, i) => {
    const p = preds[i]!;
    for (const v of p) positives += v;
    const fired = replayAlerts(policy, p);
    alerts += fired.length;
    const first = s.rec.labels!.indexOf(1);
    if (first >= 0) {
      const tSepsis = first - PHYSIONET_UTILITY.dtOptimal;
      const before = fired.filter((h) => h <= tSepsis);
      if (before.length) {
        septicAlerted++;
        leads.push(tSepsis - before[0]!);
      }
    } else {
      nonSeptic++;
      if (fired.length) nonSepticAlerted++;
    }
  });
  const rows = labels.length;
  return {
    name,
    threshold,
    auroc: auroc(scores, labels),
    auprc: auprc(scores, labels),
    utility: util.normalized,
    alertsPer100PatientDays: (alerts / (rows / 24)) * 100,
    positiveHourRate: (positives / rows) * 100,
    septicAlertedBeforeOnset: septicAlerted,
    nonSepticAlertedFraction: nonSeptic ? nonSepticAlerted / nonSeptic : NaN,
    medianLeadHours: median(leads),
  };
}

function subgroups(scored: Scored[], threshold: number): SubgroupResult[] {
  const groups: Array<[string, (r: HourlyRecord) => boolean]> = [
    ['female', (r) => r.values[COL.Gender!] === 0],
    ['male', (r) => r.values[COL.Gender!] === 1],
    ['age < 45', (r) => r.values[COL.Age!]! < 45],
    ['age 45–64', (r) => r.values[COL.Age!]! >= 45 && r.values[COL.Age!]! < 65],
    ['age 65–79', (r) => r.values[COL.Age!]! >= 65 && r.values[COL.Age!]! < 80],
    ['age ≥ 80', (r) => r.values[COL.Age!]! >= 80],
  ];
  return groups.map(([group, f]) => {
    const sub = scored.filter((s) => f(s.rec));
    const probs = concat(sub.map((s) => s.scores.model!));
    const labels = concatLabels(sub);
    return {
      group,
      stays: sub.length,
      septic: sub.filter((s) => s.rec.labels!.some((v) => v)).length,
      auroc: auroc(probs, labels),
      utility: normalizedUtility(
        sub.map((s) => ({ labels: s.rec.labels!, predictions: s.scores.model!.map((p) => (p >= threshold ? 1 : 0)) })),
      ).normalized,
    };
  });
}

/** A plain-text table of the report. */
export function formatSepsisReport(r: SepsisEvalReport): string {
  const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const lines = [
    `stays ${r.stays} (septic ${r.septicStays}), hourly rows ${r.rows}, patient-days ${f(r.patientDays, 0)}; alerts re-raised after ${r.realertHours} h`,
    '',
    'method              AUROC  AUPRC  utility  alerts/100pd  pos-hours%  septic alerted  non-septic alerted  median lead h',
  ];
  for (const m of r.methods) {
    lines.push(
      `${m.name.padEnd(18)}  ${f(m.auroc)}  ${f(m.auprc)}  ${f(m.utility).padStart(7)}  ${f(m.alertsPer100PatientDays, 1).padStart(12)}  ${f(m.positiveHourRate, 1).padStart(10)}  ${String(m.septicAlertedBeforeOnset).padStart(14)}  ${f(m.nonSepticAlertedFraction * 100, 1).padStart(17)}%  ${f(m.medianLeadHours, 1).padStart(13)}`,
    );
  }
  if (r.calibration) lines.push('', `calibration: ECE ${f(r.calibration.ece, 4)}, Brier ${f(r.calibration.brier, 4)}`);
  if (r.subgroups) {
    lines.push('', 'subgroup      stays  septic  AUROC  utility');
    for (const s of r.subgroups)
      lines.push(
        `${s.group.padEnd(12)}  ${String(s.stays).padStart(5)}  ${String(s.septic).padStart(6)}  ${f(s.auroc)}  ${f(s.utility)}`,
      );
  }
  if (r.modelRowsPerSecond) lines.push('', `model scoring throughput: ${r.modelRowsPerSecond} rows/s (features + prediction)`);
  return lines.join('\n');
}

export { N_COLUMNS };
