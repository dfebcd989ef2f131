import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@galen/store';
import { runCli } from './testing';

const SYNTHEA = fileURLToPath(new URL('../../../../shared/data/synthea-fhir-r4/bundles/', import.meta.url));
let dir: string;
let env: Record<string, string>;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'galen-cli-'));
  env = { GALEN_DATA_DIR: join(dir, 'data') };
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function counts(): Promise<Record<string, number>> {
  const store = await openStore({ dataDir: env.GALEN_DATA_DIR, jobs: false });
  try {
    const out: Record<string, number> = {};
    for (const type of ['Patient', 'Observation', 'Encounter']) {
      const r = await store.fhir.search({
        resourceType: type,
        params: [
          { name: '_total', value: 'accurate' },
          { name: '_count', value: '1' },
        ],
      });
      out[type] = r.total ?? -1;
    }
    return out;
  } finally {
    await store.close();
  }
}

test('a missing path is a usage error (exit 2)', async () => {
  const r = await runCli(['import', join(dir, 'nope.json')], env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /No such file/);
});

test('bad files fail alone, named, and store nothing; good files in the same run are stored', async () => {
  const src = join(dir, 'mixed');
  mkdirSync(src);
  writeFileSync(join(src, 'a-bad-json.json'), '{"resourceType": "Bundle", "type": "transaction", "entry": [');
  writeFileSync(join(src, 'b-binary.json'), Buffer.from([0, 1, 2, 255, 254, 0, 9]));
  writeFileSync(join(src, 'c-invalid.ndjson'), '{"resourceType":"Patient","gender":"maybe"}\n');
  writeFileSync(
    join(src, 'd-good.ndjson'),
    '{"resourceType":"Patient","id":"ndjson-1","gender":"female"}\n{"resourceType":"Patient","id":"ndjson-2"}\n',
  );
  const r = await runCli(['import', src], env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /a-bad-json\.json: not valid JSON/);
  assert.match(r.stderr, /b-binary\.json: binary/);
  assert.match(r.stderr, /c-invalid\.ndjson/);
  assert.equal((await counts()).Patient, 2);
});

test(
  'importing Synthea bundles twice leaves the same counts',
  { skip: !existsSync(SYNTHEA) && 'shared data absent', timeout: 300_000 },
  async () => {
    const src = join(dir, 'synthea');
    mkdirSync(src);
    for (const f of readdirSync(SYNTHEA).sort().slice(0, 3)) copyFileSync(join(SYNTHEA, f), join(src, f));
    const r1 = await runCli(['import', src], env);
    assert.equal(r1.code, 0, r1.stderr);
    assert.match(r1.stdout, /Imported \d+ resources in 3 bundles/);
    const c1 = await counts();
    assert.equal(c1.Patient, 5);
    const r2 = await runCli(['import', src], env);
    assert.equal(r2.code, 0, r2.stderr);
    assert.deepEqual(await counts(), c1);
  },
);

test('export writes the patient record as NDJSON', async () => {
  const r = await runCli(['export', '--patient', 'ndjson-1', '--format', 'ndjson'], env);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { resourceType: string; id: string });
  assert.equal(lines[0]?.resourceType, 'Patient');
  assert.equal(lines[0]?.id, 'ndjson-1');
});

test('apikey create prints a key once; audit verify passes', async () => {
  const r = await runCli(['apikey', 'create', '--role', 'clinician', '--name', 'ward'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.trim(), /^\S{20,}$/);
  const bad = await runCli(['apikey', 'create', '--role', 'king'], env);
  assert.equal(bad.code, 2);
  const v = await runCli(['audit', 'verify', '--json'], env);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.equal(JSON.parse(v.stdout).ok, true);
});
