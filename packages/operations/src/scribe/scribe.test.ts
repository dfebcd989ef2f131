import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '@galen/store';
import type { DocumentReference } from '@galen/fhir';
import { loadConfig } from '../config';
import { silentLogger, type OperationContext } from '../registry';
import { scribeCodes, scribeDraft, scribeSign, scribeSummary, scribeTranscribe } from './operations';

const TRANSCRIPT = `[doctor] so anna is a 44-year-old female with a past medical history significant for hypertension who presents today with a cough .
[patient] i've had a dry cough for two weeks , worse at night .
[doctor] any fever ?
[patient] no .
[doctor] on exam , lungs are clear to auscultation bilaterally .
[doctor] for your cough , i want to order a chest x-ray . continue lisinopril 10 mg daily . follow up in 2 weeks .`;

test('scribe operations: draft (stored), summary, codes, sign with edit distance', async () => {
  const store = await openStore({ dataDir: 'memory://' });
  try {
    const services = new Map<string, unknown>([
      [
        'terminology',
        {
          all: () => [
            {
              id: 'x',
              system: 'http://hl7.org/fhir/sid/icd-10-cm',
              code: 'I10',
              display: 'Essential (primary) hypertension',
              kind: 'problem',
              synonyms: ['hypertension'],
              source: 't',
            },
            {
              id: 'y',
              system: 'http://hl7.org/fhir/sid/icd-10-cm',
              code: 'R05.9',
              display: 'Cough, unspecified',
              kind: 'problem',
              synonyms: ['cough'],
              source: 't',
            },
          ],
        },
      ],
    ]);
    const actor = { id: 'Practitioner/dr1', role: 'admin' as const };
    const ctx: OperationContext = {
      actor,
      repo: store.forActor(actor),
      services: {
        store,
        config: loadConfig({}),
        log: silentLogger,
        get: async <T>(name: string): Promise<T> => {
          if (!services.has(name)) throw new Error(`no service ${name}`);
          return services.get(name) as T;
        },
      },
    };
    const d = await scribeDraft.handler(scribeDraft.input.parse({ transcript: TRANSCRIPT, store: true }), ctx);
    assert.equal(d.draft.engine.name, 'galen-offline');
    assert.equal(d.resources.documentReference.docStatus, 'preliminary');
    const stored = await ctx.repo.read<DocumentReference>('DocumentReference', d.resources.documentReference.id!);
    assert.equal(stored.docStatus, 'preliminary');

    const s = await scribeSummary.handler(scribeSummary.input.parse({ transcript: TRANSCRIPT }), ctx);
    assert.ok(s.readability.grade <= 6);

    const c = await scribeCodes.handler(scribeCodes.input.parse({ transcript: TRANSCRIPT }), ctx);
    assert.ok(c.suggestions.some((x) => x.code === 'I10'));

    const signed = await scribeSign.handler(
      scribeSign.input.parse({ documentReferenceId: stored.id, signedText: d.text + '\nReviewed.' }),
      ctx,
    );
    assert.equal(signed.documentReference.docStatus, 'final');
    assert.equal(signed.editDistance, 1);
    assert.equal(signed.provenance.agent[0]!.who.reference, 'Practitioner/dr1');

    await assert.rejects(scribeDraft.handler(scribeDraft.input.parse({ transcript: '' }), ctx), /empty/i);
    await assert.rejects(scribeTranscribe.handler(scribeTranscribe.input.parse({ audio: 'AAAA' }), ctx), /transcriber/i);
  } finally {
    await store.close();
  }
});
