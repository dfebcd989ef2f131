/**
 * Bare years (`DATE_YEAR`), reported only with `years: true`: Safe Harbor allows years, the
 * PhysioNet gold standard annotates them. Four-digit years (not clock times or doses), two-digit
 * years with a cue ("'92", "CVA 74'"), after a diagnosis ("CABG 57") and before a procedure in a
 * history ("09 PTCA to LCX").
 */
import type { PhiSpan } from '../types';

/** Four-digit years 1800-2099. */
const YEAR4 = /\b(?:1[89]|20)\d\d\b/g;
/** Two-digit years with an apostrophe: '92, or after a word: CVA 74'. */
const YEAR2 = /(?:(?<![\d'])'(\d\d)\b(?!\s{0,2}(?:s\b|%))|\b[A-Za-z]{2,20}\.?\s{1,2}(\d\d)'(?![sS\w]))/g;
/** Diagnoses and procedures that are followed by the year they happened ("CABG 1957"). */
const YEAR_AFTER_DX = /\b(?:MI|CABG|CVA|PTCA|AVR|MVR|TURP|NQWMI|IMI|AMI|TIA|DVT|CHF|DX|S\/P|CA)\s{1,2}(\d\d)\b(?![\d/%']|\.\d)/gi;
/** A two-digit year before a procedure in a history: "09 PTCA to LCX", "13 stent to LCX". */
const YEAR_BEFORE_PROC = /(?<![\d.,/:'-])\b(\d\d)\s{1,2}(?=(?:PTCA|PCI|CABG|stents?|MI|NQWMI|IMI|AMI|CVA|AVR|MVR|TURP|cath)\b)/gi;
/** Words before a bare year: diagnoses, procedures, "since", "in", "born". */
const YEAR_CUE =
  /\b(?:mi|nstemi|stemi|nqwmi|cva|cabg|ptca|pci|avr|mvr|turp|chf|dx|dx'd|s\/p|hx|h\/o|surgery|repair|removed|stent|tia|copd|ca|cancer|dm|htn|pe|dvt|afib|born|since|in|year|yr|of|until)\s{0,2}[,:]?\s{0,2}$/i;

/** Add the bare years of a chunk of text at document offset `base`. */
export function findYears(text: string, base: number, spans: PhiSpan[]): void {
  fourDigitYears(text, base, spans);
  yearsAfterDiagnosis(text, base, spans);
  yearsBeforeProcedure(text, base, spans);
  twoDigitYears(text, base, spans);
}

/** "1992", "in 2001"; not a 24-hour clock time without a cue, a dose or a lab run. */
function fourDigitYears(text: string, base: number, spans: PhiSpan[]): void {
  let m: RegExpExecArray | null;
  YEAR4.lastIndex = 0;
  while ((m = YEAR4.exec(text))) {
    const v = m[0];
    const pre = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
    const post = text.slice(m.index + 4, m.index + 10).toLowerCase();
    const minutes = Number(v.slice(2));
    const cue = /(?:in|since|of|year|yr|from|until|circa|dx|dx'd|s\/p|')\s{0,2}$/.test(pre) || /^\s{0,2}(?:s\b|'s)/.test(post);
    // 24-hour clock times (1900, 2030) are not years unless a cue says so.
    const timey = minutes < 60 && Number(v.slice(0, 2)) <= 23;
    if (/^\s{0,2}(?:mg|mcg|ml|cc|units?|hrs?|h\b|am|pm|kcal|cal|gm?|kg|%|\/)/.test(post)) continue;
    // "1877-67-3.6" (lab values run together), "los -1963", "+1500": numbers, not years
    if (/^-\d/.test(post) || /[-+]\s?$/.test(pre) || /\d[-/]$/.test(pre)) continue;
    if (timey && !cue && !YEAR_CUE.test(pre)) continue;
    spans.push({ start: base + m.index, end: base + m.index + 4, type: 'DATE_YEAR', text: v, source: 'year4' });
  }
}

/** "CABG 57", "S/P MI 09": two digits after a diagnosis or procedure. */
function yearsAfterDiagnosis(text: string, base: number, spans: PhiSpan[]): void {
  let m: RegExpExecArray | null;
  YEAR_AFTER_DX.lastIndex = 0;
  while ((m = YEAR_AFTER_DX.exec(text))) {
    if (
      /^\s{0,2}(?:u\b|units?|mg|mcg|ml|cc|%|min|hrs?|days?|x\b)/i.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 8),
      )
    )
      continue;
    const at = m.index + m[0].length - 2;
    spans.push({ start: base + at, end: base + at + 2, type: 'DATE_YEAR', text: m[1]!, source: 'year-dx' });
  }
}

/** "09 PTCA to LCX": two digits before a procedure at the start of a history item. */
function yearsBeforeProcedure(text: string, base: number, spans: PhiSpan[]): void {
  let m: RegExpExecArray | null;
  YEAR_BEFORE_PROC.lastIndex = 0;
  while ((m = YEAR_BEFORE_PROC.exec(text))) {
    // only in a history list: the number starts a sentence or follows a diagnosis list separator
    const pre = text.slice(Math.max(0, m.index - 3), m.index);
    if (m.index > 0 && !/(?:[.;:,]\s{1,2}|\n\s?|^\s?)$/.test(pre)) continue;
    spans.push({ start: base + m.index, end: base + m.index + 2, type: 'DATE_YEAR', text: m[1]!, source: 'year-proc' });
  }
}

/** "'92", "CVA 74'": two digits with an apostrophe. */
function twoDigitYears(text: string, base: number, spans: PhiSpan[]): void {
  let m: RegExpExecArray | null;
  YEAR2.lastIndex = 0;
  while ((m = YEAR2.exec(text))) {
    const g = m[1] ?? m[2];
    if (!g) continue;
    const s = m[2] ? m.index + m[0].lastIndexOf(g + "'") : m.index + m[0].indexOf(g);
    // "CVA 74'", "SMOKING 62'": a trailing apostrophe year needs a diagnosis word or an upper-case abbreviation before it
    const pre2 = text.slice(Math.max(0, s - 24), s);
    if (m[2] && !YEAR_CUE.test(pre2) && !/\b(?!HOB\b)(?:[A-Z]{2,6}|[A-Za-z]{5,20})\s{1,2}$/.test(pre2)) continue;
    spans.push({ start: base + s, end: base + s + 2, type: 'DATE_YEAR', text: g, source: 'year2' });
  }
}
