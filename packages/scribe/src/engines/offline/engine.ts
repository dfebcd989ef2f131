/**
 * The offline note engine: no LLM. Classifies each turn into a note division with a small naive
 * Bayes model learned from ACI-Bench train, rewrites the kept sentences into third-person prose,
 * reads the visit's clinical facts with `@galen/nlp` (`facts.ts`: ConText negation, history,
 * hypotheticals, experiencer; yes/no answers to the clinician's questions) and writes the review of
 * systems from them ("Denies chest pain."), drops any sentence that would affirm what the cited
 * turns deny, and cites the turns every sentence came from. Pure and deterministic.
 */
import { badRequest } from '@galen/fhir';
import type { Draft, NoteSection, NoteSentence, SectionCode } from '../../note';
import { SECTIONS } from '../../note';
import type { Transcript, Turn } from '../../transcript/turns';
import { TRANSCRIPT_LIMITS } from '../../transcript/turns';
import { classifySentence, type Division } from './classifier';
import { DICTATION_NOISE, SUBSECTION_CUES } from './lexicon';
import { contentWords, splitRunOn, splitSentences, words } from './features';
import { doctorToThird, patientToThird, PRONOUNS, toSentence, type Pronouns } from './rewrite';
import { labelExamSentence } from './exam';
import { extractVitals } from './vitals';
import { reviewOfSystems } from './ros';
import { contradictions, extractFacts } from '../../facts';

export const OFFLINE_ENGINE = { name: 'galen-offline', version: '0.3.1' } as const;

export interface OfflineOptions {
  /** Minimum posterior for a turn to be kept, per division (tuned on ACI-Bench valid). */
  threshold?: Partial<Record<Exclude<Division, 'drop'>, number>>;
  /** Soft word budget for the whole note. */
  maxWords?: number;
}

/** Tuned on ACI-Bench valid (bench/scribe-aci.ts); test1 was never used for tuning. */
const DEFAULT_THRESHOLD: Record<Exclude<Division, 'drop'>, number> = {
  subjective: 0.25,
  objective_exam: 0.1,
  objective_results: 0.1,
  assessment_and_plan: 0.1,
};

/**
 * Soft word budget, tuned on ACI-Bench valid (bench/scribe-sweep.ts: 620–800 is a plateau at
 * ROUGE-1 ≈ 49; a per-note budget scaled from dialogue length did no better).
 */
const DEFAULT_MAX_WORDS = 680;

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
const RESULT_CUE =
  /\b(x-?rays?|ekg|ecg|electrocardiogram|mri|ct scan|cat scan|labs?|lab work|blood work|bloodwork|a1c|echo(cardiogram)?|ultrasound|urinalysis|cbc|hemoglobin|cholesterol|culture|biopsy|stress test)\b.*\b(shows?|showed|revealed?|demonstrat\w*|normal|came back|looks?|looked|unremarkable|elevated|negative|positive)\b/;
const DOCTOR_SELF = /\b(i|i'm|i 'm|i've|i 've|me|my)\b/;
/** Talk about the visit itself ("let's talk about my assessment and plan"), never note content. */
const PLAN_META =
  /\b((let us|let's|let 's) talk|questions for me|any (other )?questions|nurse (will|is going to) come|i'll see you|i 'll see you|see you (soon|later|next)|take care)\b/;
const QUESTION_START = /^(is|are|do|does|did|how|what|when|where|why|can|could|would|have|has|any)\b/;

/** A problem the clinician announces ("for his first problem, his congestive heart failure, ...") and the rest. */
function planLine(text: string): { heading?: string; body: string } {
  const m =
    /^(?:for|regarding|in regards to|with regards to|as far as|now for|so for) (?:(?:his|her|their|the patient's|the) )?(?:(?:first|second|third|fourth|next|last|final) )?(?:problem,? |issue,? )?(?:(?:his|her|their|the) )?([a-z][a-z' -]{2,40}?)(?:,| is| goes)\s+(.*)$/.exec(
      text,
    );
  if (!m || /\b(now|that|this|it|him|her|today|you|me|us|things)$/.test(m[1]!)) return { body: text };
  return { heading: m[1]!.trim(), body: m[2]! };
}

/** The ACI-Bench plan labels (learned from train references): testing, referrals, treatment or reasoning. */
function planLabel(text: string): string {
  if (/\b(refer\w*|specialist|physical therapy|follow up with (a|an|the) \w+)\b/.test(text)) return 'Specialist Referrals: ';
  if (
    /\b(order\w*|x-?rays?|mri|ct|labs?|blood work|bloodwork|echo\w*|ultrasound|test\w*|biopsy|a1c|ekg|cbc|panel|scan|imaging|\w*scopy|egd|recheck)\b/.test(
      text,
    )
  )
    return 'Additional Testing: ';
  if (
    /\b(mg|milligrams?|prescri\w*|continue|increase|decrease|start\w*|stop\w*|medications?|refill|dose|take|taking|inhaler|cream|injection|ice|rest|brace|surgery|therapy)\b/.test(
      text,
    )
  )
    return 'Medical Treatment: ';
  return 'Medical Reasoning: ';
}

/**
 * The patient's closing assent to the plan ("okay, sounds good" after the clinician's last plan
 * turn) → the agreement line of ACI-Bench train reference notes, citing both turns. Only emitted
 * when the last clinician turn that discusses the plan is answered affirmatively.
 */
function agreement(turns: Turn[]): Candidate | undefined {
  const tail = turns.slice(-8);
  for (let i = tail.length - 1; i > 0; i--) {
    const a = tail[i]!;
    const q = tail[i - 1]!;
    if (a.role !== 'patient' || q.role !== 'doctor') continue;
    const al = a.text.toLowerCase();
    if (/\b(no|not|don't|do n't|but|worried|concern)\b/.test(al) && !/^(no ,? )?(that )?(sounds|sound) good/.test(al)) continue;
    if (
      !/\b(sounds good|sounds great|sounds like a plan|that's fine|that 's fine|okay|ok|alright|all right|yes|yeah|perfect|great|will do|got it|understand)\b/.test(
        al,
      )
    )
      continue;
    if (
      !/\b(plan|follow up|medication|order|refer|come back|see you|questions?|test|prescri\w*|schedule)\b/.test(
        q.text.toLowerCase(),
      )
    )
      continue;
    return {
      section: 'assessmentPlan',
      text: 'Patient Agreements: The patient understands and agrees with the recommended medical treatment plan.',
      evidence: [q.id, a.id],
      score: 1,
      order: 1e6,
    };
  }
  return undefined;
}

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
    for (const raw of splitSentences(turn.text).flatMap(splitRunOn)) {
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
      // The clinician speaking of themself in the history is chatter, not history.
      if (div === 'subjective' && turn.role === 'doctor' && DOCTOR_SELF.test(s)) continue;
      if (PLAN_META.test(s) && words(s).length < 16) continue;
      const text = turn.role === 'patient' || turn.role === 'unknown' ? patientToThird(raw, p) : doctorToThird(raw, p);
      if (words(text).length < 3) continue;
      // A clinician naming a test and its finding is reporting a result, whatever the model says.
      if (turn.role === 'doctor' && RESULT_CUE.test(s)) div = 'objective_results';
      const section: SectionCode =
        div === 'subjective'
          ? subsection(text)
          : div === 'objective_exam'
            ? 'exam'
            : div === 'objective_results'
              ? 'results'
              : 'assessmentPlan';
      if (section === 'exam') {
        labelExamSentence(toSentence(text)).forEach((line, k) =>
          cands.push({ section, text: toSentence(line), evidence: [turn.id], score: best, order: i + k / 100 }),
        );
        continue;
      }
      if (section === 'assessmentPlan') {
        const { heading, body } = planLine(text);
        if (heading) cands.push({ section, text: toSentence(heading), evidence: [turn.id], score: 1, order: i - 0.001 });
        if (words(body).length >= 3)
          cands.push({ section, text: planLabel(body) + toSentence(body), evidence: [turn.id], score: best, order: i });
        continue;
      }
      cands.push({ section, text: toSentence(text), evidence: [turn.id], score: best, order: i });
    }
  });

  const facts = extractFacts(work, { pronouns: p });
  const turnIndex = new Map(work.map((t, i) => [t.id, i]));
  for (const line of reviewOfSystems(facts, turnIndex))
    cands.push({ section: 'ros', text: line.text, evidence: line.evidence, score: line.score, order: line.turn });
  const vitalsSeen = new Set<string>();
  work.forEach((turn, i) => {
    if (turn.role !== 'doctor') return;
    for (const line of extractVitals(turn.text)) {
      const label = line.split(':')[0]!;
      if (vitalsSeen.has(label)) continue;
      vitalsSeen.add(label);
      cands.push({ section: 'exam', text: line, evidence: [turn.id], score: 1, order: -1 + i / 1e4 });
    }
  });
  if (intro) cands.push(intro);
  if (!chief) {
    const first = cands.find((c) => c.section === 'hpi');
    if (first) {
      const cw = contentWords(first.text).slice(0, 4).join(' ');
      if (cw) chief = { section: 'chiefComplaint', text: toSentence(cw), evidence: first.evidence, score: 0.5, order: -2 };
    }
  }
  if (chief) cands.push(chief);
  const agreed = agreement(work);
  if (agreed) cands.push(agreed);

  // Word budget: drop the least confident sentences first (tuned on valid).
  const maxWords = opts.maxWords ?? DEFAULT_MAX_WORDS;
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

  // No sentence may affirm what the turns it cites only deny ("no chest pain" never becomes "chest pain").
  kept = kept.filter((c) => {
    if (c.section === 'ros') return true;
    const wrong = contradictions(c.text, c.evidence, facts);
    if (wrong.length)
      warnings.push(`A sentence was left out: it would have affirmed ${wrong.join(', ')}, which the patient denied.`);
    return !wrong.length;
  });

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
  return { engine: { ...OFFLINE_ENGINE }, sections, patient, problems, facts, warnings, partial };
}
