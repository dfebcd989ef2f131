/**
 * Terminology index benchmark: start-up load time (starter lexicon alone, and merged with a full
 * import of the staged official files), search-structure build time, look-up and search throughput.
 *
 *   npx tsx bench/terminology-index.ts            # imports ../shared/data/terminology into a temp folder first
 *   npx tsx bench/terminology-index.ts --data-dir DIR   # uses an existing imported index
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importIntoDataDir, indexPath, loadIndex, loadStarterIndex, SYSTEMS } from '@galen/terminology';

const DATA = fileURLToPath(new URL('../../shared/data/terminology/', import.meta.url));
const arg = process.argv.indexOf('--data-dir');
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

let t = performance.now();
const starter = loadStarterIndex();
console.log(`starter index: ${starter.size} concepts, built in ${ms(t)}`);

let dataDir = arg > 0 ? process.argv[arg + 1]! : '';
let tmp: string | undefined;
if (!dataDir) {
  if (!existsSync(DATA)) {
    console.log('no ../shared/data/terminology: skipping the full index');
    process.exit(0);
  }
  tmp = dataDir = mkdtempSync(join(tmpdir(), 'galen-term-bench-'));
  t = performance.now();
  const s = await importIntoDataDir(
    {
      icd10cm: DATA + 'icd10cm/icd10cm_fy2022.tsv',
      doid: DATA + 'disease-ontology',
      rxnorm: DATA + 'medications/rxnorm_prescribable_2025-10',
      loinc: DATA + 'loinc/LoincUniversalLabOrdersValueSet.csv',
      hpo: DATA + 'hpo/hpo_labels_en.tsv',
    },
    { dataDir, now: new Date() },
  );
  console.log(`import: ${s.total} concepts in ${ms(t)}; file ${(statSync(s.path).size / 1e6).toFixed(2)} MB`);
}

const loads: number[] = [];
let ix = await loadIndex(dataDir);
for (let i = 0; i < 5; i++) {
  t = performance.now();
  ix = await loadIndex(dataDir);
  loads.push(performance.now() - t);
}
loads.sort((a, b) => a - b);
console.log(
  `full index load (${ix.size} concepts, ${(statSync(indexPath(dataDir)).size / 1e6).toFixed(2)} MB): median ${loads[2]!.toFixed(0)} ms, min ${loads[0]!.toFixed(0)} ms`,
);

t = performance.now();
ix.prepareSearch();
console.log(`search structures built in ${ms(t)}`);

const codes = [...ix.all()].filter((_, i) => i % 7 === 0).map((c) => [c.system, c.code] as const);
t = performance.now();
let found = 0;
for (let r = 0; r < 5; r++) for (const [s, c] of codes) if (ix.get(s, c)) found++;
const lookupSec = (performance.now() - t) / 1000;
console.log(`look-ups: ${((codes.length * 5) / lookupSec / 1e6).toFixed(2)} M/s (${found} found)`);

const queries = [
  'htn',
  'heart failure',
  'metformin',
  'shortness of breath',
  'DM2',
  'chest pa',
  'E11.9',
  'hemoglobin a1c',
  'sodium',
  'kidney stones',
  'warf',
  'pneumonia',
  'tylenol',
  'copd exacerbation',
];
t = performance.now();
let n = 0;
while (performance.now() - t < 3000) {
  for (const q of queries) {
    ix.search(q, { limit: 10 });
    n++;
  }
}
console.log(`searches: ${(n / ((performance.now() - t) / 1000)).toFixed(0)} /s over ${queries.length} queries (limit 10)`);
console.log(`get(icd10cm, I10) = ${ix.get(SYSTEMS.icd10cm, 'I10')?.display}`);
if (tmp) rmSync(tmp, { recursive: true, force: true });
