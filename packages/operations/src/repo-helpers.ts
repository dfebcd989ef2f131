/**
 * Repository helpers for the areas' services (`<area>/service.ts`), which are the only code that
 * reads the repository. Not for `operations.ts` files.
 */
import type { Resource } from '@galen/fhir';
import type { FhirRepository } from '@galen/store';

export interface SearchAllOptions {
  /** Stop once this many resources are read (default 5000). */
  cap?: number;
  /** A failed page ends the search with what was read so far instead of throwing. */
  stopOnError?: boolean;
}

/**
 * Every match of a search, page by page (1000 per page, `_offset` paging), up to `cap`.
 * @example await searchAll<Observation>(repo, 'Observation', [{ name: 'patient', value: 'Patient/p1' }])
 */
export async function searchAll<T extends Resource>(
  repo: FhirRepository,
  resourceType: string,
  params: ReadonlyArray<{ name: string; value: string }>,
  opts: SearchAllOptions = {},
): Promise<T[]> {
  const cap = opts.cap ?? 5000;
  const out: T[] = [];
  let offset = 0;
  for (;;) {
    let res;
    try {
      res = await repo.search<T>({
        resourceType,
        params: [...params, { name: '_count', value: '1000' }, { name: '_offset', value: String(offset) }],
      });
    } catch (err) {
      if (opts.stopOnError) break;
      throw err;
    }
    out.push(...res.resources);
    if (res.nextOffset === undefined || res.nextOffset <= offset || out.length >= cap || !res.resources.length) break;
    offset = res.nextOffset;
  }
  return out;
}

/** One page of a search, or nothing when the store cannot answer it (e.g. a parameter it does not index). */
export async function searchSafe<T extends Resource>(
  repo: FhirRepository,
  resourceType: string,
  params: Array<{ name: string; value: string }>,
): Promise<T[]> {
  try {
    return (await repo.search<T>({ resourceType, params })).resources;
  } catch {
    return [];
  }
}
