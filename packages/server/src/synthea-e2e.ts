/**
 * End-to-end check shared by the PGlite and PostgreSQL runs: import the 41 Synthea bundles in
 * `../shared/data/synthea-fhir-r4/` over real HTTP, then compare counts, searches and
 * `$everything` with the bundles' own contents.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bundle, Observation, Resource } from '@medplum/fhirtypes';
import type { TestServer } from './testing';

export const SYNTHEA_DIR = fileURLToPath(new URL('../../../../shared/data/synthea-fhir-r4/bundles/', import.meta.url));
export const hasSynthea = existsSync(SYNTHEA_DIR);

interface Imported {
  bundle: Bundle;
  ids: Map<string, string>;
  patientId: string;
}

export async function importSyntheaOverHttp(s: TestServer): Promise<Imported[]> {
  const files = readdirSync(SYNTHEA_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  assert.equal(files.length, 41);
  const out: Imported[] = [];
  for (const f of files) {
    const text = readFileSync(SYNTHEA_DIR + f, 'utf8');
    const bundle = JSON.parse(text) as Bundle;
    const r = await s.request('/fhir/R4', { method: 'POST', body: text, role: 'service' });
    assert.equal(
      r.status,
      200,
      `${f}: ${r.status} ${await r
        .clone()
        .text()
        .then((t) => t.slice(0, 300))}`,
    );
    const resp = (await r.json()) as Bundle;
    assert.equal(resp.type, 'transaction-response');
    const ids = new Map<string, string>();
    (bundle.entry ?? []).forEach((e, i) => {
      const loc = resp.entry?.[i]?.response?.location ?? '';
      const m = /([A-Za-z]+)\/([^/]+)(?:\/_history\/.*)?$/.exec(loc);
      assert.ok(m, `${f} entry ${i}: location ${loc}`);
      ids.set(e.fullUrl!, m[2]!);
    });
    const patientEntry = bundle.entry!.find((e) => e.resource?.resourceType === 'Patient')!;
    out.push({ bundle, ids, patientId: ids.get(patientEntry.fullUrl!)! });
  }
  return out;
}

async function total(s: TestServer, query: string): Promise<number> {
  const r = await s.request(`/fhir/R4/${query}${query.includes('?') ? '&' : '?'}_total=accurate&_count=1`);
  assert.equal(r.status, 200, query);
  const b = (await r.json()) as Bundle;
  assert.equal(typeof b.total, 'number', `${query}: total`);
  return b.total!;
}

const NOT_IN_COMPARTMENT = new Set(['Organization', 'Practitioner']);

export async function checkSynthea(s: TestServer, imported: Imported[]): Promise<void> {
  // Counts per resource type (Organization and Practitioner repeat across bundles with their own ids).
  const expected = new Map<string, number>();
  for (const { bundle } of imported)
    for (const e of bundle.entry ?? []) expected.set(e.resource!.resourceType, (expected.get(e.resource!.resourceType) ?? 0) + 1);
  for (const [type, n] of expected) assert.equal(await total(s, type), n, `count of ${type}`);

  // Per patient: $everything, and searches by patient + code and patient + date.
  for (const { bundle, patientId } of imported.slice(0, 12)) {
    const resources = (bundle.entry ?? []).map((e) => e.resource as Resource);
    const inCompartment = resources.filter((r) => !NOT_IN_COMPARTMENT.has(r.resourceType));
    const ev = await s.request(`/fhir/R4/Patient/${patientId}/$everything`);
    assert.equal(ev.status, 200);
    const evb = (await ev.json()) as Bundle;
    const got = new Map<string, number>();
    for (const e of evb.entry ?? []) got.set(e.resource!.resourceType, (got.get(e.resource!.resourceType) ?? 0) + 1);
    const want = new Map<string, number>();
    for (const r of inCompartment) want.set(r.resourceType, (want.get(r.resourceType) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries([...got].sort()), Object.fromEntries([...want].sort()), `$everything of ${patientId}`);

    const obs = resources.filter((r): r is Observation => r.resourceType === 'Observation');
    const byCode = new Map<string, number>();
    for (const o of obs) {
      const c = o.code?.coding?.[0];
      if (c?.system && c.code) byCode.set(`${c.system}|${c.code}`, (byCode.get(`${c.system}|${c.code}`) ?? 0) + 1);
    }
    const [code, n] = [...byCode].sort((x, y) => y[1] - x[1])[0] ?? [];
    if (code)
      assert.equal(await total(s, `Observation?patient=${patientId}&code=${encodeURIComponent(code)}`), n, `code search ${code}`);

    const cut = '2015-01-01';
    const after = obs.filter((o) => (o.effectiveDateTime ?? o.effectivePeriod?.start ?? '') >= cut).length;
    assert.equal(await total(s, `Observation?subject=Patient/${patientId}&date=ge${cut}`), after, 'date search ge');
    const beforeN = obs.filter((o) => (o.effectiveDateTime ?? o.effectivePeriod?.start ?? '9999') < cut).length;
    assert.equal(await total(s, `Observation?patient=${patientId}&date=lt${cut}`), beforeN, 'date search lt');
  }

  // Paging walks every Observation of one patient exactly once.
  const { bundle, patientId } = imported.reduce((x, y) =>
    (x.bundle.entry?.length ?? 0) > (y.bundle.entry?.length ?? 0) ? x : y,
  );
  const nObs = (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Observation').length;
  const seen = new Set<string>();
  let next: string | undefined = `/fhir/R4/Observation?patient=${patientId}&_count=100&_sort=date`;
  while (next) {
    const page = (await (await s.request(next)).json()) as Bundle;
    for (const e of page.entry ?? []) {
      assert.ok(!seen.has(e.resource!.id!), 'a resource appeared on two pages');
      seen.add(e.resource!.id!);
    }
    const link = page.link?.find((l) => l.relation === 'next')?.url;
    next = link ? link.slice(link.indexOf('/fhir/R4')) : undefined;
  }
  assert.equal(seen.size, nObs);
}
