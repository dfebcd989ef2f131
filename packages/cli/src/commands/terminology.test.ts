import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../main';
import { terminologyCommands } from './terminology';

function io(env: Record<string, string>) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  return { io: { stdout: out, stderr: err, env, isTTY: false }, text: () => ({ stdout, stderr }) };
}

test('galen terminology import, lookup and search; bad input exits 2 and keeps the index', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galen-cli-term-'));
  try {
    const env = { GALEN_DATA_DIR: join(dir, 'data') };
    const icd = join(dir, 'codes.txt');
    writeFileSync(icd, 'Z99Z9   Made-up test code for the CLI\nI10     Essential (primary) hypertension\n');
    let r = io(env);
    assert.equal(await main(['terminology', 'import', '--icd10cm', icd], r.io, terminologyCommands), 0);
    assert.match(r.text().stdout, /icd10cm\s+2 /);
    r = io(env);
    assert.equal(await main(['terminology', 'lookup', '--system', 'icd10cm', '--code', 'Z99Z9'], r.io, terminologyCommands), 0);
    assert.match(r.text().stdout, /Z99\.Z9: Made-up test code for the CLI/);
    r = io(env);
    assert.equal(await main(['terminology', 'search', 'made-up', 'test'], r.io, terminologyCommands), 0);
    assert.match(r.text().stdout, /Z99\.Z9/);
    const before = readFileSync(join(dir, 'data', 'terminology', 'index.json.gz'));
    writeFileSync(icd, 'this is not ICD-10-CM\n');
    r = io(env);
    assert.equal(await main(['terminology', 'import', '--icd10cm', icd], r.io, terminologyCommands), 2);
    assert.match(r.text().stderr, /codes\.txt:1: .*\nThe index was not changed/);
    assert.deepEqual(readFileSync(join(dir, 'data', 'terminology', 'index.json.gz')), before);
    r = io(env);
    assert.equal(await main(['terminology', 'import', '--loinc', join(dir, 'missing.csv')], r.io, terminologyCommands), 2);
    r = io(env);
    assert.equal(await main(['terminology', 'lookup', '--system', 'icd10cm', '--code', 'Q00.000'], r.io, terminologyCommands), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
