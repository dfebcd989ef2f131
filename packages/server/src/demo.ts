/**
 * Demo data for `npm start`: when the store holds no patients, load synthetic ones (the generator
 * keeps their ground truth), score them so the worklist and alerts are populated, and create the
 * demo sign-ins (`demo`/`demo` clinician, `admin`/`admin` admin, `reviewer`/`reviewer`).
 * Demo accounts exist only in a store that was empty; never use them for real data.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { loadDemoPatients } from '@galen/synth/demo';
import { onObservationsWritten } from '@galen/operations/cds/service';
import { refreshStaleWorklist } from '@galen/operations/worklist/service';
import type { GalenApp } from './app';
import { ensureUser } from './web/index';
import { SYSTEM_ACTOR } from './wiring';

export const DEMO_USERS = [
  { username: 'demo', password: 'demo', role: 'clinician' },
  { username: 'admin', password: 'admin', role: 'admin' },
  { username: 'reviewer', password: 'reviewer', role: 'reviewer' },
] as const;

export async function loadDemoIfEmpty(
  app: GalenApp,
  say: (msg: string) => void = () => {},
  options: { count?: number; now?: Date } = {},
): Promise<boolean> {
  const existing = await app.store.fhir.search({ resourceType: 'Patient', params: [{ name: '_count', value: '1' }] });
  if (existing.resources.length > 0) return false;
  const count = options.count ?? app.config.demoPatients;
  const now = options.now ?? new Date();
  say(`Empty store: loading ${count} synthetic demo patients...`);
  const started = Date.now();
  // The generator's output is validated in its own tests (every resource passes validateResource),
  // so this trusted bulk load skips per-resource validation, which dominates load time.
  const trusted = { fhir: { transaction: (b: Bundle) => app.store.fhir.transaction(b, { validate: false }) } };
  const result = await loadDemoPatients(trusted, { count, seed: 1, now: now.toISOString() });
  say(
    `Loaded ${result.patients} patients (${result.resources} resources) in ${((Date.now() - started) / 1000).toFixed(1)} s; scoring...`,
  );
  const repo = app.store.forActor(SYSTEM_ACTOR);
  let offset = 0;
  for (;;) {
    const page = await app.store.fhir.search({
      resourceType: 'Patient',
      params: [
        { name: '_count', value: '200' },
        { name: '_offset', value: String(offset) },
      ],
    });
    for (const p of page.resources) await onObservationsWritten(p.id!, { repo, services: app.services }, now);
    if (page.nextOffset === undefined) break;
    offset = page.nextOffset;
  }
  // Build the worklist's per-patient rows now rather than on the first user's request.
  await refreshStaleWorklist(app.store.sql);
  // The demo sign-ins are documented in README (demo/demo, admin/admin, reviewer/reviewer) and exist
  // only in a store that was empty, in demo mode: they are exempt from the 12-character password
  // rule on purpose. Every other account goes through it.
  for (const u of DEMO_USERS) await ensureUser(app.store, { ...u }, { demoAccount: true });
  say('Demo sign-ins: demo/demo (clinician), admin/admin (admin), reviewer/reviewer (reviewer).');
  return true;
}
