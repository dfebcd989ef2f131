import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OperationOutcomeError } from '@galen/fhir';
import { loadStarterIndex } from '@galen/terminology';
import type { OperationContext } from '../registry';
import { terminologyLookup, terminologySearch, terminologyValidateCode } from './operations';

// Only `services.get` is used by these handlers.
const ctx = {
  services: {
    get: async <T>(name: string) => (name === 'terminology' ? (loadStarterIndex() as T) : Promise.reject(new Error(name))),
  },
} as unknown as OperationContext;

const param = (p: { parameter?: Array<{ name: string }> }, name: string) => p.parameter?.filter((x) => x.name === name) ?? [];

test('$lookup returns name, display, designations and properties', async () => {
  const input = terminologyLookup.input.parse({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10' });
  const out = await terminologyLookup.handler(input, ctx);
  assert.equal(out.resourceType, 'Parameters');
  assert.deepEqual(param(out, 'name'), [{ name: 'name', valueString: 'ICD-10-CM' }]);
  assert.deepEqual(param(out, 'display'), [{ name: 'display', valueString: 'Essential hypertension' }]);
  assert.ok(param(out, 'designation').length >= 3);
  const viaCoding = await terminologyLookup.handler(
    terminologyLookup.input.parse({ coding: { system: 'rxnorm', code: '6809' } }),
    ctx,
  );
  assert.equal((param(viaCoding, 'display')[0] as { valueString?: string }).valueString, 'metformin');
});

test('$lookup of an unknown code is a 404 OperationOutcome; missing input is a 400', async () => {
  await assert.rejects(
    terminologyLookup.handler(terminologyLookup.input.parse({ system: 'icd10cm', code: 'Q99.999' }), ctx),
    (e: unknown) => e instanceof OperationOutcomeError && e.status === 404,
  );
  await assert.rejects(
    terminologyLookup.handler(terminologyLookup.input.parse({ code: 'I10' }), ctx),
    (e: unknown) => e instanceof OperationOutcomeError && e.status === 400,
  );
});

test('$validate-code: result and message, display checked', async () => {
  const run = (x: object) => terminologyValidateCode.handler(terminologyValidateCode.input.parse(x), ctx);
  const result = (p: Awaited<ReturnType<typeof run>>) => (param(p, 'result')[0] as { valueBoolean?: boolean }).valueBoolean;
  assert.equal(result(await run({ url: 'http://loinc.org', code: '2160-0' })), true);
  assert.equal(result(await run({ system: 'loinc', code: '0000-0' })), false);
  assert.equal(result(await run({ system: 'icd10cm', code: 'I10', display: 'HTN' })), true);
  const wrong = await run({ system: 'icd10cm', code: 'I10', display: 'Asthma' });
  assert.equal(result(wrong), false);
  assert.match((param(wrong, 'message')[0] as { valueString?: string }).valueString!, /not a name of I10/);
});

test('search by text with kind filter and limit', async () => {
  const out = await terminologySearch.handler(
    terminologySearch.input.parse({ text: 'metoprolol', kind: 'medication', limit: 3 }),
    ctx,
  );
  assert.equal(out.results[0]!.code, '6918');
  assert.ok(out.results[0]!.classes!.includes('beta-blocker'));
  assert.ok(out.results.length <= 3);
  assert.throws(() => terminologySearch.input.parse({ text: '' }));
});
