/**
 * Durable job queues behind one `JobQueue` API:
 * - PostgreSQL: pg-boss (shared by every process using the database; workers scale out);
 * - PGlite: the `jobs` table, worked by this process (in-process dispatch on `send`, plus a poll).
 *   Jobs left `active` by a process that died are picked up again when a worker starts.
 * A handler's return value is stored as the job's output (use a JSON object).
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { JobInfo, JobQueue, SqlClient } from './store';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

async function pollUntilDone<T>(get: () => Promise<JobInfo<T> | undefined>, id: string, timeoutMs: number): Promise<JobInfo<T>> {
  const deadline = Date.now() + timeoutMs;
  let delay = 20;
  for (;;) {
    const j = await get();
    if (!j) throw new Error(`Job ${id} not found`);
    if (TERMINAL.has(j.state)) return j;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for job ${id}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 1000);
}

interface JobRow {
  id: string;
  queue: string;
  state: JobInfo['state'];
  data: unknown;
  output: unknown;
  error: string | null;
  retry_limit: number;
  retry_count: number;
  created_at: Date | string;
  completed_at: Date | string | null;
}

function rowToInfo<T>(r: JobRow): JobInfo<T> {
  const j: JobInfo<T> = {
    id: r.id,
    queue: r.queue,
    state: r.state,
    data: r.data as T,
    createdAt: new Date(r.created_at).toISOString(),
  };
  if (r.output !== null && r.output !== undefined) j.output = r.output;
  if (r.error) j.error = r.error;
  if (r.completed_at) j.completedAt = new Date(r.completed_at).toISOString();
  return j;
}

type Handler = (data: unknown, job: { id: string }) => Promise<unknown>;

/** The table-backed queue (PGlite, one process). */
export class TableJobQueue implements JobQueue {
  private handlers = new Map<string, Handler>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly db: SqlClient,
    private readonly pollMs = 1000,
  ) {}

  async send<T>(queue: string, data: T, options: { retryLimit?: number; singletonKey?: string } = {}): Promise<string> {
    const id = randomUUID();
    const r = await this.db.query<{ id: string }>(
      `INSERT INTO jobs (id, queue, data, retry_limit, singleton_key) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [id, queue, JSON.stringify(data ?? null), options.retryLimit ?? 0, options.singletonKey ?? null],
    );
    if (!r.rows.length && options.singletonKey) {
      const ex = await this.db.query<{ id: string }>(
        `SELECT id FROM jobs WHERE queue = $1 AND singleton_key = $2 AND state IN ('created', 'active')`,
        [queue, options.singletonKey],
      );
      if (ex.rows[0]) return ex.rows[0].id;
    }
    if (this.handlers.has(queue)) this.kick();
    return id;
  }

  async work<T>(queue: string, handler: (data: T, job: { id: string }) => Promise<unknown>): Promise<void> {
    // Jobs a dead process left active go back to the queue (this process is the only worker).
    await this.db.query(`UPDATE jobs SET state = 'created', started_at = NULL WHERE queue = $1 AND state = 'active'`, [queue]);
    this.handlers.set(queue, handler as Handler);
    this.stopped = false;
    this.timer ??= setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.inFlight = this.drain()
      .catch(() => undefined) // e.g. the store was closed under a running poll; the next poll retries
      .finally(() => {
        this.running = false;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    const queues = [...this.handlers.keys()];
    while (!this.stopped) {
      const r = await this.db.query<JobRow>(
        `UPDATE jobs SET state = 'active', started_at = now()
         WHERE id = (SELECT id FROM jobs WHERE state = 'created' AND queue = ANY($1::text[]) ORDER BY created_at, id LIMIT 1)
         RETURNING *`,
        [queues],
      );
      const job = r.rows[0];
      if (!job) return;
      const handler = this.handlers.get(job.queue)!;
      try {
        const output = await handler(job.data, { id: job.id });
        await this.db.query(`UPDATE jobs SET state = 'completed', output = $2::jsonb, completed_at = now() WHERE id = $1`, [
          job.id,
          JSON.stringify(output ?? null),
        ]);
      } catch (err) {
        const retry = job.retry_count < job.retry_limit;
        await this.db.query(
          `UPDATE jobs SET state = $2, error = $3, retry_count = retry_count + 1, completed_at = CASE WHEN $2 = 'failed' THEN now() END
           WHERE id = $1`,
          [job.id, retry ? 'created' : 'failed', errorText(err)],
        );
      }
    }
  }

  async get<T>(id: string): Promise<JobInfo<T> | undefined> {
    const r = await this.db.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id]);
    return r.rows[0] ? rowToInfo<T>(r.rows[0]) : undefined;
  }

  wait<T>(id: string, timeoutMs = 60_000): Promise<JobInfo<T>> {
    return pollUntilDone(() => this.get<T>(id), id, timeoutMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
    this.handlers.clear();
  }
}

/** pg-boss on PostgreSQL; started lazily on first use. */
export class PgBossJobQueue implements JobQueue {
  private boss: PgBoss | undefined;
  private starting: Promise<PgBoss> | undefined;
  private queues = new Set<string>();

  constructor(private readonly options: { connectionString: string; schema: string }) {}

  private start(): Promise<PgBoss> {
    this.starting ??= (async () => {
      const boss = new PgBoss({
        connectionString: this.options.connectionString,
        schema: this.options.schema,
        max: 4,
        supervise: true,
        schedule: false,
      });
      boss.on('error', () => undefined);
      await boss.start();
      this.boss = boss;
      return boss;
    })();
    return this.starting;
  }

  private async queue(name: string): Promise<PgBoss> {
    const boss = await this.start();
    if (!this.queues.has(name)) {
      await boss.createQueue(name);
      this.queues.add(name);
    }
    return boss;
  }

  async send<T>(queue: string, data: T, options: { retryLimit?: number; singletonKey?: string } = {}): Promise<string> {
    const boss = await this.queue(queue);
    const id = await boss.send(queue, (data ?? {}) as object, {
      retryLimit: options.retryLimit ?? 0,
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    });
    if (!id) throw new Error(`Job not created on ${queue} (a singleton job with this key is pending)`);
    return id;
  }

  async work<T>(queue: string, handler: (data: T, job: { id: string }) => Promise<unknown>): Promise<void> {
    const boss = await this.queue(queue);
    await boss.work<T>(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
      const job = jobs[0]!;
      return handler(job.data, { id: job.id });
    });
  }

  async get<T>(id: string): Promise<JobInfo<T> | undefined> {
    const boss = await this.start();
    for (const q of this.queues.size ? this.queues : await this.knownQueues(boss)) {
      const j = await boss.getJobById<T>(q, id, { includeArchive: true });
      if (j) {
        const info: JobInfo<T> = {
          id: j.id,
          queue: j.name,
          state: j.state === 'retry' ? 'created' : j.state,
          data: j.data,
          createdAt: new Date(j.createdOn).toISOString(),
        };
        if (j.output !== null && j.output !== undefined) {
          if (j.state === 'failed')
            info.error = errorText((j.output as { message?: string }).message ?? JSON.stringify(j.output));
          else info.output = j.output;
        }
        if (j.completedOn) info.completedAt = new Date(j.completedOn).toISOString();
        return info;
      }
    }
    return undefined;
  }

  private async knownQueues(boss: PgBoss): Promise<Set<string>> {
    const qs = await boss.getQueues();
    for (const q of qs) this.queues.add(q.name);
    return this.queues;
  }

  wait<T>(id: string, timeoutMs = 60_000): Promise<JobInfo<T>> {
    return pollUntilDone(() => this.get<T>(id), id, timeoutMs);
  }

  async stop(): Promise<void> {
    if (!this.starting) return;
    const boss = await this.starting.catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
    this.boss = undefined;
    this.starting = undefined;
  }
}
