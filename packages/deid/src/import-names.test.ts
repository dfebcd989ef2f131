import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNameList, renderImportedNames } from './import-names';

test('census surname CSV and SSA first-name lists', () => {
  const census =
    'name,rank,count,prop100k,cum_prop100k\nSMITH,1,2442977,828.19,828.19\nJOHNSON,2,1932812,655.24,1483.42\nALL OTHER NAMES,0,29312001,9936.97,100000\nRAREONE,99999,100,0.03,99999\n';
  assert.deepEqual(parseNameList(census), ['smith', 'johnson', 'rareone']);
  assert.deepEqual(parseNameList(census, { minCount: 1000 }), ['smith', 'johnson']);
  const ssa = 'Mary,F,7065\nAnna,F,2604\nJohn,M,9655\nMary,M,27\n';
  assert.deepEqual(parseNameList(ssa), ['john', 'mary', 'anna']);
  assert.deepEqual(parseNameList(ssa, { limit: 1 }), ['john']);
  const src = renderImportedNames(['mary'], ['smith'], ['yob1990.txt']);
  assert.match(src, /IMPORTED_FIRST_NAMES[^\n]*\n {2}"mary",/);
  assert.match(src, /IMPORTED_SURNAMES[^\n]*\n {2}"smith",/);
});
