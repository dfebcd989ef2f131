import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperationOutcomeError } from '@galen/fhir';
import { deidOperations } from './operations';
import type { OperationContext } from '../registry';

function ctxWith(deidKeyFile?: string, deidSiteLists?: string): OperationContext {
  return { services: { config: { deidKeyFile, deidSiteLists } } } as unknown as OperationContext;
}
async function run(name: string, input: unknown, ctx: OperationContext): Promise<Record<string, unknown>> {
  const op = deidOperations.find((o) => o.name === name)!;
  return (await op.handler(op.input.parse(input), ctx)) as Record<string, unknown>;
}

const dir = mkdtempSync(join(tmpdir(), 'galen-deid-'));
const keyFile = join(dir, 'deid.key');
writeFileSync(keyFile, Buffer.alloc(32, 5));
const shortKey = join(dir, 'short.key');
writeFileSync(shortKey, Buffer.alloc(8, 5));

test('deid.text redacts without a key and needs a key file for surrogates', async () => {
  const r = await run('deid.text', { text: 'Dr. Vasquez saw her on 7/22.' }, ctxWith());
  assert.equal(r.text, 'Dr. [**NAME**] saw her on [**DATE**].');
  await assert.rejects(
    run('deid.text', { text: 'Dr. Vasquez', mode: 'surrogate' }, ctxWith()),
    (e: unknown) => e instanceof OperationOutcomeError && e.status === 400,
  );
  await assert.rejects(run('deid.text', { text: 'Dr. Vasquez', mode: 'surrogate' }, ctxWith(shortKey)), /too short/);
  const s = await run(
    'deid.text',
    { text: 'Dr. Vasquez saw her on 7/22.', mode: 'surrogate', patientId: 'p1' },
    ctxWith(keyFile),
  );
  assert.ok(typeof s.text === 'string' && !s.text.includes('Vasquez') && !s.text.includes('7/22'));
});

test('deid.resource de-identifies a Patient and binds $deidentify', async () => {
  const op = deidOperations.find((o) => o.name === 'deid.resource')!;
  assert.equal(op.fhir?.code, 'deidentify');
  const r = await run(
    'deid.resource',
    { resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Qwin', given: ['Zorblat'] }], birthDate: '1950-02-03' } },
    ctxWith(),
  );
  const s = JSON.stringify(r);
  assert.ok(!s.includes('Qwin') && !s.includes('Zorblat') && !s.includes('1950-02-03'));
});

test('deid.patient de-identifies Patient/$everything', async () => {
  const bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [{ resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Qwin' }] } }],
  };
  const ctx = { services: { config: {} }, repo: { everything: async () => bundle } } as unknown as OperationContext;
  const op = deidOperations.find((o) => o.name === 'deid.patient')!;
  assert.deepEqual(op.fhir, { code: 'deidentify', resourceType: 'Patient', instance: true });
  const out = await op.handler(op.input.parse({ id: 'p1' }), ctx);
  assert.ok(!JSON.stringify(out).includes('Qwin'));
});

// Invented names and places only.
const siteFile = join(dir, 'site.txt');
writeFileSync(siteFile, '# test site\n[names]\nQuorvath\n[places]\nBellmere Ward\n');

test('deid.text and deid.resource use the site lists named by GALEN_DEID_SITE_LISTS', async () => {
  const text = 'd/w quorvath, back to BELLMERE WARD.';
  const plain = await run('deid.text', { text }, ctxWith());
  assert.equal(plain.text, text);
  const r = await run('deid.text', { text }, ctxWith(undefined, siteFile));
  assert.equal(r.text, 'd/w [**NAME**], back to [**LOCATION**] [**LOCATION**].');
  // read once and cached: the same path still works after the file changes
  writeFileSync(siteFile, '[bogus]\n');
  const again = await run('deid.text', { text }, ctxWith(undefined, siteFile));
  assert.equal(again.text, r.text);
  const res = await run(
    'deid.resource',
    {
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        valueString: `Seen by Quorvath on Bellmere Ward`,
      },
    },
    ctxWith(undefined, siteCopy()),
  );
  assert.ok(!/quorvath|bellmere/i.test(JSON.stringify(res.resource)), JSON.stringify(res));
});

function siteCopy(): string {
  const f = join(dir, 'site-copy.txt');
  writeFileSync(f, '[names]\nQuorvath\n[places]\nBellmere Ward\n');
  return f;
}

test('a bad site lists file is a 500 naming the problem, not the content', async () => {
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, '[names]\nQuorvath\n[staff]\nZelbrand\n');
  await assert.rejects(
    run('deid.text', { text: 'x' }, ctxWith(undefined, bad)),
    (e: unknown) =>
      e instanceof OperationOutcomeError &&
      e.status === 500 &&
      /GALEN_DEID_SITE_LISTS.*line 3.*unknown section/.test(e.message) &&
      !/Quorvath|Zelbrand|staff/.test(e.message),
  );
  // not cached: once fixed, the same path works
  writeFileSync(bad, '[names]\nZelbrand\n');
  const r = await run('deid.text', { text: 'ask zelbrand' }, ctxWith(undefined, bad));
  assert.equal(r.text, 'ask [**NAME**]');
  await assert.rejects(
    run('deid.text', { text: 'x' }, ctxWith(undefined, join(dir, 'missing.txt'))),
    (e: unknown) => e instanceof OperationOutcomeError && e.status === 500 && /cannot be read/.test(e.message),
  );
  const bin = join(dir, 'bin.txt');
  writeFileSync(bin, Buffer.from([0x5b, 0, 1, 2, 0xff]));
  await assert.rejects(run('deid.text', { text: 'x' }, ctxWith(undefined, bin)), /binary/);
});
