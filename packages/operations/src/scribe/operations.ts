/**
 * Operations of the scribe area: transcribe audio, draft the note (offline engine by default, the
 * LLM engine when one is registered as service `llm`), after-visit summary, referral letter,
 * ICD-10-CM suggestions and the clinician's sign-off.
 */
import { z } from 'zod';
import { defineOperation, type Operation } from '../registry';
import { fhirId as id } from '../schemas';
import { afterVisitSummary, codeSuggestions, draftVisitNote, referralLetter, signNote, transcribe } from './service';

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

const roles = ['admin', 'clinician', 'service'] as const;

export const scribeTranscribe = defineOperation({
  name: 'scribe.transcribe',
  description: 'Speech to text: base64 audio → transcript turns (PocketSphinx offline, or a whisper.cpp server)',
  input: z.object({ audio: z.string().min(1).max(200_000_000), mimeType: z.string().max(100).optional() }),
  roles,
  handler: async (input, ctx) => transcribe(ctx, input),
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
  handler: async (input, ctx) => draftVisitNote(ctx, input),
});

export const scribeSummary = defineOperation({
  name: 'scribe.summary',
  description: 'After-visit summary in plain language with its measured Flesch–Kincaid grade (target ≤ 6)',
  input: z.object({ ...transcriptInput, targetGrade: z.number().min(1).max(16).default(6) }),
  roles,
  handler: async (input, ctx) => afterVisitSummary(ctx, input),
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
  handler: async (input, ctx) => referralLetter(ctx, input),
});

export const scribeCodes = defineOperation({
  name: 'scribe.codes',
  description: 'ICD-10-CM suggestions from the terminology index, ranked, each with its evidence turns',
  input: z.object({ ...transcriptInput, limit: z.number().int().min(1).max(50).default(10) }),
  roles,
  handler: async (input, ctx) => codeSuggestions(ctx, input),
});

export const scribeSign = defineOperation({
  name: 'scribe.sign',
  description: "Sign a draft note: DocumentReference → docStatus final, signer's Provenance with the draft→signed edit distance",
  input: z.object({ documentReferenceId: id, signedText: z.string().min(1).max(400_000).optional() }),
  roles: ['admin', 'clinician'],
  handler: async (input, ctx) => signNote(ctx, input),
});

export const scribeOperations: Operation[] = [
  scribeTranscribe,
  scribeDraft,
  scribeSummary,
  scribeLetter,
  scribeCodes,
  scribeSign,
] as Operation[];
