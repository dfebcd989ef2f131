/**
 * Killing the process during an import loses no committed bundle and leaves no partial one:
 * a child imports Synthea bundles into a PGlite folder and is SIGKILLed mid-import; the folder is
 * reopened and every patient present must have all of its bundle's resources.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle } from '@medplum/fhirtypes';
import { openStore } from './open-store';

const DIR = fileURLToPath(new URL('../../../../shared/data/synthea-fhir-r4/bundles/', import.meta.url));
const present = existsSync(DIR);

describe('durability (PGlite folder)', () => {
  it(
    'SIGKILL during an import keeps committed bundles whole and stores no partial bundle',
    { skip: present ? false : `no data at ${DIR}` },
    async () => {
      const files = readdirSync(DIR)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(DIR, f))
        .sort((a, b) => statSync(a).size - statSync(b).size)
        .slice(0, 3);
      const dir = mkdtempSync(join(tmpdir(), 'galen-durability-'));
      try {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', fileURLToPath(new URL('./durability-child.ts', import.meta.url)), dir, ...files],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        const committed: string[] = [];
        await new Promise<void>((resolve, reject) => {
          child.stdout.setEncoding('utf8');
          child.stdout.on('data', (chunk: string) => {
            for (const line of chunk.split('\n')) if (line.startsWith('committed')) committed.push(line);
            // Kill while the next bundle is being written.
            if (committed.length >= 2) {
              setTimeout(() => child.kill('SIGKILL'), 40);
            }
          });
          child.on('exit', () => resolve());
          child.on('error', reject);
        });
        assert.ok(committed.length >= 2, 'the child committed bundles before it was killed');

        const store = await openStore({ dataDir: dir });
        try {
          // Expected compartment size per bundle (patient + resources referencing it).
          const sizes = files.map((f) => {
            const b = JSON.parse(readFileSync(f, 'utf8')) as Bundle;
            const pid = b.entry!.find((e) => e.resource!.resourceType === 'Patient')!.resource!.id!;
            const n = b.entry!.filter((e) => {
              const r = e.resource! as unknown as Record<string, { reference?: string } | undefined>;
              return (
                e.resource!.resourceType === 'Patient' ||
                (r.subject ?? r.patient ?? r.beneficiary)?.reference === `urn:uuid:${pid}`
              );
            }).length;
            return { pid, n };
          });
          const patients = await store.sql.query<{ id: string }>(`SELECT id FROM resources WHERE resource_type = 'Patient'`);
          assert.ok(patients.rows.length >= committed.length, 'every committed bundle is there');
          for (const { id } of patients.rows) {
            const base = sizes.find((s) => id.startsWith(s.pid.slice(0, 50)))!;
            const r = await store.sql.query<{ n: number | string }>('SELECT count(*) AS n FROM resources WHERE patient_id = $1', [
              id,
            ]);
            assert.equal(Number(r.rows[0]!.n), base.n, `patient ${id} is complete`);
          }
        } finally {
          await store.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
