/**
 * End-to-end checks of one big transaction bundle over HTTP, shared by big-bundle.test.ts (PGlite)
 * and big-bundle.int.test.ts (PostgreSQL): it is stored all or nothing, and meanwhile `/healthz`
 * keeps being answered (on PostgreSQL reads too; on PGlite reads queue behind the transaction and
 * are answered after it). Sized to take seconds; bench/store-big-bundle.ts measures 100,000 entries
 * (docs/benchmarks/store.md, "One big bundle").
 */
import assert from 'node:assert/strict';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import type { TestServer } from './testing';

/** Entries per test bundle: ~4.5 MB of JSON, a few seconds of work. */
export const BIG_ENTRIES = 10_000;

/**
 * Every 10th entry a Patient, the others its Observations (urn:uuid references). `failLast`: the
 * last Observation points at a Patient that does not exist, which the transaction finds inside the
 * database transaction, after every other entry was validated and given its id.
 */
export function bigTransaction(n: number, options: { failLast?: boolean } = {}): Bundle {
  const entry: BundleEntry[] = [];
  let patient = '';
  for (let i = 0; i < n; i++) {
    const fullUrl = `urn:uuid:${crypto.randomUUID()}`;
    if (i % 10 === 0) {
      patient = fullUrl;
      entry.push({
        fullUrl,
        resource: { resourceType: 'Patient', name: [{ family: `Big${i}` }], gender: 'female', birthDate: '1960-05-01' },
        request: { method: 'POST', url: 'Patient' },
      });
      continue;
    }
    entry.push({
      fullUrl,
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
        subject: { reference: options.failLast && i === n - 1 ? 'Patient/does-not-exist' : patient },
        effectiveDateTime: '2024-03-01T08:00:00Z',
        valueQuantity: { value: 60 + (i % 40), unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
      },
      request: { method: 'POST', url: 'Observation' },
    });
  }
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

export interface Probe {
  /** ms since the import was sent. */
  sent: number;
  ms: number;
  status: number;
  body: Record<string, unknown>;
}

export interface ProbedImport {
  status: number;
  importMs: number;
  health: Probe[];
  reads: Probe[];
}

/** POST `bundle` while sending `/healthz` and a read every `intervalMs` (open loop) until it answers. */
export async function importWhileProbing(
  s: TestServer,
  bundle: Bundle,
  readPath: string,
  intervalMs = 20,
): Promise<ProbedImport> {
  const body = JSON.stringify(bundle);
  const health: Probe[] = [];
  const reads: Probe[] = [];
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  const probe = (path: string, role: 'admin' | null, out: Probe[]) => {
    const sent = performance.now() - t0;
    pending.push(
      s.request(path, { role }).then(async (r) => {
        out.push({
          sent,
          ms: performance.now() - t0 - sent,
          status: r.status,
          body: (await r.json()) as Record<string, unknown>,
        });
      }),
    );
  };
  const timer = setInterval(() => {
    probe('/healthz', null, health);
    probe(readPath, 'admin', reads);
  }, intervalMs);
  let status: number;
  try {
    const r = await s.request('/fhir/R4', { method: 'POST', body });
    await r.arrayBuffer();
    status = r.status;
  } finally {
    clearInterval(timer);
  }
  const importMs = performance.now() - t0;
  await Promise.all(pending);
  return { status, importMs, health, reads };
}

/** Answered before the import was. */
export const answeredDuring = (probes: Probe[], importMs: number) => probes.filter((p) => p.sent + p.ms < importMs);

export async function count(s: TestServer, type: string): Promise<number> {
  const r = await s.request(`/fhir/R4/${type}?_summary=count`);
  return ((await r.json()) as { total: number }).total;
}

/**
 * The checks both stores pass: all stored; `/healthz` answered throughout (every one 200, many of
 * them before the import finished, none slower than a fraction of the import); a failing last
 * entry stores nothing (a failure in the last write statement: packages/store/src/big-transaction.test.ts).
 * Returns the successful import's probes for store-specific checks.
 */
export async function checkBigBundle(s: TestServer, readPath: string): Promise<ProbedImport> {
  const patients = await count(s, 'Patient');
  const observations = await count(s, 'Observation');
  const run = await importWhileProbing(s, bigTransaction(BIG_ENTRIES), readPath);
  assert.equal(run.status, 200);
  assert.equal(await count(s, 'Patient'), patients + BIG_ENTRIES / 10);
  assert.equal(await count(s, 'Observation'), observations + (BIG_ENTRIES * 9) / 10);

  assert.ok(
    run.health.every((h) => h.status === 200),
    `healthz statuses: ${[...new Set(run.health.map((h) => h.status))]}`,
  );
  const during = answeredDuring(run.health, run.importMs);
  const slowest = Math.max(...run.health.map((h) => h.ms));
  const what = `${during.length} of ${run.health.length} healthz answered during the ${run.importMs.toFixed(0)} ms import, slowest ${slowest.toFixed(0)} ms`;
  // Before time slicing, healthz waited for the whole import: nothing answered during it, and the
  // slowest took as long as the import.
  if (process.env.GALEN_TEST_VERBOSE) console.error(what);
  assert.ok(during.length >= 10, what);
  assert.ok(slowest < run.importMs / 4, what);

  const failing = await importWhileProbing(s, bigTransaction(BIG_ENTRIES, { failLast: true }), readPath);
  assert.equal(failing.status, 422);
  assert.equal(await count(s, 'Patient'), patients + BIG_ENTRIES / 10);
  assert.equal(await count(s, 'Observation'), observations + (BIG_ENTRIES * 9) / 10);
  return run;
}
