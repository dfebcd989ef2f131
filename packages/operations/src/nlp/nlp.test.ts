import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OperationOutcomeError, statusOf, validateResource, type Bundle, type Condition, type Resource } from '@galen/fhir';
import { createTestIndex } from '@galen/nlp/testing';
import type { OperationContext } from '../registry';
import { documentReferenceExtract, nlpExtract } from './operations';
import { MAX_TEXT_CHARS } from './service';

const index = createTestIndex();

function context(docs: Record<string, Resource> = {}) {
  const stored: Bundle[] = [];
  const ctx = {
    actor: { id: 'u1', role: 'clinician' },
    repo: {
      read: async (type: string, id: string) => {
        const r = docs[`${type}/${id}`];
        if (!r) throw new Error('not found');
        return r;
      },
      transaction: async (bundle: Bundle) => {
        stored.push(bundle);
        return {
          resourceType: 'Bundle',
          type: 'transaction-response',
          entry: (bundle.entry ?? []).map((e, i) => ({
            response: { status: '201 Created', location: `${e.resource!.resourceType}/stored-${i}/_history/1` },
          })),
        } as Bundle;
      },
    },
    services: {
      log: { info() {}, warn() {}, error() {}, debug() {} },
      get: async (name: string) => {
        if (name !== 'terminology') throw new Error('no service');
        return index;
      },
    },
  } as unknown as OperationContext;
  return { ctx, stored };
}

const status = async (p: Promise<unknown>) => {
  try {
    await p;
    return 200;
  } catch (err) {
    assert.ok(err instanceof OperationOutcomeError);
    return statusOf(err.outcome);
  }
};

test('nlp.extract returns annotations, or a FHIR bundle', async () => {
  const { ctx } = context();
  const input = nlpExtract.input.parse({ text: 'Denies chest pain. BP 120/80.' });
  const json = (await nlpExtract.handler(input, ctx)) as { mentions: Array<{ context: { negated: boolean } }> };
  assert.equal(json.mentions[0]!.context.negated, true);
  const fhirInput = nlpExtract.input.parse({
    text: 'Denies chest pain.',
    format: 'fhir',
    patientId: 'p1',
    documentReferenceId: 'd1',
  });
  const bundle = (await nlpExtract.handler(fhirInput, ctx)) as Bundle;
  assert.equal(bundle.type, 'collection');
  for (const e of bundle.entry ?? []) validateResource(e.resource);
  assert.equal(await status(nlpExtract.handler(nlpExtract.input.parse({ text: 'x', format: 'fhir' }), ctx)), 400);
});

test('nlp.extract rejects binary input (400) and oversized text (413)', async () => {
  const { ctx } = context();
  assert.equal(await status(nlpExtract.handler(nlpExtract.input.parse({ text: 'a\u0000b' }), ctx)), 400);
  const big = { text: 'a', format: 'json' as const, store: false, includeTokens: false };
  Object.defineProperty(big, 'text', { value: { length: MAX_TEXT_CHARS + 1 } as unknown as string });
  assert.equal(await status(nlpExtract.handler(big, ctx)), 413);
});

test('DocumentReference/$extract stores preliminary resources in one transaction', async () => {
  const note = 'HPI: Possible pneumonia. Denies fever. HR 110.';
  const doc = {
    resourceType: 'DocumentReference',
    id: 'n1',
    status: 'current',
    subject: { reference: 'Patient/p9' },
    content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(note).toString('base64') } }],
  } as Resource;
  const { ctx, stored } = context({ 'DocumentReference/n1': doc });
  const out = await documentReferenceExtract.handler({ id: 'n1' }, ctx);
  assert.equal(stored.length, 1);
  const tx = stored[0]!;
  assert.equal(tx.type, 'transaction');
  const resources = (tx.entry ?? []).map((e) => e.resource!);
  for (const r of resources) validateResource(r);
  const conditions = resources.filter((r): r is Condition => r.resourceType === 'Condition');
  assert.ok(conditions.length >= 2);
  for (const c of conditions) {
    assert.ok(['unconfirmed', 'refuted'].includes(c.verificationStatus!.coding![0]!.code!));
    assert.equal(c.subject.reference, 'Patient/p9');
  }
  const prov = resources.find((r) => r.resourceType === 'Provenance') as import('@galen/fhir').Provenance;
  assert.ok(prov.target.every((t) => t.reference!.startsWith('urn:uuid:')));
  assert.equal(out.entry?.length, resources.length);
  assert.match(out.entry![0]!.resource!.id!, /^stored-/);
  assert.deepEqual(documentReferenceExtract.fhir, { code: 'extract', resourceType: 'DocumentReference', instance: true });
});

test('DocumentReference/$extract: no subject is 422, a binary attachment 400', async () => {
  const base = { resourceType: 'DocumentReference', id: 'n2', status: 'current' };
  const noSubject = { ...base, content: [{ attachment: { data: Buffer.from('hi').toString('base64') } }] } as Resource;
  assert.equal(
    await status(documentReferenceExtract.handler({ id: 'n2' }, context({ 'DocumentReference/n2': noSubject }).ctx)),
    422,
  );
  const binary = {
    ...base,
    subject: { reference: 'Patient/p1' },
    content: [{ attachment: { contentType: 'text/plain', data: Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64') } }],
  } as Resource;
  assert.equal(
    await status(documentReferenceExtract.handler({ id: 'n2' }, context({ 'DocumentReference/n2': binary }).ctx)),
    400,
  );
});
