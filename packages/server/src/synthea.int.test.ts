import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './testing';
import { checkSynthea, hasSynthea, importSyntheaOverHttp } from './synthea-e2e';

const url = process.env.TEST_DATABASE_URL;
let s: TestServer;
before(async () => {
  if (hasSynthea && url) s = await startTestServer({ databaseUrl: url });
});
after(async () => s?.close());

test(
  'Synthea bundles over HTTP into PostgreSQL: counts, searches, $everything',
  { skip: (!url && 'TEST_DATABASE_URL unset') || (!hasSynthea && 'shared data absent'), timeout: 600_000 },
  async () => {
    const imported = await importSyntheaOverHttp(s);
    await checkSynthea(s, imported);
  },
);
