/**
 * Surrogates: realistic fake values chosen by HMAC(key, patientId | type | normalised original), so
 * the same original gets the same surrogate in every document of a patient, and nobody without the
 * key can tell which original a surrogate stands for (or link two patients by their surrogates).
 */
import type { PhiSpan } from './types';
import { hmac, uniform, type DerivedKeys } from './key';
import { FIRST_NAMES, SURNAMES, AMBIGUOUS_NAMES } from './data/names';
import { CITIES } from './data/locations';
import { shiftDateText, shiftYearText } from './dates';
import { safeHarborZip } from './data/restricted-zip3';

const ambiguous = new Set(AMBIGUOUS_NAMES);
const FIRST_POOL = FIRST_NAMES.filter((n) => !ambiguous.has(n) && n.length > 2);
const LAST_POOL = SURNAMES.filter((n) => !ambiguous.has(n) && n.length > 2);
const CITY_POOL = CITIES.filter((c) => !c.includes(' '));
const firstSet = new Set(FIRST_NAMES);
const HOSPITAL_POOL = LAST_POOL;

/** Copy the letter case of `like` onto `word`. */
export function matchCase(word: string, like: string): string {
  if (like.length > 1 && like === like.toUpperCase()) return word.toUpperCase();
  if (like === like.toLowerCase()) return word.toLowerCase();
  return word
    .split(/([\s-])/)
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w))
    .join('');
}

function pick<T>(pool: readonly T[], h: Buffer): T {
  return pool[uniform(h, pool.length)]!;
}

/** Replace each digit (and letter) with key-derived ones of the same kind, keeping punctuation. */
function scramble(text: string, h: Buffer): string {
  let i = 0;
  return text.replace(/[0-9A-Za-z]/g, (c) => {
    const b = h[i++ % 32]!;
    if (/\d/.test(c)) return String(b % 10);
    const l = String.fromCharCode(65 + (b % 26));
    return c === c.toLowerCase() ? l.toLowerCase() : l;
  });
}

export interface SurrogateContext {
  keys: DerivedKeys;
  patientId: string;
  offsetDays: number;
  referenceYear?: number;
}

/** The surrogate for one span (undefined: the caller falls back to a typed tag). */
export function surrogateFor(span: PhiSpan, ctx: SurrogateContext): string | undefined {
  const norm = span.text.toLowerCase().replace(/\s+/g, ' ').trim();
  const h = hmac(ctx.keys.surrogate, ctx.patientId, span.type, norm);
  switch (span.type) {
    case 'NAME': {
      if (/^[A-Za-z]\.?$/.test(span.text)) {
        const l = String.fromCharCode(65 + uniform(h, 26));
        return (span.text.endsWith('.') ? `${l}.` : l)[span.text === span.text.toLowerCase() ? 'toLowerCase' : 'toUpperCase']();
      }
      const pool = firstSet.has(norm) ? FIRST_POOL : LAST_POOL;
      return matchCase(pick(pool, h), span.text);
    }
    case 'LOCATION': {
      if (span.subtype === 'street')
        return matchCase(`${100 + uniform(h, 9000)} ${pick(LAST_POOL, h.subarray(4))} Street`, span.text);
      if (span.subtype === 'city') return matchCase(pick(CITY_POOL, h), span.text);
      if (/^[A-Z]{2,5}$/.test(span.text)) return scramble(span.text, h).replace(/[0-9]/g, 'X');
      return matchCase(pick(HOSPITAL_POOL, h), span.text);
    }
    case 'DATE':
      return shiftDateText(span.text, ctx.offsetDays, ctx.referenceYear);
    case 'DATE_YEAR':
      return shiftYearText(span.text, ctx.offsetDays);
    case 'AGE':
      return '90+';
    case 'PHONE': {
      // 555-01xx numbers are reserved for fiction (NANPA); keep the layout of the original.
      const s = scramble(span.text, h);
      const digits = s.replace(/\D/g, '');
      if (digits.length >= 10) {
        let k = 0;
        const want = digits.slice(0, digits.length - 7) + '55501' + digits.slice(-2);
        return s.replace(/\d/g, () => want[k++] ?? '0');
      }
      return s;
    }
    case 'EMAIL':
      return `user${h.toString('hex').slice(0, 8)}@example.org`;
    case 'URL':
      return `https://example.org/${h.toString('hex').slice(0, 10)}`;
    case 'IP':
      // TEST-NET-1 (RFC 5737) for IPv4; documentation prefix (RFC 3849) for IPv6
      return span.text.includes(':') ? `2001:db8::${h.readUInt16BE(0).toString(16)}` : `192.0.2.${1 + uniform(h, 254)}`;
    case 'SSN':
      // 9xx area numbers are never issued as SSNs
      return scramble(span.text, h).replace(/^\d/, '9');
    case 'ID':
      return scramble(span.text, h);
    case 'ZIP':
      return `${safeHarborZip(span.text)}00`;
    default:
      return undefined;
  }
}
