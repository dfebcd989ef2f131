import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Patient, RiskAssessment } from '@galen/fhir';
import { openStore } from '@galen/store';
import { loadConfig, silentLogger } from '@galen/operations';
import { readWorklist, refreshWorklistRows } from '@galen/operations/worklist/service';
import { recordReviewDecision, reviewQualityFigures } from '@galen/operations/review/service';
import { galenMigrations } from './migrations';
import { checkPassword, createUser } from './web/service';

const LEGACY = readFileSync(new URL('./fixtures/legacy-tables.sql', import.meta.url), 'utf8');

const news2 = (id: string, pid: string, t: string, score: number): RiskAssessment => ({
  resourceType: 'RiskAssessment',
  id,
  status: 'final',
  subject: { reference: `Patient/${pid}` },
  occurrenceDateTime: t,
  method: { text: 'NEWS2' },
  extension: [{ url: 'https://galen.dev/fhir/StructureDefinition/score', valueInteger: score }],
});

test('a database with the old tables (store migration 110, lazily created review and user tables) opens and works', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galen-legacy-'));
  try {
    // The old layout, with data written while the old trigger was in place.
    const old = await openStore({ dataDir: dir, jobs: false });
    assert.ok(old.sql.exec, 'PGlite runs SQL text');
    await old.sql.exec(LEGACY);
    await old.fhir.update<Patient>({ resourceType: 'Patient', id: 'la', name: [{ text: 'Lee Ash' }] });
    await old.fhir.update<Patient>({ resourceType: 'Patient', id: 'lb', name: [{ text: 'Bea Birch' }] });
    await old.fhir.update(news2('la-n1', 'la', '2026-01-01T01:00:00Z', 3));
    // `la`'s row computed (as the old worklist call did: rows rewritten, markers removed); `lb` still stale.
    await refreshWorklistRows(old.sql, ['la']);
    await old.sql.query(`DELETE FROM galen_worklist_stale WHERE patient_id = 'la'`);
    await recordReviewDecision(old.sql, {
      reference: 'DocumentReference/d1',
      kind: 'draft-note',
      engine: 'e1',
      decision: 'accept',
      actorId: 'u',
      draft: 'a b',
      final: 'a b',
    });
    await createUser(old, { username: 'olduser', password: 'maple river lantern', role: 'clinician' });
    await old.close();

    const store = await openStore({ dataDir: dir, jobs: false, migrations: galenMigrations });
    try {
      // The moved migration 110 does not run again; the feed, the worklist's switch to it and the
      // formerly lazy tables do (IF NOT EXISTS over the tables that are there).
      assert.deepEqual(store.migrated, [5, 111, 120, 130]);
      const { rows: legacy } = await store.sql.query<{ t: string | null }>(
        `SELECT to_regclass('galen_worklist_stale')::text AS t`,
      );
      assert.equal(legacy[0]?.t, null);

      let rows = await readWorklist(store.sql, { limit: 100 });
      assert.deepEqual(
        rows.map((r) => [r.patientId, r.name, r.news2]),
        [
          ['la', 'Lee Ash', 3],
          ['lb', 'Bea Birch', undefined],
        ],
      );
      // Writes now reach the worklist through the store's change feed.
      await store.fhir.update(news2('lb-n1', 'lb', '2026-01-01T02:00:00Z', 7));
      rows = await readWorklist(store.sql, { limit: 100 });
      assert.equal(rows.find((r) => r.patientId === 'lb')?.news2, 7);

      assert.equal((await checkPassword(store, 'olduser', 'maple river lantern'))?.username, 'olduser');
      const services = { store, config: loadConfig({}), log: silentLogger, get: () => Promise.reject(new Error('none')) };
      const figures = await reviewQualityFigures({ services });
      assert.equal(figures.find((f) => f.engine === 'e1')?.decisions, 1);
    } finally {
      await store.close();
    }
    const again = await openStore({ dataDir: dir, jobs: false, migrations: galenMigrations });
    assert.deepEqual(again.migrated, []);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new database gets every migration once, in id order', async () => {
  const store = await openStore({ dataDir: 'memory://', jobs: false, migrations: galenMigrations });
  try {
    assert.deepEqual(store.migrated, [1, 2, 3, 4, 5, 110, 111, 120, 130]);
  } finally {
    await store.close();
  }
});

test('two migrations with one id and two names are refused', async () => {
  await assert.rejects(
    openStore({ dataDir: 'memory://', migrations: [...galenMigrations, { id: 110, name: 'other', up: 'SELECT 1' }] }),
    /Migration id 110 is used twice/,
  );
});
