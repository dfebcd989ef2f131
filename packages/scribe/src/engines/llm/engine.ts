/**
 * The LLM note engine: the transcript (turns numbered by id) goes to a `LanguageModel` with a JSON
 * schema; each returned sentence must cite turn ids. A verification pass then flags sentences
 * whose evidence is missing or whose content words do not appear in the cited turns (flagged
 * sentences are kept for the reviewer but never rendered as fact). `draftNote` uses the offline
 * engine by default and falls back to it when the model is down, slow or returns invalid output.
 */
import type { LanguageModel } from '@galen/llm';
import type { Draft, NoteSection, NoteSentence, SectionCode } from '../../note';
import { SECTIONS } from '../../note';
import type { Transcript, Turn } from '../../transcript/turns';
import { draftOffline, type OfflineOptions } from '../offline/engine';
import { contentWords } from '../offline/features';
import { contradictions, extractFacts, type Fact } from '../../facts';

export const LLM_ENGINE_VERSION = '0.1.0';

const SECTION_CODES = SECTIONS.map((s) => s.code);

export const NOTE_SCHEMA = {
  name: 'clinical_note',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['sections', 'problems'],
    properties: {
      sections: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'sentences'],
          properties: {
            code: { type: 'string', enum: SECTION_CODES },
            sentences: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['text', 'evidence'],
                properties: { text: { type: 'string' }, evidence: { type: 'array', items: { type: 'string' } } },
              },
            },
          },
        },
      },
      problems: { type: 'array', items: { type: 'string' } },
    },
  },
} as const;

const SYSTEM_PROMPT = `You are a clinical scribe. Write a concise SOAP visit note in third person from the doctor-patient conversation.
Use only facts stated in the conversation. Keep negations exactly ("no chest pain" means the patient denies chest pain).
Every sentence must list the ids of the turns it is based on (e.g. ["t4","t5"]).
Section codes: ${SECTION_CODES.join(', ')}. Reply with JSON only, matching the schema.`;

function stemLite(w: string): string {
  return w.replace(/(ing|ed|es|s|ly)$/, '');
}

/** Share of a sentence's content words found in the cited turns (0..1). */
export function supportOf(sentence: string, turns: Turn[]): number {
  const words = contentWords(sentence).map(stemLite);
  if (!words.length) return 1;
  const have = new Set(contentWords(turns.map((t) => t.text).join(' ')).map(stemLite));
  return words.filter((w) => have.has(w)).length / words.length;
}

const NEGATION = /\b(no|not|denies|denied|without|never|none|negative)\b/i;

/** Flag sentences without valid evidence or whose words are not in the cited turns. */
export function verifySentences(
  sections: NoteSection[],
  transcript: Transcript,
  minSupport = 0.5,
  facts: readonly Fact[] = extractFacts(transcript.turns),
): NoteSection[] {
  const byId = new Map(transcript.turns.map((t) => [t.id, t]));
  return sections.map((s) => ({
    ...s,
    sentences: s.sentences.map((x): NoteSentence => {
      const cited = x.evidence.map((e) => byId.get(e)).filter((t): t is Turn => !!t);
      if (!cited.length) return { ...x, evidence: [], flagged: { reason: 'no valid evidence turns' } };
      // A sentence that affirms a concept its turns deny (read with @galen/nlp) contradicts them.
      const denied = contradictions(x.text, x.evidence, facts);
      if (denied.length) return { ...x, flagged: { reason: `affirms what the patient denied: ${denied.join(', ')}` } };
      // The same for concepts outside the lexicon: an affirmative sentence resting only on "no".
      if (!NEGATION.test(x.text) && cited.every((t) => t.role === 'patient' && /^\s*(no|nope|never)\b/i.test(t.text)))
        return { ...x, flagged: { reason: 'affirms what the patient denied' } };
      // A short answer is read together with the question before it.
      const context = cited.flatMap((t) => {
        const i = transcript.turns.indexOf(t);
        const q = transcript.turns[i - 1];
        return t.role === 'patient' && q && q.role !== 'patient' ? [q, t] : [t];
      });
      const support = supportOf(x.text, context);
      if (support < minSupport)
        return { ...x, flagged: { reason: `only ${Math.round(support * 100)}% of its words are in the cited turns` } };
      return x;
    }),
  }));
}

export interface LlmDraftOptions {
  timeoutMs?: number;
}

/** Draft with a language model; throws when the model fails (use `draftNote` for the fallback). */
export async function draftWithLlm(transcript: Transcript, llm: LanguageModel, o: LlmDraftOptions = {}): Promise<Draft> {
  const conversation = transcript.turns.map((t) => `${t.id} [${t.role}] ${t.text}`).join('\n');
  const r = await llm.chat({
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: conversation },
    ],
    temperature: 0,
    jsonSchema: { name: NOTE_SCHEMA.name, schema: NOTE_SCHEMA.schema as unknown as Record<string, unknown> },
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
  });
  const data = r.json as { sections?: unknown; problems?: unknown } | undefined;
  if (!data || !Array.isArray(data.sections)) throw new Error('The model reply does not match the note schema.');
  const sections: NoteSection[] = [];
  for (const raw of data.sections as { code?: unknown; sentences?: unknown }[]) {
    const meta = SECTIONS.find((s) => s.code === raw?.code);
    if (!meta || !Array.isArray(raw.sentences)) continue;
    const sentences: NoteSentence[] = (raw.sentences as { text?: unknown; evidence?: unknown }[])
      .filter((x) => typeof x?.text === 'string' && x.text.trim())
      .map((x) => ({
        text: (x.text as string).trim(),
        evidence: Array.isArray(x.evidence) ? x.evidence.filter((e): e is string => typeof e === 'string') : [],
      }));
    const existing = sections.find((s) => s.code === meta.code);
    if (existing) existing.sentences.push(...sentences);
    else sections.push({ code: meta.code as SectionCode, title: meta.title, sentences });
  }
  if (!sections.length) throw new Error('The model returned no note sections.');
  sections.sort((a, b) => SECTION_CODES.indexOf(a.code) - SECTION_CODES.indexOf(b.code));
  const offline = draftOffline(transcript);
  const verified = verifySentences(sections, transcript, undefined, offline.facts);
  const flagged = verified.reduce((a, s) => a + s.sentences.filter((x) => x.flagged).length, 0);
  const problems = Array.isArray(data.problems)
    ? (data.problems as unknown[])
        .filter((p): p is string => typeof p === 'string')
        .map((text) => ({ text, evidence: [] as string[] }))
    : [];
  return {
    engine: { name: `galen-llm:${r.model}`, version: LLM_ENGINE_VERSION },
    sections: verified,
    patient: offline.patient,
    problems: problems.length ? problems : offline.problems,
    ...(offline.facts ? { facts: offline.facts } : {}),
    warnings: flagged ? [`${flagged} sentence(s) not supported by the transcript were flagged.`] : [],
    partial: false,
  };
}

export interface DraftNoteOptions {
  /** When given, the LLM engine is tried first. */
  llm?: LanguageModel;
  timeoutMs?: number;
  offline?: OfflineOptions;
}

/** Draft a note: LLM engine when configured, offline engine otherwise or when the LLM fails. */
export async function draftNote(transcript: Transcript, o: DraftNoteOptions = {}): Promise<Draft> {
  if (!o.llm) return draftOffline(transcript, o.offline);
  try {
    return await draftWithLlm(transcript, o.llm, { ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
  } catch (err) {
    const d = draftOffline(transcript, o.offline);
    const why = err instanceof Error ? err.message.slice(0, 160) : 'unknown error';
    d.warnings.unshift(`The language model engine failed (${why}); this draft was written by the offline engine.`);
    return d;
  }
}
