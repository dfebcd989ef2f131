/**
 * The pattern recognizer: regular-expression rules for identifiers, dates, ages and addresses, in
 * this order, then bare years when asked for. Pattern spans are found before the token view's cue
 * recognizers run; the tokens they cover are claimed so that no name or place is found inside them.
 */
import type { PhiSpan } from '../types';
import { ADDRESS_RULES } from './address-patterns';
import { AGE_RULES } from './age-patterns';
import { DATE_RULES } from './date-patterns';
import { IDENTIFIER_RULES } from './identifier-patterns';
import { runPatternRules, type PatternRule } from './pattern-rule';
import { findYears } from './year-patterns';

export const PATTERN_RULES: readonly PatternRule[] = [...IDENTIFIER_RULES, ...DATE_RULES, ...AGE_RULES, ...ADDRESS_RULES];

/** The pattern spans of a chunk of text at document offset `base` (with bare years when `years`). */
export function findPatterns(text: string, base: number, years: boolean): PhiSpan[] {
  const spans: PhiSpan[] = [];
  runPatternRules(PATTERN_RULES, text, base, spans);
  if (years) findYears(text, base, spans);
  return spans;
}
