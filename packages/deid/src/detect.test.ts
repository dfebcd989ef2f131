/**
 * detectPhi as a whole: contact details and identifiers, propagation of a name found with a cue
 * (in the document and through a patient memory), known patient names, bad input and linear time.
 * Dates, names and places have their own files (detect-dates, detect-names, detect-places).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPhi, createPhiMemory } from './detect';
import type { PhiType } from './types';

function found(text: string, opts = {}): Array<[PhiType, string]> {
  return detectPhi(text, opts).map((s) => [s.type, s.text]);
}
function has(text: string, type: PhiType, what: string, opts = {}): boolean {
  return detectPhi(text, opts).some((s) => s.type === type && s.text === what);
}

test('contact details and identifiers', () => {
  assert.ok(has('call 617-555-1234 or (617) 555-9876', 'PHONE', '617-555-1234'));
  assert.ok(has('call (617) 555-9876', 'PHONE', '(617) 555-9876'));
  assert.ok(has('pager #32007', 'PHONE', '32007'));
  assert.ok(has('mail jane.doe@example.com now', 'EMAIL', 'jane.doe@example.com'));
  assert.ok(has('SSN 123-45-6789', 'SSN', '123-45-6789'));
  assert.ok(has('MRN: 00123456', 'ID', '00123456'));
  assert.ok(has('see https://example.org/x?y=1 today', 'URL', 'https://example.org/x?y=1'));
  assert.ok(has('from 10.0.0.12 yesterday', 'IP', '10.0.0.12'));
  assert.ok(!detectPhi('ABG 7.45/34/80 on 2L').some((s) => s.type === 'IP'));
});

test('a name found with a cue is found everywhere in the document and across a patient memory', () => {
  const text = 'Dr. Healey saw the patient. Later healey called back.';
  assert.equal(detectPhi(text).filter((s) => s.text.toLowerCase() === 'healey').length, 2);
  const memory = createPhiMemory();
  detectPhi('Dr. Quixley paged.', { memory });
  assert.ok(has('quixley at bedside', 'NAME', 'quixley', { memory }));
  assert.ok(!has('quixley at bedside', 'NAME', 'quixley'));
});

test('known patient names are always found', () => {
  assert.ok(has('zorblat is resting comfortably', 'NAME', 'zorblat', { knownNames: ['Zorblat Qwin'] }));
});

test('bad input: empty, brackets, binary-ish text, all PHI', () => {
  assert.deepEqual(detectPhi(''), []);
  assert.doesNotThrow(() => detectPhi('(((([[[[{{{{ ]]]] ))'));
  assert.doesNotThrow(() => detectPhi('\u0000\u0001\uFFFD\uD800 abc'));
  const spans = detectPhi('Dr. John Smith 617-555-1234 7/22/2187');
  assert.ok(found('Dr. John Smith 617-555-1234 7/22/2187').length >= 3);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i]!.start >= spans[i - 1]!.end, 'spans do not overlap');
});

test('20 MB input completes, and time grows linearly with input', { timeout: 600_000 }, () => {
  const unit =
    'Pt seen by Dr. Smith on 7/22. BP 120/80, crackles 1/3 up. Wife Mary called 617-555-1234. ((([[[ 1111111 aaaaaaaa ';
  const big = unit.repeat(Math.ceil((20 * 1024 * 1024) / unit.length));
  assert.ok(detectPhi(big).length > 100_000);
  // Linear, not quadratic: 4x the text takes well under 16x the time (best of two runs each).
  const time = (text: string) =>
    Math.min(
      ...[0, 1].map(() => {
        const t0 = performance.now();
        detectPhi(text);
        return performance.now() - t0;
      }),
    );
  const small = unit.repeat(Math.ceil(250_000 / unit.length));
  const ratio = time(small + small + small + small) / time(small);
  assert.ok(ratio < 8, `4x input took ${ratio.toFixed(1)}x the time`);
  // pathological runs of one character finish too
  detectPhi('1'.repeat(2_000_000) + 'a'.repeat(2_000_000) + '/'.repeat(1_000_000) + '.'.repeat(1_000_000));
});
