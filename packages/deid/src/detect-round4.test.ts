import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPhi } from './detect';

// Invented names only.
const names = (text: string) =>
  detectPhi(text)
    .filter((s) => s.type === 'NAME')
    .map((s) => s.text);

test('a name does not take in the institution word after it', () => {
  assert.deepEqual(names('Seen by Dr. Quorvath Hosp staff aware.'), ['Quorvath']);
  assert.ok(!names('went to UOf Quorvath Hosp and had a stent').includes('Hosp'));
  // near miss: a name still takes in the next name
  assert.deepEqual(names('Seen by Dr. Anna Quorvath today.'), ['Anna', 'Quorvath']);
});
