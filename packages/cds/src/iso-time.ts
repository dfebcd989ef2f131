/**
 * Milliseconds since the epoch of an ISO 8601 date-time, as `Date.parse` gives them, with a fast
 * path for the form FHIR servers send (`YYYY-MM-DDThh:mm:ss[.sss](Z|±hh:mm)`): reading the digits
 * directly is several times cheaper than `Date.parse`, which matters when a state is built from
 * hundreds of Observations per call. Any other form goes to `Date.parse`, so results are identical.
 * @see https://hl7.org/fhir/R4/datatypes.html#dateTime
 * @see https://tc39.es/ecma262/#sec-date-time-string-format
 */

const DAY_MS = 86_400_000;

/** Days from 1970-01-01 to the civil date (proleptic Gregorian; day may exceed the month, as in `Date.parse`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The value of `n` ASCII digits at `i`, or -1 when one is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** `Date.parse(s)`, faster for the usual FHIR instant forms. */
export function parseIsoTime(s: string): number {
  const n = s.length;
  if (
    (n === 20 || n === 24 || n === 25 || n === 29) &&
    s.charCodeAt(4) === 45 && // -
    s.charCodeAt(7) === 45 &&
    s.charCodeAt(10) === 84 && // T
    s.charCodeAt(13) === 58 && // :
    s.charCodeAt(16) === 58
  ) {
    const year = digits(s, 0, 4);
    const month = digits(s, 5, 2);
    const day = digits(s, 8, 2);
    const hour = digits(s, 11, 2);
    const minute = digits(s, 14, 2);
    const second = digits(s, 17, 2);
    let i = 19;
    let ms = 0;
    if (n === 24 || n === 29) {
      if (s.charCodeAt(19) !== 46) return Date.parse(s); // .
      ms = digits(s, 20, 3);
      i = 23;
    }
    let offset = 0;
    const z = s.charCodeAt(i);
    if (n - i === 1) {
      if (z !== 90) return Date.parse(s); // Z
    } else {
      if ((z !== 43 && z !== 45) || s.charCodeAt(i + 3) !== 58) return Date.parse(s); // + - :
      const oh = digits(s, i + 1, 2);
      const om = digits(s, i + 4, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return Date.parse(s);
      offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
    }
    if (
      year >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    )
      return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offset;
  }
  return Date.parse(s);
}
