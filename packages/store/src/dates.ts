/**
 * FHIR dates as closed ranges of instants: `2020` is 2020-01-01T00:00:00.000Z through
 * 2020-12-31T23:59:59.999Z. Times without a zone are taken as UTC.
 * @see https://hl7.org/fhir/R4/search.html#date
 */

export interface DateRange {
  /** ISO instant, or `-infinity`. */
  start: string;
  /** ISO instant, or `infinity`. */
  end: string;
}

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** Parse a FHIR date/dateTime/instant (any precision) into the range it denotes. */
export function dateRange(value: string): DateRange | undefined {
  const m = DATE_RE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, hh, mi, ss, frac, tz] = m;
  const year = Number(y);
  if (!mo) return { start: iso(Date.UTC(year, 0, 1)), end: iso(Date.UTC(year + 1, 0, 1) - 1) };
  const month = Number(mo) - 1;
  if (month < 0 || month > 11) return undefined;
  if (!d) return { start: iso(Date.UTC(year, month, 1)), end: iso(Date.UTC(year, month + 1, 1) - 1) };
  const day = Number(d);
  if (day < 1 || day > 31) return undefined;
  if (!hh) return { start: iso(Date.UTC(year, month, day)), end: iso(Date.UTC(year, month, day + 1) - 1) };
  const offsetMs =
    tz && tz !== 'Z' ? (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6))) * 60_000 : 0;
  const base = Date.UTC(year, month, day, Number(hh), Number(mi)) - offsetMs;
  if (Number.isNaN(base)) return undefined;
  if (!ss) return { start: iso(base), end: iso(base + 60_000 - 1) };
  const sec = base + Number(ss) * 1000;
  if (!frac) return { start: iso(sec), end: iso(sec + 999) };
  const ms = Math.floor(Number(frac) * 1000);
  return { start: iso(sec + ms), end: iso(sec + ms) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The union of two ranges. */
export function spanOf(a: DateRange | undefined, b: DateRange | undefined): DateRange | undefined {
  if (!a) return b;
  if (!b) return a;
  return { start: minOf(a.start, b.start), end: maxOf(a.end, b.end) };
}

const minOf = (x: string, y: string) => (x === '-infinity' || y === '-infinity' ? '-infinity' : x < y ? x : y);
const maxOf = (x: string, y: string) => (x === 'infinity' || y === 'infinity' ? 'infinity' : x > y ? x : y);

/** A FHIR Period as a range; a missing bound is unbounded. */
export function periodRange(p: { start?: string; end?: string } | undefined): DateRange | undefined {
  if (!p || (!p.start && !p.end)) return undefined;
  const s = p.start ? dateRange(p.start) : undefined;
  const e = p.end ? dateRange(p.end) : undefined;
  if ((p.start && !s) || (p.end && !e)) return undefined;
  return { start: s?.start ?? '-infinity', end: e?.end ?? 'infinity' };
}

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

/** Split `ge2020-01-01` into prefix and value. */
export function splitPrefix(value: string): { prefix: DatePrefix; value: string } {
  const m = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)(.*)$/.exec(value);
  return m ? { prefix: m[1] as DatePrefix, value: m[2]! } : { prefix: 'eq', value };
}
