import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { COL, N_COLUMNS } from '@galen/cds/model/physionet';
import { loadSepsisModel } from '@galen/cds/model/sepsis-model';
import { loadSepsisRecords, parsePsv, readTar, SHARED_SEPSIS_DIR, splitOf, fnv1a } from './sepsis-data';
import { evaluateSepsis } from './sepsis';

const PSV = 'HR|O2Sat|Temp|SBP|Age|Gender|ICULOS|SepsisLabel\n80|97|NaN|120|60|1|1|0\nNaN|95|38.5|NaN|60|1|2|1\n';

test('parsePsv maps columns by header and keeps NaN', () => {
  const r = parsePsv('p1', PSV);
  assert.equal(r.hours, 2);
  assert.equal(r.values[COL.HR!], 80);
  assert.ok(Number.isNaN(r.values[N_COLUMNS + COL.HR!]!));
  assert.equal(r.values[N_COLUMNS + COL.Temp!], 38.5);
  assert.deepEqual([...r.labels!], [0, 1]);
  assert.throws(() => parsePsv('x', 'a|b\n1|2\n'), /not a PhysioNet/);
});

function tarOf(files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const h = Buffer.alloc(512);
    h.write(name, 0);
    h.write('0000644\0', 100);
    h.write(Buffer.byteLength(text).toString(8).padStart(11, '0') + '\0', 124);
    h.write('0', 156);
    h.write('ustar\0', 257);
    parts.push(h, Buffer.from(text), Buffer.alloc((512 - (Buffer.byteLength(text) % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

test('readTar reads ustar entries; gzip round trip', () => {
  const entries = [...readTar(tarOf({ 'set/p000001.psv': PSV, 'set/readme.txt': 'x' }))];
  assert.deepEqual(
    entries.map((e) => e.name),
    ['set/p000001.psv', 'set/readme.txt'],
  );
  assert.equal(entries[0]!.data.toString(), PSV);
  assert.ok(gzipSync(tarOf({ a: 'b' })).length > 0);
});

test('the split rule is a stable hash of the id', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
  const counts = { train: 0, validation: 0, test: 0 };
  for (let i = 0; i < 5000; i++) counts[splitOf(`p${100000 + i}`)]++;
  assert.ok(counts.train > 3300 && counts.train < 3700, JSON.stringify(counts));
  assert.ok(counts.test > 800 && counts.test < 1200);
});

test('evaluation on the shared sample files', { skip: !existsSync(`${SHARED_SEPSIS_DIR}sample`) }, async () => {
  const recs = loadSepsisRecords(`${SHARED_SEPSIS_DIR}sample`);
  assert.ok(recs.length >= 1);
  assert.ok(recs.some((r) => r.labels!.some((v) => v)));
  const { readFileSync } = await import('node:fs');
  const model = loadSepsisModel(
    JSON.parse(readFileSync(new URL('../../cds/models/sepsis-gbt-v1.json', import.meta.url), 'utf8')),
  );
  const rep = evaluateSepsis(recs, { model });
  assert.equal(rep.stays, recs.length);
  assert.equal(rep.methods.length, 4);
  for (const m of rep.methods) assert.ok(m.utility <= 1 && m.alertsPer100PatientDays >= 0);
});
