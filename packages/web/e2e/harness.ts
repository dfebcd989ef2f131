/**
 * End-to-end harness: a real Galen server (`createApp`) on loopback with an in-memory store,
 * synthetic demo patients, the built web app, and Debian's Chromium driven by playwright-core.
 * Never downloads a browser: set CHROMIUM_PATH or install Debian `chromium`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Bundle, BundleEntry, Resource } from '@galen/fhir';
import { openStore, type Store } from '@galen/store';
import { loadConfig } from '@galen/operations';
import { createApp, galenMigrations, type GalenApp } from '@galen/server';
import { createUser, webPlugin } from '@galen/server/web/index';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST = join(ROOT, 'packages/web/dist');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
export const ACI_TRAIN = join(ROOT, '../shared/data/aci-bench/data/challenge_data/train.csv');

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (x): x is string => !!x,
  );
  return candidates.find((p) => existsSync(p));
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Harness {
  app: GalenApp;
  store: Store;
  url: string;
  browser: Browser;
  context: BrowserContext;
  /** True when the lead's server wires `authenticateSession`; else the harness adds a bearer key. */
  sessionsWired: boolean;
  close(): Promise<void>;
}

export type CallOperation = (name: string, input: unknown) => Promise<unknown>;

export async function startHarness(
  opts: { seed?: () => Bundle; afterSeed?: (call: CallOperation, app: GalenApp) => Promise<void> } = {},
): Promise<Harness> {
  const store = await openStore({ dataDir: 'memory://', jobs: true, migrations: galenMigrations });
  const config = loadConfig({ GALEN_DEMO: '0', GALEN_LOG_LEVEL: 'silent', GALEN_WEB_DIR: DIST });
  const app = await createApp(config, { store, logLevel: 'silent' });
  const wired = app.fastify.hasRoute({ method: 'POST', url: '/auth/login' });
  if (!wired) await webPlugin(app.fastify, { services: app.services, webDir: DIST });
  // Stand-ins for the documented demo sign-ins, so exempt from the 12-character password rule.
  const demo = { demoAccount: true };
  await createUser(store, { username: 'demo', password: 'demo', role: 'clinician' }, demo).catch(() => undefined);
  await createUser(store, { username: 'admin', password: 'admin-pass', role: 'admin' }, demo).catch(() => undefined);
  const url = await app.listen(0, '127.0.0.1');
  if (opts.seed) {
    // Through HTTP, so the server reacts to the writes as it would in use (e.g. recomputing scores).
    const { key } = await store.keys.create({ name: 'e2e-seed', role: 'service' });
    const res = await fetch(`${url}/fhir/R4`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${key}` },
      body: JSON.stringify(opts.seed()),
    });
    if (!res.ok) throw new Error(`Seeding failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const call: CallOperation = async (name, input) => {
      const r = await fetch(`${url}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(input),
      });
      if (!r.ok) throw new Error(`${name} failed: ${r.status} ${(await r.text()).slice(0, 300)}`);
      return r.json();
    };
    if (opts.afterSeed) await opts.afterSeed(call, app);
  }
  // Does a session cookie authenticate /api calls? (Only when the server's auth hook calls authenticateSession.)
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const probe = await fetch(`${url}/api`, { headers: { cookie } });
  const sessionsWired = probe.status === 200;

  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  if (!sessionsWired) {
    // Stand-in until the server's auth hook calls authenticateSession: API calls carry a clinician key.
    const { key } = await store.keys.create({ name: 'e2e-clinician', role: 'clinician' });
    await context.route(/\/(api|fhir)\//, (route) =>
      route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${key}` } }),
    );
  }
  return {
    app,
    store,
    url,
    browser,
    context,
    sessionsWired,
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await app.close();
      await store.close();
    },
  };
}

/** A fresh Chromium user-data dir is not needed with `launch` (it uses a temporary profile); kept for persistent runs. */
export function tempProfile(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'galen-chromium-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The first dialogue of the ACI-Bench train split (read at run time, never copied). */
export function firstAciTrainDialogue(): { id: string; dialogue: string } | undefined {
  if (!existsSync(ACI_TRAIN)) return undefined;
  const text = readFileSync(ACI_TRAIN, 'utf8');
  const rows = parseCsv(text, 2);
  const header = rows[0] ?? [];
  const row = rows[1];
  if (!row) return undefined;
  const col = (name: string) => row[header.indexOf(name)] ?? '';
  return { id: col('encounter_id'), dialogue: col('dialogue') };
}

/** Minimal RFC 4180 reader (quoted fields with doubled quotes and newlines), first `maxRows` rows. */
export function parseCsv(text: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if ((field || row.length) && rows.length < maxRows) rows.push([...row, field]);
  return rows;
}

const LOINC = 'http://loinc.org';
const VITAL_CAT = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }];
const LAB_CAT = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }];

function vital(pid: string, code: string, display: string, value: number, unit: string, time: string): Resource {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: VITAL_CAT,
    code: { coding: [{ system: LOINC, code, display }], text: display },
    subject: { reference: `Patient/${pid}` },
    effectiveDateTime: time,
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  } as Resource;
}

/**
 * Synthetic demo patients: one deteriorating over 12 hours (rising pulse and breathing, falling
 * blood pressure and SpO2, fever, lactate up), the rest stable, as one transaction Bundle.
 */
export const DETERIORATING_ID = 'e2e-deteriorating';
export const STABLE_IDS = (n: number) => Array.from({ length: n }, (_, p) => `e2e-stable-${p}`);

export function demoBundle(opts: { stable?: number; now?: Date } = {}): Bundle {
  const now = (opts.now ?? new Date()).getTime();
  const entries: BundleEntry[] = [];
  const put = (r: Resource) => entries.push({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } });
  const pid = DETERIORATING_ID;
  put({
    resourceType: 'Patient',
    id: pid,
    name: [{ given: ['Ada'], family: 'Okafor' }],
    gender: 'female',
    birthDate: '1948-03-02',
  } as Resource);
  put({
    resourceType: 'Encounter',
    id: `${pid}-enc`,
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
    subject: { reference: `Patient/${pid}` },
    period: { start: new Date(now - 36 * 3600_000).toISOString() },
    location: [{ location: { display: 'Ward 7 bed 3' } }],
  } as Resource);
  put({
    resourceType: 'AllergyIntolerance',
    id: `${pid}-allergy`,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    patient: { reference: `Patient/${pid}` },
    code: { text: 'Penicillin' },
  } as Resource);
  const steps = 7;
  for (let i = 0; i < steps; i++) {
    const t = new Date(now - (steps - 1 - i) * 2 * 3600_000).toISOString();
    const f = i / (steps - 1);
    put({ ...vital(pid, '8867-4', 'Heart rate', Math.round(82 + 50 * f), '/min', t), id: `${pid}-hr-${i}` } as Resource);
    put({ ...vital(pid, '9279-1', 'Respiratory rate', Math.round(15 + 14 * f), '/min', t), id: `${pid}-rr-${i}` } as Resource);
    put({
      ...vital(pid, '8480-6', 'Systolic blood pressure', Math.round(128 - 42 * f), 'mm[Hg]', t),
      id: `${pid}-sbp-${i}`,
    } as Resource);
    put({ ...vital(pid, '59408-5', 'Oxygen saturation', Math.round(97 - 7 * f), '%', t), id: `${pid}-spo2-${i}` } as Resource);
    put({
      ...vital(pid, '8310-5', 'Body temperature', Number((37 + 2.4 * f).toFixed(1)), 'Cel', t),
      id: `${pid}-temp-${i}`,
    } as Resource);
    put({ ...vital(pid, '3150-0', 'Inhaled oxygen concentration', 21, '%', t), id: `${pid}-fio2-${i}` } as Resource);
    put({
      ...vital(pid, '80288-4', 'Level of consciousness (ACVPU)', i >= steps - 2 ? 1 : 0, '{ACVPU}', t),
      id: `${pid}-avpu-${i}`,
    } as Resource);
  }
  for (const [i, v] of [1.4, 2.6, 4.3].entries())
    put({
      resourceType: 'Observation',
      id: `${pid}-lactate-${i}`,
      status: 'final',
      category: LAB_CAT,
      code: { coding: [{ system: LOINC, code: '2524-7', display: 'Lactate' }], text: 'Lactate' },
      subject: { reference: `Patient/${pid}` },
      effectiveDateTime: new Date(now - (2 - i) * 5 * 3600_000).toISOString(),
      valueQuantity: { value: v, unit: 'mmol/L' },
      referenceRange: [{ low: { value: 0.5 }, high: { value: 2.0 } }],
    } as Resource);
  for (let p = 0; p < (opts.stable ?? 4); p++) {
    const id = `e2e-stable-${p}`;
    put({
      resourceType: 'Patient',
      id,
      name: [{ given: [`Stable${p}`], family: 'Patient' }],
      gender: p % 2 ? 'male' : 'female',
      birthDate: `19${60 + p}-01-01`,
    } as Resource);
    const t = new Date(now - 3600_000).toISOString();
    put({ ...vital(id, '8867-4', 'Heart rate', 72, '/min', t), id: `${id}-hr` } as Resource);
    put({ ...vital(id, '9279-1', 'Respiratory rate', 14 + (p % 3) * 3, '/min', t), id: `${id}-rr` } as Resource);
    put({ ...vital(id, '8480-6', 'Systolic blood pressure', 124 - p * 4, 'mm[Hg]', t), id: `${id}-sbp` } as Resource);
    put({ ...vital(id, '59408-5', 'Oxygen saturation', 97 - (p % 3), '%', t), id: `${id}-spo2` } as Resource);
    put({ ...vital(id, '8310-5', 'Body temperature', 36.8, 'Cel', t), id: `${id}-temp` } as Resource);
    put({ ...vital(id, '3150-0', 'Inhaled oxygen concentration', 21, '%', t), id: `${id}-fio2` } as Resource);
    put({ ...vital(id, '80288-4', 'Level of consciousness (ACVPU)', 0, '{ACVPU}', t), id: `${id}-avpu` } as Resource);
    put({
      resourceType: 'Encounter',
      id: `${id}-enc`,
      status: 'in-progress',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      subject: { reference: `Patient/${id}` },
      period: { start: new Date(now - 24 * 3600_000).toISOString() },
      location: [{ location: { display: `Ward ${1 + (p % 3)} bed ${p + 1}` } }],
    } as Resource);
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}
