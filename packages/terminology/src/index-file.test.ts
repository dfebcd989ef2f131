import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEMS, type Concept } from './concept';
import { decodeIndex, encodeIndex, indexPath } from './index-file';
import { importIntoDataDir, loadIndex, terminologyService } from './loader';

test('encode/decode round-trips every field', () => {
  const cs: Concept[] = [
    {
      id: `${SYSTEMS.icd10cm}|E11`,
      system: SYSTEMS.icd10cm,
      code: 'E11',
      display: 'Type 2 diabetes mellitus',
      kind: 'problem',
      synonyms: ['DM2'],
      source: 'icd10cm',
      notSelectable: true,
      mappings: [{ system: SYSTEMS.snomed, code: '44054006' }],
    },
    {
      id: `${SYSTEMS.rxnorm}|1`,
      system: SYSTEMS.rxnorm,
      code: '1',
      display: 'x',
      kind: 'medication',
      synonyms: [],
      source: 'rxnorm',
      termType: 'BN',
      ingredients: [`${SYSTEMS.rxnorm}|2`],
      classes: ['nsaid'],
      unit: 'mg',
    },
  ];
  const meta = { createdAt: '2026-01-01T00:00:00.000Z', sources: {} };
  assert.deepEqual(decodeIndex(encodeIndex(cs, meta)), { concepts: cs, meta });
  assert.throws(() => decodeIndex(Buffer.from('hello')), /Not a Galen terminology index/);
});

test('import into a data folder: merged with the starter, re-runnable, and a bad file changes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galen-term-'));
  try {
    const icd = join(dir, 'icd.tsv');
    writeFileSync(
      icd,
      'code\tbillable\tshort_description\tlong_description\nI10\t1\tEssential hypertension\tEssential (primary) hypertension\nZ99Z9\t1\tMade up\tMade-up test code\n',
    );
    const hpo = join(dir, 'hpo_labels_en.tsv');
    writeFileSync(hpo, 'hpo_id\tlabel\tdefinition\nHP:0002094\tDyspnea\t\n');
    const data = join(dir, 'data');
    const now = new Date('2026-01-02T03:04:05Z');
    let s = await importIntoDataDir({ icd10cm: icd, hpo }, { dataDir: data, now });
    assert.deepEqual([s.total, s.sources.icd10cm!.concepts, s.sources.hpo!.concepts], [3, 2, 1]);
    // Re-import one source: the other is kept.
    s = await importIntoDataDir({ icd10cm: icd }, { dataDir: data, now });
    assert.deepEqual([s.total, Object.keys(s.sources).sort()], [3, ['hpo', 'icd10cm']]);
    const ix = await loadIndex(data);
    assert.equal(ix.get(SYSTEMS.icd10cm, 'Z99.Z9')?.display, 'Made-up test code');
    assert.equal(ix.get(SYSTEMS.hpo, 'HP:0002094')?.display, 'Dyspnea');
    // The starter concept keeps its curated display and gains the official name.
    const htn = ix.get(SYSTEMS.icd10cm, 'I10')!;
    assert.equal(htn.source, 'starter');
    assert.ok(htn.synonyms.includes('Essential (primary) hypertension'));
    // A malformed file: the import fails and the old index stays byte for byte, with no temp file.
    const before = readFileSync(indexPath(data));
    writeFileSync(icd, 'code\tbillable\tshort_description\tlong_description\n??\t1\tx\ty\n');
    await assert.rejects(importIntoDataDir({ icd10cm: icd }, { dataDir: data, now }), /icd\.tsv:2/);
    assert.deepEqual(readFileSync(indexPath(data)), before);
    assert.deepEqual(readdirSync(join(data, 'terminology')), ['index.json.gz']);
    // The service loads once.
    const get = terminologyService(data);
    assert.equal(await get(), await get());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadIndex without an imported index is the starter lexicon', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galen-term-'));
  try {
    const ix = await loadIndex(dir);
    assert.ok(ix.size >= 1500);
    assert.ok([...ix.all()].every((c) => c.source === 'starter'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
