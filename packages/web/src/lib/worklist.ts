/** Worklist rows: sorting, filtering and search, kept out of React so they are testable. */
// The row shape is the API's own (`worklist.list`); a type-only import, erased from the bundle.
import type { WorklistRow } from '@galen/operations/worklist/operations';
export type { WorklistRow };

export type SortKey = 'news2' | 'sepsisRisk' | 'openAlerts' | 'name' | 'location';
export interface WorklistQuery {
  search?: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  /** Only patients with at least this NEWS2. */
  minNews2?: number;
  onlyAlerts?: boolean;
  location?: string;
}

/** NEWS2 clinical risk band. Source: RCP NEWS2 (2017), chart 2: 0–4 low, 3 in one parameter low-medium, 5–6 medium, ≥7 high. */
export function news2Band(score: number | undefined): 'none' | 'low' | 'medium' | 'high' {
  if (score === undefined) return 'none';
  if (score >= 7) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

function compare(a: WorklistRow, b: WorklistRow, key: SortKey): number {
  const av = a[key];
  const bv = b[key];
  if (typeof av === 'string' || typeof bv === 'string') return String(av ?? '').localeCompare(String(bv ?? ''));
  // Missing numbers sort last whichever the direction.
  if (av === undefined && bv === undefined) return 0;
  if (av === undefined) return Number.NaN;
  if (bv === undefined) return -Number.NaN;
  return (av as number) - (bv as number);
}

export function queryWorklist(rows: WorklistRow[], q: WorklistQuery): WorklistRow[] {
  const needle = q.search?.trim().toLowerCase();
  const filtered = rows.filter(
    (r) =>
      (!needle ||
        r.name.toLowerCase().includes(needle) ||
        r.patientId.toLowerCase().includes(needle) ||
        (r.location ?? '').toLowerCase().includes(needle)) &&
      (q.minNews2 === undefined || (r.news2 ?? -1) >= q.minNews2) &&
      (!q.onlyAlerts || r.openAlerts > 0) &&
      (!q.location || r.location === q.location),
  );
  const sign = q.dir === 'asc' ? 1 : -1;
  return filtered.sort((a, b) => {
    const aMissing = a[q.sort] === undefined;
    const bMissing = b[q.sort] === undefined;
    if (aMissing !== bMissing) return aMissing ? 1 : -1;
    const c = compare(a, b, q.sort);
    return (Number.isNaN(c) ? 0 : c * sign) || a.name.localeCompare(b.name);
  });
}

export function trendOf(values: number[], tolerance = 0.02): 'up' | 'down' | 'flat' | undefined {
  if (values.length < 2) return undefined;
  const last = values[values.length - 1] as number;
  const prev = values[values.length - 2] as number;
  if (last > prev + tolerance) return 'up';
  if (last < prev - tolerance) return 'down';
  return 'flat';
}
