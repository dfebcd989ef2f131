/**
 * The starter lexicon: size, internal consistency, and every code checked against the official
 * files in ../shared/data/terminology when they are present (skipped otherwise).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SYSTEMS } from '../concept';
import { starterLexicon } from './index';
import { DRUG_CLASS_CODES } from './drug-classes';
import { loadStarterIndex } from '../index';

const DATA = fileURLToPath(new URL('../../../../../shared/data/terminology/', import.meta.url));
const { concepts, abbreviations } = starterLexicon();

test('the starter lexicon has at least 1,500 concepts of every kind and 150 abbreviations', () => {
  const ids = new Set(concepts.map((c) => c.id));
  assert.ok(ids.size >= 1500, `${ids.size} concepts`);
  for (const kind of ['problem', 'finding', 'medication', 'drug-class', 'lab', 'vital-sign', 'procedure', 'allergen']) {
    assert.ok(
      concepts.some((c) => c.kind === kind),
      kind,
    );
  }
  assert.ok(abbreviations.length >= 150);
  assert.equal(
    new Set(abbreviations.map((a) => a.abbr.toLowerCase())).size,
    abbreviations.length,
    'abbreviations are unique ignoring case',
  );
});

test('abbreviation senses point at starter concepts, and medication classes are known classes', () => {
  const ix = loadStarterIndex();
  for (const a of abbreviations)
    for (const s of a.senses) if (s.conceptId) assert.ok(ix.byId(s.conceptId), `${a.abbr}: ${s.conceptId}`);
  const known = new Set(DRUG_CLASS_CODES);
  for (const c of concepts) for (const k of c.classes ?? []) assert.ok(known.has(k), `${c.display}: ${k}`);
  for (const c of concepts.filter((x) => x.kind === 'lab' || x.kind === 'vital-sign')) assert.match(c.code, /^\d{1,7}-\d$/);
});

test(
  'every starter ICD-10-CM code exists in the ICD-10-CM order file',
  { skip: !existsSync(DATA + 'icd10cm/icd10cm_fy2022.tsv') },
  () => {
    const codes = new Set(
      readFileSync(DATA + 'icd10cm/icd10cm_fy2022.tsv', 'utf8')
        .split('\n')
        .map((l) => l.split('\t')[1]),
    );
    // Codes added to ICD-10-CM after FY2022 (the staged file's release).
    const newer = new Set<string>();
    const missing = concepts
      .filter((c) => c.system === SYSTEMS.icd10cm && !codes.has(c.code) && !newer.has(c.code))
      .map((c) => c.code);
    assert.deepEqual(missing, []);
  },
);

test(
  'every starter RxCUI exists in RxNorm (prescribable 2025-10, NDF-RT for letter A)',
  { skip: !existsSync(DATA + 'medications/rxnorm_prescribable_2025-10/ingredients.tsv') },
  () => {
    const rx = new Set<string>();
    for (const l of readFileSync(DATA + 'medications/rxnorm_prescribable_2025-10/ingredients.tsv', 'utf8').split('\n'))
      rx.add(l.split('\t')[0]!);
    for (const l of readFileSync(DATA + 'medications/ndfrt/NDFRT_RxNorm_mapping_2014.csv', 'utf8').split('\n'))
      rx.add(l.split(';')[0]!);
    // Letter-A ingredients newer than the 2014 NDF-RT file; the staged 2025 table lacks letter A.
    const unverifiable = new Set(['1364430', '1659152', '1368001']);
    const missing = concepts
      .filter((c) => c.system === SYSTEMS.rxnorm && !rx.has(c.code) && !unverifiable.has(c.code))
      .map((c) => `${c.code} ${c.display}`);
    assert.deepEqual(missing, []);
    for (const id of unverifiable)
      assert.match(concepts.find((c) => c.code === id)!.display, /^a/, 'only letter-A ingredients may be unverifiable');
  },
);

test(
  'starter LOINC codes that are in the Universal Lab Orders value set carry its name',
  { skip: !existsSync(DATA + 'loinc/LoincUniversalLabOrdersValueSet.csv') },
  () => {
    const names = new Map<string, string>();
    for (const l of readFileSync(DATA + 'loinc/LoincUniversalLabOrdersValueSet.csv', 'utf8')
      .split('\n')
      .slice(1)) {
      const m = /^"([^"]+)","((?:[^"]|"")*)"/.exec(l);
      if (m) names.set(m[1]!, m[2]!.replace(/""/g, '"'));
    }
    let checked = 0;
    for (const c of concepts.filter((x) => x.system === SYSTEMS.loinc)) {
      const name = names.get(c.code);
      if (!name) continue;
      checked++;
      assert.equal(c.display.toLowerCase().slice(0, 20), name.toLowerCase().slice(0, 20), c.code);
    }
    assert.ok(checked >= 100, `${checked} checked`);
  },
);
