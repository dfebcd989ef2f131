import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSearch } from './search';

const search = (query: string) =>
  buildSearch({ resourceType: 'Patient', params: [...new URLSearchParams(query)].map(([name, value]) => ({ name, value })) });

test('_summary true/text/data/false and _elements are accepted and leave the query alone (presentation)', () => {
  const plain = search('family=x');
  for (const q of ['_summary=true', '_summary=text', '_summary=data', '_summary=false', '_elements=name,gender']) {
    const s = search(`family=x&${q}`);
    assert.equal(s.where, plain.where, q);
    assert.equal(s.summaryCount, false, q);
  }
});

test('_summary=count asks for the total alone; unknown _summary values are 400', () => {
  assert.equal(search('_summary=count').summaryCount, true);
  assert.throws(() => search('_summary=maybe'), /_summary must be/);
});

test('the total is counted only when asked (_total=accurate|estimate), not by default', () => {
  assert.equal(search('family=x').total, false);
  assert.equal(search('_total=accurate').total, true);
  assert.equal(search('_total=none').total, false);
});
