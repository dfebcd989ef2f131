import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SYSTEMS } from '../concept';
import { ImportError, parseText, splitCsv } from './lines';
import { icd10cmParser } from './icd10cm';
import { oboParser } from './obo';
import { loincParser } from './loinc';
import { newRxnormState, rxnconsoParser, rxnrelParser } from './rxnorm';
import { importDoid, importHpo, importIcd10cm, importLoinc, importRxnorm } from '../import-files';

const DATA = fileURLToPath(new URL('../../../../../shared/data/terminology/', import.meta.url));

test('ICD-10-CM fixed-width order file', () => {
  const row = (n: number, code: string, hdr: string, short: string, long: string) =>
    `${String(n).padStart(5, '0')} ${code.padEnd(7)} ${hdr} ${short.padEnd(60)} ${long}`;
  const text = [
    row(1, 'E11', '0', 'Type 2 diabetes mellitus', 'Type 2 diabetes mellitus'),
    row(2, 'E119', '1', 'Type 2 diabetes mellitus without complications', 'Type 2 diabetes mellitus without complications'),
    row(3, 'R0602', '1', 'Shortness of breath', 'Shortness of breath'),
  ].join('\n');
  const cs = parseText(icd10cmParser(), text);
  assert.deepEqual(
    cs.map((c) => [c.code, !!c.notSelectable, c.kind]),
    [
      ['E11', true, 'problem'],
      ['E11.9', false, 'problem'],
      ['R06.02', false, 'finding'],
    ],
  );
  assert.throws(() => parseText(icd10cmParser(), text + '\n00004 ????    1 bad'), ImportError);
  assert.throws(() => parseText(icd10cmParser(), ''), /no ICD-10-CM codes/);
});

test('ICD-10-CM TSV with a malformed row names the line', () => {
  const text =
    'code\tcode_dotted\tbillable\tshort_description\tlong_description\nI10\tI10\t1\tEssential hypertension\tEssential (primary) hypertension\n12\t1.2\t1\tx\ty';
  assert.throws(
    () => parseText(icd10cmParser('f.tsv'), text),
    (e: Error) => e instanceof ImportError && /f\.tsv:3/.test(e.message),
  );
});

test('OBO: names, synonyms (not BROAD), xrefs, obsolete terms skipped', () => {
  const obo = [
    'format-version: 1.2',
    '',
    '[Term]',
    'id: DOID:10763',
    'name: hypertension',
    'synonym: "HTN" EXACT []',
    'synonym: "vascular disease" BROAD []',
    'xref: ICD10CM:I10',
    'xref: SNOMEDCT_US_2025_09_01:38341003',
    'xref: MESH:D006973',
    '',
    '[Term]',
    'id: DOID:1',
    'name: old',
    'is_obsolete: true',
    '',
    '[Typedef]',
    'id: part_of',
  ].join('\n');
  const [c, ...rest] = parseText(oboParser({ idPrefix: 'DOID:', system: SYSTEMS.doid, kind: 'problem', source: 'doid' }), obo);
  assert.equal(rest.length, 0);
  assert.equal(c!.display, 'hypertension');
  assert.deepEqual(c!.synonyms, ['HTN']);
  assert.deepEqual(c!.mappings, [
    { system: SYSTEMS.icd10cm, code: 'I10' },
    { system: SYSTEMS.snomed, code: '38341003' },
  ]);
});

test('LOINC CSV with quoted commas, deprecated rows skipped, units and kinds', () => {
  const csv = [
    '"LOINC_NUM","COMPONENT","SHORTNAME","CLASSTYPE","STATUS","EXAMPLE_UCUM_UNITS","LONG_COMMON_NAME"',
    '"2160-0","Creatinine","Creat SerPl-mCnc","1","ACTIVE","mg/dL","Creatinine [Mass/volume] in Serum or Plasma"',
    '"8867-4","Heart rate","Heart rate","2","ACTIVE","/min","Heart rate"',
    '"1-8","Old","Old","1","DEPRECATED","","Old test, ""quoted"""',
  ].join('\r\n');
  const cs = parseText(loincParser(), csv);
  assert.deepEqual(
    cs.map((c) => [c.code, c.kind, c.unit, c.synonyms]),
    [
      ['2160-0', 'lab', 'mg/dL', ['Creat SerPl-mCnc']],
      ['8867-4', 'vital-sign', '/min', []],
    ],
  );
  assert.deepEqual(splitCsv('"a,b","c""d",e,'), ['a,b', 'c"d', 'e', '']);
  assert.throws(() => parseText(loincParser(), '"LOINC_NUM","LONG_COMMON_NAME"\n"x","y"'), /invalid LOINC code/);
});

test('RxNorm RRF: ingredients, brands, synonyms, tradename links', () => {
  const conso = [
    '6809|ENG||||||||||RXNORM|IN|6809|metformin||N|4096|',
    '6809|ENG||||||||||RXNORM|SY|6809|metformine||N|4096|',
    '151827|ENG||||||||||RXNORM|BN|151827|Glucophage||N|4096|',
    '6809|ENG||||||||||MTHSPL|SU|X|METFORMIN||N|4096|',
    '999|ENG||||||||||RXNORM|IN|999|withdrawn||O|4096|',
  ].join('\n');
  const state = newRxnormState();
  parseText(rxnconsoParser(state), conso);
  const cs = parseText(rxnrelParser(state), '6809||CUI|RN|151827||CUI|tradename_of|||RXNORM||||N||');
  const met = cs.find((c) => c.code === '6809')!;
  assert.deepEqual([met.termType, met.synonyms], ['IN', ['metformine', 'Glucophage']]);
  assert.deepEqual(cs.find((c) => c.code === '151827')!.ingredients, [`${SYSTEMS.rxnorm}|6809`]);
  assert.equal(cs.length, 2);
  assert.throws(() => parseText(rxnconsoParser(), 'not|an|rrf'), ImportError);
});

const has = (p: string) => existsSync(DATA + p);

test('real ICD-10-CM FY2022 file', { skip: !has('icd10cm/icd10cm_fy2022.tsv') }, async () => {
  const cs = await importIcd10cm(DATA + 'icd10cm/icd10cm_fy2022.tsv');
  assert.equal(cs.length, 95524);
  assert.equal(cs.filter((c) => !c.notSelectable).length, 72748);
  assert.equal(cs.find((c) => c.code === 'I10')?.display, 'Essential (primary) hypertension');
});

test('real Disease Ontology tables', { skip: !has('disease-ontology/doid_terms.tsv') }, async () => {
  const cs = await importDoid(DATA + 'disease-ontology');
  assert.equal(cs.length, 12247);
  const htn = cs.find((c) => c.code === 'DOID:10763')!;
  assert.ok(htn.synonyms.includes('HTN'));
  assert.ok(htn.mappings!.some((m) => m.system === SYSTEMS.icd10cm && m.code === 'I10'));
  assert.ok(cs.filter((c) => c.mappings?.some((m) => m.system === SYSTEMS.icd10cm)).length >= 3500);
});

test('real RxNorm prescribable tables', { skip: !has('medications/rxnorm_prescribable_2025-10/ingredients.tsv') }, async () => {
  const cs = await importRxnorm(DATA + 'medications/rxnorm_prescribable_2025-10');
  const by = new Map(cs.map((c) => [c.code, c]));
  assert.equal(cs.filter((c) => c.termType === 'BN').length, 3914);
  assert.equal(cs.filter((c) => ['IN', 'PIN', 'MIN'].includes(c.termType!)).length, 4008);
  assert.equal(by.get('6809')?.display, 'metformin');
  assert.ok(by.get('6809')!.synonyms.includes('Glucophage'));
  assert.ok(by.get('151827')?.ingredients?.includes(`${SYSTEMS.rxnorm}|6809`));
});

test('real LOINC Universal Lab Orders value set', { skip: !has('loinc/LoincUniversalLabOrdersValueSet.csv') }, async () => {
  const cs = await importLoinc(DATA + 'loinc/LoincUniversalLabOrdersValueSet.csv');
  assert.equal(cs.length, 1521);
  assert.equal(
    cs.find((c) => c.code === '62292-8')?.display,
    '25-Hydroxyvitamin D3+25-Hydroxyvitamin D2 [Mass/volume] in Serum or Plasma',
  );
});

test('real HPO labels with lay synonyms', { skip: !has('hpo/hpo_labels_en.tsv') }, async () => {
  const cs = await importHpo(DATA + 'hpo/hpo_labels_en.tsv');
  assert.equal(cs.length, 20413);
  const cyst = cs.find((c) => c.code === 'HP:0200040')!;
  assert.equal(cyst.display, 'Epidermoid cyst');
  assert.ok(cyst.synonyms.includes('Skin cyst'));
});
