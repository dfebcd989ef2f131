/**
 * Import the 41 Synthea bundles (../shared/data/synthea-fhir-r4/bundles) and report resources/s.
 * Usage: npx tsx bench/store-import.ts [--pg URL] [--no-validate] [--folder] [--concurrency N] [--rerun]
 *   default: PGlite in memory; --folder: PGlite in a temporary folder; --pg: PostgreSQL (fresh schema).
 *   --concurrency N: N bundles in flight at once (each still its own all-or-nothing transaction; on
 *   PGlite they queue for its one connection). --rerun: import the same bundles a second time and
 *   report that pass too (every entry is then an unchanged `preserveIds` skip).
 * Each bundle is one transaction (`preserveIds`, as `galen import` does).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle } from '@medplum/fhirtypes';
import { loadDefinitions } from '@galen/fhir';
import { openStore } from '@galen/store';
import { galenMigrations } from '@galen/server';
import pg from 'pg';

const args = process.argv.slice(2);
const pgUrl = args.includes('--pg') ? args[args.indexOf('--pg') + 1] : undefined;
const validate = !args.includes('--no-validate');
const folder = args.includes('--folder');
const concurrency = args.includes('--concurrency') ? Math.max(1, Number(args[args.indexOf('--concurrency') + 1])) : 1;
const rerun = args.includes('--rerun');
const DIR = fileURLToPath(new URL('../../shared/data/synthea-fhir-r4/bundles/', import.meta.url));

const bundles = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Bundle);
const total = bundles.reduce((n, b) => n + (b.entry?.length ?? 0), 0);
loadDefinitions();

const schema = `bench_${process.pid}`;
const dir = folder ? mkdtempSync(join(tmpdir(), 'galen-bench-')) : undefined;
const store = await openStore({
  ...(pgUrl ? { databaseUrl: pgUrl, schema } : { dataDir: dir ?? 'memory://' }),
  migrations: galenMigrations,
});

/** Import every bundle with `concurrency` in flight; wall and CPU seconds of this process. */
async function importAll(): Promise<{ secs: number; cpuSecs: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < bundles.length) {
      const b = bundles[next++]!;
      await store.fhir.transaction(b, { preserveIds: true, validate });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(c0);
  return { secs: (performance.now() - t0) / 1000, cpuSecs: (cpu.user + cpu.system) / 1e6 };
}

const passes = [await importAll()];
if (rerun) passes.push(await importAll());
await store.close();
if (dir) rmSync(dir, { recursive: true, force: true });
if (pgUrl) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`DROP SCHEMA "${schema}" CASCADE`);
  await c.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
  await c.end();
}
const target = pgUrl ? 'PostgreSQL' : folder ? 'PGlite (folder)' : 'PGlite (memory)';
passes.forEach(({ secs, cpuSecs }, i) => {
  console.log(
    `${target}, validate=${validate}, concurrency=${concurrency}${i ? ', re-run' : ''}: ${total} resources in ${bundles.length} bundles, ` +
      `${secs.toFixed(2)} s wall, ${Math.round(total / secs)} resources/s; this process's CPU ${cpuSecs.toFixed(2)} s ` +
      `(${Math.round(total / cpuSecs)} resources per CPU-second)`,
  );
});
