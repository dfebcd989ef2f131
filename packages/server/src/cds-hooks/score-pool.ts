/**
 * A small pool of worker threads for `patient-view`: JSON parsing of the prefetch (tens of KB per
 * call) and scoring are most of a call's CPU, so they run beside the HTTP thread instead of on it.
 * Jobs go to the ready worker with the fewest in flight (while none is ready, `run` refuses and the
 * caller scores on its own thread). If a worker dies its jobs fail with
 * `ScorePoolError` (the caller then scores on its own thread) and it is replaced; after repeated
 * failures the pool turns itself off.
 */
import { Worker } from 'node:worker_threads';
import type { OperationOutcome } from '@galen/fhir';
import type { CallerScope, PatientViewReply } from '@galen/cds';

/**
 * One `patient-view` to score. The worker only ever scores a prefetch the caller sent, and such a
 * result is never persisted (it is the caller's data, not the chart's), so no assessment comes back.
 */
export interface ScoreJob extends CallerScope {
  id: number;
  serviceId: string;
  /** The raw request body (JSON text). */
  body: string;
  now: string;
}

export type ScoreReply =
  /** `reply` undefined: the prefetch lacks something; the caller fetches it and scores. */
  | { id: number; reply: PatientViewReply | undefined }
  | { id: number; outcome: OperationOutcome }
  | { id: number; message: string };

/** The pool could not run the job (worker failed or pool closed); nothing was decided about the request. */
export class ScorePoolError extends Error {}

interface Slot {
  worker: Worker;
  inFlight: Set<number>;
  /** The worker has loaded its modules and the model. */
  ready: boolean;
}

interface Pending {
  resolve: (r: ScoreReply) => void;
  reject: (err: Error) => void;
  slot: Slot;
}

const MAX_FAILURES = 3;

function bootCode(): string {
  const entry = new URL(`./score-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  if (!import.meta.url.endsWith('.ts')) return `import(${JSON.stringify(entry)});`;
  // Galen runs from TypeScript sources through tsx; a worker needs the loader registered too
  // (the CLI registers it in-process, so workers do not inherit it from execArgv).
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}

export class ScorePool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failures = 0;
  private closed = false;
  private markReady: () => void = () => undefined;
  /** Resolves when a worker is ready, or when the pool has given up (then `available` stays false). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.markReady = resolve));

  constructor(
    readonly size: number,
    private readonly onFailure: (message: string) => void = () => undefined,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** True when a worker is ready to take jobs (false while booting, once closed, after repeated failures). */
  get available(): boolean {
    return !this.closed && this.failures < MAX_FAILURES && this.slots.some((s) => s.ready);
  }

  private spawn(): Slot {
    const worker = new Worker(bootCode(), { eval: true });
    worker.unref();
    const slot: Slot = { worker, inFlight: new Set(), ready: false };
    worker.on('message', (r: ScoreReply | { ready: true }) => {
      if ('ready' in r) {
        slot.ready = true;
        this.markReady();
        return;
      }
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      slot.inFlight.delete(r.id);
      p.resolve(r);
    });
    const fail = (why: string) => {
      if (!this.slots.includes(slot)) return;
      this.slots.splice(this.slots.indexOf(slot), 1);
      for (const id of slot.inFlight) {
        this.pending.get(id)?.reject(new ScorePoolError(why));
        this.pending.delete(id);
      }
      slot.inFlight.clear();
      if (this.closed) return;
      this.failures++;
      this.onFailure(why);
      void worker.terminate();
      if (this.failures < MAX_FAILURES) this.slots.push(this.spawn());
      else this.markReady();
    };
    worker.on('error', (err) => fail(`scoring worker failed: ${err.message}`));
    worker.on('exit', (code) => fail(`scoring worker exited (${code})`));
    return slot;
  }

  /** Run one job on the least busy worker. */
  run(job: Omit<ScoreJob, 'id'>): Promise<ScoreReply> {
    if (!this.available) return Promise.reject(new ScorePoolError('scoring pool unavailable'));
    let slot: Slot | undefined;
    for (const s of this.slots) if (s.ready && (!slot || s.inFlight.size < slot.inFlight.size)) slot = s;
    if (!slot) return Promise.reject(new ScorePoolError('scoring pool unavailable'));
    const to = slot;
    const id = this.nextId++;
    return new Promise<ScoreReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot: to });
      to.inFlight.add(id);
      // The body is copied, not transferred: the caller still needs it when the worker says "fetch first".
      to.worker.postMessage({ ...job, id } satisfies ScoreJob);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.markReady();
    const slots = this.slots.splice(0);
    for (const p of this.pending.values()) p.reject(new ScorePoolError('scoring pool closed'));
    this.pending.clear();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
