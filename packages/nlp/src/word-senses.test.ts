import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from './pipeline';

/** Codes of the mentions found in `text` with the starter lexicon. */
const codes = (text: string) => extract(text).mentions.map((m) => m.concept.code);

test('a fall is one fall (W19); repeated falls need a word that says so (R29.6)', () => {
  assert.deepEqual(codes('Patient had a fall at the nursing home.'), ['W19.XXXA']);
  assert.deepEqual(codes('Admitted after a fall.'), ['W19.XXXA']);
  assert.deepEqual(codes('She reports recurrent falls.'), ['R29.6']);
  assert.deepEqual(codes('He fell in the bathroom.'), ['W19.XXXA']);
  // an injury "in the fall" is still the event
  assert.ok(codes('Hip pain since the fall.').includes('W19.XXXA'));
  assert.ok(codes('Injured her wrist in the fall.').includes('W19.XXXA'));
});

test('fall the season, idioms and a drop in a measurement are not falls', () => {
  for (const text of [
    'Last seen in clinic last fall.',
    'Diagnosed in the fall of 2019.',
    'Symptoms worse in spring and fall.',
    'Fall 2018: started metformin.',
    'Plans to return to school for the fall semester.',
    'He falls asleep while watching TV.',
    'She fell asleep during the visit.',
    'There was a fall in hemoglobin overnight.',
    'Noted a fall in BP after the dose.',
  ])
    assert.ok(!codes(text).some((c) => c === 'W19.XXXA' || c === 'R29.6'), text);
});
