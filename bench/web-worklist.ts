/**
 * Worklist server time with many patients, on an in-memory PGlite store: the old way (read every
 * Patient, RiskAssessment, open DetectedIssue and in-progress Encounter through the repository and
 * group in memory) against `worklist.list` on the summary table, plus the cost the summary adds:
 * the first call after a bulk load (every row stale), a call after a few new scores, and the
 * trigger's overhead on writes. Synthetic patients only.
 *   npx tsx bench/web-worklist.ts [--patients 10000] [--runs 5]
 */
import type { Bundle, BundleEntry, DetectedIssue, Encounter, Patient, Resource, RiskAssessment } from '@galen/fhir';
import { openStore } from '@galen/store';
import { galenMigrations } from '@galen/server';
import { invokeOperation, loadConfig, silentLogger, type OperationContext } from '@galen/operations';
import { buildWorklist, type WorklistRow } from '@galen/cds';
import { worklistList } from '@galen/operations/worklist/operations';
import { readWorklist, refreshStaleWorklist } from '@galen/operations/worklist/service';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PATIENTS = arg('patients', 10_000);
const RUNS = arg('runs', 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => Math.round(x * 10) / 10;

const store = await openStore({ dataDir: 'memory://', jobs: false, migrations: galenMigrations });
const actor = { id: 'bench', role: 'clinician' as const };
const ctx: OperationContext = {
  actor,
  repo: store.forActor(actor),
  services: { store, config: loadConfig({}), log: silentLogger, get: () => Promise.reject(new Error('none')) },
};

const now = Date.now();
const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
const put = (r: Resource): BundleEntry => ({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } });
const transact = (entries: BundleEntry[]) =>
  store.fhir.transaction({ resourceType: 'Bundle', type: 'transaction', entry: entries } as Bundle);
const newsScore = (id: string, pid: string, minutesAgo: number, score: number): RiskAssessment => ({
  resourceType: 'RiskAssessment',
  id,
  status: 'final',
  subject: { reference: `Patient/${pid}` },
  occurrenceDateTime: iso(minutesAgo),
  method: { text: 'NEWS2' },
  extension: [{ url: 'https://galen.dev/fhir/StructureDefinition/score', valueInteger: score }],
});

// Per patient: Patient, 2 NEWS2 scores, 2 sepsis risks, an in-progress Encounter; an open alert for every 10th.
const t0 = performance.now();
let entries: BundleEntry[] = [];
let resources = 0;
for (let p = 0; p < PATIENTS; p++) {
  const pid = `wl-${p}`;
  const batch: Resource[] = [
    {
      resourceType: 'Patient',
      id: pid,
      name: [{ given: [`Given${p}`], family: `Family${p % 97}` }],
      gender: p % 2 ? 'male' : 'female',
      birthDate: `19${40 + (p % 60)}-01-01`,
    } as Patient,
    newsScore(`${pid}-n1`, pid, 120, (p + 3) % 11),
    newsScore(`${pid}-n2`, pid, p % 50, p % 11),
    ...[0.1, 0.1 + (p % 7) / 20].map((v, i): RiskAssessment => ({
      resourceType: 'RiskAssessment',
      id: `${pid}-s${i}`,
      status: 'final',
      subject: { reference: `Patient/${pid}` },
      occurrenceDateTime: iso(100 - i * 60),
      method: { text: 'Sepsis risk model' },
      prediction: [{ probabilityDecimal: v }],
    })),
    {
      resourceType: 'Encounter',
      id: `${pid}-e`,
      status: 'in-progress',
      class: { code: 'IMP' },
      subject: { reference: `Patient/${pid}` },
      period: { start: iso(600) },
      location: [{ location: { display: `Ward ${p % 12}, bed ${p % 30}` } }],
    } as Encounter,
    ...(p % 10 === 0
      ? [
          {
            resourceType: 'DetectedIssue',
            id: `${pid}-a`,
            status: 'preliminary',
            patient: { reference: `Patient/${pid}` },
            detail: 'NEWS2 high',
          } as DetectedIssue,
        ]
      : []),
  ];
  entries.push(...batch.map(put));
  resources += batch.length;
  if (entries.length >= 2000) {
    await transact(entries);
    entries = [];
  }
}
if (entries.length) await transact(entries);
const seedS = (performance.now() - t0) / 1000;
console.log(`seeded ${PATIENTS} patients, ${resources} resources in ${seedS.toFixed(1)} s`);

// Before: the repository read + in-memory grouping the operation used to do.
async function searchAll<T extends Resource>(resourceType: string, params: { name: string; value: string }[]) {
  const out: T[] = [];
  let offset = 0;
  for (;;) {
    const res = await ctx.repo.search<T>({
      resourceType,
      params: [...params, { name: '_count', value: '1000' }, { name: '_offset', value: String(offset) }],
    });
    out.push(...res.resources);
    if (res.nextOffset === undefined || res.nextOffset <= offset || !res.resources.length) break;
    offset = res.nextOffset;
  }
  return out;
}
const before: number[] = [];
let beforeRows: WorklistRow[] = [];
for (let i = 0; i < Math.min(RUNS, 2); i++) {
  const s = performance.now();
  beforeRows = buildWorklist(
    await searchAll<Patient>('Patient', []),
    await searchAll<RiskAssessment>('RiskAssessment', []),
    await searchAll<DetectedIssue>('DetectedIssue', [{ name: 'status', value: 'preliminary' }]),
    await searchAll<Encounter>('Encounter', [{ name: 'status', value: 'in-progress' }]),
  );
  before.push(performance.now() - s);
}

const list = async () => (await invokeOperation(worklistList, {}, ctx)) as WorklistRow[];
let s = performance.now();
const firstRows = await list();
const first = performance.now() - s;
// Same rows as the old path (order: both by patient id).
const key = (rows: WorklistRow[]) => JSON.stringify([...rows].sort((a, b) => a.patientId.localeCompare(b.patientId)));
if (key(firstRows) !== key(beforeRows)) throw new Error('summary rows differ from the old computation');

const steady: number[] = [];
for (let i = 0; i < RUNS; i++) {
  s = performance.now();
  const rows = await list();
  steady.push(performance.now() - s);
  if (rows.length !== PATIENTS) throw new Error(`worklist returned ${rows.length} rows`);
}

// A CDS round: 20 patients get a new NEWS2 score, then the worklist is read.
const afterWrites: number[] = [];
for (let i = 0; i < RUNS; i++) {
  await transact(
    Array.from({ length: 20 }, (_, k) => {
      const pid = `wl-${(i * 977 + k * 131) % PATIENTS}`;
      return put(newsScore(`${pid}-x${i}`, pid, -1 - i, 10));
    }),
  );
  s = performance.now();
  const rows = await list();
  afterWrites.push(performance.now() - s);
  if (!rows.some((r) => r.news2 === 10)) throw new Error('new score not on the worklist');
}

// Breakdown: reading the table without the operation's audit row, and refreshing 20 stale patients alone.
const readOnly: number[] = [];
const refreshOnly: number[] = [];
for (let i = 0; i < RUNS; i++) {
  s = performance.now();
  await readWorklist(store.sql, { limit: 20_000 });
  readOnly.push(performance.now() - s);
  await transact(
    Array.from({ length: 20 }, (_, k) => {
      const pid = `wl-${(i * 499 + k * 37) % PATIENTS}`;
      return put(newsScore(`${pid}-y${i}`, pid, -1 - i, 9));
    }),
  );
  s = performance.now();
  await refreshStaleWorklist(store.sql);
  refreshOnly.push(performance.now() - s);
}

// Trigger overhead on writes: 2,000 RiskAssessments (400 patients) per transaction, trigger on vs off.
const writeOn: number[] = [];
const writeOff: number[] = [];
for (let i = 0; i < 3; i++) {
  for (const on of [true, false]) {
    if (!on) await store.sql.query('ALTER TABLE resources DISABLE TRIGGER resource_change_mark');
    const batch = Array.from({ length: 2000 }, (_, k) => {
      const pid = `wl-${((k % 400) + i * 400) % PATIENTS}`;
      return put(newsScore(`${pid}-w${on ? 1 : 0}-${i}-${k}`, pid, 0, 3));
    });
    s = performance.now();
    await transact(batch);
    (on ? writeOn : writeOff).push(performance.now() - s);
    if (!on) await store.sql.query('ALTER TABLE resources ENABLE TRIGGER resource_change_mark');
  }
}

console.log(
  JSON.stringify(
    {
      patients: PATIENTS,
      resources,
      beforeMs: before.map(ms),
      firstCallAfterBulkLoadMs: ms(first),
      steadyMs: steady.map(ms),
      steadyMedianMs: ms(median(steady)),
      after20NewScoresMs: afterWrites.map(ms),
      after20NewScoresMedianMs: ms(median(afterWrites)),
      readTableOnlyMs: readOnly.map(ms),
      refresh20StaleOnlyMs: refreshOnly.map(ms),
      write2000WithTriggerMs: writeOn.map(ms),
      write2000WithoutTriggerMs: writeOff.map(ms),
    },
    null,
    1,
  ),
);
await store.close();
