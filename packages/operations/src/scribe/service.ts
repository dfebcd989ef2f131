/**
 * The scribe area's I/O: the language model (service `llm`, when one is configured), the
 * transcriber and the terminology index as services, and the draft's and signature's resources
 * through the caller's repository.
 */
import type { DocumentReference, Composition } from '@galen/fhir';
import { badRequest, newId, unavailable, validateResource } from '@galen/fhir';
import type { LanguageModel } from '@galen/llm';
import {
  buildAfterVisitSummary,
  buildReferralLetter,
  draftNote,
  draftToFhir,
  numberTurns,
  parseTranscript,
  renderDraftMarkdown,
  renderDraftText,
  signDraft,
  suggestCodes,
  SCRIBE_EXT,
  type Draft,
  type Transcript,
  type TranscriptFormat,
  type SpeakerRole,
} from '@galen/scribe';
import { now } from '../clock';
import type { OperationContext, ServiceMap, ServiceName } from '../registry';

type Ctx = Pick<OperationContext, 'repo' | 'services' | 'actor' | 'signal'>;

/** A transcript as text (any supported format) or as turns. */
export interface TranscriptInput {
  transcript?: string | undefined;
  format?: TranscriptFormat | undefined;
  turns?:
    | Array<{
        id?: string | undefined;
        role: SpeakerRole;
        speaker?: string | undefined;
        text: string;
        start?: number | undefined;
        end?: number | undefined;
      }>
    | undefined;
  /** `auto`: the LLM engine when configured, else offline; `offline` forces offline. */
  engine: 'auto' | 'offline' | 'llm';
}

function toTranscript(input: TranscriptInput): Transcript {
  if (input.turns?.length) {
    const turns = input.turns.filter((t) => t.text.trim());
    if (!turns.length) throw badRequest('Transcript is empty.');
    const numbered = numberTurns(turns.map(({ id: _id, ...t }) => t));
    // Keep caller ids when they are all present and unique.
    const ids = input.turns.map((t) => t.id);
    if (ids.every((x) => x) && new Set(ids).size === ids.length && turns.length === input.turns.length)
      numbered.forEach((t, i) => (t.id = ids[i]!));
    return { turns: numbered };
  }
  if (input.transcript !== undefined) return parseTranscript(input.transcript, input.format);
  throw badRequest('Give "transcript" (text) or "turns".');
}

async function optionalService<K extends ServiceName>(ctx: Ctx, name: K): Promise<ServiceMap[K] | undefined> {
  try {
    return await ctx.services.get(name);
  } catch {
    return undefined;
  }
}

async function makeDraft(input: TranscriptInput, ctx: Ctx): Promise<{ draft: Draft; transcript: Transcript }> {
  const transcript = toTranscript(input);
  let llm: LanguageModel | undefined;
  if (input.engine !== 'offline') {
    llm = await optionalService(ctx, 'llm');
    if (!llm && input.engine === 'llm') throw unavailable('No language model is configured (GALEN_LLM_URL).');
  }
  const draft = await draftNote(transcript, llm ? { llm } : {});
  return { draft, transcript };
}

/** Speech to text with the configured transcriber. */
export async function transcribe(ctx: Ctx, input: { audio: string; mimeType?: string | undefined }) {
  const transcriber = await optionalService(ctx, 'transcriber');
  if (!transcriber) throw unavailable('No transcriber is configured.');
  const audio = Buffer.from(input.audio, 'base64');
  if (!audio.length) throw badRequest('The audio is empty or not base64.');
  const transcript = await transcriber.transcribe(audio, {
    ...(input.mimeType ? { mimeType: input.mimeType } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return { engine: transcriber.name, ...transcript };
}

/** Draft a note and its FHIR resources; `store` persists them (preliminary) through the repository. */
export async function draftVisitNote(
  ctx: Ctx,
  input: TranscriptInput & { patientId?: string | undefined; encounterId?: string | undefined; store: boolean },
) {
  const { draft, transcript } = await makeDraft(input, ctx);
  const resources = draftToFhir(draft, {
    now: now(ctx.services).toISOString(),
    ids: { composition: newId(), documentReference: newId(), provenance: newId() },
    ...(input.patientId ? { subject: { reference: `Patient/${input.patientId}` } } : {}),
    ...(input.encounterId ? { encounter: { reference: `Encounter/${input.encounterId}` } } : {}),
  });
  validateResource(resources.composition);
  validateResource(resources.documentReference);
  validateResource(resources.provenance);
  if (input.store) {
    await ctx.repo.update(resources.composition);
    await ctx.repo.update(resources.documentReference);
    await ctx.repo.update(resources.provenance);
  }
  return {
    draft,
    text: renderDraftText(draft),
    markdown: renderDraftMarkdown(draft),
    turns: transcript.turns,
    resources,
    stored: input.store,
  };
}

export async function afterVisitSummary(ctx: Ctx, input: TranscriptInput & { targetGrade: number }) {
  const { draft } = await makeDraft(input, ctx);
  return { engine: draft.engine, ...buildAfterVisitSummary(draft, { targetGrade: input.targetGrade }) };
}

export async function referralLetter(
  ctx: Ctx,
  input: TranscriptInput & {
    to?: string | undefined;
    reason?: string | undefined;
    from?: string | undefined;
    date?: string | undefined;
  },
) {
  const { draft } = await makeDraft(input, ctx);
  const { to, reason, from, date } = input;
  return {
    engine: draft.engine,
    ...buildReferralLetter(draft, {
      ...(to ? { to } : {}),
      ...(reason ? { reason } : {}),
      ...(from ? { from } : {}),
      ...(date ? { date } : {}),
    }),
  };
}

export async function codeSuggestions(ctx: Ctx, input: TranscriptInput & { limit: number }) {
  const index = await optionalService(ctx, 'terminology');
  if (!index || typeof index.all !== 'function') throw unavailable('The terminology index is not available.');
  const { draft } = await makeDraft(input, ctx);
  return { engine: draft.engine, suggestions: suggestCodes(draft, index, { limit: input.limit }) };
}

/** Sign a draft: the note and its Composition final, the signer's Provenance with the edit distance. */
export async function signNote(ctx: Ctx, input: { documentReferenceId: string; signedText?: string | undefined }) {
  const doc = await ctx.repo.read<DocumentReference>('DocumentReference', input.documentReferenceId);
  const at = now(ctx.services).toISOString();
  const signer = ctx.actor.id.startsWith('Practitioner/') ? { reference: ctx.actor.id } : { display: ctx.actor.id };
  const signed = signDraft(doc, {
    signer,
    now: at,
    provenanceId: newId(),
    ...(input.signedText !== undefined ? { signedText: input.signedText } : {}),
  });
  const documentReference = await ctx.repo.update(signed.documentReference);
  const compRef = doc.context?.related?.find((r) => r.reference?.startsWith('Composition/'))?.reference;
  if (compRef) {
    const comp = await ctx.repo.read<Composition>('Composition', compRef.slice('Composition/'.length)).catch(() => undefined);
    if (comp) await ctx.repo.update({ ...comp, status: 'final', attester: [{ mode: 'legal', time: at, party: signer }] });
  }
  signed.provenance.target.push(...(compRef ? [{ reference: compRef }] : []));
  const provenance = await ctx.repo.update(signed.provenance);
  const ext = (url: string) => provenance.extension?.find((e) => e.url === url);
  return {
    documentReference,
    provenance,
    editDistance: ext(SCRIBE_EXT.editDistance)?.valueInteger ?? 0,
    editRatio: ext(SCRIBE_EXT.editRatio)?.valueDecimal ?? 0,
  };
}
