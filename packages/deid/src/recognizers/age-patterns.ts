/** Ages over 89 (Safe Harbor: 45 CFR 164.514(b)(2)(i)(C)) by pattern: "92 yo", "aged 91", "94 yof". */
import type { PatternRule } from './pattern-rule';

export const AGE_RULES: readonly PatternRule[] = [
  // Ages over 89.
  {
    re: /\b(9\d|1[01]\d|12[0-5])\s{0,2}(?:-\s?)?(?:y\.?\s?o\.?|yo|y\/o|yrs?\.?(?:[\s-]{1,2}old)?|years?(?:[\s-]{1,2}old)?|year-old|yr-old|-year-old|years? of age)(?![a-z])/gi,
    type: 'AGE',
    source: 'age',
    group: 1,
  },
  { re: /\b(?:age[ds]?|aged)\s{0,2}[:=]?\s{0,2}(9\d|1[01]\d|12[0-5])\b/gi, type: 'AGE', source: 'age-cue', group: 1 },
  {
    re: /\b(9\d|1[01]\d)\s?(?:m|f|yom|yof|y\.o\.m|y\.o\.f)\b/g,
    type: 'AGE',
    source: 'age-sex',
    group: 1,
    // "Tc-99m", "Technetium 99m" (an isotope), "0.95 m/sec", "99 F" after a temperature word
    check: (m, text) =>
      !/[.\d-]$|\b(?:tc|technetium|temp|temperature|tmax|t|fever|febrile)\s{0,2}-?\s{0,2}$/i.test(
        text.slice(Math.max(0, m.index - 14), m.index),
      ) && !/^\s?[/]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2)),
  },
];
