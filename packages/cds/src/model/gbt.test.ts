import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binMatrix, compactModel, predictRaw, rng, sigmoid, trainGbt } from './gbt';

function data(n: number, seed: number) {
  const r = rng(seed);
  const F = 3;
  const x = new Float32Array(n * F);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = r() * 2 - 1;
    const b = r() * 2 - 1;
    x[i * F] = a;
    x[i * F + 1] = r() < 0.2 ? NaN : b;
    x[i * F + 2] = r();
    // XOR-like interaction; missing b counts as positive
    const pos = Number.isNaN(x[i * F + 1]!) ? 1 : a * b > 0 ? 1 : 0;
    y[i] = r() < 0.9 ? pos : 1 - pos;
  }
  return { x, y, F };
}

test('GBT learns an interaction with missing values and is deterministic', () => {
  const { x, y, F } = data(4000, 1);
  const fit = () =>
    trainGbt(binMatrix(x, 4000, F, 32, rng(7)), y, ['a', 'b', 'noise'], {
      trees: 40,
      learningRate: 0.2,
      minChildSamples: 20,
      seed: 3,
    });
  const m = fit();
  const test = data(1000, 2);
  let correct = 0;
  for (let i = 0; i < 1000; i++) if ((sigmoid(predictRaw(m, test.x, i * F)) >= 0.5 ? 1 : 0) === test.y[i]) correct++;
  assert.ok(correct / 1000 > 0.8, `accuracy ${correct / 1000}`);
  assert.deepEqual(JSON.stringify(fit()), JSON.stringify(m), 'same seed, same model');
  const c = compactModel(JSON.parse(JSON.stringify(m)));
  for (let i = 0; i < 50; i++) assert.ok(Math.abs(predictRaw(c, test.x, i * F) - predictRaw(m, test.x, i * F)) < 1e-4);
});
