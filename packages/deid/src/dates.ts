/**
 * Date shifting. Every date of a patient moves by the same number of days, so intervals between
 * them are kept exactly; the offset is HMAC(key, patientId), uniform over ±[365, 3650] days, never
 * stored. Dates are parsed from the surface form and written back in the same form.
 */
import { deriveKeys, hmac, uniform, type DerivedKeys } from './key';

export const MIN_SHIFT_DAYS = 365;
export const MAX_SHIFT_DAYS = 3650;

/** The per-patient shift in days (non-zero, uniform magnitude in [365, 3650], either sign). */
export function dateOffsetDays(keys: DerivedKeys, patientId: string): number {
  const h = hmac(keys.date, 'date-offset', patientId);
  const magnitude = MIN_SHIFT_DAYS + uniform(h, MAX_SHIFT_DAYS - MIN_SHIFT_DAYS + 1);
  return (h[31]! & 1) === 1 ? magnitude : -magnitude;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((m) => m.startsWith(w.slice(0, 3)));
}

function addDays(y: number, m: number, d: number, days: number): Date {
  return new Date(Date.UTC(y, m, d) + days * 86_400_000);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Zero-pad like the original: "07" -> two digits, "7" or "22" -> as needed. */
function padLike(n: number, like: string): string {
  return like.length >= 2 && like.startsWith('0') ? pad(n, 2) : String(n);
}

function expandYear(yy: string): number {
  if (yy.length === 4) return Number(yy);
  const n = Number(yy);
  return n < 30 ? 2000 + n : 1900 + n;
}

function yearOut(y: number, like: string): string {
  return like.length === 2 ? pad(y % 100, 2) : String(y);
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

function monthOut(m: number, like: string): string {
  const full = MONTHS[m]!;
  const abbr = like.replace(/\.$/, '').length <= 4 && like.toLowerCase() !== 'june' && like.toLowerCase() !== 'july';
  let w = abbr ? full.slice(0, like.replace(/\.$/, '').length === 4 && m === 8 ? 4 : 3) : full;
  if (like === like.toUpperCase()) w = w.toUpperCase();
  else if (/^[A-Z]/.test(like)) w = w[0]!.toUpperCase() + w.slice(1);
  return w + (like.endsWith('.') ? '.' : '');
}

/**
 * Shift one date string by `days`, keeping its format. Returns undefined when the string is not a
 * date this function understands (the caller then redacts it). `referenceYear` is used for dates
 * without a year ("7/22").
 */
export function shiftDateText(text: string, days: number, referenceYear = 2001): string | undefined {
  let m: RegExpExecArray | null;
  // ISO: 2187-03-04, with an optional time part that is kept.
  if ((m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(.*)$/.exec(text))) {
    const d = addDays(Number(m[1]), Number(m[3]) - 1, Number(m[4]), days);
    return `${d.getUTCFullYear()}${m[2]}${pad(d.getUTCMonth() + 1, m[3]!.length)}${m[2]}${pad(d.getUTCDate(), m[4]!.length)}${m[5]}`;
  }
  // m/d/yy(yy)
  if ((m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/.exec(text))) {
    const mo = Number(m[1]);
    const dayFirst = mo > 12;
    const month = dayFirst ? Number(m[3]) : mo;
    const day = dayFirst ? mo : Number(m[3]);
    const d = addDays(expandYear(m[4]!), month - 1, day, days);
    const a = dayFirst ? d.getUTCDate() : d.getUTCMonth() + 1;
    const b = dayFirst ? d.getUTCMonth() + 1 : d.getUTCDate();
    return `${padLike(a, m[1]!)}${m[2]}${padLike(b, m[3]!)}${m[2]}${yearOut(d.getUTCFullYear(), m[4]!)}`;
  }
  // m/d (no year) or m/yy
  if ((m = /^(\d{1,2})\/(\d{1,4})$/.exec(text))) {
    const a = Number(m[1]);
    const b = m[2]!;
    if (b.length === 4 || Number(b) > 31) {
      const d = addDays(expandYear(b), a - 1, 15, days);
      return `${padLike(d.getUTCMonth() + 1, m[1]!)}/${yearOut(d.getUTCFullYear(), b)}`;
    }
    const d = addDays(referenceYear, a - 1, Number(b), days);
    return `${padLike(d.getUTCMonth() + 1, m[1]!)}/${padLike(d.getUTCDate(), b)}`;
  }
  // 22-Jul, 22 July 2187, 22nd of July
  if ((m = /^(\d{1,2})(st|nd|rd|th)?([-\s](?:of\s)?)([A-Za-z]+\.?)(?:([-\s,]{1,3})('?)(\d{2}|\d{4}))?$/i.exec(text))) {
    const mi = monthIndex(m[4]!);
    if (mi < 0) return undefined;
    const y = m[7] ? expandYear(m[7]) : referenceYear;
    const d = addDays(y, mi, Number(m[1]), days);
    const dd = m[2] ? `${d.getUTCDate()}${ordinal(d.getUTCDate())}` : padLike(d.getUTCDate(), m[1]!);
    return `${dd}${m[3]}${monthOut(d.getUTCMonth(), m[4]!)}${m[7] ? `${m[5]}${m[6]}${yearOut(d.getUTCFullYear(), m[7])}` : ''}`;
  }
  // July 22nd, Jul 22, 2187
  if ((m = /^([A-Za-z]+\.?)([-\s]{1,2})(\d{1,2})(st|nd|rd|th)?(?:(,?\s{0,2})('?)(\d{4}|\d{2}))?$/i.exec(text))) {
    const mi = monthIndex(m[1]!);
    if (mi < 0) return undefined;
    const y = m[7] ? expandYear(m[7]) : referenceYear;
    const d = addDays(y, mi, Number(m[3]), days);
    const dd = m[4] ? `${d.getUTCDate()}${ordinal(d.getUTCDate())}` : padLike(d.getUTCDate(), m[3]!);
    return `${monthOut(d.getUTCMonth(), m[1]!)}${m[2]}${dd}${m[7] ? `${m[5]}${m[6]}${yearOut(d.getUTCFullYear(), m[7])}` : ''}`;
  }
  // July 2187, Jul-87
  if ((m = /^([A-Za-z]+\.?)(,?\s{1,2}|-)('?)(\d{4}|\d{2})$/i.exec(text))) {
    const mi = monthIndex(m[1]!);
    if (mi < 0) return undefined;
    const d = addDays(expandYear(m[4]!), mi, 15, days);
    return `${monthOut(d.getUTCMonth(), m[1]!)}${m[2]}${m[3]}${yearOut(d.getUTCFullYear(), m[4]!)}`;
  }
  // a month on its own
  if ((m = /^([A-Za-z]+\.?)$/.exec(text))) {
    const mi = monthIndex(m[1]!);
    if (mi < 0) return undefined;
    const d = addDays(referenceYear, mi, 15, days);
    return monthOut(d.getUTCMonth(), m[1]!);
  }
  return undefined;
}

/** Shift a bare year ("1992", "'92", "92") by the offset, taken from mid-year. */
export function shiftYearText(text: string, days: number): string {
  const digits = text.replace(/\D/g, '');
  const y = expandYear(digits);
  const d = addDays(y, 6, 2, days);
  return text.replace(digits, yearOut(d.getUTCFullYear(), digits));
}

/**
 * Shift a FHIR date, dateTime or instant (https://hl7.org/fhir/R4/datatypes.html#dateTime):
 * `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or with a time. Partial dates keep their precision.
 */
export function shiftFhirDate(value: string, days: number): string | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(value))) {
    const d = addDays(Number(m[1]), Number(m[2]) - 1, Number(m[3]), days);
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}${m[4] ?? ''}`;
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) {
    const d = addDays(Number(m[1]), Number(m[2]) - 1, 15, days);
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}`;
  }
  if ((m = /^(\d{4})$/.exec(value))) {
    const d = addDays(Number(m[1]), 6, 2, days);
    return pad(d.getUTCFullYear(), 4);
  }
  return undefined;
}

/** The date offset for a patient under a secret key (for the key holder's own records). */
export function patientDateOffset(key: Uint8Array, patientId: string): number {
  return dateOffsetDays(deriveKeys(key), patientId);
}
