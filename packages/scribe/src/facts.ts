/**
 * The clinical facts of a visit, read with `@galen/nlp`: every problem, symptom, medication and
 * allergen the conversation names, with what was said of it — present, absent, possible, past,
 * hypothetical, a relative's or someone else's — and the turns it rests on.
 *
 * Speech is first rewritten into third-person prose (`rewrite.ts`: "i don't have any fever" →
 * "she does not have any fever"), the register ConText's triggers are written for; the NLP
 * pipeline's ConText then decides negation, uncertainty, history, hypotheticals and experiencer.
 * A clinician's question answered yes or no ("any chest pain?" — "no") is a fact too: the
 * concepts come from the question, the assertion from the answer. Pure and deterministic.
 */
import { defaultIndex, pipelineFor, type Mention, type Pipeline } from '@galen/nlp';
import type { Turn } from './transcript/turns';
import { doctorToThird, patientToThird, PRONOUNS, type Pronouns } from './engines/offline/rewrite';
import { STOPWORDS } from './engines/offline/features';

export type Assertion = 'present' | 'absent' | 'possible' | 'historical' | 'hypothetical' | 'family' | 'other';

export interface Fact {
  concept: Mention['concept'];
  /** The words that named it, as rewritten (lower case). */
  text: string;
  assertion: Assertion;
  /** `statement`: said outright; `answer`: a yes/no answer to a clinician's question naming it. */
  source: 'statement' | 'answer';
  /** Who said it (for answers: the one who answered). */
  speaker: Turn['role'];
  /** Turn ids: the statement's turn, or the question's and the answer's. */
  evidence: string[];
  /** For answers: how many concepts the question offered ("any fever or chills?" → 2). */
  offered?: number;
  /** The ConText cue (or the answer) that decided the assertion. */
  cue?: string;
}

export interface FactOptions {
  /** The NLP pipeline (default: `@galen/nlp` over the built-in starter lexicon). */
  pipeline?: Pipeline;
  /** Pronouns for the patient (default: "the patient"). */
  pronouns?: Pronouns;
}

/** Concept kinds that are clinical facts of a visit. */
const FACT_KINDS = new Set<Mention['kind']>(['problem', 'finding', 'medication', 'allergen']);

/** Answers that deny or affirm what the question asked (spoken, tokenised or not). */
export const NEG_ANSWER = /^(no|nope|nah|not really|none|never|no ,? not|i have n't|i haven't|i do n't|i don't|denies)\b/;
export const POS_ANSWER = /^(yes|yeah|yep|yup|mm-hmm|uh-huh|a little|sometimes|definitely|i have|i do|correct)\b/;

/** The assertion ConText gives a mention, most decisive first. */
function assertionOf(m: Mention): { assertion: Assertion; cue?: string } {
  const c = m.context;
  const cue = (cat: string): string | undefined => c.cues.find((x) => x.category === cat)?.text;
  if (c.experiencer === 'family') return { assertion: 'family', cue: cue('family') };
  if (c.experiencer === 'other') return { assertion: 'other', cue: cue('other-experiencer') };
  if (c.hypothetical) return { assertion: 'hypothetical', cue: cue('hypothetical') };
  if (c.negated) return { assertion: 'absent', cue: cue('negated') };
  if (c.uncertain) return { assertion: 'possible', cue: cue('uncertain') };
  if (c.historical) return { assertion: 'historical', cue: cue('historical') };
  return { assertion: 'present' };
}

/**
 * A mention worth keeping: a clinical kind, and not an abbreviation sense read into an everyday
 * word of lower-case speech ("all the time" is not acute lymphoblastic leukaemia).
 */
function isFact(m: Mention): boolean {
  if (!FACT_KINDS.has(m.kind)) return false;
  if (STOPWORDS.has(m.text.toLowerCase())) return false;
  return true;
}

interface Read {
  /** Mentions in sentences that ask something (only the last question of a turn is answerable). */
  asked: Mention[];
  /** Mentions in sentences that state something. */
  stated: Mention[];
  text: string;
}

/**
 * Read one turn: rewrite to third person, run the pipeline, split asked from stated. Questions
 * are cut at every `.?!` (speech is lower case, so "? and" does not start a new sentence for the
 * pipeline's splitter, but it does start a new question).
 */
const STOP = /[.?!]/g;

/**
 * Speech transcripts are lower case, and the pipeline's sentence splitter (like clinical text's
 * "p.o. daily") does not end a sentence before a lower-case word; a long turn would then be one
 * sentence, cut only at the splitter's length limit, possibly inside a phrase. Upper-case each
 * sentence's first letter (same length, so offsets hold).
 */
function capitalizeSentences(text: string): string {
  return text.replace(/(^|[.?!]\s+)([a-z])/g, (_m, before: string, c: string) => before + c.toUpperCase());
}

function readTurn(turn: Turn, pipeline: Pipeline, p: Pronouns): Read {
  const text = capitalizeSentences(turn.role === 'doctor' ? doctorToThird(turn.text, p) : patientToThird(turn.text, p));
  const r = pipeline.extract(text);
  const lastQ = text.lastIndexOf('?');
  const lastQStart = lastQ < 0 ? -1 : Math.max(...['.', '?', '!'].map((c) => text.lastIndexOf(c, lastQ - 1))) + 1;
  const asked: Mention[] = [];
  const stated: Mention[] = [];
  for (const m of r.mentions) {
    if (!isFact(m)) continue;
    STOP.lastIndex = m.end;
    if (STOP.exec(text)?.[0] !== '?') stated.push(m);
    else if (m.start >= lastQStart && m.end <= lastQ) asked.push(m);
  }
  return { asked, stated, text };
}

/**
 * Extract the facts of a conversation, in turn order.
 * @example extractFacts(parseTranscript('[doctor] any chest pain ?\n[patient] no .').turns)
 *   // [{ concept: { code: 'R07.9', ... }, assertion: 'absent', source: 'answer', evidence: ['t1', 't2'], ... }]
 */
export function extractFacts(turns: readonly Turn[], opts: FactOptions = {}): Fact[] {
  const pipeline = opts.pipeline ?? pipelineFor(defaultIndex());
  const p = opts.pronouns ?? PRONOUNS.unknown;
  const out: Fact[] = [];
  let prev: { turn: Turn; read: Read } | undefined;
  for (const turn of turns) {
    const read = readTurn(turn, pipeline, p);
    for (const m of read.stated) {
      out.push({
        concept: m.concept,
        text: m.text.toLowerCase(),
        ...assertionOf(m),
        source: 'statement',
        speaker: turn.role,
        evidence: [turn.id],
      });
    }
    // A yes/no answer to the clinician's last question: the question's concepts, the answer's polarity.
    if (prev && prev.turn.role === 'doctor' && turn.role !== 'doctor' && prev.read.asked.length) {
      const answer = turn.text
        .toLowerCase()
        .replace(/^[\s,.]*(um|uh|oh|well)\s*,?\s*/, '')
        .trim();
      const neg = NEG_ANSWER.test(answer);
      const pos = !neg && POS_ANSWER.test(answer);
      const saidAgain = new Set(read.stated.map((m) => m.concept.id));
      const asked = prev.read.asked.filter((m) => !saidAgain.has(m.concept.id));
      if (neg || pos)
        for (const m of asked) {
          const q = assertionOf(m).assertion;
          // "any family history of ...?" — yes: a relative's; no: nothing is learned of the patient.
          if (q === 'family' || q === 'other') {
            if (pos) out.push(answerFact(m, q, prev.turn, turn, asked.length));
            continue;
          }
          // A question that itself negates or supposes ("no fever?", "if ...?") is not answered plainly.
          if (q === 'absent' || q === 'hypothetical' || q === 'possible') continue;
          out.push(answerFact(m, neg ? 'absent' : q === 'historical' ? 'historical' : 'present', prev.turn, turn, asked.length));
        }
    }
    prev = { turn, read };
  }
  return out;
}

function answerFact(m: Mention, assertion: Assertion, q: Turn, a: Turn, offered: number): Fact {
  return {
    concept: m.concept,
    text: m.text.toLowerCase(),
    assertion,
    source: 'answer',
    speaker: a.role,
    evidence: [q.id, a.id],
    offered,
    cue: a.text.trim().split(/\s+/).slice(0, 3).join(' '),
  };
}

/**
 * Sentences a draft must not contain: ones that affirm a concept the turns they cite only ever
 * deny. Returns, for a sentence and its evidence, the concept displays it would wrongly affirm.
 */
export function contradictions(
  sentence: string,
  evidence: readonly string[],
  facts: readonly Fact[],
  pipeline: Pipeline = pipelineFor(defaultIndex()),
): string[] {
  const cited = new Set(evidence);
  const about = facts.filter((f) => f.evidence.some((e) => cited.has(e)));
  if (!about.length) return [];
  const out: string[] = [];
  for (const m of pipeline.extract(sentence).mentions) {
    if (!isFact(m) || assertionOf(m).assertion !== 'present') continue;
    const said = about.filter((f) => f.concept.id === m.concept.id);
    if (said.length && said.every((f) => f.assertion === 'absent')) out.push(m.concept.display);
  }
  return out;
}
