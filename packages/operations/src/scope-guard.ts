/**
 * The scope guard: what an operation may reach when its caller is limited to one patient.
 *
 * Every operation declares its reach (`Operation.scope`):
 * - `patient` (the default): it works through `ctx.repo`, the caller's audited, patient-scoped
 *   repository. For a patient-scoped caller, the store behind `ctx.services.store` is replaced by
 *   a guarded view that refuses every way around that repository (`fhir`, `forActor`, `sql`, `keys`,
 *   `jobs`, reading the audit trail), so an operation that reads the store directly fails loudly
 *   instead of leaking another patient's data. An operation that keeps a table of its own (not
 *   patient resources) names it in `ownTables`, and its SQL may then touch that table and no other.
 * - `all-patients`: it reads or writes across patients (a worklist, the audit trail, API keys, data
 *   generation). Refused for patient-scoped callers, whatever the input, before the handler runs.
 *
 * New operations get the guard without doing anything: `invokeOperation` applies it to every call
 * from every surface.
 */
import { forbidden } from '@galen/fhir';
import type { Store, SqlClient } from '@galen/store';
import type { Operation, OperationContext, Services } from './registry';

/** A refusal that names the operation and what it reached for (a bug in the operation, not the caller). */
function reachedOutside(op: Operation, what: string): never {
  throw forbidden(
    `Operation ${op.name} reached past the caller's patient scope (${what}); it must use its scoped repository or declare scope 'all-patients'`,
  );
}

/** Table names a SQL statement reads or writes (after FROM, JOIN, INTO, UPDATE, TABLE). */
export function tablesOf(sql: string): string[] {
  const out: string[] = [];
  const re =
    /\b(?:from|join|into|update|table(?:\s+if\s+(?:not\s+)?exists)?)\s+(?:only\s+)?("?[A-Za-z_][\w$]*"?(?:\."?[A-Za-z_][\w$]*"?)?)/gi;
  for (const m of sql.matchAll(re)) out.push(m[1]!.replace(/"/g, '').replace(/^.*\./, '').toLowerCase());
  return out;
}

/** A SQL client that runs only statements whose tables are all in `tables`. */
function ownTablesClient(op: Operation, sql: SqlClient, tables: readonly string[]): SqlClient {
  const allowed = new Set(tables.map((t) => t.toLowerCase()));
  const check = (text: string) => {
    const other = tablesOf(text).filter((t) => !allowed.has(t));
    // A statement with no table we can name (a function call) could reach anything: refuse it too.
    if (other.length || !tablesOf(text).length) reachedOutside(op, `SQL over ${other.join(', ') || 'an unnamed table'}`);
  };
  const client: SqlClient = {
    query(text, params) {
      check(text);
      return sql.query(text, params);
    },
    transaction: (fn) => sql.transaction((tx) => fn(ownTablesClient(op, tx, tables))),
  };
  if (sql.exec) {
    const exec = sql.exec.bind(sql);
    client.exec = async (text) => {
      check(text);
      return exec(text);
    };
  }
  return client;
}

/** The store as a patient-scoped caller's operation sees it. */
function guardedStore(op: Operation, store: Store): Store {
  const deny = (what: string) => () => reachedOutside(op, what);
  const sql = op.ownTables?.length ? ownTablesClient(op, store.sql, op.ownTables) : undefined;
  return {
    kind: store.kind,
    get fhir(): never {
      return reachedOutside(op, 'store.fhir');
    },
    forActor: deny('store.forActor'),
    audit: {
      record: (e) => store.audit.record(e),
      recordSoon: (e) => store.audit.recordSoon(e),
      list: deny('store.audit.list'),
      verify: deny('store.audit.verify'),
    },
    get keys(): never {
      return reachedOutside(op, 'store.keys');
    },
    get jobs(): never {
      return reachedOutside(op, 'store.jobs');
    },
    get sql(): SqlClient {
      return sql ?? reachedOutside(op, 'store.sql');
    },
    close: deny('store.close'),
  };
}

/**
 * The context an operation's handler gets: unchanged for callers with no patient limit; for a
 * patient-scoped caller, the repository is built here from the actor (whatever the surface passed)
 * and the store is the guarded view. Throws 403 for `all-patients` operations.
 */
export function scopedContext(op: Operation, ctx: OperationContext): OperationContext {
  if (ctx.actor.patientId === undefined) return ctx;
  if (op.scope === 'all-patients')
    throw forbidden(`${op.name} works across patients and is not available to a key limited to one patient`);
  const store = guardedStore(op, ctx.services.store);
  const services: Services = {
    store,
    config: ctx.services.config,
    log: ctx.services.log,
    ...(ctx.services.clock ? { clock: ctx.services.clock } : {}),
    get: (name) => ctx.services.get(name),
  };
  return { ...ctx, repo: ctx.services.store.forActor(ctx.actor), services };
}
