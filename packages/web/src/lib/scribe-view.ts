/**
 * Normalise what `scribe.draft` returns into what the workspace shows: sections of sentences with
 * evidence turn ids, the transcript's turns, the stored DocumentReference id, the after-visit
 * summary, the letter, ICD-10-CM suggestions and the clinical facts the engine read.
 */
export interface Turn {
  id: string;
  role?: string;
  speaker?: string;
  text: string;
}
export interface DraftSentence {
  text: string;
  evidence: string[];
  flagged?: { reason: string };
}
export interface DraftSection {
  code: string;
  title: string;
  sentences: DraftSentence[];
}
export interface CodeSuggestion {
  code: string;
  display: string;
  system?: string;
  evidence: string[];
  score?: number;
}
/** A clinical fact the engine read from the conversation (`@galen/nlp`), with its evidence turns. */
export interface FactView {
  /** The words as said. */
  text: string;
  display: string;
  code?: string;
  /** present, absent, possible, historical, hypothetical, family, other. */
  assertion: string;
  evidence: string[];
}

/** How each assertion reads to a clinician. */
export const ASSERTION_LABEL: Record<string, string> = {
  present: 'reported',
  absent: 'denied',
  possible: 'possible',
  historical: 'past',
  hypothetical: 'hypothetical',
  family: 'family member',
  other: 'someone else',
};

export interface ScribeView {
  engine?: string;
  sections: DraftSection[];
  turns: Turn[];
  documentReferenceId?: string;
  afterVisitSummary?: string;
  letter?: string;
  codes: CodeSuggestion[];
  facts: FactView[];
  warnings: string[];
}

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (typeof x === 'object' && x !== null ? (x as Obj) : {});
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

function textOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  const o = obj(x);
  return str(o.text) ?? str(o.markdown) ?? str(o.content);
}

export function normalizeScribe(raw: unknown): ScribeView {
  const r = obj(raw);
  const draft = obj(r.draft ?? (Array.isArray(r.sections) ? r : {}));
  const sections: DraftSection[] = arr(draft.sections).map((s) => {
    const so = obj(s);
    return {
      code: str(so.code) ?? str(so.title) ?? '',
      title: str(so.title) ?? str(so.code) ?? '',
      sentences: arr(so.sentences).map((x) => {
        const xo = obj(x);
        const flagged = obj(xo.flagged);
        const sentence: DraftSentence = { text: str(xo.text) ?? '', evidence: arr(xo.evidence).map(String) };
        if (xo.flagged) sentence.flagged = { reason: str(flagged.reason) ?? 'not supported by the transcript' };
        return sentence;
      }),
    };
  });
  const transcript = obj(r.transcript);
  const turns: Turn[] = arr(transcript.turns ?? r.turns).map((t, i) => {
    const to = obj(t);
    return { id: str(to.id) ?? `t${i + 1}`, role: str(to.role), speaker: str(to.speaker), text: str(to.text) ?? '' };
  });
  const doc = obj(r.documentReference ?? r.document ?? obj(r.resources).documentReference);
  const ref = str(r.reference) ?? str(r.documentReference);
  const documentReferenceId =
    str(doc.id) ?? str(r.documentReferenceId) ?? (ref?.startsWith('DocumentReference/') ? ref.slice(18) : undefined);
  const codes: CodeSuggestion[] = arr(r.codes ?? r.coding ?? r.suggestions ?? r.icd10).map((c) => {
    const co = obj(c);
    const coding = obj(co.coding ?? co.concept);
    return {
      code: str(co.code) ?? str(coding.code) ?? '',
      display: str(co.display) ?? str(coding.display) ?? str(co.text) ?? '',
      system: str(co.system) ?? str(coding.system),
      evidence: arr(co.evidence).map((e) =>
        typeof e === 'string' ? e : (str(obj(e).turn) ?? str(obj(e).id) ?? JSON.stringify(e)),
      ),
      score: typeof co.score === 'number' ? co.score : typeof co.confidence === 'number' ? co.confidence : undefined,
    };
  });
  const facts: FactView[] = arr(draft.facts).map((f) => {
    const fo = obj(f);
    const concept = obj(fo.concept);
    return {
      text: str(fo.text) ?? '',
      display: str(concept.display) ?? str(fo.text) ?? '',
      code: str(concept.code),
      assertion: str(fo.assertion) ?? 'present',
      evidence: arr(fo.evidence).map(String),
    };
  });
  const engine = obj(draft.engine);
  return {
    engine: str(engine.name) ? `${engine.name} ${str(engine.version) ?? ''}`.trim() : undefined,
    sections,
    turns,
    documentReferenceId,
    afterVisitSummary: textOf(r.afterVisitSummary ?? r.avs ?? r.summary),
    letter: textOf(r.letter),
    codes: codes.filter((c) => c.code),
    facts: facts.filter((f) => f.display),
    warnings: arr(draft.warnings ?? r.warnings).map(String),
  };
}

/** Plain text of the (possibly edited) sections, in the ACI-Bench layout, without flagged sentences. */
export function sectionsToText(sections: DraftSection[], includeFlagged = false): string {
  const out: string[] = [];
  for (const s of sections) {
    const sentences = s.sentences.filter((x) => includeFlagged || !x.flagged);
    if (!sentences.length) continue;
    out.push(s.title, '', sentences.map((x) => x.text).join('\n'), '');
  }
  return out.join('\n').trim();
}

/** Turn ids cited by a sentence, for hover highlighting. */
export function evidenceSet(sentence: DraftSentence | undefined): Set<string> {
  return new Set(sentence?.evidence ?? []);
}
