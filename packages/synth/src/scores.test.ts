import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hourlySofa, kdigoAki, scoreSofa, sepsis3Onset, suspectedInfectionTime } from './scores';

const H = 3_600_000;

test('SOFA scores each organ by the 1996 table', () => {
  assert.equal(scoreSofa({}).total, 0);
  const s = scoreSofa({ platelets: 45, bilirubin: 2.5, map: 60, gcs: 12, creatinine: 3.6, spo2: 92, fio2: 0.6 });
  assert.deepEqual([s.coagulation, s.liver, s.cardiovascular, s.cns, s.renal, s.respiration], [3, 2, 1, 2, 3, 2]);
  assert.equal(scoreSofa({ norepinephrine: 0.2 }).cardiovascular, 4);
  assert.equal(scoreSofa({ pao2: 80, fio2: 0.5 }).respiration, 3);
});

test('suspected infection pairs culture and antibiotics within the Seymour windows', () => {
  assert.equal(suspectedInfectionTime([10 * H], [12 * H]), 10 * H);
  assert.equal(suspectedInfectionTime([0], [80 * H]), undefined);
  assert.equal(suspectedInfectionTime([30 * H], [5 * H]), undefined);
  assert.equal(suspectedInfectionTime([20 * H], [5 * H]), 5 * H);
});

test('Sepsis-3 onset needs a SOFA rise of 2 around suspected infection', () => {
  const sofa = hourlySofa(
    {
      platelets: [
        { t: 0, value: 200 },
        { t: 10 * H, value: 90 },
      ],
      map: [
        { t: 0, value: 80 },
        { t: 12 * H, value: 60 },
      ],
    },
    0,
    24 * H,
  );
  assert.equal(sofa.find((s) => s.t === 11 * H)?.value, 2);
  const onset = sepsis3Onset(sofa, [14 * H], [15 * H]);
  assert.equal(onset?.onset, 10 * H);
  assert.equal(sepsis3Onset(sofa, [], [15 * H]), undefined);
  const flat = hourlySofa({ platelets: [{ t: 0, value: 200 }] }, 0, 24 * H);
  assert.equal(sepsis3Onset(flat, [14 * H], [15 * H]), undefined);
});

test('KDIGO AKI by creatinine rise within 48 h or 1.5x baseline', () => {
  assert.equal(
    kdigoAki([
      { t: 0, value: 1 },
      { t: 24 * H, value: 1.1 },
    ]),
    undefined,
  );
  assert.deepEqual(
    kdigoAki([
      { t: 0, value: 1 },
      { t: 24 * H, value: 1.35 },
    ]),
    { onset: 24 * H, stage: 1 },
  );
  assert.equal(
    kdigoAki([
      { t: 0, value: 1 },
      { t: 100 * H, value: 2.1 },
    ])?.stage,
    2,
  );
  assert.equal(
    kdigoAki([
      { t: 0, value: 1 },
      { t: 96 * H, value: 1.2 },
    ]),
    undefined,
  );
});
