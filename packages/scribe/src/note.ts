/** The draft note shape shared by every note engine (offline and LLM). */
import type { Fact } from './facts';

/** Note sections, each with the LOINC code used in the FHIR Composition. */
export type SectionCode =
  | 'chiefComplaint'
  | 'hpi'
  | 'ros'
  | 'pmh'
  | 'medications'
  | 'allergies'
  | 'social'
  | 'family'
  | 'exam'
  | 'results'
  | 'assessmentPlan';

/**
 * Section titles and LOINC document-section codes (LOINC 2.77, "Clinical document section"
 * class; https://loinc.org). Order is the order of the rendered note.
 */
export const SECTIONS: readonly { code: SectionCode; title: string; loinc: string; loincDisplay: string }[] = [
  { code: 'chiefComplaint', title: 'CHIEF COMPLAINT', loinc: '10154-3', loincDisplay: 'Chief complaint Narrative - Reported' },
  { code: 'hpi', title: 'HISTORY OF PRESENT ILLNESS', loinc: '10164-2', loincDisplay: 'History of Present illness Narrative' },
  { code: 'pmh', title: 'PAST MEDICAL HISTORY', loinc: '11348-0', loincDisplay: 'History of Past illness Narrative' },
  { code: 'medications', title: 'MEDICATIONS', loinc: '10160-0', loincDisplay: 'History of Medication use Narrative' },
  { code: 'allergies', title: 'ALLERGIES', loinc: '48765-2', loincDisplay: 'Allergies and adverse reactions Document' },
  { code: 'social', title: 'SOCIAL HISTORY', loinc: '29762-2', loincDisplay: 'Social history Narrative' },
  { code: 'family', title: 'FAMILY HISTORY', loinc: '10157-6', loincDisplay: 'History of family member diseases Narrative' },
  { code: 'ros', title: 'REVIEW OF SYSTEMS', loinc: '10187-3', loincDisplay: 'Review of systems Narrative - Reported' },
  { code: 'exam', title: 'PHYSICAL EXAMINATION', loinc: '29545-1', loincDisplay: 'Physical findings Narrative' },
  { code: 'results', title: 'RESULTS', loinc: '30954-2', loincDisplay: 'Relevant diagnostic tests/laboratory data Narrative' },
  { code: 'assessmentPlan', title: 'ASSESSMENT AND PLAN', loinc: '51847-2', loincDisplay: 'Evaluation + Plan note' },
];

export interface NoteSentence {
  text: string;
  /** Ids of the transcript turns the sentence rests on. Empty only for flagged sentences. */
  evidence: string[];
  /** Set when a verification pass could not find support in the transcript: never shown as fact. */
  flagged?: { reason: string };
}

export interface NoteSection {
  code: SectionCode;
  title: string;
  sentences: NoteSentence[];
}

export interface EngineInfo {
  name: string;
  version: string;
}

export interface Draft {
  engine: EngineInfo;
  sections: NoteSection[];
  /** What the engine learned about the patient from the conversation. */
  patient: { name?: string; age?: number; sex?: 'male' | 'female' };
  /** Problems discussed (for the assessment, the summary and coding). */
  problems: { text: string; evidence: string[] }[];
  /** Clinical facts read from the conversation with `@galen/nlp` (concept, assertion, evidence turns). */
  facts?: Fact[];
  /** Problems with the input or the engine (fallback used, transcript truncated, ...). */
  warnings: string[];
  /** True when the draft is known to be incomplete. */
  partial: boolean;
}

/** Render a draft as plain text with upper-case headers (the ACI-Bench note layout). */
export function renderDraftText(d: Draft, opts: { includeFlagged?: boolean } = {}): string {
  const out: string[] = [];
  for (const s of d.sections) {
    const sentences = s.sentences.filter((x) => opts.includeFlagged || !x.flagged);
    if (!sentences.length) continue;
    out.push(s.title, '', sentences.map((x) => x.text).join('\n'), '');
  }
  return out.join('\n').trim();
}

/** Render as Markdown with evidence markers, e.g. `Reports cough. [t4, t5]`; flagged sentences marked. */
export function renderDraftMarkdown(d: Draft): string {
  const out: string[] = [`<!-- engine: ${d.engine.name} ${d.engine.version} -->`];
  if (d.partial) out.push('> **Partial draft.** ' + d.warnings.join(' '));
  for (const s of d.sections) {
    if (!s.sentences.length) continue;
    out.push('', `## ${s.title[0]}${s.title.slice(1).toLowerCase()}`, '');
    for (const x of s.sentences) {
      const ev = x.evidence.length ? ` [${x.evidence.join(', ')}]` : '';
      out.push(x.flagged ? `- ~~${x.text}~~ _(unverified: ${x.flagged.reason})_${ev}` : `- ${x.text}${ev}`);
    }
  }
  return out.join('\n') + '\n';
}
