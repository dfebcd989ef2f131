/**
 * Generic metrics for binary predictions: AUROC (Mann–Whitney, ties count half), AUPRC (average
 * precision, the step-wise area), Brier score, calibration bins and expected calibration error.
 */

function order(scores: ArrayLike<number>): number[] {
  const idx = Array.from({ length: scores.length }, (_, i) => i);
  return idx.sort((a, b) => scores[b]! - scores[a]!);
}

/** Area under the ROC curve; NaN when only one class is present. */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]!]) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (!pos || !neg) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision: Σ (R_k − R_{k−1}) P_k over distinct thresholds, highest first. NaN with no positives. */
export function auprc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = order(scores);
  let totalPos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) totalPos++;
  if (!totalPos) return NaN;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let prevRecall = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]!]) tp++;
      else fp++;
    }
    const recall = tp / totalPos;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
    i = j + 1;
  }
  return ap;
}

export function brier(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < probs.length; i++) s += (probs[i]! - (labels[i] ? 1 : 0)) ** 2;
  return probs.length ? s / probs.length : NaN;
}

export interface CalibrationBin {
  lo: number;
  hi: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Calibration in `k` equal-count (quantile) bins of predicted probability. */
export function calibrationBins(probs: ArrayLike<number>, labels: ArrayLike<number>, k = 10): CalibrationBin[] {
  const idx = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[a]! - probs[b]!);
  const out: CalibrationBin[] = [];
  for (let b = 0; b < k; b++) {
    const s = Math.floor((b * idx.length) / k);
    const e = Math.floor(((b + 1) * idx.length) / k);
    if (e <= s) continue;
    let p = 0;
    let y = 0;
    for (let i = s; i < e; i++) {
      p += probs[idx[i]!]!;
      y += labels[idx[i]!] ? 1 : 0;
    }
    out.push({
      lo: probs[idx[s]!]!,
      hi: probs[idx[e - 1]!]!,
      count: e - s,
      meanPredicted: p / (e - s),
      observedRate: y / (e - s),
    });
  }
  return out;
}

/** Expected calibration error over quantile bins (count-weighted |observed − predicted|). */
export function expectedCalibrationError(probs: ArrayLike<number>, labels: ArrayLike<number>, k = 10): number {
  const bins = calibrationBins(probs, labels, k);
  const n = bins.reduce((a, b) => a + b.count, 0);
  return bins.reduce((a, b) => a + (b.count / n) * Math.abs(b.observedRate - b.meanPredicted), 0);
}

/** Median of a list (NaN when empty). */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
