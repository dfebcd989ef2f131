import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing';

const dir = mkdtempSync(join(tmpdir(), 'galen-synth-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('galen synth writes bundles and labels, the same bytes for the same seed', async () => {
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  for (const out of [a, b]) {
    const r = await runCli(['synth', '--patients', '5', '--seed', '7', '--out', out, '--now', '2025-06-01T12:00:00Z']);
    assert.equal(r.code, 0, r.stderr);
  }
  const bundles = readFileSync(join(a, 'bundles.ndjson'), 'utf8').trim().split('\n');
  assert.equal(bundles.length, 5);
  assert.equal(JSON.parse(bundles[0]!).resourceType, 'Bundle');
  assert.equal(readFileSync(join(a, 'labels.jsonl'), 'utf8').trim().split('\n').length, 5);
  assert.equal(readFileSync(join(a, 'bundles.ndjson'), 'utf8'), readFileSync(join(b, 'bundles.ndjson'), 'utf8'));
});

test('absurd counts and unknown options exit 2; nothing half-written is left', async () => {
  for (const args of [
    ['--patients', '-3'],
    ['--patients', '5000000'],
    ['--patients', 'ten'],
    ['--patients', '2', '--colour', 'red'],
  ]) {
    const out = join(dir, `bad-${args.join('')}`);
    const r = await runCli(['synth', ...args, '--out', out]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(existsSync(out), false);
  }
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.includes('partial')),
    [],
  );
});

test('an unwritable output folder is a clear failure', async () => {
  const file = join(dir, 'not-a-folder');
  writeFileSync(file, 'x');
  const r = await runCli(['synth', '--patients', '2', '--out', join(file, 'sub')]);
  assert.notEqual(r.code, 0);
  assert.ok(r.stderr.length > 0);
});
