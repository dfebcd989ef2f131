/**
 * Child process for durability.test.ts: imports bundles (paths in argv) into a PGlite folder,
 * printing `committed <file>` after each transaction commits, until killed.
 */
import { readFileSync } from 'node:fs';
import type { Bundle } from '@medplum/fhirtypes';
import { openStore } from './open-store';

const [dir, ...files] = process.argv.slice(2);
const store = await openStore({ dataDir: dir! });
for (let round = 0; ; round++) {
  for (const f of files) {
    const bundle = JSON.parse(readFileSync(f, 'utf8')) as Bundle;
    // Later rounds write new ids so that every round does real work.
    if (round > 0) for (const e of bundle.entry ?? []) e.resource!.id = `${e.resource!.id!.slice(0, 50)}-r${round}`;
    await store.fhir.transaction(bundle, { preserveIds: true, validate: false });
    process.stdout.write(`committed ${round} ${f}\n`);
  }
}
