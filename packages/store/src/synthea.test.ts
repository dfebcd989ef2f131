/**
 * Import all 41 Synthea bundles from ../shared/data into PGlite and check the store against the
 * bundles' own contents. Skips when the data folder is absent.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bundle } from '@medplum/fhirtypes';
import { openStore } from './open-store';

const DIR = fileURLToPath(new URL('../../../../shared/data/synthea-fhir-r4/bundles/', import.meta.url));
const present = existsSync(DIR);

describe('Synthea import (PGlite)', () => {
  it(
    'imports all bundles; counts, searches and $everything match the bundles',
    { skip: present ? false : `no data at ${DIR}` },
    async () => {
      const files = readdirSync(DIR)
        .filter((f) => f.endsWith('.json'))
        .sort();
      const store = await openStore({ dataDir: 'memory://' });
      try {
        const expected = new Map<string, Set<string>>();
        const perPatient = new Map<string, Map<string, number>>();
        let first: Bundle | undefined;
        for (const f of files) {
          const bundle = JSON.parse(readFileSync(DIR + f, 'utf8')) as Bundle;
          first ??= bundle;
          let patientId = '';
          for (const e of bundle.entry ?? []) {
            const r = e.resource!;
            if (!expected.has(r.resourceType)) expected.set(r.resourceType, new Set());
            expected.get(r.resourceType)!.add(r.id!);
            if (r.resourceType === 'Patient') patientId = r.id!;
          }
          // The patient's compartment per type, from the bundle's own references.
          const counts = new Map<string, number>();
          for (const e of bundle.entry ?? []) {
            const r = e.resource! as unknown as Record<string, { reference?: string } | undefined>;
            const ref = r.subject?.reference ?? r.patient?.reference ?? r.beneficiary?.reference;
            if (ref === `urn:uuid:${patientId}`)
              counts.set(e.resource!.resourceType, (counts.get(e.resource!.resourceType) ?? 0) + 1);
          }
          perPatient.set(patientId, counts);
          const res = await store.fhir.transaction(bundle, { preserveIds: true });
          assert.equal(res.entry!.length, bundle.entry!.length);
        }
        assert.equal(files.length, 41);
        const rows = await store.sql.query<{ resource_type: string; n: number | string }>(
          'SELECT resource_type, count(*) AS n FROM resources GROUP BY resource_type',
        );
        const got = Object.fromEntries(rows.rows.map((r) => [r.resource_type, Number(r.n)]));
        const want = Object.fromEntries([...expected].map(([t, s]) => [t, s.size]));
        assert.deepEqual(got, want);
        assert.equal(want.Observation, 6081);

        // Re-importing is a no-op.
        const before = await store.sql.query<{ n: number | string }>('SELECT count(*) AS n FROM resource_history');
        await store.fhir.transaction(first!, { preserveIds: true });
        const afterCount = await store.sql.query<{ n: number | string }>('SELECT count(*) AS n FROM resource_history');
        assert.equal(Number(afterCount.rows[0]!.n), Number(before.rows[0]!.n));

        // Searches and $everything per patient agree with the bundles.
        for (const [pid, counts] of [...perPatient].slice(0, 8)) {
          const obs = await store.fhir.search({
            resourceType: 'Observation',
            params: [
              { name: 'patient', value: pid },
              { name: '_summary', value: 'count' },
            ],
          });
          assert.equal(obs.total, counts.get('Observation') ?? 0);
          const ev = await store.fhir.everything(pid);
          const total = [...counts.values()].reduce((a, b) => a + b, 0);
          assert.equal(ev.entry!.length, total + 1);
        }
        const lab = await store.fhir.search({
          resourceType: 'Observation',
          params: [
            { name: 'code', value: 'http://loinc.org|8302-2' },
            { name: 'date', value: 'ge2010' },
            { name: '_total', value: 'accurate' },
          ],
        });
        assert.ok((lab.total ?? 0) > 0);
      } finally {
        await store.close();
      }
    },
  );
});
