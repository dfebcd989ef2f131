import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stateFromValues, type PatientState } from '../state';
import { PHYSIONET_DYNAMIC } from './physionet';
import { FEATURE_NAMES, N_FEATURES, hourlyFeatures, lastHourFeatures } from './features';
import { compileGbt, predictCompiled, predictRaw, rng, sigmoid } from './gbt';
import { loadBundledSepsisModel } from './bundled';
import { gridFromState, predictSepsisRisk } from './sepsis-model';

/** A state with `hours` hourly vitals (and a lab now and then), seeded. */
function syntheticState(seed: number, hours: number): PatientState {
  const r = rng(seed);
  const now = Date.parse('2026-01-02T00:00:00Z');
  const s = stateFromValues({}, new Date(now).toISOString(), { ageYears: 40 + r() * 50, sex: r() < 0.5 ? 'male' : 'female' });
  const add = (param: keyof PatientState['series'], value: number, t: number) =>
    (s.series[param] ??= []).push({ param, value, time: new Date(t).toISOString(), t });
  for (let h = hours; h >= 0; h--) {
    const t = now - h * 3600_000 - 60_000;
    if (r() < 0.9) add('hr', 60 + r() * 80, t);
    if (r() < 0.8) add('rr', 10 + r() * 25, t);
    if (r() < 0.8) add('sbp', 80 + r() * 70, t);
    if (r() < 0.7) add('temp', 35.5 + r() * 4, t);
    if (r() < 0.7) add('spo2', 85 + r() * 15, t);
    if (r() < 0.3) add('map', 55 + r() * 50, t);
    if (r() < 0.1) add('wbc', 2 + r() * 20, t);
    if (r() < 0.1) add('lactate', 0.5 + r() * 5, t);
    if (r() < 0.1) add('creatinine', 0.5 + r() * 3, t);
  }
  return s;
}

test('lastHourFeatures is the last row of hourlyFeatures, bit for bit', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const rec = gridFromState(syntheticState(seed, 2 + seed * 3));
    const all = hourlyFeatures(rec);
    const last = lastHourFeatures(rec);
    assert.deepEqual(Array.from(last), Array.from(all.subarray((rec.hours - 1) * N_FEATURES)));
  }
});

test('a compiled model predicts exactly what predictRaw does', () => {
  const model = loadBundledSepsisModel();
  const c = compileGbt(model);
  const r = rng(5);
  const x = new Float32Array(N_FEATURES);
  for (let k = 0; k < 300; k++) {
    for (let j = 0; j < N_FEATURES; j++) x[j] = r() < 0.4 ? NaN : Math.fround((r() - 0.3) * 200);
    assert.equal(predictCompiled(c, x), predictRaw(model, x));
  }
});

test('risk drivers equal hiding each variable and predicting again (the definition)', () => {
  const model = loadBundledSepsisModel();
  let explained = 0;
  for (let seed = 1; seed <= 25; seed++) {
    const s = syntheticState(seed * 7, 6 + seed);
    const risk = predictSepsisRisk(model, s, { explain: 'always' });
    const row = lastHourFeatures(gridFromState(s));
    const raw = predictRaw(model, row);
    assert.equal(risk.probability, sigmoid(raw));
    // The naive definition: mask every feature of a variable, predict the whole model again.
    const expected: Array<{ variable: string; effect: number }> = [];
    for (const [c] of PHYSIONET_DYNAMIC) {
      const idx = FEATURE_NAMES.flatMap((f, i) => (f === c || f.startsWith(`${c}_`) ? [i] : []));
      if (idx.every((i) => Number.isNaN(row[i]!))) continue;
      const masked = row.slice();
      for (const i of idx) masked[i] = NaN;
      const effect = raw - predictRaw(model, masked);
      if (effect > 0.05) expected.push({ variable: c, effect: Number(effect.toFixed(2)) });
    }
    expected.sort((a, b) => b.effect - a.effect);
    assert.deepEqual(
      risk.drivers.map((d) => ({ variable: d.variable, effect: d.effect })),
      expected.slice(0, 5),
    );
    if (risk.drivers.length) explained++;
  }
  assert.ok(explained > 5, 'some states have drivers');
});
