/**
 * Garbage-collector settings for a long-running server process (`galen serve`).
 *
 * The HTTP thread holds ~80 MB of live heap (the capability packages' tables and models, Fastify,
 * PGlite's JS side). V8 starts a major collection when the old generation outgrows the live size
 * by a factor it picks from recent GC and allocation speeds; under steady request load it picks a
 * small factor, so the few MB/s that requests promote trigger a mark-compact every few seconds,
 * each stalling the thread 15-60 ms (docs/benchmarks/cds.md). A fixed factor of 3 makes them rare;
 * the price is up to ~3× the live heap in memory, about 250 MB here.
 *
 * V8 reads this flag whenever it recomputes the old generation's limit, so setting it after start
 * takes effect from the next collection on (Node keeps V8's flags writable for `v8.setFlagsFromString`).
 */
import { setFlagsFromString } from 'node:v8';

/** Heap growing factor for serving, as V8's `--heap-growing-percent` (factor = 1 + percent / 100). */
export const SERVE_HEAP_GROWING_PERCENT = 200;

/**
 * Apply the serving GC settings unless the operator chose their own (`--heap-growing-percent` in
 * the process's flags or `NODE_OPTIONS`). Returns the flag set, or undefined when left alone.
 */
export function tuneHeapForServing(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): string | undefined {
  const chosen = [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));
  if (chosen) return undefined;
  const flag = `--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`;
  setFlagsFromString(flag);
  return flag;
}
