/**
 * The nlp area's I/O: the concept index (service `terminology`, else the starter lexicon), reading
 * a stored note and storing the preliminary results in one transaction.
 *
 * Stored results follow ARCHITECTURE.md rule 6: `toFhir(..., { preliminary: true })` — affirmed
 * and uncertain problems are `Condition.verificationStatus = unconfirmed` until a clinician signs
 * them off, negated ones `refuted` (kept as pertinent negatives), Observations `preliminary`, each
 * tagged `nlp-preliminary` and covered by one `Provenance` naming the engine and the source note.
 */
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
import type { ConceptIndex } from '@galen/terminology';
import { now } from '../clock';
import type { OperationContext } from '../registry';

type Ctx = Pick<OperationContext, 'repo' | 'services'>;

/** Largest text accepted, in characters. */
export const MAX_TEXT_CHARS = 25 * 1024 * 1024;

async function conceptIndex(ctx: Ctx): Promise<ConceptIndex> {
  try {
    return await ctx.services.get('terminology');
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
async function storeAll(ctx: Ctx, resources: Resource[]): Promise<Bundle> {
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

export interface ExtractRequest {
  text: string;
  format: 'json' | 'fhir';
  patientId?: string | undefined;
  documentReferenceId?: string | undefined;
  /** Store the FHIR results as preliminary resources (needs patientId and documentReferenceId). */
  store: boolean;
  includeTokens: boolean;
}

/** Text → annotations, or FHIR resources, optionally stored as preliminary. */
export async function extractText(
  ctx: Ctx,
  input: ExtractRequest,
): Promise<NlpResult | Bundle | (NlpResult & { stored: Bundle })> {
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
    now: now(ctx.services).toISOString(),
    preliminary: input.store,
    newId,
    urnReferences: input.store,
  });
  if (input.store) {
    const stored = await storeAll(ctx, resources);
    return input.format === 'json' ? { ...result, stored } : stored;
  }
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}

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

/** A stored note → its preliminary FHIR resources, stored in one transaction. */
export async function extractDocument(ctx: Ctx, id: string): Promise<Bundle> {
  const doc = await ctx.repo.read<DocumentReference>('DocumentReference', id);
  const subject = parseReference(doc.subject);
  if (!subject || subject.resourceType !== 'Patient') {
    throw unprocessable('DocumentReference.subject must reference a Patient', 'DocumentReference.subject');
  }
  const text = documentReferenceText(doc);
  assertText(text);
  const result = pipelineFor(await conceptIndex(ctx)).extract(text);
  const resources = toFhir(result, {
    patientId: subject.id,
    documentReferenceId: id,
    now: now(ctx.services).toISOString(),
    preliminary: true,
    newId,
    urnReferences: true,
  });
  if (!resources.length) return { resourceType: 'Bundle', type: 'collection', entry: [] };
  return storeAll(ctx, resources);
}
