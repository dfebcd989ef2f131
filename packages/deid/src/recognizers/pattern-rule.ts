/**
 * Pattern rules: a regular expression with a type, an optional capture group holding the PHI and an
 * optional check of the match in its text. Every expression has bounded repetition and no nested
 * ambiguous quantifiers, so matching runs in linear time.
 */
import type { PhiSpan, PhiType } from '../types';

export interface PatternRule {
  re: RegExp;
  type: PhiType;
  subtype?: string;
  source: string;
  /** Capture group holding the PHI (default: whole match). */
  group?: number;
  check?: (m: RegExpExecArray, text: string) => boolean;
}

/** Run the rules in order over a chunk of text at document offset `base`, adding their spans. */
export function runPatternRules(rules: readonly PatternRule[], text: string, base: number, spans: PhiSpan[]): void {
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(text))) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      if (rule.check && !rule.check(m, text)) continue;
      let s = m.index;
      let str = m[0];
      if (rule.group !== undefined) {
        const g = m[rule.group];
        if (g === undefined) continue;
        s = m.index + m[0].lastIndexOf(g);
        str = g;
      }
      spans.push({
        start: base + s,
        end: base + s + str.length,
        type: rule.type,
        text: str,
        source: rule.source,
        ...(rule.subtype ? { subtype: rule.subtype } : {}),
      });
    }
  }
}
