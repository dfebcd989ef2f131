/**
 * The PHI guard: other packages (the LLM provider first) call it before text leaves the process.
 * It detects PHI and says whether the text may go as it is; `redacted` is a safe version to send
 * instead.
 */
import type { PhiSpan, PhiType } from './types';
import { detectPhi, type DetectOptions } from './detect';
import { applyReplacements, redactionTag } from './deidentify';

export interface PhiGuardOptions extends DetectOptions {
  /** Types that may pass (default: none; bare years are not detected unless `years: true`). */
  allow?: readonly PhiType[];
}

export interface PhiGuardResult {
  /** True when no PHI (of a type not allowed) was found. */
  ok: boolean;
  /** What was found (type, offsets, text, rule). */
  findings: PhiSpan[];
  /** The text with every finding replaced by a `[**TYPE**]` tag (equal to the input when ok). */
  redacted: string;
}

/**
 * Check text for PHI before it leaves the process.
 *
 * @example
 * const g = phiGuard(prompt);
 * if (!g.ok) prompt = g.redacted; // or refuse to send
 */
export function phiGuard(text: string, options: PhiGuardOptions = {}): PhiGuardResult {
  // Anything that is not a string cannot be checked, so it does not pass.
  if (typeof text !== 'string') return { ok: false, findings: [], redacted: '' };
  const input = text;
  const allow = new Set(options.allow ?? []);
  const findings = detectPhi(input, options).filter((s) => !allow.has(s.type));
  const redacted = findings.length
    ? applyReplacements(
        input,
        findings.map((s) => ({ ...s, replacement: redactionTag(s.type) })),
      )
    : input;
  return { ok: findings.length === 0, findings, redacted };
}
