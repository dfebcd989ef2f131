/**
 * The audit trail: append-only, hash-chained rows; `list` returns them as FHIR AuditEvents.
 * `hash = sha256(prev_hash || canonical JSON of the row)`; the first row's prev_hash is 64 zeros.
 * Appends are serialised (an in-process queue, plus `pg_advisory_xact_lock` on PostgreSQL so several
 * processes can share one chain); concurrent `record` calls in one process are written together in
 * one transaction. On PGlite (one process per database) the chain head is remembered between
 * batches and a batch is one guarded statement: it writes only if the stored head is still the one
 * the rows were chained to, and otherwise the head is re-read and the batch re-chained.
 * `recordSoon` (a surface's hot path: CDS Hooks) lets rows wait up to `SOON_LINGER_MS` so that many
 * calls share one batch; each row keeps the time of its call.
 * @see https://hl7.org/fhir/R4/auditevent.html
 */
import { createHash } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import type { AuditFilter, AuditLog, AuditRecord, AuditVerifyResult, SqlClient } from './store';

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 7_240_114_002;
/** Rows given to `recordSoon` wait at most this long to be written together. */
const SOON_LINGER_MS = 50;
/** Rows per batch (one statement on PGlite, one transaction on PostgreSQL). */
const MAX_BATCH = 500;

interface AuditRow {
  seq: number | string | bigint;
  ts: Date | string;
  action: string;
  subtype: string;
  actor_id: string;
  actor_role: string;
  request_id: string | null;
  patient_id: string | null;
  entity: string | null;
  operation: string | null;
  outcome: string;
  outcome_desc: string | null;
  detail: Record<string, string | number | boolean> | null;
  prev_hash: string;
  hash: string;
}

function sortedDetail(d: Record<string, unknown> | null | undefined): [string, unknown][] | null {
  if (!d) return null;
  return Object.keys(d)
    .sort()
    .map((k) => [k, d[k]]);
}

/** The canonical JSON of a row's content (everything but its hashes). */
export function canonicalRow(r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([
    Number(r.seq),
    new Date(r.ts).toISOString(),
    r.action,
    r.subtype,
    r.actor_id,
    r.actor_role,
    r.request_id ?? null,
    r.patient_id ?? null,
    r.entity ?? null,
    r.operation ?? null,
    r.outcome,
    r.outcome_desc ?? null,
    sortedDetail(r.detail),
  ]);
}

function cleanDetail(d: AuditRecord['detail']): AuditRow['detail'] {
  if (!d) return null;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(d)) if (v !== undefined && v !== null) out[k] = v;
  return Object.keys(out).length ? out : null;
}

export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

interface Pending {
  entry: AuditRecord;
  ts: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const INSERT_ROWS = `INSERT INTO audit_log (seq, ts, action, subtype, actor_id, actor_role, request_id, patient_id, entity, operation,
                                outcome, outcome_desc, detail, prev_hash, hash)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, ts timestamptz, action text, subtype text, actor_id text,
           actor_role text, request_id text, patient_id text, entity text, operation text, outcome text, outcome_desc text,
           detail jsonb, prev_hash text, hash text)`;

/** $1 rows, $2/$3 the head they follow, $4/$5 the new head, $6 the genesis hash. One row affected when written. */
const GUARDED_APPEND = `WITH guard AS (
    SELECT 1 WHERE COALESCE((SELECT seq FROM audit_head), 0) = $2::bigint
               AND COALESCE((SELECT hash FROM audit_head), $6::text) = $3::text
  ), ins AS (
    INSERT INTO audit_log (seq, ts, action, subtype, actor_id, actor_role, request_id, patient_id, entity, operation,
                           outcome, outcome_desc, detail, prev_hash, hash)
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, ts timestamptz, action text, subtype text, actor_id text,
      actor_role text, request_id text, patient_id text, entity text, operation text, outcome text, outcome_desc text,
      detail jsonb, prev_hash text, hash text)
    WHERE EXISTS (SELECT 1 FROM guard)
  )
  INSERT INTO audit_head (one, seq, hash) SELECT true, $4::bigint, $5::text WHERE EXISTS (SELECT 1 FROM guard)
  ON CONFLICT (one) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`;

/** Number and hash-chain a batch after the head (`seq`, `prev`). */
function chainRows(batch: Pending[], seq: number, prev: string): { rows: AuditRow[]; seq: number; prev: string } {
  const rows: AuditRow[] = [];
  for (const { entry: e, ts } of batch) {
    seq += 1;
    const row: Omit<AuditRow, 'prev_hash' | 'hash'> = {
      seq,
      ts,
      action: e.action,
      subtype: e.subtype,
      actor_id: e.actor.id,
      actor_role: e.actor.role,
      request_id: e.actor.requestId ?? null,
      patient_id: e.patientId ?? null,
      entity: e.entity ?? null,
      operation: e.operation ?? null,
      outcome: e.outcome,
      outcome_desc: e.outcomeDesc ?? null,
      detail: cleanDetail(e.detail),
    };
    const hash = chainHash(prev, canonicalRow(row));
    rows.push({ ...row, prev_hash: prev, hash });
    prev = hash;
  }
  return { rows, seq, prev };
}

export class SqlAuditLog implements AuditLog {
  private pending: Pending[] = [];
  private flushing: Promise<void> | undefined;
  /** Rows of `recordSoon` waiting for the timer (or for MAX_BATCH of them). */
  private soon: Pending[] = [];
  private soonTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: SqlClient,
    private readonly kind: 'pglite' | 'postgres',
  ) {}

  record(entry: AuditRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, ts: entry.recorded ?? new Date().toISOString(), resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  recordSoon(entry: AuditRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.soon.push({ entry, ts: entry.recorded ?? new Date().toISOString(), resolve, reject });
      if (this.soon.length >= MAX_BATCH) this.releaseSoon();
      // Not unref'd: a caller may be waiting for the row, and the timer holds the process 50 ms at most.
      else this.soonTimer ??= setTimeout(() => this.releaseSoon(), SOON_LINGER_MS);
    });
  }

  /** Hand the rows of `recordSoon` to the writer. */
  private releaseSoon(): void {
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.soonTimer = undefined;
    if (!this.soon.length) return;
    for (const p of this.soon.splice(0)) this.pending.push(p);
    this.flushing ??= this.flush();
  }

  /** Write everything pending, in batches, one transaction each. */
  private async flush(): Promise<void> {
    // Let concurrent callers of this tick join the batch.
    await Promise.resolve();
    while (this.pending.length) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        await this.append(batch);
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = undefined;
  }

  private async append(batch: Pending[]): Promise<void> {
    if (this.kind === 'pglite') return this.appendGuarded(batch);
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      const head = await tx.query<{ seq: number | string; hash: string }>('SELECT seq, hash FROM audit_head');
      const { rows, seq, prev } = chainRows(batch, Number(head.rows[0]?.seq ?? 0), head.rows[0]?.hash ?? GENESIS_HASH);
      await tx.query(INSERT_ROWS, [JSON.stringify(rows)]);
      await tx.query(
        `INSERT INTO audit_head (one, seq, hash) VALUES (true, $1, $2)
         ON CONFLICT (one) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
        [seq, prev],
      );
    });
  }

  /** The head this process last wrote (PGlite only); undefined: read it from the table. */
  private head: { seq: number; hash: string } | undefined;

  /** One statement per batch: rows and the new head, written only if the stored head is the one they were chained to. */
  private async appendGuarded(batch: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (!this.head) {
        const h = await this.db.query<{ seq: number | string; hash: string }>('SELECT seq, hash FROM audit_head');
        this.head = { seq: Number(h.rows[0]?.seq ?? 0), hash: h.rows[0]?.hash ?? GENESIS_HASH };
      }
      const from = this.head;
      const { rows, seq, prev } = chainRows(batch, from.seq, from.hash);
      let written: number;
      try {
        const r = await this.db.query(GUARDED_APPEND, [JSON.stringify(rows), from.seq, from.hash, seq, prev, GENESIS_HASH]);
        written = r.rowCount;
      } catch (err) {
        this.head = undefined;
        throw err;
      }
      if (written === 1) {
        this.head = { seq, hash: prev };
        return;
      }
      // Someone else moved the head: re-read it and chain the batch again.
      this.head = undefined;
      if (attempt >= 2) throw new Error('The audit chain head keeps changing; rows not written');
    }
  }

  /** Resolves when every record() and recordSoon() issued so far is written. */
  async drain(): Promise<void> {
    this.releaseSoon();
    while (this.flushing) await this.flushing;
  }

  async list(filter: AuditFilter = {}): Promise<AuditEvent[]> {
    await this.drain();
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.actorId) where.push(`actor_id = ${p(filter.actorId)}`);
    if (filter.patientId) where.push(`patient_id = ${p(filter.patientId)}`);
    if (filter.subtype) where.push(`subtype = ${p(filter.subtype)}`);
    if (filter.since) where.push(`ts >= ${p(filter.since)}::timestamptz`);
    if (filter.until) where.push(`ts <= ${p(filter.until)}::timestamptz`);
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 10_000);
    const offset = Math.max(filter.offset ?? 0, 0);
    const r = await this.db.query<AuditRow>(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return r.rows.map(toAuditEvent);
  }

  async verify(): Promise<AuditVerifyResult> {
    await this.drain();
    let expected = 1;
    let prev = GENESIS_HASH;
    let count = 0;
    const PAGE = 5000;
    let after = 0;
    const bad = (seq: number, problem: AuditVerifyResult['problem'], message: string): AuditVerifyResult => ({
      ok: false,
      rows: count,
      firstBadSeq: seq,
      problem,
      message,
    });
    for (;;) {
      const r = await this.db.query<AuditRow>(`SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`, [after]);
      for (const row of r.rows) {
        const seq = Number(row.seq);
        count += 1;
        if (seq > expected) return bad(expected, 'deleted', `Audit row ${expected} is missing (next row is ${seq})`);
        const own = chainHash(row.prev_hash, canonicalRow(row));
        if (row.prev_hash !== prev) {
          return own === row.hash
            ? bad(seq, 'inserted', `Audit row ${seq} does not follow row ${seq - 1} (inserted or re-chained)`)
            : bad(seq, 'altered', `Audit row ${seq} was altered`);
        }
        if (own !== row.hash) return bad(seq, 'altered', `Audit row ${seq} was altered (hash mismatch)`);
        prev = row.hash;
        expected = seq + 1;
        after = seq;
      }
      if (r.rows.length < PAGE) break;
    }
    const head = await this.db.query<{ seq: number | string; hash: string }>('SELECT seq, hash FROM audit_head');
    const h = head.rows[0];
    const headSeq = Number(h?.seq ?? 0);
    if (headSeq > expected - 1) return bad(expected, 'deleted', `Audit rows ${expected}–${headSeq} are missing`);
    if (headSeq < expected - 1) return bad(headSeq + 1, 'inserted', `Audit rows after ${headSeq} were not written by Galen`);
    if (h && h.hash !== prev) return bad(headSeq, 'altered', `Audit row ${headSeq} does not match the recorded chain head`);
    return { ok: true, rows: count, message: `Audit chain intact (${count} rows)` };
  }
}

const ACTION_DISPLAY: Record<string, string> = { C: 'create', R: 'read', U: 'update', D: 'delete', E: 'execute' };

/** An audit row as a FHIR AuditEvent (the row carries no resource content). */
export function toAuditEvent(row: AuditRow): AuditEvent {
  const ev: AuditEvent = {
    resourceType: 'AuditEvent',
    id: String(Number(row.seq)),
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: row.subtype }],
    action: row.action as AuditEvent['action'],
    recorded: new Date(row.ts).toISOString(),
    outcome: row.outcome as AuditEvent['outcome'],
    agent: [
      {
        who: { identifier: { value: row.actor_id } },
        role: [{ text: row.actor_role }],
        requestor: true,
        ...(row.request_id ? { altId: row.request_id } : {}),
      },
    ],
    source: { observer: { display: 'Galen' } },
  };
  if (row.outcome_desc) ev.outcomeDesc = row.outcome_desc;
  const entity: NonNullable<AuditEvent['entity']> = [];
  if (row.patient_id) entity.push({ what: { reference: `Patient/${row.patient_id}` }, role: { code: '1', display: 'Patient' } });
  if (row.entity) {
    entity.push({
      what: row.entity.includes('/') ? { reference: row.entity } : { display: row.entity },
      ...(row.operation ? { name: row.operation } : {}),
      ...(row.detail ? { detail: Object.entries(row.detail).map(([type, v]) => ({ type, valueString: String(v) })) } : {}),
    });
  } else if (row.operation || row.detail) {
    entity.push({
      ...(row.operation ? { name: row.operation } : {}),
      ...(row.detail ? { detail: Object.entries(row.detail).map(([type, v]) => ({ type, valueString: String(v) })) } : {}),
    });
  }
  if (entity.length) ev.entity = entity;
  if (ACTION_DISPLAY[row.action]) ev.type.display = `RESTful Operation (${ACTION_DISPLAY[row.action]})`;
  return ev;
}
