/**
 * One big transaction bundle against a running server, while other requests keep coming: does the
 * server keep answering? The server is `createApp` as `galen serve` builds it (its heap settings,
 * auth hooks, every route), in a child process started with `npm start`'s V8 flag; this process
 * only sends requests.
 *
 *   npx tsx bench/store-big-bundle.ts [--entries 100000] [--database-url URL] [--interval 20]
 *     [--after 5] [--fail-last] [--cpu-prof DIR] [--log-level warn]
 *
 * Data: `--entries` small resources in one `transaction` Bundle, POSTed to /fhir/R4: every 10th a
 * Patient, the others Observations (a LOINC vital sign with a value) whose subject is the
 * Patient's `urn:uuid:` fullUrl. Every entry has a `urn:uuid:` fullUrl. `--fail-last`: the last
 * entry is invalid (`status` not in its value set), so the whole bundle must be refused (422) and nothing
 * stored (the bench checks both).
 * The store is PGlite in a temporary folder (as `galen serve` without DATABASE_URL), or a fresh
 * database created (and dropped afterwards) on the PostgreSQL server of `--database-url`, e.g. one
 * from `node scripts/pg-throwaway.mjs start STATEFILE`.
 * The body limit is raised for this run (GALEN_BODY_LIMIT = twice the body, at least the 16 MiB
 * default): 100,000 entries are ~45 MB of JSON.
 * Meanwhile, every `--interval` ms (open loop: on schedule, whether or not earlier ones answered;
 * `--interval 0`: none, to time the import alone)
 * it sends `GET /healthz` and one FHIR read (`GET /fhir/R4/Patient/<id>` of a Patient stored before
 * the import, with an API key), until `--after` seconds after the import's answer. It reports the
 * import's time, healthz and read p50/p99/max for the probes sent during the import and after it,
 * and the server's event-loop stalls (a 5 ms timer firing ≥ 50 ms late). `--cpu-prof DIR`: the
 * server writes a V8 CPU profile there, and the stalls (with monotonic µs, as the profile's) to
 * `DIR/stalls.json`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

interface ServeInit {
  dataDir: string;
  databaseUrl?: string;
  bodyLimit: number;
  logLevel: string;
}

interface Ready {
  url: string;
  key: string;
}

/** A late timer on the server's HTTP thread: when (ms after the mark; µs of the monotonic clock, as in a CPU profile) and how long. */
interface Stall {
  atMs: number;
  ms: number;
  hrtimeUs: number;
}

interface ServerStats {
  stalls: Stall[];
  cpuSecs: number;
}

/** Event-loop stalls at least this long are listed. */
const STALL_MS = 50;

const hrtimeUs = () => Number(process.hrtime.bigint() / 1000n);

/** The server side: `galen serve`'s setup, in this child process. */
async function serve(init: ServeInit): Promise<void> {
  const { createApp, tuneHeapForServing } = await import('@galen/server');
  const { loadConfig } = await import('@galen/operations');
  tuneHeapForServing();
  const config = loadConfig({
    GALEN_DATA_DIR: init.dataDir,
    ...(init.databaseUrl ? { DATABASE_URL: init.databaseUrl } : {}),
    GALEN_DEMO: '0',
    GALEN_LOG_LEVEL: init.logLevel,
    GALEN_BODY_LIMIT: String(init.bodyLimit),
  });
  const app = await createApp(config);
  const key = (await app.store.keys.create({ name: 'bench', role: 'service' })).key;
  const url = await app.listen(0, '127.0.0.1');
  // Stalls of the HTTP thread: a 5 ms timer that fired late by more than STALL_MS.
  let stalls: Stall[] = [];
  let mark = performance.now();
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > STALL_MS) stalls.push({ atMs: last - mark, ms: now - last, hrtimeUs: hrtimeUs() - (now - last) * 1000 });
    last = now;
  }, 5).unref();
  let cpu0 = process.cpuUsage();
  process.on('message', async (m) => {
    if (m === 'mark') {
      stalls = [];
      mark = performance.now();
      cpu0 = process.cpuUsage();
      process.send!('marked');
    } else if (m === 'stats') {
      const c = process.cpuUsage(cpu0);
      const stats: ServerStats = { stalls, cpuSecs: (c.user + c.system) / 1e6 };
      process.send!(stats);
    } else if (m === 'stop') {
      await app.close();
      process.exit(0);
    }
  });
  process.send!({ url, key } satisfies Ready);
}

/** The transaction: every 10th entry a Patient, the next nine its Observations (urn:uuid references). */
function bigBundle(n: number, failLast: boolean): string {
  const run = `${process.pid.toString(16).padStart(8, '0')}-${Date.now().toString(16).slice(-4)}`;
  const urn = (i: number) => `urn:uuid:${run}-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const entry: unknown[] = [];
  let patient = urn(0);
  for (let i = 0; i < n; i++) {
    if (i % 10 === 0) {
      patient = urn(i);
      entry.push({
        fullUrl: patient,
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'urn:galen:bench', value: `p${i}` }],
          name: [{ family: `Bench${i}`, given: ['Test'] }],
          gender: i % 20 ? 'female' : 'male',
          birthDate: `${1940 + (i % 60)}-01-01`,
        },
        request: { method: 'POST', url: 'Patient' },
      });
      continue;
    }
    const bad = failLast && i === n - 1;
    entry.push({
      fullUrl: urn(i),
      resource: {
        resourceType: 'Observation',
        status: bad ? 'not-a-status' : 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
        subject: { reference: patient },
        effectiveDateTime: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z`,
        valueQuantity: { value: 60 + (i % 50), unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
      },
      request: { method: 'POST', url: 'Observation' },
    });
  }
  return JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry });
}

/** A new database on the server of `url` (dropped by `drop`). */
async function freshDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `galen_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE ${name} WITH (FORCE)`) };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Probe {
  sent: number;
  ms: number;
  status: number;
}

function summary(probes: Probe[]): string {
  const s = probes.map((p) => p.ms).sort((a, b) => a - b);
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  return `p50 ${f(percentile(s, 50))} ms, p99 ${f(percentile(s, 99))} ms, max ${f(s.at(-1) ?? NaN)} ms (n=${s.length})`;
}

function ask<T>(child: ChildProcess, msg: string, pick: (m: unknown) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      if (!pick(m)) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.send(msg);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string', default: '100000' },
      'database-url': { type: 'string' },
      interval: { type: 'string', default: '20' },
      after: { type: 'string', default: '5' },
      'fail-last': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
    },
  });
  const n = Number(values.entries);
  const interval = Number(values.interval);
  const afterMs = 1000 * Number(values.after);
  const failLast = values['fail-last'];
  const t0 = performance.now();
  const body = bigBundle(n, failLast);
  const buildMs = performance.now() - t0;
  const bodyLimit = Math.max(16 * 1024 * 1024, 2 * Buffer.byteLength(body));
  const pgUrl = values['database-url'];
  const dataDir = pgUrl ? 'memory://' : mkdtempSync(join(tmpdir(), 'galen-big-bundle-'));
  const database = pgUrl ? await freshDatabase(pgUrl) : undefined;
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: [
      '--max-semi-space-size=32',
      '--import',
      'tsx',
      ...(values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : []),
    ],
    env: {
      ...process.env,
      GALEN_BENCH_SERVE: JSON.stringify({
        dataDir,
        ...(database ? { databaseUrl: database.url } : {}),
        bodyLimit,
        logLevel: values['log-level'],
      } satisfies ServeInit),
    },
  });
  // The server goes when this process does, whichever way it ends.
  process.once('exit', () => child.kill());
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  const auth = { authorization: `Bearer ${ready.key}`, 'content-type': 'application/fhir+json' };
  const fhir = `${ready.url}/fhir/R4`;

  // A Patient to read during the import, and a small transaction so the validator is warm.
  const seeded = (await (
    await fetch(`${fhir}/Patient`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ resourceType: 'Patient', gender: 'other' }),
    })
  ).json()) as { id: string };
  const warm = await fetch(fhir, { method: 'POST', headers: auth, body: bigBundle(20, false) });
  if (warm.status !== 200) throw new Error(`warm-up transaction: HTTP ${warm.status}`);
  await warm.arrayBuffer();

  const health: Probe[] = [];
  const reads: Probe[] = [];
  const inFlight = new Set<Promise<void>>();
  const errors = new Set<string>();
  const probe = (url: string, headers: Record<string, string>, out: typeof health) => {
    const sent = performance.now();
    const p = fetch(url, { headers })
      .then(async (r) => {
        await r.arrayBuffer();
        out.push({ sent, ms: performance.now() - sent, status: r.status });
      })
      .catch((err: Error) => {
        out.push({ sent, ms: performance.now() - sent, status: 0 });
        errors.add(String((err.cause as Error | undefined)?.message ?? err.message));
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  await ask(child, 'mark', (m) => m === 'marked');
  const markedAt = performance.now();
  const load0 = loadavg()[0]!;
  // `--interval 0`: no probes, the import alone (for its time and CPU).
  const timer = setInterval(() => {
    if (!interval) return;
    probe(`${ready.url}/healthz`, {}, health);
    probe(`${fhir}/Patient/${seeded.id}`, { authorization: auth.authorization }, reads);
  }, interval || 1000);
  const start = performance.now();
  const res = await fetch(fhir, { method: 'POST', headers: auth, body });
  const text = await res.text();
  const end = performance.now();
  console.error(
    `import answered: HTTP ${res.status} after ${((end - start) / 1000).toFixed(1)} s; probing ${afterMs / 1000} s more`,
  );
  // Keep probing a while: what the server does right after a big write (rescoring, statistics).
  await new Promise((r) => setTimeout(r, afterMs));
  clearInterval(timer);
  console.error(`waiting for ${inFlight.size} probes`);
  await Promise.all([...inFlight]);
  const stats = await ask<ServerStats>(child, 'stats', (m) => typeof m === 'object' && m !== null && 'stalls' in m);
  const load1 = loadavg()[0]!;
  if (values['cpu-prof']) {
    mkdirSync(values['cpu-prof'], { recursive: true });
    writeFileSync(join(values['cpu-prof'], 'stalls.json'), JSON.stringify(stats.stalls));
  }

  // Check the outcome: all stored, or (with --fail-last) nothing. Before the import: the seeded
  // Patient and the warm-up's 2 Patients and 18 Observations.
  const total = async (type: string) =>
    ((await (await fetch(`${fhir}/${type}?_summary=count`, { headers: auth })).json()) as { total: number }).total;
  const expectObs = 18 + (failLast ? 0 : n - Math.ceil(n / 10));
  const expectPatients = 3 + (failLast ? 0 : Math.ceil(n / 10));
  const [obs, patients] = [await total('Observation'), await total('Patient')];
  const okOutcome = failLast ? res.status === 422 : res.status === 200;
  const okStored = obs === expectObs && patients === expectPatients;
  const stored = `stored ${obs} Observations, ${patients} Patients (expected ${expectObs}, ${expectPatients}${okStored ? '' : ': MISMATCH'})`;

  /** Probes sent while the import ran (before its answer), and after it. */
  const sentDuring = (xs: Probe[]) => xs.filter((x) => x.sent < end);
  const sentAfter = (xs: Probe[]) => xs.filter((x) => x.sent >= end);
  const answeredDuring = health.filter((h) => h.status === 200 && h.sent + h.ms < end).length;
  const statuses = (xs: Probe[]) => {
    const c = new Map<number, number>();
    for (const x of xs) if (x.status !== 200) c.set(x.status, (c.get(x.status) ?? 0) + 1);
    return c.size ? [...c].map(([s, k]) => `${k}× ${s || 'no answer'}`).join(', ') : 'none';
  };
  const importSecs = (end - start) / 1000;
  const importAtMs = start - markedAt;
  const longest = [...stats.stalls]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((x) => `${x.ms.toFixed(0)} ms at +${((x.atMs - importAtMs) / 1000).toFixed(1)} s`);
  const target = pgUrl ? 'PostgreSQL' : 'PGlite (folder)';
  console.log(
    [
      `${target}: ${n} entries, ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB (built in ${buildMs.toFixed(0)} ms), body limit ${bodyLimit} bytes`,
      `import: HTTP ${res.status} ${okOutcome ? '(as expected)' : `UNEXPECTED: ${text.slice(0, 300)}`} in ${importSecs.toFixed(2)} s; ${stored}`,
      `healthz every ${interval} ms during the import: ${summary(sentDuring(health))}; ${answeredDuring} answered before the import's answer; not 200: ${statuses(sentDuring(health))}`,
      `read Patient/<id> during the import: ${summary(sentDuring(reads))}; not 200: ${statuses(sentDuring(reads))}`,
      `${afterMs / 1000} s after: healthz ${summary(sentAfter(health))}; read ${summary(sentAfter(reads))}`,
      `server: ${stats.stalls.length} event-loop stalls ≥ ${STALL_MS} ms (${stats.stalls.reduce((t, x) => t + x.ms, 0).toFixed(0)} ms in all), ` +
        `longest ${longest.join(', ') || '-'} (from the import's start); CPU ${stats.cpuSecs.toFixed(2)} s`,
      ...(errors.size ? [`request errors: ${[...errors].join('; ').slice(0, 300)}`] : []),
      `load average ${load0.toFixed(2)} → ${load1.toFixed(2)} (2 cores)`,
    ].join('\n'),
  );
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  if (database) await database.drop();
  else rmSync(dataDir, { recursive: true, force: true });
}

if (process.argv.includes('--serve')) await serve(JSON.parse(process.env.GALEN_BENCH_SERVE!) as ServeInit);
else await main();
