import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation } from '@galen/fhir';
import { stateFromObservations, stateFromValues } from '../state';
import { scoreMews, scoreNews2, scoreQsofa, scoreShockIndex, scoreSirs } from './early-warning';
import { scoreSofa, stageAki } from './sofa';
import { screenSep1, screenSepsis3 } from './sepsis';

const NOW = '2024-05-01T12:00:00Z';

function obs(id: string, loinc: string, value: number, unit: string, time = '2024-05-01T11:30:00Z'): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
    effectiveDateTime: time,
    valueQuantity: { value, unit, code: unit, system: 'http://unitsofmeasure.org' },
  };
}

const normal = { rr: 16, spo2: 97, sbp: 120, hr: 80, temp: 37, avpu: 0, fio2: 0.21 };

test('NEWS2 scores a normal patient 0 and a sick one by the RCP table', () => {
  const ok = scoreNews2(stateFromValues(normal, NOW, { onOxygen: false }));
  assert.equal(ok.score, 0);
  assert.equal(ok.band, 'low');
  const sick = scoreNews2(stateFromValues({ rr: 25, spo2: 91, sbp: 95, hr: 125, temp: 39.5, avpu: 2 }, NOW, { onOxygen: true }));
  // rr 3 + spo2 3 + O2 2 + sbp 2 + hr 2 + temp 2 + CVPU 3 = 17
  assert.equal(sick.score, 17);
  assert.equal(sick.band, 'high');
  assert.equal(sick.components.consciousness, 3);
  const single3 = scoreNews2(stateFromValues({ ...normal, rr: 7 }, NOW, { onOxygen: false }));
  assert.equal(single3.score, 3);
  assert.equal(single3.band, 'low-medium');
});

test('NEWS2 SpO2 scale 2 scores high saturations on oxygen, not on air', () => {
  const onO2 = scoreNews2(stateFromValues({ ...normal, spo2: 97 }, NOW, { onOxygen: true, hypercapnicTarget: true }));
  assert.equal(onO2.components.spo2, 3);
  const onAir = scoreNews2(stateFromValues({ ...normal, spo2: 97 }, NOW, { onOxygen: false, hypercapnicTarget: true }));
  assert.equal(onAir.components.spo2, 0);
  const low = scoreNews2(stateFromValues({ ...normal, spo2: 85 }, NOW, { onOxygen: false, hypercapnicTarget: true }));
  assert.equal(low.components.spo2, 2);
  const scale1 = scoreNews2(stateFromValues({ ...normal, spo2: 85 }, NOW, { onOxygen: false }));
  assert.equal(scale1.components.spo2, 3);
});

test('missing inputs give insufficient data, never a silent zero', () => {
  const r = scoreNews2(stateFromValues({ rr: 16, hr: 80 }, NOW));
  assert.equal(r.score, null);
  assert.equal(r.status, 'insufficient-data');
  assert.ok(r.missing.includes('Systolic blood pressure'));
  assert.match(r.explanation, /insufficient data/);
  assert.equal(scoreQsofa(stateFromValues({}, NOW)).score, null);
  assert.equal(scoreShockIndex(stateFromValues({ hr: 100 }, NOW)).score, null);
});

test('impossible vitals and wrong units are rejected with a reason and not scored', () => {
  const s = stateFromObservations(
    [
      obs('hr1', '8867-4', 900, '/min'),
      obs('t1', '8310-5', -3, 'Cel'),
      obs('bp1', '8480-6', 120, 'kg'),
      obs('rr1', '9279-1', 18, '/min', '2024-05-01T13:00:00Z'),
      obs('t2', '8310-5', 100.4, '[degF]'),
    ],
    NOW,
  );
  assert.equal(s.series.hr, undefined);
  assert.equal(s.series.sbp, undefined);
  assert.equal(s.series.rr, undefined, 'future observation rejected');
  assert.equal(s.rejected.length, 4);
  assert.ok(s.rejected.some((r) => r.observationId === 'Observation/hr1' && /plausible/.test(r.reason)));
  assert.ok(s.rejected.some((r) => r.observationId === 'Observation/bp1' && /unit/.test(r.reason)));
  assert.ok(Math.abs(s.series.temp![0]!.value - 38) < 0.01, '100.4 °F is 38 °C');
});

test('scores list the observations used with ids and times, latest value wins regardless of order', () => {
  const s = stateFromObservations(
    [
      obs('hrB', '8867-4', 130, '/min', '2024-05-01T11:50:00Z'),
      obs('hrA', '8867-4', 70, '/min', '2024-05-01T10:00:00Z'),
      obs('sbp', '8480-6', 100, 'mm[Hg]'),
    ],
    NOW,
  );
  const si = scoreShockIndex(s);
  assert.equal(si.score, 1.3);
  assert.equal(si.band, 'high');
  assert.deepEqual(
    si.inputs.map((i) => i.observationId),
    ['Observation/hrB', 'Observation/sbp'],
  );
  assert.equal(si.inputs[0]!.time, '2024-05-01T11:50:00Z');
});

test('qSOFA, SIRS and MEWS', () => {
  const s = stateFromValues({ rr: 24, sbp: 95, gcs: 14, temp: 38.6, hr: 112, wbc: 13 }, NOW);
  assert.equal(scoreQsofa(s).score, 3);
  assert.equal(scoreSirs(s).score, 4);
  // MEWS: sbp 95 → 1, hr 112 → 2, rr 24 → 2, temp 38.6 → 2, GCS 14 → 1
  assert.equal(scoreMews(s).score, 8);
  const partial = scoreSirs(stateFromValues({ temp: 39, hr: 100 }, NOW));
  assert.equal(partial.score, 2, 'two met criteria settle SIRS even with missing ones');
  assert.ok(partial.missing.length > 0);
});

test('SOFA components and totals', () => {
  const s = stateFromValues({ pao2: 80, fio2: 0.5, platelets: 45, bilirubinTotal: 2.5, map: 65, gcs: 11, creatinine: 3.6 }, NOW, {
    ventilated: true,
  });
  const r = scoreSofa(s);
  // P/F 160 ventilated → 3; plt 45 → 3; bili 2.5 → 2; MAP<70 → 1; GCS 11 → 2; Cr 3.6 → 3
  assert.deepEqual(r.components, { respiration: 3, coagulation: 3, liver: 2, cardiovascular: 1, cns: 2, renal: 3 });
  assert.equal(r.score, 14);
  const notVent = scoreSofa(stateFromValues({ pao2: 80, fio2: 0.5 }, NOW));
  assert.equal(notVent.components.respiration, 2);
  assert.equal(notVent.score, null);
});

test('KDIGO AKI staging from creatinine history', () => {
  const series = (vals: Array<[string, number]>) =>
    stateFromObservations(
      vals.map(([t, v], i) => obs(`c${i}`, '2160-0', v, 'mg/dL', t)),
      NOW,
    );
  assert.equal(
    stageAki(
      series([
        ['2024-04-30T08:00:00Z', 1.0],
        ['2024-05-01T10:00:00Z', 1.35],
      ]),
    ).stage,
    1,
    '+0.35 in 48 h',
  );
  assert.equal(
    stageAki(
      series([
        ['2024-04-28T08:00:00Z', 1.0],
        ['2024-05-01T10:00:00Z', 2.2],
      ]),
    ).stage,
    2,
  );
  assert.equal(
    stageAki(
      series([
        ['2024-04-28T08:00:00Z', 1.0],
        ['2024-05-01T10:00:00Z', 3.1],
      ]),
    ).stage,
    3,
  );
  assert.equal(
    stageAki(
      series([
        ['2024-04-30T08:00:00Z', 1.0],
        ['2024-05-01T10:00:00Z', 1.1],
      ]),
    ).stage,
    0,
  );
  assert.equal(stageAki(series([['2024-05-01T10:00:00Z', 2.0]])).stage, null);
  // 88.4 µmol/L = 1 mg/dL
  const si = stateFromObservations(
    [obs('a', '2160-0', 88.4, 'umol/L', '2024-04-30T08:00:00Z'), obs('b', '2160-0', 265.2, 'umol/L', '2024-05-01T10:00:00Z')],
    NOW,
  );
  assert.equal(stageAki(si).stage, 3);
});

test('Sepsis-3 screen needs infection and a SOFA rise of 2', () => {
  const vals = { platelets: 90, creatinine: 2.1, map: 80 };
  assert.equal(screenSepsis3(stateFromValues(vals, NOW, { suspectedInfection: true })).score, 1);
  assert.equal(screenSepsis3(stateFromValues(vals, NOW, { suspectedInfection: false })).score, 0);
  assert.equal(screenSepsis3(stateFromValues(vals, NOW)).score, null);
  assert.equal(screenSepsis3(stateFromValues({ platelets: 140, map: 80 }, NOW, { suspectedInfection: true })).score, 0);
});

test('SEP-1 severe sepsis and septic shock', () => {
  const sev = screenSep1(
    stateFromValues({ temp: 38.5, hr: 110, rr: 22, wbc: 14, lactate: 2.5, sbp: 110 }, NOW, { suspectedInfection: true }),
  );
  assert.equal(sev.score, 1);
  assert.equal(sev.band, 'severe-sepsis');
  const shock = screenSep1(
    stateFromValues({ temp: 38.5, hr: 110, rr: 22, wbc: 14, lactate: 4.5, sbp: 110 }, NOW, { suspectedInfection: true }),
  );
  assert.equal(shock.band, 'septic-shock');
  const none = screenSep1(
    stateFromValues({ temp: 37, hr: 80, rr: 14, wbc: 8, lactate: 1, sbp: 120 }, NOW, { suspectedInfection: true }),
  );
  assert.equal(none.score, 0);
});
