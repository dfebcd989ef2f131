/**
 * The NLP pipeline: sections → sentences → tokens → concept mentions → ConText → medication
 * signatures → measurements. Offsets always point into the original text.
 * Build it once per concept index (`createPipeline(index)`) and reuse it: the token trie is built
 * at creation, and each `extract` is linear in the text's length.
 */
import type { Abbreviation, Concept, ConceptIndex } from '@galen/terminology/concept';
import { loadStarterIndex } from '@galen/terminology';
import { createContextEngine, type ContextEngine } from './context';
import { buildMatcher, type Matcher } from './matcher';
import { extractMeasurements } from './measurements';
import { detectSections } from './sections';
import { splitSentences } from './sentences';
import { parseSig } from './sig';
import { asciiCodes, releaseCodes, tokenize, tokenizeAscii } from './tokens';
import type { Measurement, Medication, Mention, NlpResult, Sentence, Token } from './types';

export const ENGINE = { name: 'galen-nlp', version: '0.1.0' } as const;

export interface ExtractOptions {
  /** Include every token in the result (large). Default false. */
  includeTokens?: boolean;
}

export interface Pipeline {
  readonly index: ConceptIndex;
  readonly matcher: Matcher;
  extract(text: string, options?: ExtractOptions): NlpResult;
}

/** Text just before a substance that makes it an allergy. */
const ALLERGY_CUE = /(?:allerg(?:y|ies|ic)|intoleran(?:t|ce)|reactions?|sensitiv(?:e|ity))\b[^.;\n]{0,24}$/i;
/** Sig window: at most this many characters after a drug name. */
const SIG_WINDOW = 160;
const SIG_BEFORE = 40;

/** Build a pipeline for a concept index. */
export function createPipeline(index: ConceptIndex, context: ContextEngine = createContextEngine()): Pipeline {
  const matcher = buildMatcher(index);
  return {
    index,
    matcher,
    extract(text: string, options: ExtractOptions = {}): NlpResult {
      return run(text, matcher, context, options);
    },
  };
}

function run(text: string, matcher: Matcher, context: ContextEngine, options: ExtractOptions): NlpResult {
  const sections = detectSections(text);
  const spans = splitSentences(text, sections);
  // An all-ASCII text is tokenized from its bytes (a typed array reads faster than `charCodeAt`)
  // and its lower-cased copy (one native call per text instead of one per word).
  const codes = asciiCodes(text);
  const lower = codes ? text.toLowerCase() : '';
  const sentences: Sentence[] = [];
  const mentions: Mention[] = [];
  const medications: Medication[] = [];
  const allTokens: Token[] = [];
  const measurements: Measurement[] = [];
  let sec = 0;
  for (let si = 0; si < spans.length; si++) {
    const span = spans[si]!;
    while (sec + 1 < sections.length && sections[sec + 1]!.start <= span.start) sec++;
    const section = sections[sec]!;
    sentences.push({ start: span.start, end: span.end, section: sec });
    const tokens = codes ? tokenizeAscii(text, lower, codes, span.start, span.end) : tokenize(text, span.start, span.end);
    if (options.includeTokens) for (const t of tokens) allTokens.push(t);
    for (const ms of extractMeasurements(text, tokens)) {
      ms.sentence = si;
      measurements.push(ms);
    }
    const header = section.header;
    if (header && span.start < header.end) continue; // the header itself
    const found = matcher.match(text, tokens, section.category);
    if (!found.length) continue;
    const contexts = context.analyze(text, tokens, found, { section: section.category });
    const first = mentions.length;
    for (let k = 0; k < found.length; k++) {
      const f = found[k]!;
      const m: Mention = {
        start: f.start,
        end: f.end,
        text: f.text,
        concept: f.concept,
        kind: f.kind,
        sentence: si,
        section: sec,
        context: contexts[k]!,
      };
      if (f.abbreviation) m.abbreviation = f.abbreviation;
      if (
        (m.kind === 'medication' || m.kind === 'allergen' || m.kind === 'drug-class') &&
        (section.category === 'allergies' || ALLERGY_CUE.test(text.slice(Math.max(span.start, m.start - 60), m.start)))
      ) {
        m.allergy = true;
      }
      mentions.push(m);
    }
    // medication signatures: from the drug to the next drug or the sentence end (bounded)
    for (let k = first; k < mentions.length; k++) {
      const m = mentions[k]!;
      if (m.kind !== 'medication' || m.allergy) continue;
      let end = Math.min(span.end, m.end + SIG_WINDOW);
      for (let j = k + 1; j < mentions.length; j++) {
        if (mentions[j]!.kind === 'medication') {
          end = Math.min(end, mentions[j]!.start);
          break;
        }
      }
      let beforeStart = Math.max(span.start, m.start - SIG_BEFORE);
      const prev = mentions[k - 1];
      if (k > first && prev && prev.kind === 'medication') beforeStart = Math.max(beforeStart, prev.end);
      const signature = parseSig(text, { start: m.end, end }, { start: beforeStart, end: m.start });
      let sigStart = m.start;
      let sigEnd = m.end;
      for (const part of [
        signature.strength,
        signature.dose,
        signature.route,
        signature.frequency,
        signature.duration,
        signature.asNeeded,
        signature.status,
      ]) {
        if (!part) continue;
        if (part.start < sigStart) sigStart = part.start;
        if (part.end > sigEnd) sigEnd = part.end;
      }
      medications.push({
        start: sigStart,
        end: sigEnd,
        mention: k,
        text: text.slice(sigStart, sigEnd),
        signature,
        sigSpan: { start: m.end, end },
      });
    }
  }
  if (codes) releaseCodes(codes);
  const result: NlpResult = {
    length: text.length,
    sections,
    sentences,
    mentions,
    medications,
    measurements,
    engine: { ...ENGINE },
  };
  if (options.includeTokens) result.tokens = allTokens;
  return result;
}

/** A concept index with no concepts (measurements and sections still work). */
export const EMPTY_INDEX: ConceptIndex = {
  size: 0,
  get: () => undefined,
  byId: () => undefined,
  all: (): Iterable<Concept> => [],
  search: () => [],
  abbreviations: (): Iterable<Abbreviation> => [],
};

const pipelines = new WeakMap<ConceptIndex, Pipeline>();

/** The pipeline for an index, built on first use and cached (per index object). */
export function pipelineFor(index: ConceptIndex): Pipeline {
  let p = pipelines.get(index);
  if (!p) {
    p = createPipeline(index);
    pipelines.set(index, p);
  }
  return p;
}

let starter: ConceptIndex | undefined;

/** Galen's built-in starter lexicon (loaded on first use, cached). */
export function defaultIndex(): ConceptIndex {
  starter ??= loadStarterIndex();
  return starter;
}

/**
 * Extract sections, sentences, concept mentions with context, medications and measurements.
 * Without `index`, the built-in starter lexicon of `@galen/terminology` is used.
 * @example extract('Denies chest pain. BP 128/84, HR 92.').measurements.length // 2
 */
export function extract(text: string, options: ExtractOptions & { index?: ConceptIndex } = {}): NlpResult {
  return pipelineFor(options.index ?? defaultIndex()).extract(text, options);
}
