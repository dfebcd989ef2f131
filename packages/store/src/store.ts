/**
 * The Store: everything Galen keeps in its database, behind one handle.
 * `openStore(config)` picks PGlite (a folder, the default) or PostgreSQL (DATABASE_URL).
 */
import type { AuditEvent, Resource } from '@medplum/fhirtypes';
import type { Actor, FhirRepository, Role } from './repository';

/** Minimal SQL client both drivers (PGlite, pg) are adapted to. Parameters are `$1, $2, ...`. */
export interface SqlClient {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number }>;
  /** Run `fn` in one database transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Run SQL text that may hold several statements and no parameters (migrations). */
  exec?(sql: string): Promise<void>;
  /**
   * Check that the database answers (`select 1`); rejects when it fails. On PGlite, whose one
   * connection a long transaction (a big import) holds, a statement that transaction finished in
   * the last `recentMs` shows the engine is working: the check answers `busy` at once instead of
   * queueing behind the transaction.
   */
  health?(recentMs?: number): Promise<SqlHealth>;
  /**
   * The database runs on this thread (PGlite): while a statement runs, no request is answered, so
   * long work is split into short statements.
   */
  readonly onThisThread?: boolean;
}

/** What `SqlClient.health` found. */
export interface SqlHealth {
  /** A transaction holds the only connection: for how long, and when its last statement ended (ms ago). */
  busy?: { transactionMs: number; lastStatementMs: number };
}

export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';
/** 0 success, 4 minor failure (caller's error), 8 serious failure, 12 major failure. @see https://hl7.org/fhir/R4/valueset-audit-event-outcome.html */
export type AuditOutcome = '0' | '4' | '8' | '12';

/** What an audit row holds: who did what to which patient, never resource content. */
export interface AuditRecord {
  action: AuditAction;
  /** read, vread, search, create, update, delete, history, transaction, operation, login, ... */
  subtype: string;
  actor: Actor;
  patientId?: string;
  /** `Type/id` or `Type` for searches. */
  entity?: string;
  /** Operation name for `operation` subtype, e.g. `nlp.extract`. */
  operation?: string;
  outcome: AuditOutcome;
  /** Short, PHI-free description of a failure (e.g. the HTTP status). */
  outcomeDesc?: string;
  /** Extra PHI-free figures, e.g. `{ model: 'x', promptTokens: 12 }`. */
  detail?: Record<string, string | number | boolean>;
  /** When it happened (ISO), for a caller that queues rows before recording them; default: now. */
  recorded?: string;
}

export interface AuditFilter {
  actorId?: string;
  patientId?: string;
  subtype?: string;
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  /** The first row (by sequence number) at which the chain breaks. */
  firstBadSeq?: number;
  problem?: 'altered' | 'inserted' | 'deleted' | 'reordered';
  message: string;
}

/** Append-only audit trail whose rows form a hash chain. */
export interface AuditLog {
  record(entry: AuditRecord): Promise<void>;
  /**
   * Queue a row for the hot path of a surface: rows queued within ~50 ms (at most 500) are chained
   * and written together in one statement, each with the time of its own call (`recorded`, default
   * now). Resolves once written; a caller that does not wait must still handle a rejection.
   * `list`, `verify` and `store.close()` write what is queued first.
   * @example void store.audit.recordSoon({ action: 'E', subtype: 'cds-hooks', actor, outcome: '0' }).catch(logFailure);
   */
  recordSoon(entry: AuditRecord): Promise<void>;
  /** Rows as FHIR AuditEvents, newest first. */
  list(filter?: AuditFilter): Promise<AuditEvent[]>;
  verify(): Promise<AuditVerifyResult>;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  patientId?: string;
  scopes?: string[];
  createdAt: string;
  revokedAt?: string;
}

export interface ApiKeyStore {
  /** Create a key; the secret is returned once and only its hash is stored. */
  create(input: { name: string; role: Role; patientId?: string; scopes?: string[] }): Promise<{ key: string; info: ApiKeyInfo }>;
  /** Resolve a presented secret to its key, or undefined. */
  verify(secret: string): Promise<ApiKeyInfo | undefined>;
  list(): Promise<ApiKeyInfo[]>;
  revoke(id: string): Promise<void>;
}

export interface JobInfo<T = unknown> {
  id: string;
  queue: string;
  state: 'created' | 'active' | 'completed' | 'failed' | 'cancelled';
  data: T;
  output?: unknown;
  error?: string;
  createdAt: string;
  completedAt?: string;
}

/** Durable job queue: pg-boss on PostgreSQL, the same API over a table on PGlite (one process). */
export interface JobQueue {
  send<T>(queue: string, data: T, options?: { retryLimit?: number; singletonKey?: string }): Promise<string>;
  /** Start processing `queue` with `handler`; its return value is stored as the job's output. */
  work<T>(queue: string, handler: (data: T, job: { id: string }) => Promise<unknown>): Promise<void>;
  get<T>(id: string): Promise<JobInfo<T> | undefined>;
  /** Wait until a job ends (completed/failed/cancelled). */
  wait<T>(id: string, timeoutMs?: number): Promise<JobInfo<T>>;
  stop(): Promise<void>;
}

export interface Store {
  readonly kind: 'pglite' | 'postgres';
  /** The raw repository: no audit, no access checks. Use `forActor` on request paths. */
  readonly fhir: FhirRepository;
  /** A repository that records an AuditEvent for every call and enforces patient scope. */
  forActor(actor: Actor): FhirRepository;
  readonly audit: AuditLog;
  readonly keys: ApiKeyStore;
  readonly jobs: JobQueue;
  /** Direct SQL for features that keep their own tables (their migrations register here). */
  readonly sql: SqlClient;
  close(): Promise<void>;
}

export interface StoreConfig {
  /** PostgreSQL URL; when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Folder for the embedded database; `memory://` for an in-memory PGlite (tests). */
  dataDir?: string;
  /** Start job workers (false for short-lived CLI commands). */
  jobs?: boolean;
  /** PostgreSQL only: keep Galen's tables in this schema (created when absent); tests use a fresh one. */
  schema?: string;
  /** PostgreSQL only: pool size (default 10). */
  poolSize?: number;
}

export type { Resource };
