import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperationOutcomeError } from '@galen/fhir';
import { deidOperations } from './deid';
import type { OperationContext } from './registry';

function ctxWith(deidKeyFile?: string): OperationContext {
  return { services: { config: { deidKeyFile } } } as unknown as OperationContext;
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
