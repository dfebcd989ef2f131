import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deidentifyText } from './deidentify';
import { phiGuard } from './guard';
import { decryptMapping } from './mapping';
import { patientDateOffset, shiftDateText, shiftFhirDate, MIN_SHIFT_DAYS, MAX_SHIFT_DAYS } from './dates';
import { DeidKeyError } from './key';

const key = Buffer.alloc(32, 1);
const other = Buffer.alloc(32, 2);
const note = 'Seen by Dr. Vasquez on 7/22 and 7/29/2187. Wife Carol called 617-555-1234. 92 yo.';

test('redact replaces PHI with typed tags', () => {
  const r = deidentifyText(note, { mode: 'redact' });
  assert.match(r.text, /Dr\. \[\*\*NAME\*\*\] on \[\*\*DATE\*\*\]/);
  assert.ok(!r.text.includes('Vasquez') && !r.text.includes('617-555'));
  assert.match(r.text, /90\+ yo/);
});

test('tag leaves the text and returns spans', () => {
  const r = deidentifyText(note, { mode: 'tag' });
  assert.equal(r.text, note);
  assert.ok(r.spans.some((s) => s.type === 'NAME' && s.text === 'Vasquez'));
});

test('surrogates need a key of at least 32 bytes', () => {
  assert.throws(() => deidentifyText(note, { mode: 'surrogate' }), DeidKeyError);
  assert.throws(() => deidentifyText(note, { mode: 'surrogate', key: Buffer.alloc(16) }), /too short/);
});

test('surrogates are consistent per patient and key, different across keys and patients', () => {
  const a = deidentifyText(note, { mode: 'surrogate', key, patientId: 'p1' }).text;
  const b = deidentifyText(`${note} `, { mode: 'surrogate', key, patientId: 'p1' }).text;
  assert.equal(a.trim(), b.trim());
  assert.notEqual(a, deidentifyText(note, { mode: 'surrogate', key: other, patientId: 'p1' }).text);
  assert.notEqual(a, deidentifyText(note, { mode: 'surrogate', key, patientId: 'p2' }).text);
  assert.ok(!a.includes('Vasquez') && !a.includes('Carol') && !a.includes('617-555-1234'));
  assert.match(a, /90\+ yo/);
});

test('date shifts keep intervals and the format', () => {
  const r = deidentifyText('Admitted 2187-03-04, discharged 2187-03-11.', { mode: 'surrogate', key, patientId: 'p1' });
  const [d1, d2] = [...r.text.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => Date.parse(m[0]));
  assert.equal((d2! - d1!) / 86_400_000, 7);
  assert.notEqual(r.text, 'Admitted 2187-03-04, discharged 2187-03-11.');
  assert.equal(shiftDateText('7/22', 10), '8/1');
  assert.equal(shiftDateText('22-Jul', 10), '1-Aug');
  assert.equal(shiftDateText('07/02/2187', 1), '07/03/2187');
  assert.equal(shiftDateText('July 22nd', 10), 'August 1st');
  assert.equal(shiftDateText('3/4/87', 1), '3/5/87');
  assert.equal(shiftFhirDate('2020-02-28T10:00:00Z', 1), '2020-02-29T10:00:00Z');
  assert.equal(shiftFhirDate('2020-02', 31), '2020-03');
});

test('per-patient offsets are key-derived, wide and differ between patients', () => {
  const offs = Array.from({ length: 200 }, (_, i) => patientDateOffset(key, `p${i}`));
  for (const o of offs) assert.ok(Math.abs(o) >= MIN_SHIFT_DAYS && Math.abs(o) <= MAX_SHIFT_DAYS);
  assert.ok(new Set(offs).size > 150);
  assert.ok(offs.some((o) => o > 0) && offs.some((o) => o < 0));
  assert.notEqual(patientDateOffset(key, 'p1'), patientDateOffset(other, 'p1'));
});

test('the encrypted mapping decrypts only with the key', () => {
  const r = deidentifyText(note, { mode: 'surrogate', key, patientId: 'p1', mapping: true });
  assert.ok(r.mapping && !r.mapping.includes('Vasquez'));
  const entries = decryptMapping(r.mapping, key);
  assert.ok(entries.some((e) => e.original === 'Vasquez' && r.text.includes(e.replacement)));
  assert.throws(() => decryptMapping(r.mapping!, other));
});

test('phiGuard reports findings and a redacted text', () => {
  const g = phiGuard('Summarise: Mr. Lomish, seen 3/4/2187, MRN 12345678');
  assert.equal(g.ok, false);
  assert.ok(g.findings.length >= 3);
  assert.ok(!g.redacted.includes('Lomish') && !g.redacted.includes('12345678'));
  const clean = phiGuard('Summarise the management of community-acquired pneumonia.');
  assert.equal(clean.ok, true);
  assert.equal(clean.redacted, 'Summarise the management of community-acquired pneumonia.');
  assert.equal(phiGuard('seen 3/4/2187', { allow: ['DATE'] }).ok, true);
});

test('phiGuard does not pass what it cannot check', () => {
  assert.equal(phiGuard(undefined as unknown as string).ok, false);
  assert.equal(phiGuard('').ok, true);
});

test('surrogate mode shifts bare years with the dates', () => {
  const r = deidentifyText('S/P MI 1992, cath 3/4/1992.', { mode: 'surrogate', key, patientId: 'p9' });
  const full = /\d+\/\d+\/(\d{4})/.exec(r.text)!;
  assert.ok(!r.text.includes('1992'));
  assert.match(r.text, new RegExp(`MI ${full[1]}`));
});
