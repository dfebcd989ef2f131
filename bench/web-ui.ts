/// <reference lib="dom" />
/**
 * Web app benchmark: bundle size, worklist first paint with 10,000 patients, and chart load for a
 * patient with 5,000 observations — real Galen server (createApp, in-memory PGlite) on loopback,
 * Debian chromium via playwright-core. Synthetic patients only.
 *   npm run build -w @galen/web && npx tsx bench/web-ui.ts [--patients 10000] [--observations 5000]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import type { Bundle, BundleEntry, Resource } from '@galen/fhir';
import { openStore } from '@galen/store';
import { loadConfig } from '@galen/operations';
import { createApp, galenMigrations } from '@galen/server';
import { createUser, webPlugin } from '@galen/server/web/index';
import { CHROMIUM_ARGS, DIST, chromiumPath } from '../packages/web/e2e/harness';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PATIENTS = arg('patients', 10_000);
const OBSERVATIONS = arg('observations', 5_000);
const RUNS = arg('runs', 3);

function bundleSize() {
  const dir = join(DIST, 'assets');
  const files = readdirSync(dir).map((f) => {
    const body = readFileSync(join(dir, f));
    return { file: f, bytes: statSync(join(dir, f)).size, gzip: gzipSync(body).length };
  });
  return files;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function seed(store: Awaited<ReturnType<typeof openStore>>) {
  const LOINC = 'http://loinc.org';
  const entries: BundleEntry[] = [];
  const flush = async () => {
    if (!entries.length) return;
    await store.fhir.transaction({ resourceType: 'Bundle', type: 'transaction', entry: entries.splice(0) } as Bundle);
  };
  const now = Date.now();
  for (let p = 0; p < PATIENTS; p++) {
    const id = `bench-${p}`;
    entries.push({
      resource: {
        resourceType: 'Patient',
        id,
        name: [{ given: [`Given${p}`], family: `Family${p % 97}` }],
        gender: p % 2 ? 'male' : 'female',
        birthDate: `19${40 + (p % 60)}-01-01`,
      } as Resource,
      request: { method: 'PUT', url: `Patient/${id}` },
    });
    entries.push({
      resource: {
        resourceType: 'RiskAssessment',
        id: `${id}-news2`,
        status: 'preliminary',
        subject: { reference: `Patient/${id}` },
        occurrenceDateTime: new Date(now - (p % 50) * 60_000).toISOString(),
        method: { text: 'NEWS2' },
        extension: [{ url: 'https://galen.dev/fhir/StructureDefinition/score', valueDecimal: p % 11 }],
      } as Resource,
      request: { method: 'PUT', url: `RiskAssessment/${id}-news2` },
    });
    if (entries.length >= 2000) await flush();
  }
  // One patient with many observations (vital signs every few minutes).
  const pid = 'bench-heavy';
  entries.push({
    resource: {
      resourceType: 'Patient',
      id: pid,
      name: [{ given: ['Heavy'], family: 'Chart' }],
      gender: 'female',
      birthDate: '1950-05-05',
    } as Resource,
    request: { method: 'PUT', url: `Patient/${pid}` },
  });
  const codes: [string, string, number, number][] = [
    ['8867-4', 'Heart rate', 80, 25],
    ['9279-1', 'Respiratory rate', 16, 6],
    ['8480-6', 'Systolic blood pressure', 120, 25],
    ['59408-5', 'Oxygen saturation', 95, 4],
    ['8310-5', 'Body temperature', 37.2, 1.2],
  ];
  for (let i = 0; i < OBSERVATIONS; i++) {
    const [code, display, base, amp] = codes[i % codes.length] as [string, string, number, number];
    const k = Math.floor(i / codes.length);
    entries.push({
      resource: {
        resourceType: 'Observation',
        id: `${pid}-${i}`,
        status: 'final',
        category: [{ coding: [{ code: 'vital-signs' }] }],
        code: { coding: [{ system: LOINC, code, display }], text: display },
        subject: { reference: `Patient/${pid}` },
        effectiveDateTime: new Date(now - (OBSERVATIONS / codes.length - k) * 10 * 60_000).toISOString(),
        valueQuantity: { value: Number((base + amp * Math.sin(k / 17)).toFixed(1)) },
      } as Resource,
      request: { method: 'PUT', url: `Observation/${pid}-${i}` },
    });
    if (entries.length >= 2000) await flush();
  }
  await flush();
}

/** Navigate and return the page's clock (ms since navigation start) when `selector` matches `count` (or more) elements. */
async function timeTo(page: Page, url: string, selector: string, count = 1): Promise<number> {
  await page.goto(url);
  const h = await page.waitForFunction(
    ([sel, n]) => document.querySelectorAll(sel as string).length >= (n as number) && performance.now(),
    [selector, count] as const,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await h.jsonValue()) as number;
}

const files = bundleSize();
const js = files.filter((f) => f.file.endsWith('.js'));
const css = files.filter((f) => f.file.endsWith('.css'));
const sum = (xs: { bytes: number; gzip: number }[]) => ({
  bytes: xs.reduce((a, b) => a + b.bytes, 0),
  gzip: xs.reduce((a, b) => a + b.gzip, 0),
});
console.log(`bundle: js ${JSON.stringify(sum(js))} css ${JSON.stringify(sum(css))}`);

const t0 = performance.now();
const store = await openStore({ dataDir: 'memory://', jobs: false, migrations: galenMigrations });
await seed(store);
console.log(`seeded ${PATIENTS} patients + ${OBSERVATIONS} observations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const app = await createApp(loadConfig({ GALEN_DEMO: '0', GALEN_LOG_LEVEL: 'silent', GALEN_WEB_DIR: DIST }), {
  store,
  logLevel: 'silent',
});
if (!app.fastify.hasRoute({ method: 'POST', url: '/auth/login' }))
  await webPlugin(app.fastify, { services: app.services, webDir: DIST });
await createUser(store, { username: 'bench', password: 'violet-kettle-harbour-29', role: 'clinician' });
const url = await app.listen(0, '127.0.0.1');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
const { key } = await store.keys.create({ name: 'bench', role: 'clinician' });
await context.route(/\/(api|fhir)\//, (route) =>
  route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${key}` } }),
);
const page = await context.newPage();
await page.goto(url + '/');
await page.getByLabel('Username').fill('bench');
await page.getByLabel('Password').fill('violet-kettle-harbour-29');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('navigation', { name: 'Main' }).waitFor();

// worklist.list alone (server time), then first paint in the browser (navigation → first row).
const apiTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const s = performance.now();
  const r = await fetch(`${url}/api/worklist.list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: '{}',
  });
  const rows = (await r.json()) as unknown[];
  apiTimes.push(performance.now() - s);
  if (rows.length < PATIENTS) throw new Error(`worklist returned ${rows.length} rows`);
}
const paint: number[] = [];
for (let i = 0; i < RUNS; i++) paint.push(await timeTo(page, `${url}/`, '.vrow'));
const domRows = await page.locator('.vrow').count();
// Scroll to the middle and time until the rows there are rendered.
const scroll = await page.evaluate(async () => {
  const el = document.querySelector('.vlist') as HTMLElement;
  const s = performance.now();
  el.scrollTop = el.scrollHeight / 2;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - s;
});
const chart: number[] = [];
for (let i = 0; i < RUNS; i++) chart.push(await timeTo(page, `${url}/patients/bench-heavy`, 'figure.plot svg path.series', 5));
console.log(
  JSON.stringify(
    {
      patients: PATIENTS,
      observations: OBSERVATIONS,
      worklistApiMs: apiTimes.map(Math.round),
      worklistFirstPaintMs: paint.map(Math.round),
      worklistFirstPaintMedianMs: Math.round(median(paint)),
      domRowsFor10k: domRows,
      scrollToMiddleMs: Math.round(scroll),
      chartLoadMs: chart.map(Math.round),
      chartLoadMedianMs: Math.round(median(chart)),
    },
    null,
    1,
  ),
);
await browser.close();
await app.close();
await store.close();
