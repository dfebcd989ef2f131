/**
 * Dates, ages over 89 and bare years (the pattern recognizers): each found in every common form,
 * and the numbers written like them (fractions, scores, grades, ventilator settings, versions,
 * drug strengths, isotopes, clock times) are not. The texts are written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPhi } from './detect';
import type { PhiType } from './types';

function has(text: string, type: PhiType, what: string, opts = {}): boolean {
  return detectPhi(text, opts).some((s) => s.type === type && s.text === what);
}
function none(text: string, type: PhiType, opts = {}): boolean {
  return !detectPhi(text, opts).some((s) => s.type === type);
}

test('dates in every common format, but not fractions or ventilator settings', () => {
  for (const d of [
    '7/22',
    '22-Jul',
    'July 22nd',
    '2187-03-04',
    '3/4/87',
    '03-04-2187',
    'Jul 22, 2187',
    '22 July 2187',
    'July 2187',
    '7/81',
  ]) {
    assert.ok(has(`Admitted ${d} for chest pain.`, 'DATE', d), d);
  }
  assert.ok(!detectPhi('Crackles 1/3 up bilaterally, ivf d5 1/2 NS').some((s) => s.type === 'DATE'));
  assert.ok(!detectPhi('Weaned to PS 10/5 with PEEP 5.').some((s) => s.type === 'DATE'));
  assert.ok(!detectPhi('BP 120/80, motor 5/5 throughout').some((s) => s.type === 'DATE'));
});

test('grades and scores written like m/d are not dates; a date in the same place is', () => {
  assert.ok(none('Heart: regular rhythm with a 2/6 systolic murmur at the apex.', 'DATE'));
  assert.ok(has('Echo on 2/6 showed a new murmur.', 'DATE', '2/6'));
  assert.ok(none('Pulses are 2/4 bilaterally, reflexes +2/4 and equal.', 'DATE'));
  assert.ok(has('Follow-up visit on 2/4 at the clinic.', 'DATE', '2/4'));
  assert.ok(none('Motor: hip flexion 4/5 on the left, knee extension 3/5.', 'DATE'));
  assert.ok(has('Seen in clinic 4/5 for a wound check.', 'DATE', '4/5'));
  assert.ok(none('Term pregnancy at 39 and 3/7th weeks; a 1/8th inch drain.', 'DATE'));
  assert.ok(none('Balance score of 12/16; 2/3 recall at five minutes; 8/12 cores positive.', 'DATE'));
  assert.ok(none('Gleason 3 + 4 = 7/10 in the left base.', 'DATE'));
  assert.ok(has('Biopsy of the left base on 7/10.', 'DATE', '7/10'));
});

test('scores, ventilator settings and lab runs are not dates or years', () => {
  for (const t of [
    'c/o CP 6/10, relieved with NTG',
    'Pain rated 3/10 after morphine.',
    'changed to PSV of 10/5, 60%',
    'ABG on 10/5 BIPAP 65%',
    'cpap/ps mode decreased to 8/5 today',
    'rales up 1/4 on R',
  ])
    assert.ok(!detectPhi(t).some((s) => s.type === 'DATE'), t);
  // a date near a ventilator word is still a date after an event word
  assert.ok(has('trach (placed 8/14). AC 650 x 10', 'DATE', '8/14'));
  assert.ok(has('Seen in clinic 3/10 for follow up.', 'DATE', '3/10'));
  const years = { years: true };
  assert.ok(!detectPhi('cks 1877-67-3.6 this am, los -1963 since mn', years).some((s) => s.type === 'DATE_YEAR'));
  assert.ok(has('PMH: NIDDM. 09 PTCA to LCX. CAD: NQWMI 13. HTN', 'DATE_YEAR', '09', years));
  assert.ok(has('PMH: NIDDM. 09 PTCA to LCX. CAD: NQWMI 13. HTN', 'DATE_YEAR', '13', years));
  assert.ok(has("CVA 74. CHOLECYSTECTOMY 77'. OBESITY", 'DATE_YEAR', '77', years));
});

test('version numbers and drug strengths are not dates', () => {
  assert.ok(none('Report de-identified by De-ID v.6.14.02 today.', 'DATE'));
  assert.ok(has('Report signed 6.14.02 today.', 'DATE', '6.14.02'));
  assert.ok(none('Vytorin 10/40 mg daily.', 'DATE'));
  assert.ok(has('Last seen 10/95 in clinic.', 'DATE', '10/95'));
});

test('ages over 89 only', () => {
  assert.ok(has('A 92 yo woman', 'AGE', '92'));
  assert.ok(has('91 year old male', 'AGE', '91'));
  assert.ok(!detectPhi('A 58 year old female').some((s) => s.type === 'AGE'));
});

test('isotopes and decimals are not ages over 89', () => {
  assert.ok(none('Imaging after 25 mCi of Tc-99m sestamibi; E wave 0.95 m/sec.', 'AGE'));
  assert.ok(has('Pt is a 94 yof from the nursing home.', 'AGE', '94'));
});

test('years only when asked', () => {
  assert.ok(!detectPhi('S/P MI 1992').some((s) => s.type === 'DATE_YEAR'));
  assert.ok(has('S/P MI 1992', 'DATE_YEAR', '1992', { years: true }));
  assert.ok(!detectPhi('arrived at 2130, given 1900 units', { years: true }).some((s) => s.type === 'DATE_YEAR'));
});
