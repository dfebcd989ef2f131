import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractMeasurements } from './measurements';
import { mulberry32 } from '@galen/fhir';

const one = (text: string) => {
  const ms = extractMeasurements(text);
  assert.equal(ms.length, 1, `${text}: ${JSON.stringify(ms)}`);
  return ms[0]!;
};

test('vital signs with LOINC and UCUM', () => {
  const bp = one('BP 128/84');
  assert.deepEqual([bp.loinc, bp.value, bp.value2, bp.ucum], ['85354-9', 128, 84, 'mm[Hg]']);
  assert.deepEqual([one('HR 92').loinc, one('HR 92').value, one('HR 92').ucum], ['8867-4', 92, '/min']);
  assert.deepEqual([one('RR: 18').value, one('RR: 18').loinc], [18, '9279-1']);
  const t = one('T 38.4 C');
  assert.deepEqual([t.value, t.ucum], [38.4, 'Cel']);
  const f = one('Temp 101.2F');
  assert.equal(f.value, 38.44);
  assert.deepEqual(f.original, { value: 101.2, unit: 'F' });
  const sat = one('SpO2 94% on 2L');
  assert.deepEqual([sat.value, sat.ucum, sat.qualifier], [94, '%', '2L']);
  const w = one('weight 154 lbs');
  assert.ok(Math.abs(w.value - 69.85) < 0.05);
  assert.equal(w.ucum, 'kg');
});

test('labs, with and without units', () => {
  assert.deepEqual([one('Na 135').loinc, one('Na 135').value], ['2951-2', 135]);
  const cr = one('Cr 1.4 mg/dL');
  assert.deepEqual([cr.loinc, cr.value, cr.ucum], ['2160-0', 1.4, 'mg/dL']);
  assert.deepEqual([one('WBC 14.2').value, one('WBC 14.2').ucum], [14.2, '10*3/uL']);
  assert.equal(one('K 3.9').name, 'potassium');
  const text = 'O: BUN NOW 50; CR 2.1- URINE OUTPUT IMPROVING; K 3.9; INR 2.0; PT 17.5; PTT 32.3';
  assert.deepEqual(
    extractMeasurements(text).map((m) => m.name),
    ['bun', 'creatinine', 'potassium', 'inr', 'pt', 'ptt'],
  );
});

test('implausible values, ambiguous case and prose are not measurements', () => {
  assert.equal(extractMeasurements('HR 900').length, 0);
  assert.equal(extractMeasurements('k 3.9 and t 38').length, 0);
  assert.equal(extractMeasurements('aspirin 325 mg 2 tabs').length, 0);
  assert.equal(extractMeasurements('BP stable').length, 0);
});

const rng = mulberry32;

test('fuzz: random input never throws and output is well formed', () => {
  const rand = rng(7);
  const pieces = [
    'BP',
    'HR',
    'T',
    'SpO2',
    'Na',
    'Cr',
    ' ',
    '/',
    '1',
    '98',
    '.',
    '4',
    '%',
    'F',
    'C',
    'on',
    '2L',
    ':',
    'mg/dL',
    'lbs',
    '😀',
    'ע',
    '\0',
    '\n',
  ];
  for (let i = 0; i < 3000; i++) {
    let text = '';
    const n = Math.floor(rand() * 25);
    for (let k = 0; k < n; k++) {
      text += rand() < 0.15 ? String.fromCharCode(Math.floor(rand() * 0xffff)) : pieces[Math.floor(rand() * pieces.length)];
    }
    for (const m of extractMeasurements(text)) {
      assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
      assert.ok(Number.isFinite(m.value));
      assert.ok(m.loinc && m.ucum);
    }
  }
});
