/**
 * Operations of the nlp area: `nlp.extract` (text → annotations or FHIR, optionally stored) and
 * `DocumentReference/$extract` (a stored note → preliminary FHIR resources for review).
 *
 * Stored results follow ARCHITECTURE.md rule 5: `toFhir(..., { preliminary: true })` — affirmed
 * and uncertain problems are `Condition.verificationStatus = unconfirmed` until a clinician signs
 * them off, negated ones `refuted` (kept as pertinent negatives), Observations `preliminary`, each
 * tagged `nlp-preliminary` and covered by one `Provenance` naming the engine and the source note.
 */
import { z } from 'zod';
import {
  badRequest,
  newId,
  parseReference,
  tooLarge,
  unprocessable,
  type Bundle,
  type DocumentReference,
  type Resource,
} from '@galen/fhir';
import { defaultIndex, checkText, decodeUtf8, pipelineFor, toFhir, type NlpResult } from '@galen/nlp';
import type { ConceptIndex } from '@galen/terminology/concept';
import { defineOperation, type Operation, type OperationContext } from './registry';

/** Largest text accepted, in characters. */
export const MAX_TEXT_CHARS = 25 * 1024 * 1024;

const id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id');

async function conceptIndex(ctx: OperationContext): Promise<ConceptIndex> {
  try {
    return await ctx.services.get<ConceptIndex>('terminology');
  } catch (err) {
    ctx.services.log.warn({ err: (err as Error).message }, 'nlp: no terminology service; using the starter lexicon');
    return defaultIndex();
  }
}

function assertText(text: string): void {
  if (text.length > MAX_TEXT_CHARS) throw tooLarge(`Text is larger than ${MAX_TEXT_CHARS} characters`, 'text');
  const problem = checkText(text);
  if (problem) throw badRequest(`Input is not text: ${problem}`, 'text');
}

/** Store resources in one transaction (urn:uuid references) and return them as stored. */
async function storeAll(ctx: OperationContext, resources: Resource[]): Promise<Bundle> {
  const tx: Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${resource.id}`,
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
  const response = await ctx.repo.transaction(tx);
  const stored = (response.entry ?? []).map((e, i) => {
    if (e.resource) return e.resource;
    const original = { ...resources[i]! };
    const ref = parseReference(e.response?.location);
    if (ref) original.id = ref.id;
    return original;
  });
  return { resourceType: 'Bundle', type: 'collection', entry: stored.map((resource) => ({ resource })) };
}

export const nlpExtract = defineOperation({
  name: 'nlp.extract',
  description:
    'Clinical text → sections, concepts with negation/history/family context, medications, measurements (JSON or FHIR)',
  input: z.object({
    text: z.string(),
    format: z.enum(['json', 'fhir']).default('json'),
    patientId: id.optional(),
    documentReferenceId: id.optional(),
    /** Store the FHIR results as preliminary resources (needs patientId and documentReferenceId). */
    store: z.boolean().default(false),
    includeTokens: z.boolean().default(false),
  }),
  roles: ['admin', 'clinician', 'service'],
  handler: async (input, ctx): Promise<NlpResult | Bundle | (NlpResult & { stored: Bundle })> => {
    assertText(input.text);
    const pipeline = pipelineFor(await conceptIndex(ctx));
    const result = pipeline.extract(input.text, { includeTokens: input.includeTokens });
    if (input.format === 'json' && !input.store) return result;
    if (!input.patientId || !input.documentReferenceId) {
      throw badRequest('FHIR output and storing need patientId and documentReferenceId', 'patientId');
    }
    const resources = toFhir(result, {
      patientId: input.patientId,
      documentReferenceId: input.documentReferenceId,
      now: new Date().toISOString(),
      preliminary: input.store,
      newId,
      urnReferences: input.store,
    });
    if (input.store) {
      const stored = await storeAll(ctx, resources);
      return input.format === 'json' ? { ...result, stored } : stored;
    }
    return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
  },
});

/** The text of a DocumentReference: its first attachment with inline `data` (base64, UTF-8 text). */
export function documentReferenceText(doc: DocumentReference): string {
  const attachment = (doc.content ?? [])
    .map((c) => c.attachment)
    .find((a) => a?.data && (!a.contentType || /^text\//i.test(a.contentType) || /json|xml/i.test(a.contentType)));
  if (!attachment?.data) throw unprocessable('DocumentReference has no inline text attachment (content.attachment.data)');
  const text = decodeUtf8(Buffer.from(attachment.data, 'base64'));
  if (text === undefined) throw badRequest('DocumentReference attachment is not valid UTF-8 text');
  return text;
}

export const documentReferenceExtract = defineOperation({
  name: 'nlp.extract-document',
  description: 'DocumentReference/$extract: extract a stored note and store the results as preliminary FHIR resources',
  input: z.object({ id }),
  roles: ['admin', 'clinician', 'service'],
  fhir: { code: 'extract', resourceType: 'DocumentReference', instance: true },
  handler: async (input, ctx): Promise<Bundle> => {
    const doc = await ctx.repo.read<DocumentReference>('DocumentReference', input.id);
    const subject = parseReference(doc.subject);
    if (!subject || subject.resourceType !== 'Patient') {
      throw unprocessable('DocumentReference.subject must reference a Patient', 'DocumentReference.subject');
    }
    const text = documentReferenceText(doc);
    assertText(text);
    const result = pipelineFor(await conceptIndex(ctx)).extract(text);
    const resources = toFhir(result, {
      patientId: subject.id,
      documentReferenceId: input.id,
      now: new Date().toISOString(),
      preliminary: true,
      newId,
      urnReferences: true,
    });
    if (!resources.length) return { resourceType: 'Bundle', type: 'collection', entry: [] };
    return storeAll(ctx, resources);
  },
});

export const nlpOperations: Operation[] = [nlpExtract as Operation, documentReferenceExtract as Operation];
