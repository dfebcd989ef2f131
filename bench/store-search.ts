/**
 * Search latency over 10,000 synthetic patients (each with 10 Observations: 5 codes × 2 dates).
 * Usage: npx tsx bench/store-search.ts [--pg URL] [--patients N] [--queries N]
 * Data are generated here (seeded RNG), written in batches through `transaction`, then a mix of
 * typical queries is timed one at a time: p50/p99 in ms.
 */
import type { Bundle, BundleEntry, Observation, Patient } from '@medplum/fhirtypes';
import { loadDefinitions, mulberry32 } from '@galen/fhir';
import { openStore, type SearchParam } from '@galen/store';
import { galenMigrations } from '@galen/server';
import pg from 'pg';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const pgUrl = arg('--pg');
const N = Number(arg('--patients') ?? 10_000);
const QUERIES = Number(arg('--queries') ?? 2000);

const rand = mulberry32(42);
const FAMILIES = ['Smith', 'Jones', 'Garcia', 'Nguyen', 'Okafor', 'Kowalski', 'Haddad', 'Silva', 'Tanaka', 'Berg'];
const CODES = ['8867-4', '8480-6', '8462-4', '2708-6', '8310-5'];

loadDefinitions();
const schema = `bench_search_${process.pid}`;
const store = await openStore({
  ...(pgUrl ? { databaseUrl: pgUrl, schema } : { dataDir: 'memory://' }),
  migrations: galenMigrations,
});
const ids: string[] = [];
const tLoad = performance.now();
for (let start = 0; start < N; start += 200) {
  const entry: BundleEntry[] = [];
  for (let i = start; i < Math.min(N, start + 200); i++) {
    const id = `p${i}`;
    ids.push(id);
    const patient: Patient = {
      resourceType: 'Patient',
      id,
      identifier: [{ system: 'urn:bench:mrn', value: `MRN${i}` }],
      name: [{ family: FAMILIES[i % FAMILIES.length]! + i, given: ['Pat'] }],
      gender: i % 2 ? 'female' : 'male',
      birthDate: `19${String(30 + (i % 70)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
    };
    entry.push({ fullUrl: `urn:uuid:${id}`, resource: patient, request: { method: 'POST', url: 'Patient' } });
    for (let k = 0; k < 10; k++) {
      const o: Observation = {
        resourceType: 'Observation',
        id: `${id}-o${k}`,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: CODES[k % CODES.length]! }] },
        subject: { reference: `urn:uuid:${id}` },
        effectiveDateTime: `20${String(10 + Math.floor(rand() * 14)).padStart(2, '0')}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
        valueQuantity: { value: Math.round(rand() * 200), unit: '1' },
      };
      entry.push({ fullUrl: `urn:uuid:${o.id}`, resource: o, request: { method: 'POST', url: 'Observation' } });
    }
  }
  const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry };
  await store.fhir.transaction(bundle, { preserveIds: true, validate: false });
}
const loadSecs = (performance.now() - tLoad) / 1000;
if (store.kind === 'postgres') await store.sql.query('ANALYZE resources');

if (args.includes('--explain')) {
  const plan = await store.sql.query<Record<string, string>>(
    `EXPLAIN ANALYZE SELECT content FROM resources WHERE resource_type = 'Patient' AND NOT deleted AND tokens && $1::text[] ORDER BY id LIMIT 21`,
    [['identifier=urn:bench:mrn|MRN77']],
  );
  console.log(plan.rows.map((r) => Object.values(r)[0]).join('\n'));
}
const pick = () => ids[Math.floor(rand() * ids.length)]!;
const mix: { name: string; make: () => { type: string; params: SearchParam[] } }[] = [
  { name: 'Observation?patient', make: () => ({ type: 'Observation', params: [{ name: 'patient', value: pick() }] }) },
  {
    name: 'Observation?patient&code&date',
    make: () => ({
      type: 'Observation',
      params: [
        { name: 'patient', value: `Patient/${pick()}` },
        { name: 'code', value: 'http://loinc.org|8867-4' },
        { name: 'date', value: 'ge2015' },
        { name: '_sort', value: '-date' },
      ],
    }),
  },
  {
    name: 'Patient?identifier',
    make: () => ({ type: 'Patient', params: [{ name: 'identifier', value: `urn:bench:mrn|MRN${Math.floor(rand() * N)}` }] }),
  },
  { name: 'Patient?_id', make: () => ({ type: 'Patient', params: [{ name: '_id', value: pick() }] }) },
  {
    name: 'Observation?code&date&_count=20',
    make: () => ({
      type: 'Observation',
      params: [
        { name: 'code', value: '2708-6' },
        { name: 'date', value: `20${10 + Math.floor(rand() * 14)}-03` },
      ],
    }),
  },
];
const all: number[] = [];
const per = new Map<string, number[]>();
for (let i = 0; i < QUERIES; i++) {
  const m = mix[i % mix.length]!;
  const { type, params } = m.make();
  const t = performance.now();
  await store.fhir.search({ resourceType: type, params });
  const ms = performance.now() - t;
  all.push(ms);
  if (!per.has(m.name)) per.set(m.name, []);
  per.get(m.name)!.push(ms);
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const target = pgUrl ? 'PostgreSQL' : 'PGlite (memory)';
console.log(`${target}: ${N} patients, ${N * 10} observations loaded in ${loadSecs.toFixed(1)} s; ${QUERIES} queries`);
console.log(`all: p50 ${pct(all, 50).toFixed(2)} ms, p99 ${pct(all, 99).toFixed(2)} ms`);
for (const [name, xs] of per) console.log(`  ${name}: p50 ${pct(xs, 50).toFixed(2)} ms, p99 ${pct(xs, 99).toFixed(2)} ms`);
await store.close();
if (pgUrl) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`DROP SCHEMA "${schema}" CASCADE`);
  await c.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
  await c.end();
}
