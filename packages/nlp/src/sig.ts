/**
 * Medication signatures: from the text after (and just before) a drug mention, read strength,
 * dose, route, frequency (as a FHIR `Timing`), duration, PRN and its reason, and a status change.
 * Regular expressions over a bounded window, so the cost per medication is constant.
 * @see https://hl7.org/fhir/R4/dosage.html
 */
import { FREQUENCIES, GTS_SYSTEM, ROUTES, STATUS_WORDS } from './data/sig';
import type { MedicationSignature, Quantity, SigTiming, Span } from './types';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A phrase with optional dots and flexible spaces: `b.i.d` matches `bid`, `b.i.d.`, `B.I.D`. */
const flex = (p: string) =>
  p
    .split('')
    .map((ch) => (ch === '.' ? '\\.?' : ch === ' ' ? '\\s*' : esc(ch)))
    .join('');
const alternation = (phrases: string[]) =>
  [...phrases]
    .sort((a, b) => b.length - a.length)
    .map(flex)
    .join('|');

const FREQ_PHRASES = new Map<string, number>();
FREQUENCIES.forEach((f, i) => f.phrases.forEach((p) => FREQ_PHRASES.set(p.replace(/[.\s]/g, ''), i)));
const FREQ_RE = new RegExp(
  `(?<![A-Za-z0-9])(?:(q\\.?\\s*(\\d{1,2})(?:\\s*(?:-|to)\\s*(\\d{1,2}))?\\s*(h|hr|hrs|hours?|min|minutes?|d|days?|wk|weeks?)\\.?)|(every\\s+(\\d{1,2})(?:\\s*(?:-|to)\\s*(\\d{1,2}))?\\s*(hours?|hrs?|minutes?|min|days?|weeks?))|((\\d|one|two|three|four|five|six)\\s*(?:x|times)\\s*(?:a|per|\\/)\\s*(day|d|week|wk))|(${alternation(FREQUENCIES.flatMap((f) => f.phrases))}))(?![A-Za-z0-9])`,
  'i',
);
const ROUTE_RE = new RegExp(`(?<![A-Za-z0-9])(${alternation(ROUTES.flatMap((r) => r.phrases))})(?![A-Za-z0-9])`, 'i');
const ROUTE_BY_PHRASE = new Map<string, (typeof ROUTES)[number]>();
ROUTES.forEach((r) => r.phrases.forEach((p) => ROUTE_BY_PHRASE.set(p.replace(/[.\s]/g, ''), r)));

const NUM = '(\\d{1,6}(?:,\\d{3})*(?:\\.\\d+)?|\\.\\d+)';
const STRENGTH_RE = new RegExp(
  `(?<![A-Za-z0-9.])${NUM}\\s*(mg\\/ml|mg\\/kg|mcg\\/kg\\/min|mcg\\/hr|mcg\\/h|units\\/kg|units\\/hr|mg|mcg|µg|ug|gm|g|grams?|meq|mmol|%)(?![A-Za-z0-9])`,
  'i',
);
const WORD_NUM: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  half: 0.5,
  'one-half': 0.5,
  '1/2': 0.5,
};
const DOSE_RE = new RegExp(
  `(?<![A-Za-z0-9.])(${NUM.slice(1, -1)}|one|two|three|four|five|six|half|one-half|1\\/2)\\s*(tabs?|tablets?|caps?|capsules?|puffs?|drops?|gtts?|sprays?|patch(?:es)?|units?|u|iu|ml|cc|teaspoons?|tsp|tablespoons?|tbsp|suppositor(?:y|ies)|inhalations?|vials?|packets?|applications?|lozenges?)(?![A-Za-z0-9])`,
  'i',
);
/** The number words `DOSE_RE` knows (a dose without a digit has one of them). */
const NUMBER_WORD = /one|two|three|four|five|six|half/i;
const PRN_RE = /(?<![A-Za-z0-9])(p\.?r\.?n\.?|as needed|as necessary|when needed|if needed)(?![A-Za-z0-9])/i;
const DURATION_RE =
  /(?<![A-Za-z0-9])(?:x|for|times|over)\s*(\d{1,3})\s*(days?|d|weeks?|wks?|months?|mos?|hours?|hrs?|minutes?|min)(?![A-Za-z0-9])/i;
const STATUS_RE = new RegExp(
  `(?<![A-Za-z0-9])(${Object.keys(STATUS_WORDS)
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join('|')})(?![A-Za-z0-9])`,
  'i',
);
const STATUS_ALL = new RegExp(STATUS_RE.source, 'gi');
const STRENGTH_AT_END = new RegExp(`${STRENGTH_RE.source}\\s*$`, 'i');
/** Words that end a PRN reason. */
const REASON_STOP =
  /^(and|or|every|q\d*|po|iv|up|not|max|maximum|daily|bid|tid|qid|qhs|prn|with|at|x|for|mg|take|then|per|by|may|until)$/i;

const UCUM_OF: Record<string, string> = {
  mg: 'mg',
  mcg: 'ug',
  µg: 'ug',
  ug: 'ug',
  g: 'g',
  gm: 'g',
  gram: 'g',
  grams: 'g',
  meq: 'meq',
  mmol: 'mmol',
  '%': '%',
  'mg/ml': 'mg/mL',
  'mg/kg': 'mg/kg',
  'mcg/kg/min': 'ug/kg/min',
  'mcg/hr': 'ug/h',
  'mcg/h': 'ug/h',
  'units/kg': '[U]/kg',
  'units/hr': '[U]/h',
  unit: '[U]',
  units: '[U]',
  u: '[U]',
  iu: '[iU]',
  ml: 'mL',
  cc: 'mL',
  tab: '{tbl}',
  tabs: '{tbl}',
  tablet: '{tbl}',
  tablets: '{tbl}',
  cap: '{capsule}',
  caps: '{capsule}',
  capsule: '{capsule}',
  capsules: '{capsule}',
  puff: '{puff}',
  puffs: '{puff}',
  drop: '[drp]',
  drops: '[drp]',
  gtt: '[drp]',
  gtts: '[drp]',
  spray: '{spray}',
  sprays: '{spray}',
  teaspoon: '[tsp_us]',
  teaspoons: '[tsp_us]',
  tsp: '[tsp_us]',
  tablespoon: '[tbs_us]',
  tablespoons: '[tbs_us]',
  tbsp: '[tbs_us]',
};

const DURATION_UNIT: Record<string, 'd' | 'wk' | 'mo' | 'h' | 'min'> = { d: 'd', w: 'wk', m: 'mo', h: 'h' };

function parseNumber(s: string): number {
  const w = WORD_NUM[s.toLowerCase()];
  if (w !== undefined) return w;
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) ? n : NaN;
}

function periodUnitOf(u: string): 'h' | 'min' | 'd' | 'wk' {
  const l = u.toLowerCase();
  if (l.startsWith('m')) return 'min';
  if (l.startsWith('d')) return 'd';
  if (l.startsWith('w')) return 'wk';
  return 'h';
}

function timingOf(m: RegExpExecArray): SigTiming {
  if (m[1]) {
    const period = Number(m[2]);
    const periodMax = m[3] ? Number(m[3]) : undefined;
    const unit = periodUnitOf(m[4]!);
    const repeat: NonNullable<SigTiming['repeat']> = { frequency: 1, period, periodUnit: unit };
    if (periodMax !== undefined && periodMax > period) repeat.periodMax = periodMax;
    const t: SigTiming = { repeat };
    if (unit === 'h' && periodMax === undefined) t.code = { text: m[0], coding: [{ system: GTS_SYSTEM, code: `Q${period}H` }] };
    return t;
  }
  if (m[5]) {
    const period = Number(m[6]);
    const periodMax = m[7] ? Number(m[7]) : undefined;
    const repeat: NonNullable<SigTiming['repeat']> = { frequency: 1, period, periodUnit: periodUnitOf(m[8]!) };
    if (periodMax !== undefined && periodMax > period) repeat.periodMax = periodMax;
    return { repeat };
  }
  if (m[9]) {
    const frequency = parseNumber(m[10]!);
    const unit = m[11]!.toLowerCase().startsWith('w') ? 'wk' : 'd';
    return { repeat: { frequency, period: 1, periodUnit: unit } };
  }
  const key = m[12]!.toLowerCase().replace(/[.\s]/g, '');
  const def = FREQUENCIES[FREQ_PHRASES.get(key) ?? -1];
  if (!def) return { code: { text: m[0] } };
  const t: SigTiming = { repeat: { ...def.repeat } };
  if (def.code) t.code = { text: m[0], coding: [{ system: GTS_SYSTEM, code: def.code }] };
  else t.code = { text: m[0] };
  return t;
}

const DIGIT = /\d/;

/** Does `s` contain an ASCII digit (what `\d` matches)? A regex scan is native, faster than a loop. */
function hasDigit(s: string): boolean {
  return DIGIT.test(s);
}

/** The span in the text of a match (or of one of its groups) in a window starting at `w0`. */
function spanOf(w0: number, m: RegExpExecArray, group = 0): Span {
  const g = m[group] ?? m[0];
  const off = group ? m[0].indexOf(g) : 0;
  return { start: w0 + m.index + off, end: w0 + m.index + off + g.length };
}

/** A quantity with its span, keys in the order `value, unit, code?, start, end`. */
function quantityAt(value: number, unit: string, code: string | undefined, sp: Span): Quantity & Span {
  return code ? { value, unit, code, start: sp.start, end: sp.end } : { value, unit, start: sp.start, end: sp.end };
}

/**
 * Parse the signature in `text[window.start, window.end)`, with `before` (text just before the
 * drug name, for "5 mg coumadin" or "started lisinopril") searched for strength and status only.
 * Spans are offsets into `text`. Never throws; unknown parts are left out.
 */
export function parseSig(text: string, window: Span, before?: Span): MedicationSignature {
  const sig: MedicationSignature = {};
  const w0 = Math.max(0, Math.min(window.start, text.length));
  const w1 = Math.max(w0, Math.min(window.end, text.length));
  const s = text.slice(w0, w1);

  // strength and duration need a number: most windows have none, so skip those regexes there
  const digits = hasDigit(s);
  const strength = digits ? STRENGTH_RE.exec(s) : null;
  if (strength) {
    const value = parseNumber(strength[1]!);
    const unit = strength[2]!;
    if (Number.isFinite(value)) {
      const code = UCUM_OF[unit.toLowerCase()];
      sig.strength = quantityAt(value, unit, code, spanOf(w0, strength));
    }
  }
  // a dose needs a number, in digits or in words
  const dose = digits || NUMBER_WORD.test(s) ? DOSE_RE.exec(s) : null;
  if (dose) {
    const value = parseNumber(dose[1]!);
    const unit = dose[2]!;
    if (Number.isFinite(value)) {
      const code = UCUM_OF[unit.toLowerCase()];
      sig.dose = quantityAt(value, unit, code, spanOf(w0, dose));
    }
  }
  const route = ROUTE_RE.exec(s);
  if (route) {
    const def = ROUTE_BY_PHRASE.get(route[1]!.toLowerCase().replace(/[.\s]/g, ''));
    // "OD"/"OS" are also ophthalmic eyes; only read them as a route in capitals after drops.
    if (def && !(def.code === '54485002' && route[1]!.length === 2 && !sig.dose?.unit.toLowerCase().startsWith('d'))) {
      const sp = spanOf(w0, route, 1);
      sig.route = { text: route[1]!, code: def.code, display: def.display, start: sp.start, end: sp.end };
    }
  }
  const freq = FREQ_RE.exec(s);
  if (freq) {
    const sp = spanOf(w0, freq);
    sig.frequency = { text: freq[0], timing: timingOf(freq), start: sp.start, end: sp.end };
  }
  const prn = PRN_RE.exec(s);
  if (prn) {
    const span = spanOf(w0, prn);
    const rest = s.slice(prn.index + prn[0].length);
    const rm = /^\s*(?:for\s+|with\s+|:\s*)?((?:[A-Za-z][A-Za-z'-]*)(?:\s+[A-Za-z][A-Za-z'-]*){0,3})/.exec(rest);
    let reason: string | undefined;
    if (rm) {
      const words: string[] = [];
      for (const word of rm[1]!.split(/\s+/)) {
        if (REASON_STOP.test(word)) break;
        words.push(word);
      }
      if (words.length) reason = words.join(' ');
    }
    sig.asNeeded = { ...(reason ? { reason } : {}), ...span };
    if (sig.frequency) sig.frequency.timing = { ...sig.frequency.timing };
  }
  const duration = digits ? DURATION_RE.exec(s) : null;
  if (duration) {
    const value = Number(duration[1]);
    const code = DURATION_UNIT[duration[2]!.toLowerCase()[0]!];
    if (code && (code !== 'min' || duration[2]!.toLowerCase().startsWith('mi'))) {
      sig.duration = {
        value,
        unit: duration[2]!,
        code: duration[2]!.toLowerCase().startsWith('mi') ? 'min' : code,
        ...spanOf(w0, duration),
      };
    }
  }
  const status = STATUS_RE.exec(s);
  if (status) {
    const sp = spanOf(w0, status, 1);
    sig.status = { change: STATUS_WORDS[status[1]!.toLowerCase()]!, text: status[1]!, start: sp.start, end: sp.end };
  }
  if (before) {
    const b0 = Math.max(0, Math.min(before.start, text.length));
    const b1 = Math.max(b0, Math.min(before.end, text.length));
    const bs = text.slice(b0, b1);
    if (!sig.status) {
      let last: RegExpExecArray | undefined;
      STATUS_ALL.lastIndex = 0;
      for (let m = STATUS_ALL.exec(bs); m; m = STATUS_ALL.exec(bs)) last = m;
      if (last)
        sig.status = {
          change: STATUS_WORDS[last[1]!.toLowerCase()]!,
          text: last[1]!,
          start: b0 + last.index,
          end: b0 + last.index + last[1]!.length,
        };
    }
    if (!sig.strength) {
      const m = hasDigit(bs) ? STRENGTH_AT_END.exec(bs) : null;
      if (m) {
        const value = parseNumber(m[1]!);
        const code = UCUM_OF[m[2]!.toLowerCase()];
        if (Number.isFinite(value)) {
          sig.strength = {
            value,
            unit: m[2]!,
            ...(code ? { code } : {}),
            start: b0 + m.index,
            end: b0 + m.index + m[0].trimEnd().length,
          };
        }
      }
    }
  }
  return sig;
}
