/**
 * Overlap resolution: recognizers may find the same characters twice ("Calvert" as a place after
 * "from" and as an institution); the result has one span per character range.
 */
import type { PhiSpan, PhiType } from './types';

/** On equal length, the more specific type wins. */
const PRIORITY: Record<PhiType, number> = {
  EMAIL: 10,
  URL: 10,
  SSN: 9,
  PHONE: 8,
  IP: 8,
  ID: 7,
  DATE: 6,
  AGE: 6,
  ZIP: 5,
  LOCATION: 4,
  NAME: 3,
  DATE_YEAR: 2,
};

/**
 * Remove overlaps: the longer span wins; on equal length the more specific type. Returns spans
 * sorted by position.
 *
 * @example
 * resolveOverlaps([{ start: 0, end: 5, type: 'NAME', ... }, { start: 0, end: 12, type: 'LOCATION', ... }]) // the LOCATION
 */
export function resolveOverlaps(spans: PhiSpan[]): PhiSpan[] {
  const sorted = [...spans].sort(
    (a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || PRIORITY[b.type] - PRIORITY[a.type],
  );
  const out: PhiSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      const lenS = s.end - s.start;
      const lenL = last.end - last.start;
      if (lenS > lenL || (lenS === lenL && PRIORITY[s.type] > PRIORITY[last.type])) {
        // replace if it does not also collide with the one before
        const prev = out[out.length - 2];
        if (!prev || s.start >= prev.end) out[out.length - 1] = s;
      }
      continue;
    }
    out.push(s);
  }
  return out;
}
