/**
 * Operations of the scribe area: transcribe audio, draft the note (offline engine by default, the
 * LLM engine when one is registered as service `llm`), after-visit summary, referral letter,
 * ICD-10-CM suggestions and the clinician's sign-off.
 */
import { z } from 'zod';
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
  type CodeSource,
  type Draft,
  type Transcript,
} from '@galen/scribe';
import type { Transcriber } from '@galen/scribe/speech/transcriber';
import { defineOperation, type Operation, type OperationContext } from './registry';

export { createTranscriber } from '@galen/scribe/speech/index';

const turnSchema = z.object({
  id: z.string().max(40).optional(),
  role: z.enum(['doctor', 'patient', 'other', 'unknown']).default('unknown'),
  speaker: z.string().max(100).optional(),
  text: z.string().max(20000),
  start: z.number().nonnegative().optional(),
  end: z.number().nonnegative().optional(),
});

/** A transcript as text (any supported format) or as turns. */
const transcriptInput = {
  transcript: z.string().max(400_000).optional(),
  format: z.enum(['aci', 'vtt', 'srt', 'json', 'lines']).optional(),
  turns: z.array(turnSchema).max(5000).optional(),
  /** `auto` (default): the LLM engine when configured, else offline; `offline` forces offline. */
  engine: z.enum(['auto', 'offline', 'llm']).default('auto'),
};

type TranscriptInput = {
  transcript?: string | undefined;
  format?: 'aci' | 'vtt' | 'srt' | 'json' | 'lines' | undefined;
  turns?: z.output<typeof turnSchema>[] | undefined;
  engine: 'auto' | 'offline' | 'llm';
};

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

async function optionalService<T>(ctx: OperationContext, name: string): Promise<T | undefined> {
  try {
    return await ctx.services.get<T>(name);
  } catch {
    return undefined;
  }
}

async function makeDraft(input: TranscriptInput, ctx: OperationContext): Promise<{ draft: Draft; transcript: Transcript }> {
  const transcript = toTranscript(input);
  let llm: LanguageModel | undefined;
  if (input.engine !== 'offline') {
    llm = await optionalService<LanguageModel>(ctx, 'llm');
    if (!llm && input.engine === 'llm') throw unavailable('No language model is configured (GALEN_LLM_URL).');
  }
  const draft = await draftNote(transcript, llm ? { llm } : {});
  return { draft, transcript };
}

const id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id');
const roles = ['admin', 'clinician', 'service'] as const;

export const scribeTranscribe = defineOperation({
  name: 'scribe.transcribe',
  description: 'Speech to text: base64 audio → transcript turns (PocketSphinx offline, or a whisper.cpp server)',
  input: z.object({ audio: z.string().min(1).max(200_000_000), mimeType: z.string().max(100).optional() }),
  roles,
  handler: async (input, ctx) => {
    const transcriber = await optionalService<Transcriber>(ctx, 'transcriber');
    if (!transcriber) throw unavailable('No transcriber is configured.');
    const audio = Buffer.from(input.audio, 'base64');
    if (!audio.length) throw badRequest('The audio is empty or not base64.');
    const transcript = await transcriber.transcribe(audio, {
      ...(input.mimeType ? { mimeType: input.mimeType } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return { engine: transcriber.name, ...transcript };
  },
});

export const scribeDraft = defineOperation({
  name: 'scribe.draft',
  description:
    'Draft a visit note from a transcript: sentences with evidence turns, FHIR Composition + preliminary DocumentReference + Provenance',
  input: z.object({
    ...transcriptInput,
    patientId: id.optional(),
    encounterId: id.optional(),
    /** Persist the DocumentReference, Composition and Provenance through the audited repository. */
    store: z.boolean().default(false),
  }),
  roles,
  handler: async (input, ctx) => {
    const { draft, transcript } = await makeDraft(input, ctx);
    const resources = draftToFhir(draft, {
      now: new Date().toISOString(),
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
  },
});

export const scribeSummary = defineOperation({
  name: 'scribe.summary',
  description: 'After-visit summary in plain language with its measured Flesch–Kincaid grade (target ≤ 6)',
  input: z.object({ ...transcriptInput, targetGrade: z.number().min(1).max(16).default(6) }),
  roles,
  handler: async (input, ctx) => {
    const { draft } = await makeDraft(input, ctx);
    return { engine: draft.engine, ...buildAfterVisitSummary(draft, { targetGrade: input.targetGrade }) };
  },
});

export const scribeLetter = defineOperation({
  name: 'scribe.letter',
  description: 'Referral letter to a colleague built from the drafted note',
  input: z.object({
    ...transcriptInput,
    to: z.string().max(200).optional(),
    reason: z.string().max(500).optional(),
    from: z.string().max(200).optional(),
    date: z.string().max(40).optional(),
  }),
  roles,
  handler: async (input, ctx) => {
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
  },
});

export const scribeCodes = defineOperation({
  name: 'scribe.codes',
  description: 'ICD-10-CM suggestions from the terminology index, ranked, each with its evidence turns',
  input: z.object({ ...transcriptInput, limit: z.number().int().min(1).max(50).default(10) }),
  roles,
  handler: async (input, ctx) => {
    const index = await optionalService<CodeSource>(ctx, 'terminology');
    if (!index || typeof index.all !== 'function') throw unavailable('The terminology index is not available.');
    const { draft } = await makeDraft(input, ctx);
    return { engine: draft.engine, suggestions: suggestCodes(draft, index, { limit: input.limit }) };
  },
});

export const scribeSign = defineOperation({
  name: 'scribe.sign',
  description: "Sign a draft note: DocumentReference → docStatus final, signer's Provenance with the draft→signed edit distance",
  input: z.object({ documentReferenceId: id, signedText: z.string().min(1).max(400_000).optional() }),
  roles: ['admin', 'clinician'],
  handler: async (input, ctx) => {
    const doc = await ctx.repo.read<DocumentReference>('DocumentReference', input.documentReferenceId);
    const now = new Date().toISOString();
    const signer = ctx.actor.id.startsWith('Practitioner/') ? { reference: ctx.actor.id } : { display: ctx.actor.id };
    const signed = signDraft(doc, {
      signer,
      now,
      provenanceId: newId(),
      ...(input.signedText !== undefined ? { signedText: input.signedText } : {}),
    });
    const documentReference = await ctx.repo.update(signed.documentReference);
    const compRef = doc.context?.related?.find((r) => r.reference?.startsWith('Composition/'))?.reference;
    if (compRef) {
      const comp = await ctx.repo.read<Composition>('Composition', compRef.slice('Composition/'.length)).catch(() => undefined);
      if (comp) await ctx.repo.update({ ...comp, status: 'final', attester: [{ mode: 'legal', time: now, party: signer }] });
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
  },
});

export const scribeOperations: Operation[] = [
  scribeTranscribe,
  scribeDraft,
  scribeSummary,
  scribeLetter,
  scribeCodes,
  scribeSign,
] as Operation[];
