/**
 * Cooperative time slicing for long loops on the HTTP thread. Validation, row preparation and
 * PGlite (PostgreSQL compiled to WebAssembly) all run on the thread that answers HTTP requests, so
 * a loop over a 100,000-entry bundle that never gives the event loop a turn stalls every other
 * request for its whole length. Awaiting an already-settled promise does not help (microtasks run
 * before any I/O); `setImmediate` does: timers and sockets are served, then the loop goes on.
 * See docs/benchmarks/store.md ("One big bundle").
 */
import { performance } from 'node:perf_hooks';

/** CPU time a loop may take before it lets other work run (a stall other requests can see). */
export const SLICE_MS = 10;

/**
 * Counts a slice of work; `due()` says when it is used up, `pause()` lets the event loop run.
 * @example
 * const slice = new TimeSlice();
 * for (const e of entries) {
 *   if (slice.due()) await slice.pause();
 *   check(e);
 * }
 */
export class TimeSlice {
  private start = performance.now();
  constructor(private readonly ms = SLICE_MS) {}

  due(): boolean {
    return performance.now() - this.start >= this.ms;
  }

  /** Give the event loop one turn (I/O callbacks, timers), then start a new slice. */
  async pause(): Promise<void> {
    await nextTurn();
    this.start = performance.now();
  }
}

/** Resolve after the event loop has served pending I/O and timers once. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
