/**
 * Paging over a whole searchset bundle, for operations whose store query is not paged
 * (`Patient/$everything`). Each page still costs the whole query: fine for one patient's record,
 * to be replaced by a paged store query when records grow large.
 * @see https://hl7.org/fhir/R4/patient-operation-everything.html
 */
import type { Bundle } from '@medplum/fhirtypes';

export interface PageRequest {
  /** Page size (`_count`); absent: the whole bundle. */
  _count?: number | undefined;
  /** First entry of the page (`_offset`, Galen's paging parameter as in searches). */
  _offset?: number | undefined;
}

/**
 * Entries `[offset, offset + count)` of `bundle`, `total` of the whole, and `self`/`next`/
 * `previous` links relative to the server base (`path?_count=..&_offset=..`), which the REST layer
 * makes absolute.
 * @example pageOfBundle(everything, { _count: 50 }, 'Patient/123/$everything')
 */
export function pageOfBundle(bundle: Bundle, page: PageRequest, path: string): Bundle {
  const entries = bundle.entry ?? [];
  const total = bundle.total ?? entries.length;
  const offset = page._offset ?? 0;
  if (page._count === undefined && offset === 0) return { ...bundle, total };
  const count = page._count ?? entries.length;
  const link = (relation: string, at: number) => ({ relation, url: `${path}?_count=${count}&_offset=${at}` });
  const links = [link('self', offset)];
  if (offset + count < entries.length) links.push(link('next', offset + count));
  if (offset > 0) links.push(link('previous', Math.max(0, offset - count)));
  return { ...bundle, total, link: links, entry: entries.slice(offset, offset + count) };
}
