import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './testing';
import { checkSynthea, hasSynthea, importSyntheaOverHttp } from './synthea-e2e';

let s: TestServer;
before(async () => {
  if (hasSynthea) s = await startTestServer();
});
after(async () => s?.close());

test(
  'Synthea bundles over HTTP into PGlite: counts, searches, $everything',
  { skip: !hasSynthea && 'shared data absent', timeout: 600_000 },
  async () => {
    const imported = await importSyntheaOverHttp(s);
    await checkSynthea(s, imported);
  },
);
