import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEMS, type Concept } from './concept';
import { MemoryConceptIndex, normalizeCode } from './memory-index';
import { loadStarterIndex } from './index';
import { nameKey, tokenize, normalizeText } from './normalize';

const c = (system: string, code: string, display: string, synonyms: string[] = [], extra: Partial<Concept> = {}): Concept => ({
  id: `${system}|${code}`,
  system,
  code,
  display,
  kind: 'problem',
  synonyms,
  source: 'test',
  ...extra,
});

test('tokenize agrees with normalizeText and handles possessives, case, diacritics', () => {
  for (const t of ["Crohn's disease", 'CROHNS DISEASE', 'Ménière’s disease', 'T2DM, s/p CABG', "x's y", 'a-fib']) {
    assert.equal(tokenize(t).join(' '), normalizeText(t), t);
  }
  assert.equal(nameKey("Crohn's Disease"), 'crohn disease');
  assert.equal(nameKey('kidney stones'), nameKey('Kidney stone'));
  assert.equal(nameKey('diseases'), 'disease');
  assert.equal(nameKey('glasses'), 'glass');
});

test('exact look-up by system and code, dotted or not for ICD-10-CM', () => {
  const ix = new MemoryConceptIndex([c(SYSTEMS.icd10cm, 'E11.9', 'Type 2 diabetes mellitus')]);
  assert.equal(ix.get(SYSTEMS.icd10cm, 'E11.9')?.display, 'Type 2 diabetes mellitus');
  assert.equal(ix.get(SYSTEMS.icd10cm, 'e119')?.code, 'E11.9');
  assert.equal(ix.get(SYSTEMS.snomed, 'E11.9'), undefined);
  assert.equal(normalizeCode(SYSTEMS.icd10cm, 'I10'), 'I10');
});

test('concepts with the same id are merged: first keeps display, names are united', () => {
  const ix = new MemoryConceptIndex([
    c('s', '1', 'Alpha', ['a']),
    c('s', '1', 'Alpha long', ['b'], { mappings: [{ system: 'x', code: '9' }] }),
  ]);
  assert.equal(ix.size, 1);
  const got = ix.byId('s|1')!;
  assert.equal(got.display, 'Alpha');
  assert.deepEqual(got.synonyms, ['a', 'Alpha long', 'b']);
  assert.deepEqual(got.mappings, [{ system: 'x', code: '9' }]);
});

test('search ranks exact names above prefixes above partial matches, and filters', () => {
  const ix = new MemoryConceptIndex([
    c('s', '1', 'Heart failure with reduced ejection fraction'),
    c('s', '2', 'Heart failure', ['CHF']),
    c('s', '3', 'Failure of heart valve'),
    c('s', '4', 'Heart disease', [], { kind: 'finding' }),
  ]);
  assert.deepEqual(
    ix.search('heart failure').map((x) => x.code),
    ['2', '1', '3'],
  );
  assert.deepEqual(
    ix.search('chf').map((x) => x.code),
    ['2'],
  );
  assert.deepEqual(
    ix
      .search('heart fail')
      .map((x) => x.code)
      .slice(0, 2),
    ['2', '1'],
  );
  assert.deepEqual(
    ix.search('heart', { kind: 'finding' }).map((x) => x.code),
    ['4'],
  );
  assert.deepEqual(ix.search('heart', { limit: 1 }).length, 1);
  assert.deepEqual(ix.search('   '), []);
  assert.deepEqual(ix.search('zzz'), []);
  assert.deepEqual(
    ix.lookupName('HEART FAILURES').map((x) => x.code),
    ['2'],
  );
});

test('the starter index answers common clinical shorthand', () => {
  const ix = loadStarterIndex();
  assert.ok(ix.size >= 1500);
  const top = (q: string, kind?: Concept['kind']) => ix.search(q, { kind, limit: 1 })[0]?.code;
  assert.equal(top('HTN'), 'I10');
  assert.equal(top('DM2'), 'E11.9');
  assert.equal(top('CHF'), 'I50.9');
  assert.equal(top('COPD'), 'J44.9');
  assert.equal(top('SOB'), 'R06.02');
  assert.equal(top('tylenol', 'medication'), '161');
  assert.equal(top('a1c', 'lab'), '4548-4');
  assert.equal(top('SpO2', 'vital-sign'), '59408-5');
  const ms = ix.abbreviation('ms')!;
  assert.deepEqual(ms.senses.map((s) => s.expansion).slice(0, 3), ['multiple sclerosis', 'mitral stenosis', 'morphine sulfate']);
  const anticoagulants = ix.membersOfClass('anticoagulant').map((x) => x.display);
  assert.ok(anticoagulants.includes('apixaban') && anticoagulants.includes('warfarin') && !anticoagulants.includes('aspirin'));
  assert.ok(ix.membersOfClass('doac').every((x) => x.classes!.includes('anticoagulant')));
});
