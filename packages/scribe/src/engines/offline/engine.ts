/**
 * The offline note engine: no LLM. Classifies each turn into a note division with a small naive
 * Bayes model learned from ACI-Bench train, rewrites the kept sentences into third-person prose,
 * turns yes/no answers to symptom questions into review-of-systems statements ("Denies chest
 * pain."), and cites the turns every sentence came from. Pure and deterministic.
 */
import { badRequest } from '@galen/fhir';
import type { Draft, NoteSection, NoteSentence, SectionCode } from '../../note';
import { SECTIONS } from '../../note';
import type { Transcript, Turn } from '../../transcript/turns';
import { TRANSCRIPT_LIMITS } from '../../transcript/turns';
import { classifySentence, type Division } from './classifier';
import { DICTATION_NOISE, ROS_TERMS, SUBSECTION_CUES } from './lexicon';
import { contentWords, splitSentences, words } from './features';
import { doctorToThird, patientToThird, PRONOUNS, toSentence, type Pronouns } from './rewrite';

export const OFFLINE_ENGINE = { name: 'galen-offline', version: '0.1.0' } as const;

export interface OfflineOptions {
  /** Minimum posterior for a turn to be kept, per division (tuned on ACI-Bench valid). */
  threshold?: Partial<Record<Exclude<Division, 'drop'>, number>>;
  /** Soft word budget for the whole note. */
  maxWords?: number;
}

/** Tuned on ACI-Bench valid (bench/scribe-aci.ts); test1 was never used for tuning. */
const DEFAULT_THRESHOLD: Record<Exclude<Division, 'drop'>, number> = {
  subjective: 0.1,
  objective_exam: 0.1,
  objective_results: 0.1,
  assessment_and_plan: 0.1,
};

interface Candidate {
  section: SectionCode;
  text: string;
  evidence: string[];
  score: number;
  order: number;
}

const CUES: [Exclude<Division, 'drop' | 'subjective'>, RegExp][] = [
  [
    'objective_results',
    /\b(x-?ray|ekg|ecg|mri|ct scan|labs?|blood work|a1c|echocardiogram|ultrasound)\b.*\b(shows?|showed|revealed|demonstrat\w*|normal|came back)\b/,
  ],
  [
    'objective_exam',
    /\b(on (physical )?exam(ination)?|exam (shows|reveals)|tenderness|auscultation|swelling of|range of motion)\b/,
  ],
  ['assessment_and_plan', /\b(assessment|diagnos\w*|order|refer|prescribe|continue|follow up|start (you|her|him) on)\b/],
];
const QUESTION_START = /^(is|are|do|does|did|how|what|when|where|why|can|could|would|have|has)\b/;
const NEG_ANSWER = /^(no|nope|nah|not really|none|never|no ,? not|i have n't|i haven't|i do n't|i don't|denies)\b/;
const POS_ANSWER = /^(yes|yeah|yep|yup|mm-hmm|uh-huh|a little|sometimes|definitely|i have|i do|correct)\b/;

function demographics(turns: Turn[]): Draft['patient'] {
  const out: Draft['patient'] = {};
  let he = 0;
  let she = 0;
  for (const t of turns) {
    const low = t.text.toLowerCase();
    const m = /\b(\d{1,3})[- ]year[- ]old (male|female|man|woman|gentleman|lady|boy|girl)\b/.exec(low);
    if (m && out.age === undefined) {
      out.age = Number(m[1]);
      out.sex = /^(male|man|gentleman|boy)$/.test(m[2]!) ? 'male' : 'female';
      const n = /(?:^|\b(?:so|okay|ok)\s*,?\s*)(?:mr\.?|mrs\.?|ms\.?)?\s*([a-z]+(?: [a-z]+)?) is an? \d/.exec(low);
      const name = n?.[1]?.replace(/^(so|okay|ok|and|well|now)\s+/, '');
      if (name && !/^(patient|she|he|this|the|so)$/.test(name)) out.name = name.replace(/\b[a-z]/g, (c) => c.toUpperCase());
    }
    if (t.role !== 'patient') {
      he += (low.match(/\b(he|his|him|mr)\b/g) ?? []).length;
      she += (low.match(/\b(she|her|mrs|ms)\b/g) ?? []).length;
    }
  }
  if (!out.sex && he + she >= 3) out.sex = he > she ? 'male' : 'female';
  return out;
}

/** Which subjective subsection a sentence belongs to (default HPI). */
function subsection(text: string): SectionCode {
  for (const [code, re] of SUBSECTION_CUES) if (re.test(text)) return code === 'medications' || code === 'pmh' ? 'hpi' : code;
  return 'hpi';
}

/** Yes/no answers to "any X?" questions → review-of-systems statements with both turns as evidence. */
function reviewOfSystems(turns: Turn[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < turns.length; i++) {
    const q = turns[i - 1]!;
    const a = turns[i]!;
    if (q.role === 'patient' || a.role !== 'patient') continue;
    const ql = q.text.toLowerCase();
    if (!ql.includes('?')) continue;
    const al = a.text.toLowerCase().replace(/^[\s,.]*(um|uh|oh|well)\s*,?\s*/, '');
    const neg = NEG_ANSWER.test(al);
    const pos = !neg && POS_ANSWER.test(al);
    if (!neg && !pos) continue;
    // Only the last question of the turn is being answered.
    const lastQ =
      ql
        .split(/(?<=[.?!])\s+/)
        .filter((s) => s.includes('?'))
        .pop() ?? ql;
    for (const [system, terms] of ROS_TERMS) {
      const hits = terms.filter((term) => new RegExp(`\\b${term}\\b`).test(lastQ));
      const found = hits.filter((h) => !hits.some((o) => o !== h && o.includes(h)));
      if (!found.length) continue;
      const key = `${system}|${found.join(',')}|${neg}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = found.length > 1 ? `${found.slice(0, -1).join(', ')} or ${found[found.length - 1]}` : found[0]!;
      out.push({
        section: 'ros',
        text: `${system}: ${neg ? 'Denies' : 'Endorses'} ${list}.`,
        evidence: [q.id, a.id],
        score: 1,
        order: i,
      });
    }
  }
  return out;
}

/**
 * Draft a SOAP note from a transcript without any language model.
 * @example draftOffline(parseTranscript('[doctor] any chest pain ?\n[patient] no .')).sections
 */
export function draftOffline(transcript: Transcript, opts: OfflineOptions = {}): Draft {
  const turns = transcript.turns;
  if (!turns.length) throw badRequest('Transcript has no turns.');
  const warnings: string[] = [];
  let partial = false;
  let work = turns;
  if (turns.length > TRANSCRIPT_LIMITS.maxTurns) {
    work = turns.slice(0, TRANSCRIPT_LIMITS.maxTurns);
    warnings.push(`Transcript truncated to its first ${TRANSCRIPT_LIMITS.maxTurns} turns.`);
    partial = true;
  }
  if (work.every((t) => t.role === 'unknown'))
    warnings.push('No speaker roles were recognised; statements are attributed to the patient by default.');
  const totalWords = work.reduce((a, t) => a + words(t.text).length, 0);
  if (totalWords < 15) {
    warnings.push('Transcript is very short; the draft is likely incomplete.');
    partial = true;
  }

  const threshold = { ...DEFAULT_THRESHOLD, ...opts.threshold };
  const patient = demographics(work);
  const p: Pronouns = PRONOUNS[patient.sex ?? 'unknown'];
  const cands: Candidate[] = [];
  const problems: Draft['problems'] = [];
  let intro: Candidate | undefined;
  let chief: Candidate | undefined;

  work.forEach((turn, i) => {
    const prev = work[i - 1];
    const low = turn.text.toLowerCase();
    // The clinician's spoken summary ("so ralph is a 62-year-old male ... who presents ...").
    if (!intro && /\d+[- ]year[- ]old\b/.test(low) && turn.role !== 'patient') {
      const s = splitSentences(turn.text).find((x) => /year[- ]old/.test(x.toLowerCase()));
      if (s) {
        let text = doctorToThird(s, p);
        if (patient.name) text = text.replace(new RegExp(patient.name, 'i'), patient.name);
        intro = { section: 'hpi', text: toSentence(text), evidence: [turn.id], score: 1, order: -1 };
        const cc = /\bpresents?(?: today)? (?:for|with) (?:an? |his |her )?([^,.]+)/.exec(text);
        if (cc) chief = { section: 'chiefComplaint', text: toSentence(cc[1]!), evidence: [turn.id], score: 1, order: -2 };
        const pmh = /history (?:significant )?(?:for|of) ([^.]+?)(?:,? who|\.|$)/.exec(text);
        if (pmh)
          for (const prob of pmh[1]!
            .split(/,|\band\b|\bas well as\b/)
            .map((x) => x.trim())
            .filter((x) => x.length > 2))
            problems.push({ text: prob.replace(/^(a|an|prior|some)\s+/, ''), evidence: [turn.id] });
      }
    }
    for (const raw of splitSentences(turn.text)) {
      const s = raw.toLowerCase();
      if (intro?.evidence[0] === turn.id && /year[- ]old/.test(s)) continue;
      if (s.includes('?') || DICTATION_NOISE.test(s) || QUESTION_START.test(s)) continue;
      if (contentWords(s).length < 2 || words(s).length < 4) continue;
      const post = classifySentence(raw, turn, prev, i / work.length);
      let div: Division = 'drop';
      let best = 0;
      for (const d of Object.keys(threshold) as Exclude<Division, 'drop'>[]) {
        if (post[d] > best) {
          best = post[d];
          div = d;
        }
      }
      if (div === 'drop' || best < threshold[div as Exclude<Division, 'drop'>]) {
        // Explicit clinician cues rescue sentences the statistical model is unsure about.
        const cue = turn.role === 'doctor' ? CUES.find(([, re]) => re.test(s)) : undefined;
        if (!cue) continue;
        div = cue[0];
        best = threshold[cue[0]];
      }
      if (turn.role === 'unknown' && div !== 'subjective') continue;
      const text = turn.role === 'patient' || turn.role === 'unknown' ? patientToThird(raw, p) : doctorToThird(raw, p);
      if (words(text).length < 3) continue;
      const section: SectionCode =
        div === 'subjective'
          ? subsection(text)
          : div === 'objective_exam'
            ? 'exam'
            : div === 'objective_results'
              ? 'results'
              : 'assessmentPlan';
      cands.push({ section, text: toSentence(text), evidence: [turn.id], score: best, order: i });
    }
  });

  cands.push(...reviewOfSystems(work));
  if (intro) cands.push(intro);
  if (!chief) {
    const first = cands.find((c) => c.section === 'hpi');
    if (first) {
      const cw = contentWords(first.text).slice(0, 4).join(' ');
      if (cw) chief = { section: 'chiefComplaint', text: toSentence(cw), evidence: first.evidence, score: 0.5, order: -2 };
    }
  }
  if (chief) cands.push(chief);

  // Word budget: drop the least confident sentences first (tuned on valid).
  const maxWords = opts.maxWords ?? 560;
  let kept = [...cands];
  let count = kept.reduce((a, c) => a + words(c.text).length, 0);
  if (count > maxWords) {
    const byScore = [...kept].filter((c) => c.order >= 0).sort((a, b) => a.score - b.score);
    const drop = new Set<Candidate>();
    for (const c of byScore) {
      if (count <= maxWords) break;
      drop.add(c);
      count -= words(c.text).length;
    }
    kept = kept.filter((c) => !drop.has(c));
  }

  const sections: NoteSection[] = SECTIONS.map((s) => ({
    code: s.code,
    title: s.title,
    sentences: kept
      .filter((c) => c.section === s.code)
      .sort((a, b) => a.order - b.order)
      .map((c): NoteSentence => ({ text: c.text, evidence: c.evidence })),
  })).filter((s) => s.sentences.length > 0);
  if (!sections.length) {
    warnings.push('Nothing in the transcript could be placed in a note section.');
    partial = true;
  }
  if (intro) {
    const ap = sections.find((s) => s.code === 'assessmentPlan');
    if (ap) ap.sentences.unshift({ text: intro.text, evidence: intro.evidence });
  }
  return { engine: { ...OFFLINE_ENGINE }, sections, patient, problems, warnings, partial };
}
