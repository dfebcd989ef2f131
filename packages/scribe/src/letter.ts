/** A referral letter to a colleague, built from the draft note (only non-flagged sentences). */
import type { Draft, SectionCode } from './note';

export interface LetterOptions {
  /** Recipient, e.g. "Dr. Lee, Cardiology". Default "Colleague". */
  to?: string;
  /** Reason for referral; default: the chief complaint. */
  reason?: string;
  from?: string;
  /** Date line (ISO date); passed in, never read from a clock. */
  date?: string;
}

export interface Letter {
  text: string;
  evidence: string[];
}

function sectionText(d: Draft, code: SectionCode, max = 6): { text: string; evidence: string[] } {
  const s = d.sections.find((x) => x.code === code);
  const sentences = (s?.sentences ?? []).filter((x) => !x.flagged).slice(0, max);
  return { text: sentences.map((x) => x.text).join(' '), evidence: sentences.flatMap((x) => x.evidence) };
}

/** Write a referral letter. */
export function buildReferralLetter(d: Draft, o: LetterOptions = {}): Letter {
  const who = d.patient.name ?? 'our patient';
  const age = d.patient.age !== undefined ? `a ${d.patient.age}-year-old ${d.patient.sex ?? 'patient'}` : 'a patient';
  const cc = sectionText(d, 'chiefComplaint', 1);
  const reason = o.reason ?? (cc.text.replace(/\.$/, '').toLowerCase() || 'further evaluation');
  const parts: string[] = [];
  if (o.date) parts.push(o.date, '');
  parts.push(`Dear ${o.to ?? 'Colleague'},`, '');
  parts.push(`Thank you for seeing ${who}, ${age}, whom I am referring for ${reason}.`, '');
  const evidence = [...cc.evidence];
  for (const [code, title] of [
    ['hpi', 'History'],
    ['ros', 'Review of systems'],
    ['exam', 'Examination'],
    ['results', 'Results'],
    ['assessmentPlan', 'Assessment and plan'],
  ] as [SectionCode, string][]) {
    const s = sectionText(d, code);
    if (!s.text) continue;
    parts.push(`${title}: ${s.text}`, '');
    evidence.push(...s.evidence);
  }
  parts.push('Please do not hesitate to contact me with any questions.', '', 'Sincerely,', o.from ?? '');
  return { text: parts.join('\n').trim() + '\n', evidence: [...new Set(evidence)] };
}
