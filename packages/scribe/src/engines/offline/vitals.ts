/**
 * Vital signs the clinician reads out ("your blood pressure is one twenty eight over seventy two,
 * heart rate seventy two") → labelled lines ("Blood Pressure: 128/72 mmHg."). Only numbers spoken in
 * the turn are used; nothing is inferred. Units are the conventional ones for each vital sign.
 */

const ONES: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const O = Object.keys(ONES).join('|');
const T = [...Object.keys(TENS), ...Object.keys(TEENS)].join('|');
/** A spoken or written 2–3 digit number: "128", "one twenty eight", "a hundred and ten", "seventy two". */
const NUM = `(?:\\d{2,3}(?:\\.\\d)?|(?:(?:one|a) hundred(?: and)?(?: (?:${T})(?:[ -](?:${O}))?)?|(?:(?:${O}) )?(?:${T})(?:[ -](?:${O}))?))`;

/** Value of a number phrase matched by NUM. */
export function spokenNumber(phrase: string): number | undefined {
  const p = phrase.trim();
  if (/^\d/.test(p)) return Number(p);
  const toks = p.split(/[\s-]+/).filter((w) => w !== 'and');
  let total = 0;
  let i = 0;
  if ((toks[0] === 'a' || toks[0] === 'one') && toks[1] === 'hundred') {
    total = 100;
    i = 2;
  } else if (toks[0]! in ONES && toks.length > 1 && (toks[1]! in TENS || toks[1]! in TEENS)) {
    total = ONES[toks[0]!]! * 100;
    i = 1;
  }
  for (; i < toks.length; i++) {
    const w = toks[i]!;
    const v = TENS[w] ?? TEENS[w] ?? ONES[w];
    if (v === undefined) return undefined;
    total += v;
  }
  return total || undefined;
}

const PATTERNS: { label: string; re: RegExp; format: (m: RegExpExecArray) => string | undefined }[] = [
  {
    label: 'Blood Pressure',
    re: new RegExp(`\\bblood pressure(?:'s| 's)?[^.?]{0,40}?\\b(${NUM}) over (${NUM})\\b`),
    format: (m) => {
      const a = spokenNumber(m[1]!);
      const b = spokenNumber(m[2]!);
      return a && b && a > b && a >= 70 && a <= 250 ? `${a}/${b} mmHg` : undefined;
    },
  },
  {
    label: 'Heart Rate',
    re: new RegExp(`\\b(?:heart rate|pulse(?: rate)?)(?: is| was| of| at)?(?: about| around)? (${NUM})\\b`),
    format: (m) => {
      const v = spokenNumber(m[1]!);
      return v && v >= 30 && v <= 220 ? `${v} beats per minute` : undefined;
    },
  },
  {
    label: 'Respiratory Rate',
    re: new RegExp(
      `\\b(?:respiratory rate|respirations?|breathing rate)(?: is| was| are| of| at)?(?: about| around)? (${NUM})\\b`,
    ),
    format: (m) => {
      const v = spokenNumber(m[1]!);
      return v && v >= 6 && v <= 60 ? `${v} breaths per minute` : undefined;
    },
  },
  {
    label: 'Oxygen Saturation',
    re: new RegExp(`\\b(?:o2 sat\\w*|oxygen(?: saturation| level)?|satting)[^.?]{0,30}?\\b(${NUM}) (?:percent|%)`),
    format: (m) => {
      const v = spokenNumber(m[1]!);
      return v && v >= 50 && v <= 100 ? `${v}%` : undefined;
    },
  },
];

/** Labelled vital-sign lines found in one clinician turn (lower-cased text). */
export function extractVitals(text: string): string[] {
  const low = text.toLowerCase().replace(/\s+,\s+/g, ' , ');
  const out: string[] = [];
  for (const p of PATTERNS) {
    const m = p.re.exec(low);
    const v = m ? p.format(m) : undefined;
    if (v) out.push(`${p.label}: ${v}.`);
  }
  return out;
}
