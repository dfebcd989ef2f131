import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auprc, auroc, brier, calibrationBins, expectedCalibrationError, median } from './metrics';

test('AUROC: perfect, reversed, ties count half, one class is NaN', () => {
  assert.equal(auroc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
  assert.equal(auroc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]), 0);
  assert.equal(auroc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5);
  // pairs (pos, neg): (0.8,0.1) ✓ (0.8,0.9) ✗ (0.4,0.1) ✓ (0.4,0.9) ✗ → 0.5; add a tie
  assert.equal(auroc([0.8, 0.4, 0.1, 0.9], [1, 1, 0, 0]), 0.5);
  assert.equal(auroc([0.5, 0.5, 0.1], [1, 0, 0]), 0.75);
  assert.ok(Number.isNaN(auroc([0.1, 0.2], [1, 1])));
});

test('AUPRC as average precision', () => {
  assert.equal(auprc([0.9, 0.8, 0.1], [1, 1, 0]), 1);
  // ranks: 0.9 (neg), 0.8 (pos) → P=1/2 at R=1/2, 0.1 (pos) → P=2/3 at R=1 → 0.25 + 1/3
  assert.ok(Math.abs(auprc([0.9, 0.8, 0.1], [0, 1, 1]) - (0.25 + 1 / 3)) < 1e-12);
});

test('calibration, Brier and median', () => {
  assert.equal(brier([1, 0], [1, 0]), 0);
  assert.equal(brier([0.5, 0.5], [1, 0]), 0.25);
  const p = [0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9];
  const y = [0, 0, 0, 0, 1, 1, 1, 1, 1, 0];
  const bins = calibrationBins(p, y, 2);
  assert.equal(bins.length, 2);
  assert.ok(Math.abs(bins[0]!.observedRate - 0.2) < 1e-12);
  assert.ok(Math.abs(expectedCalibrationError(p, y, 2) - 0.1) < 1e-12);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
});
