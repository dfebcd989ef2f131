import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSig } from './sig';
import { mulberry32 } from '@galen/fhir';

const sig = (s: string, before?: string) => {
  const text = (before ?? '') + s;
  return parseSig(
    text,
    { start: (before ?? '').length, end: text.length },
    before ? { start: 0, end: before.length } : undefined,
  );
};

test('strength, route, frequency as Timing', () => {
  const s = sig(' 10 mg PO BID');
  assert.equal(s.strength?.value, 10);
  assert.equal(s.strength?.code, 'mg');
  assert.equal(s.route?.code, '26643006');
  assert.deepEqual(s.frequency?.timing.repeat, { frequency: 2, period: 1, periodUnit: 'd' });
  assert.equal(s.frequency?.timing.code?.coding?.[0]?.code, 'BID');
});

test('intervals, bedtime, ranges and counts per day', () => {
  assert.deepEqual(sig(' 5 mg IV q6h').frequency?.timing.repeat, { frequency: 1, period: 6, periodUnit: 'h' });
  assert.deepEqual(sig(' 1 tab q4-6h').frequency?.timing.repeat, { frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' });
  assert.deepEqual(sig(' 20 mg qhs').frequency?.timing.repeat?.when, ['HS']);
  assert.deepEqual(sig(' 2 puffs three times a day').frequency?.timing.repeat, { frequency: 3, period: 1, periodUnit: 'd' });
  assert.deepEqual(sig(' every 8 hours').frequency?.timing.repeat, { frequency: 1, period: 8, periodUnit: 'h' });
  assert.deepEqual(sig(' 81 mg daily').frequency?.timing.repeat, { frequency: 1, period: 1, periodUnit: 'd' });
});

test('dose, duration, PRN with reason, status change', () => {
  const s = sig(' 2 tabs PO q6h prn pain x 5 days');
  assert.equal(s.dose?.value, 2);
  assert.equal(s.dose?.unit, 'tabs');
  assert.equal(s.asNeeded?.reason, 'pain');
  assert.deepEqual([s.duration?.value, s.duration?.code], [5, 'd']);
  assert.equal(sig(' as needed for nausea').asNeeded?.reason, 'nausea');
  assert.equal(sig(' was stopped').status?.change, 'stopped');
  assert.equal(sig(' 10 mg', 'increased ').status?.change, 'increased');
  assert.equal(sig(' given', '5 mg ').strength?.value, 5);
  assert.equal(sig(' held for hypotension').status?.change, 'held');
});

test('spans point at the parsed text', () => {
  const text = 'Lisinopril 10 mg PO daily';
  const s = parseSig(text, { start: 10, end: text.length });
  assert.equal(text.slice(s.strength!.start, s.strength!.end), '10 mg');
  assert.equal(text.slice(s.route!.start, s.route!.end), 'PO');
  assert.equal(text.slice(s.frequency!.start, s.frequency!.end), 'daily');
});

/** Seeded PRNG so the fuzz test is reproducible. */
const rng = mulberry32;

test('fuzz: random input never throws and spans stay inside the window', () => {
  const rand = rng(42);
  const pieces = [
    ' ',
    'mg',
    '10',
    '.',
    '/',
    'q',
    'h',
    'prn',
    'x',
    'for',
    'tab',
    'po',
    'iv',
    '-',
    '4',
    'days',
    'bid',
    '😀',
    'ש',
    '\0',
    '\n',
    'every',
    'stopped',
    '1/2',
    ',',
  ];
  for (let i = 0; i < 3000; i++) {
    let text = '';
    const n = Math.floor(rand() * 30);
    for (let k = 0; k < n; k++) {
      text += rand() < 0.2 ? String.fromCharCode(Math.floor(rand() * 0xffff)) : pieces[Math.floor(rand() * pieces.length)];
    }
    const a = Math.floor(rand() * (text.length + 1));
    const s = parseSig(text, { start: a, end: text.length + 5 }, { start: -3, end: a });
    for (const part of Object.values(s) as Array<{ start: number; end: number }>) {
      assert.ok(part.start >= 0 && part.end <= text.length && part.start <= part.end);
    }
    if (s.strength) assert.ok(Number.isFinite(s.strength.value));
    if (s.dose) assert.ok(Number.isFinite(s.dose.value));
    if (s.frequency?.timing.repeat?.period !== undefined) assert.ok(Number.isFinite(s.frequency.timing.repeat.period));
  }
});

test('a dose written in words is read without any digit in the window', () => {
  assert.deepEqual(sig(' ONE-HALF tablet by mouth').dose, { value: 0.5, unit: 'tablet', code: '{tbl}', start: 1, end: 16 });
  assert.equal(sig(' two puffs inhaled q4h').dose?.value, 2);
  assert.equal(sig(' Half tab at bedtime').dose?.value, 0.5);
  // no number, no dose (the words alone do not make one)
  assert.equal(sig(' tablets by mouth daily').dose, undefined);
  assert.equal(sig(' someone took tabs').dose, undefined);
});
