/**
 * Measurements: vital signs (`BP 128/84`, `HR 92`, `T 38.4 C`, `101.2F`, `SpO2 94% on 2L`) and
 * labs (`Na 135`, `Cr 1.4 mg/dL`, `WBC 14.2`), normalised to the UCUM unit of their LOINC code.
 * Driven by tokens: only at a token that starts a known name is a sticky regex tried, so the cost
 * is linear in the text.
 */
import { MEASUREMENTS, OXYGEN_QUALIFIER, UNIT_ALIASES, type MeasurementDef } from './data/measurements';
import { normalizeWord, tokenize } from './tokens';
import { convertUcum } from './ucum';
import type { Measurement, Token } from './types';

interface NameEntry {
  def: MeasurementDef;
  /** Lower-case token texts of the name after its first token. */
  rest: string[];
  /** Exact (case-sensitive) first token, when the name is case-sensitive. */
  exact?: string;
}

const BY_FIRST = new Map<string, NameEntry[]>();
for (const def of MEASUREMENTS) {
  const add = (name: string, exact: boolean) => {
    const toks = tokenize(name).map((t) => name.slice(t.start, t.end));
    if (!toks.length) return;
    // keyed by the token's normalised form, so the scan needs no string work per token
    const first = normalizeWord(toks[0]!);
    const list = BY_FIRST.get(first) ?? [];
    list.push({ def, rest: toks.slice(1).map((t) => t.toLowerCase()), ...(exact ? { exact: toks[0]! } : {}) });
    BY_FIRST.set(first, list);
  };
  def.names.forEach((n) => add(n, false));
  def.exactNames?.forEach((n) => add(n, true));
}
// longer names first
for (const list of BY_FIRST.values()) list.sort((a, b) => b.rest.length - a.rest.length);

const UNIT_KEYS = Object.keys(UNIT_ALIASES)
  .sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'));
/** Separator, value, optional `/value2`, optional unit. */
const VALUE = new RegExp(
  `[ \\t]*(?:[:=~]|-(?=\\s)|\\s(?:of|was|is|now|at|were|are|of about|approximately|approx\\.?)\\s)?[ \\t]*[:=]?[ \\t]*(\\d{1,4}(?:\\.\\d{1,3})?)(?![\\d.]\\d)(?:[ \\t]*\\/[ \\t]*(\\d{1,3})(?!\\d|\\.\\d))?(?:[ \\t]*(${UNIT_KEYS.join('|')})(?![A-Za-z0-9]))?`,
  'iy',
);

/** Find measurements in `text`; pass the tokens when you have them. */
export function extractMeasurements(text: string, tokens: readonly Token[] = tokenize(text)): Measurement[] {
  const out: Measurement[] = [];
  let skipUntil = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || t.start < skipUntil) continue;
    const entries = BY_FIRST.get(t.norm);
    if (!entries) continue;
    const raw = text.slice(t.start, t.end);
    // "325 mg 2 tabs": a name right after a number is that number's unit
    if (i > 0 && tokens[i - 1]!.kind === 'number' && text.charCodeAt(tokens[i - 1]!.end) !== 10) continue;
    for (const e of entries) {
      if (e.exact !== undefined && e.exact !== raw) continue;
      let k = i + 1;
      let ok = true;
      for (const w of e.rest) {
        const tk = tokens[k];
        if (!tk || text.slice(tk.start, tk.end).toLowerCase() !== w) {
          ok = false;
          break;
        }
        k++;
      }
      if (!ok) continue;
      const nameEnd = tokens[k - 1]!.end;
      const m = parseValue(text, nameEnd, e.def, t.start);
      if (m) {
        out.push(m);
        skipUntil = m.end;
        break;
      }
    }
  }
  return out;
}

function parseValue(text: string, from: number, def: MeasurementDef, start: number): Measurement | undefined {
  VALUE.lastIndex = from;
  const m = VALUE.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  const value2 = m[2] !== undefined ? Number(m[2]) : undefined;
  const unitRaw = m[3] ?? '';
  let end = from + m[0].length;
  if (def.pair) {
    if (value2 === undefined) return undefined;
    if (value < def.min || value > def.max || value2 < 10 || value2 > 250 || value2 >= value) return undefined;
    return finish(def, start, end, value, value2, unitRaw, 'mm[Hg]');
  }
  if (value2 !== undefined) return undefined; // "HR 80/min"-like pairs are handled by the unit; a ratio is not ours
  let unit = unitRaw ? UNIT_ALIASES[unitRaw.toLowerCase().replace(/\s+/g, ' ')] : undefined;
  if (unitRaw && !unit) unit = UNIT_ALIASES[unitRaw.toLowerCase().replace(/\s+/g, '')];
  let v = value;
  let original: { value: number; unit: string } | undefined;
  // Implied units: a temperature above 50 is Fahrenheit; a weight is kilograms unless it says pounds.
  if (!unit && def.name === 'body-temperature' && value >= 86 && value <= 113) unit = '[degF]';
  if (unit && unit !== def.ucum) {
    const c = convertUcum(value, unit, def.ucum);
    if (c === undefined) {
      // a unit of another kind (e.g. `%` after a count): not this measurement's unit, leave it out
      if (unitRaw) end = from + m[0].length - m[3]!.length;
      unit = undefined;
    } else {
      original = { value, unit: unitRaw || unit };
      v = Math.round(c * 100) / 100;
    }
  }
  if (v < def.min || v > def.max) return undefined;
  const res = finish(def, start, trimEnd(text, start, end), v, undefined, unitRaw, def.ucum);
  if (original) res.original = original;
  if (def.name === 'oxygen-saturation') {
    OXYGEN_QUALIFIER.lastIndex = res.end;
    const q = OXYGEN_QUALIFIER.exec(text);
    if (q) {
      res.qualifier = q[1]!;
      res.end = res.end + q[0].length;
    }
  }
  return res;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function finish(
  def: MeasurementDef,
  start: number,
  end: number,
  value: number,
  value2: number | undefined,
  unit: string,
  ucum: string,
): Measurement {
  const m: Measurement = {
    start,
    end,
    name: def.name,
    display: def.display,
    category: def.category,
    loinc: def.loinc,
    value,
    unit,
    ucum,
    sentence: -1,
  };
  if (value2 !== undefined) m.value2 = value2;
  return m;
}
