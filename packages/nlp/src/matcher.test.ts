import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMatcher } from './matcher';
import { createTestIndex } from './testing';
import { tokenize } from './tokens';

const matcher = buildMatcher(createTestIndex());
const find = (text: string, section?: Parameters<typeof matcher.match>[2]) => matcher.match(text, tokenize(text), section);

test('longest match wins and spans point into the text', () => {
  const text = 'Hx of congestive heart failure and chest pain.';
  const ms = find(text);
  assert.deepEqual(
    ms.map((m) => [m.text, m.concept.code]),
    [
      ['congestive heart failure', 'I50.9'],
      ['chest pain', 'R07.9'],
    ],
  );
  for (const m of ms) assert.equal(text.slice(m.start, m.end), m.text);
});

test('case, punctuation, plurals, word order and inverted names match', () => {
  assert.equal(find('CHEST PAINS')[0]?.concept.code, 'R07.9');
  assert.equal(find('pain, chest')[0]?.concept.code, undefined); // a comma breaks a name
  assert.equal(find('pain chest')[0]?.concept.code, 'R07.9'); // reversed two-word name
  assert.equal(find('type 2 diabetes mellitus')[0]?.concept.code, 'E11.9'); // from "Diabetes mellitus, type 2"
  assert.equal(find('Shortness-of-breath')[0]?.concept.code, 'R06.02');
  assert.equal(find('fevers')[0]?.concept.code, 'R50.9');
});

test('two-letter names must be written in capitals', () => {
  assert.equal(find('AF on monitor')[0]?.concept.code, 'I48.91');
  assert.equal(find('the af was')[0], undefined);
});

test('abbreviations are resolved by section and by neighbours', () => {
  const pmh = find('MS', 'past-medical-history')[0]!;
  assert.equal(pmh.concept.code, 'G35');
  assert.equal(pmh.abbreviation?.reason, 'section');
  const meds = find('MS 4 mg IV q4h prn pain')[0]!;
  assert.equal(meds.concept.code, '7052');
  assert.equal(meds.abbreviation?.reason, 'neighbours');
  assert.equal(find('murmur consistent with MS on echo')[0]!.concept.code, 'I34.0');
});

test('matching is linear: a long text of near-misses is fast', () => {
  const text = 'congestive heart '.repeat(20000);
  const t = performance.now();
  assert.equal(find(text).length, 0);
  assert.ok(performance.now() - t < 3000);
});
