/**
 * Resources/s loaded into the store, one transaction bundle per patient.
 * Run: npx tsx bench/synth-load.ts [patients] [postgresUrl]
 *   PGlite in a temporary folder always; PostgreSQL too when a URL is given
 *   (e.g. from `node scripts/pg-throwaway.mjs start /tmp/pgstate-synth`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@galen/store';
import { galenMigrations } from '@galen/server';
import { generatePatients } from '@galen/synth';

const patients = Number(process.argv[2] ?? 100);
const pgUrl = process.argv[3];

async function measure(label: string, config: Parameters<typeof openStore>[0]): Promise<void> {
  const store = await openStore({ ...config, jobs: false, migrations: galenMigrations });
  try {
    const bundles = [...generatePatients({ count: patients, seed: 'load', inpatientShare: 0.05 })].map((p) => p.bundle);
    const resources = bundles.reduce((n, b) => n + (b.entry?.length ?? 0), 0);
    const t0 = performance.now();
    for (const b of bundles) await store.fhir.transaction(b);
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `${label.padEnd(10)} ${patients} patients, ${resources} resources in ${secs.toFixed(1)} s: ${(resources / secs).toFixed(0)} resources/s, ${(patients / secs).toFixed(1)} patients/s`,
    );
  } finally {
    await store.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'galen-synth-load-'));
try {
  await measure('PGlite', { dataDir: dir });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (pgUrl) await measure('PostgreSQL', { databaseUrl: pgUrl, schema: `synth_load_${process.pid}` });
