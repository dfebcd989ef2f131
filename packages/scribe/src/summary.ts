/**
 * The after-visit summary: what the patient was seen for, what was found and what to do next,
 * in short sentences and plain words, with its measured Flesch–Kincaid grade (target ≤ 6).
 */
import type { Draft } from './note';
import { toPlain } from './plain-language';
import { fleschKincaid, type Readability } from './readability';

export interface SummaryLine {
  text: string;
  evidence: string[];
}

export interface AfterVisitSummary {
  lines: SummaryLine[];
  text: string;
  readability: Readability;
  /** Target grade used (default 6). */
  targetGrade: number;
}

function actionsFrom(sentence: string): string[] {
  const s = sentence.toLowerCase();
  const out: string[] = [];
  const mg = /\b([a-z]+) (\d+(?:\.\d+)?) ?(?:mg|milligrams?)\b/.exec(s);
  if (/\b(continue|keep)\b/.test(s) && mg) out.push(`Keep taking ${mg[1]} ${mg[2]} mg.`);
  else if (/\b(start|prescribe|begin)\b/.test(s) && mg) out.push(`Start taking ${mg[1]} ${mg[2]} mg.`);
  else if (/\b(increase)\b/.test(s) && mg) out.push(`Take more ${mg[1]}: now ${mg[2]} mg.`);
  const test = /\border (?:an? |some )?([a-z ]+?)(?: to| for|,|\.|$)/.exec(s);
  if (test && test[1]!.split(' ').length <= 4) out.push(`We will do a test: ${toPlain(test[1]!.trim())}.`);
  const ref = /\brefer(?:ral)? (?:you |her |him )?to (?:an? |the )?([a-z ]+?)(?: for|,|\.|$)/.exec(s);
  if (ref && ref[1]!.split(' ').length <= 4) out.push(`We will send you to see ${toPlain(ref[1]!.trim())}.`);
  const fu = /\b(?:follow ?up|see (?:you|her|him) back|come back) (?:with me )?in (\w+ (?:days?|weeks?|months?))/.exec(s);
  if (fu) out.push(`Come back in ${fu[1]}.`);
  if (/\bphysical therapy\b/.test(s)) out.push('Go to PT as planned.');
  if (/\b(ice|elevat)/.test(s)) out.push('Rest, use ice, and keep it up.');
  return out;
}

/** Build the after-visit summary from a draft. */
export function buildAfterVisitSummary(draft: Draft, opts: { targetGrade?: number } = {}): AfterVisitSummary {
  const targetGrade = opts.targetGrade ?? 6;
  const lines: SummaryLine[] = [{ text: 'Thank you for coming in today.', evidence: [] }];
  const cc = draft.sections.find((s) => s.code === 'chiefComplaint')?.sentences[0];
  if (cc) lines.push({ text: `You came in for: ${toPlain(cc.text.replace(/\.$/, '').toLowerCase())}.`, evidence: cc.evidence });
  const seen = new Set<string>();
  for (const p of draft.problems.slice(0, 6)) {
    const plain = toPlain(p.text.toLowerCase());
    if (seen.has(plain)) continue;
    seen.add(plain);
    lines.push({ text: `We talked about your ${plain}.`, evidence: p.evidence });
  }
  const ap = draft.sections.find((s) => s.code === 'assessmentPlan');
  const actions = new Set<string>();
  for (const s of ap?.sentences ?? []) {
    if (s.flagged) continue;
    for (const a of actionsFrom(s.text)) {
      if (actions.has(a)) continue;
      actions.add(a);
      lines.push({ text: a, evidence: s.evidence });
    }
  }
  lines.push({ text: 'Call us if you feel worse or have new problems.', evidence: [] });
  lines.push({ text: 'If it is an emergency, call 911.', evidence: [] });
  // Keep the grade at or under target: drop the hardest content lines until it fits.
  let kept = lines;
  const grade = (ls: SummaryLine[]): number => fleschKincaid(ls.map((l) => l.text).join('\n')).grade;
  while (grade(kept) > targetGrade && kept.length > 3) {
    let worst = -1;
    let worstGrade = -Infinity;
    kept.forEach((l, i) => {
      if (!l.evidence.length) return;
      const g = fleschKincaid(l.text).grade;
      if (g > worstGrade) {
        worstGrade = g;
        worst = i;
      }
    });
    if (worst < 0) break;
    kept = kept.filter((_, i) => i !== worst);
  }
  const text = kept.map((l) => l.text).join('\n');
  return { lines: kept, text, readability: fleschKincaid(text), targetGrade };
}
