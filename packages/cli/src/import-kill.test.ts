import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle } from '@medplum/fhirtypes';
import { openStore } from '@galen/store';

const SYNTHEA = fileURLToPath(new URL('../../../../shared/data/synthea-fhir-r4/bundles/', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/galen.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'galen-kill-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test(
  'killing the process during an import loses no committed bundle and leaves no partial one',
  { skip: !existsSync(SYNTHEA) && 'shared data absent', timeout: 300_000 },
  async () => {
    const dataDir = join(dir, 'data');
    const child = spawn(process.execPath, [BIN, 'import', SYNTHEA], {
      env: { ...process.env, GALEN_DATA_DIR: dataDir, GALEN_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    // Kill it hard once a few bundles are in (the progress lines say so).
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (c) => {
        err += c.toString();
        const m = /import: (\d+)\/41/.exec(err.split('\n').filter(Boolean).pop() ?? '');
        if (m && Number(m[1]) >= 5 && child.exitCode === null) {
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => resolve());
    });
    assert.equal(child.signalCode, 'SIGKILL', `import finished before it could be killed: ${err.slice(-300)}`);

    const store = await openStore({ dataDir, jobs: false });
    try {
      let complete = 0;
      for (const f of readdirSync(SYNTHEA)
        .filter((x) => x.endsWith('.json'))
        .sort()) {
        const bundle = JSON.parse(readFileSync(join(SYNTHEA, f), 'utf8')) as Bundle;
        const patient = bundle.entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource!;
        const expected = bundle.entry!.filter((e) => !['Organization', 'Practitioner'].includes(e.resource!.resourceType)).length;
        const found = await store.fhir.search({ resourceType: 'Patient', params: [{ name: '_id', value: patient.id! }] });
        if (found.resources.length === 0) {
          const orphans = await store.fhir.search({
            resourceType: 'Observation',
            params: [
              { name: 'patient', value: patient.id! },
              { name: '_count', value: '1' },
            ],
          });
          assert.equal(orphans.resources.length, 0, `${f}: observations stored without their patient`);
          continue;
        }
        const everything = await store.fhir.everything(patient.id!);
        assert.equal(everything.entry?.length, expected, `${f}: a partial bundle`);
        complete++;
      }
      assert.ok(complete >= 5, `only ${complete} bundles survived, though at least 5 had been reported committed`);
    } finally {
      await store.close();
    }
  },
);
