import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../main';
import { nlpCommands } from './nlp';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr, env: {}, isTTY: false }, out: () => out, err: () => err };
}

const dir = mkdtempSync(join(tmpdir(), 'galen-nlp-'));
writeFileSync(join(dir, 'a.txt'), 'Denies chest pain. BP 120/80, HR 88.\n');
writeFileSync(join(dir, 'bad.bin'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]));

test('nlp extract FILE prints JSON annotations', async () => {
  const t = io();
  const code = await main(['nlp', 'extract', join(dir, 'a.txt')], t.io, nlpCommands);
  assert.equal(code, 0, t.err());
  const result = JSON.parse(t.out());
  assert.equal(result.measurements.length, 2);
  assert.ok(result.mentions.some((m: { context: { negated: boolean } }) => m.context.negated));
});

test('nlp extract --format fhir prints a Bundle', async () => {
  const t = io();
  assert.equal(await main(['nlp', 'extract', join(dir, 'a.txt'), '--format', 'fhir'], t.io, nlpCommands), 0);
  const bundle = JSON.parse(t.out());
  assert.equal(bundle.resourceType, 'Bundle');
  assert.ok(bundle.entry.some((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Observation'));
});

test('binary or invalid UTF-8 input is a clear error with exit code 2', async () => {
  const t = io();
  assert.equal(await main(['nlp', 'extract', join(dir, 'bad.bin')], t.io, nlpCommands), 2);
  assert.match(t.err(), /not valid UTF-8/);
  const u = io();
  assert.equal(await main(['nlp', 'extract', join(dir, 'a.txt'), '--format', 'xml'], u.io, nlpCommands), 2);
});

test('nlp extract DIR --out writes one file per note', async () => {
  const notes = join(dir, 'notes');
  mkdirSync(notes);
  writeFileSync(join(notes, 'one.txt'), 'History of hypertension.');
  writeFileSync(join(notes, 'two.txt'), 'No fever.');
  const out = join(dir, 'out');
  const t = io();
  assert.equal(await main(['nlp', 'extract', notes, '--out', out], t.io, nlpCommands), 0, t.err());
  assert.deepEqual(readdirSync(out).sort(), ['one.txt.nlp.json', 'two.txt.nlp.json']);
  assert.ok(JSON.parse(readFileSync(join(out, 'two.txt.nlp.json'), 'utf8')).mentions);
  assert.match(t.err(), /2 of 2 files/);
});

test('eval negex scores a kit in the NegEx format, as text or JSON', async () => {
  const kit = join(dir, 'kit');
  mkdirSync(join(kit, 'annotations'), { recursive: true });
  writeFileSync(
    join(kit, 'annotations', 'mini.txt'),
    ['1\tedema\tNo EDEMA.\tNegated\tRecent\tPatient', '2\tcough\tHas COUGH.\tAffirmed\tRecent\tPatient'].join('\n'),
  );
  const t = io();
  assert.equal(await main(['eval', 'negex', '--data', kit, '--json'], t.io, nlpCommands), 0, t.err());
  const s = JSON.parse(t.out());
  assert.equal(s.negation.f1, 1);
  assert.equal(s.items, 2);
  const u = io();
  assert.equal(await main(['eval', 'negex', '--data', kit], u.io, nlpCommands), 0);
  assert.match(u.out(), /F1 1\.0000/);
});
