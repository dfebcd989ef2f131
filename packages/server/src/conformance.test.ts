/**
 * FHIR conformance with real client libraries: `fhir-kit-client`, `fhirclient` and `@medplum/core`
 * drive one Galen server over loopback (an admin API key as Bearer). One shared suite (`conformance`)
 * runs once per library through a small adapter that names the library call each interaction uses,
 * and says where a library has no call for it and its generic request method is used instead.
 * The results are written up in docs/conformance.md.
 * @see https://hl7.org/fhir/R4/http.html
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bundle, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { Client as FhirKitClient } from 'fhir-kit-client';
import smart from 'fhirclient';
import { MedplumClient } from '@medplum/core';
import { statusOf, type OperationOutcomeError } from '@galen/fhir';
import { startTestServer, type TestServer } from './testing';
import { SUBSETTED } from './fhir-subset';

/** What a write returned: the resource, and the status and Location where the library shows them. */
interface Sent<T extends Resource = Resource> {
  resource: T;
  status?: number;
  location?: string | null;
}

/** One client library, reduced to the FHIR interactions the suite exercises. */
interface Library {
  name: string;
  create<T extends Resource>(resource: T, ifNoneExist?: string): Promise<Sent<T>>;
  read<T extends Resource>(type: string, id: string): Promise<T>;
  vread<T extends Resource>(type: string, id: string, vid: string): Promise<T>;
  update<T extends Resource>(resource: T): Promise<Sent<T>>;
  delete(type: string, id: string): Promise<void>;
  history(type: string, id: string): Promise<Bundle>;
  /** One search page; `query` as in a URL. */
  search(type: string, query: string): Promise<Bundle>;
  /** A read with query parameters (`_summary`, `_elements`). */
  readWith<T extends Resource>(type: string, id: string, query: string): Promise<T>;
  /** Every page of a search, with the library's own paging. */
  searchAll(type: string, query: Record<string, string>): Promise<{ pages: number; ids: string[] }>;
  transaction(bundle: Bundle): Promise<Bundle>;
  batch(bundle: Bundle): Promise<Bundle>;
  /** Every page of `Patient/{id}/$everything?_count=n`, following `next` links. */
  everythingAll(id: string, count: number): Promise<{ pages: number; fullUrls: string[]; totals: number[] }>;
  /** The HTTP status of an error the library threw. */
  statusOf(err: unknown): number;
}

let s: TestServer;
let base: string;
before(async () => {
  s = await startTestServer();
  base = `${s.url}/fhir/R4`;
});
after(async () => s.close());

const query = (q: Record<string, string>) => new URLSearchParams(q).toString();

/** fhir-kit-client 2.0.3: `new Client({ baseUrl, bearerToken })`; status via `Client.httpFor(result)`. */
function fhirKitClient(): Library {
  const c = new FhirKitClient({ baseUrl: base, bearerToken: s.keys.admin });
  const sent = <T extends Resource>(r: unknown): Sent<T> => {
    const res = FhirKitClient.httpFor(r as never).response;
    return { resource: r as T, status: res?.status, location: res?.headers.get('location') };
  };
  return {
    name: 'fhir-kit-client',
    create: async (resource, ifNoneExist) =>
      sent(
        await c.create({
          resourceType: resource.resourceType,
          body: resource as never,
          options: ifNoneExist ? { headers: { 'If-None-Exist': ifNoneExist } } : {},
        }),
      ),
    read: async (type, id) => (await c.read({ resourceType: type, id })) as never,
    vread: async (type, id, version) => (await c.vread({ resourceType: type, id, version })) as never,
    update: async (resource) =>
      sent(await c.update({ resourceType: resource.resourceType, id: resource.id!, body: resource as never })),
    delete: async (type, id) => {
      await c.delete({ resourceType: type, id });
    },
    history: async (type, id) => (await c.history({ resourceType: type, id })) as unknown as Bundle,
    search: async (type, q) =>
      (await c.search({ resourceType: type, searchParams: Object.fromEntries(new URLSearchParams(q)) })) as unknown as Bundle,
    readWith: async (type, id, q) => (await c.request(`${type}/${id}?${q}`)) as never,
    searchAll: async (type, q) => {
      const ids: string[] = [];
      let pages = 0;
      let page = (await c.search({ resourceType: type, searchParams: q })) as unknown as Bundle | undefined;
      while (page) {
        pages++;
        ids.push(...(page.entry ?? []).map((e) => e.resource!.id!));
        page = (await c.nextPage({ bundle: page as never })) as unknown as Bundle | undefined;
      }
      return { pages, ids };
    },
    transaction: async (bundle) => (await c.transaction({ body: bundle as never })) as unknown as Bundle,
    batch: async (bundle) => (await c.batch({ body: bundle as never })) as unknown as Bundle,
    everythingAll: async (id, count) => {
      const out = { pages: 0, fullUrls: [] as string[], totals: [] as number[] };
      let page = (await c.operation({
        name: 'everything',
        resourceType: 'Patient',
        id,
        method: 'GET',
        input: { _count: count },
      })) as unknown as Bundle | undefined;
      while (page) {
        out.pages++;
        out.totals.push(page.total!);
        out.fullUrls.push(...(page.entry ?? []).map((e) => e.fullUrl!));
        page = (await c.nextPage({ bundle: page as never })) as unknown as Bundle | undefined;
      }
      return out;
    },
    statusOf: (err) => (err as { response?: { status?: number } }).response?.status ?? 0,
  };
}

/**
 * fhirclient 2.6.3 (a SMART library). In Node its entry (`fhirclient/lib/entry/node`, the package
 * main) wants the app's http request and response, used only for SMART launch and redirects;
 * `smart(req, res).client({ serverUrl, tokenResponse: { access_token } })` builds an authorised
 * client without them (stubs suffice). It has create/update/delete/pages; read, vread, history,
 * transaction and batch go through its generic `request()`.
 */
function fhirClient(): Library {
  const c = smart({ headers: {}, url: '/' } as IncomingMessage, {} as ServerResponse).client({
    serverUrl: base,
    tokenResponse: { access_token: s.keys.admin },
  });
  type Combined = { body: unknown; response: { status: number; headers: { get(name: string): string | null } } };
  const sent = <T extends Resource>(r: Combined): Sent<T> => ({
    resource: r.body as T,
    status: r.response.status,
    location: r.response.headers.get('location'),
  });
  const json = { 'content-type': 'application/fhir+json' };
  const allPages = async (url: string) => {
    const pages: Bundle[] = [];
    for await (const page of c.pages(url)) pages.push(page as unknown as Bundle);
    return pages;
  };
  return {
    name: 'fhirclient',
    create: async (resource, ifNoneExist) =>
      sent(
        (await c.create(resource as never, {
          includeResponse: true,
          ...(ifNoneExist ? { headers: { 'if-none-exist': ifNoneExist } } : {}),
        })) as Combined,
      ),
    read: async (type, id) => c.request(`${type}/${id}`),
    vread: async (type, id, vid) => c.request(`${type}/${id}/_history/${vid}`),
    update: async (resource) => sent((await c.update(resource as never, { includeResponse: true })) as Combined),
    delete: async (type, id) => {
      await c.delete(`${type}/${id}`);
    },
    history: async (type, id) => c.request(`${type}/${id}/_history`),
    search: async (type, q) => c.request(`${type}?${q}`),
    readWith: async (type, id, q) => c.request(`${type}/${id}?${q}`),
    searchAll: async (type, q) => {
      const pages = await allPages(`${type}?${query(q)}`);
      return { pages: pages.length, ids: pages.flatMap((p) => (p.entry ?? []).map((e) => e.resource!.id!)) };
    },
    // `request({ url: '' })` posts to `[base]/`.
    transaction: async (bundle) => c.request({ url: '', method: 'POST', body: JSON.stringify(bundle), headers: json }),
    batch: async (bundle) => c.request({ url: '', method: 'POST', body: JSON.stringify(bundle), headers: json }),
    everythingAll: async (id, count) => {
      const pages = await allPages(`Patient/${id}/$everything?_count=${count}`);
      return {
        pages: pages.length,
        totals: pages.map((p) => p.total!),
        fullUrls: pages.flatMap((p) => (p.entry ?? []).map((e) => e.fullUrl!)),
      };
    },
    statusOf: (err) => (err as { status?: number }).status ?? 0,
  };
}

/**
 * @medplum/core 4.5.2: `new MedplumClient({ baseUrl: server root, fetch, cacheTime: 0 })` (its
 * default `fhirUrlPath`, `fhir/R4`, is Galen's) and `setAccessToken(apiKey)`. Native calls for all
 * but a read with `_summary`/`_elements` and `$everything` with `_count` (its `get()`); its errors
 * carry the server's OperationOutcome, whose status `statusOf` reads. `updateResource` does not show
 * the HTTP status, so update-as-create is checked by the result (same id, version 1).
 */
function medplumClient(): Library {
  const m = new MedplumClient({ baseUrl: `${s.url}/`, fetch, cacheTime: 0 });
  m.setAccessToken(s.keys.admin);
  type Type = Parameters<MedplumClient['readResource']>[0];
  return {
    name: '@medplum/core',
    create: async (resource, ifNoneExist) => ({
      resource: ifNoneExist ? await m.createResourceIfNoneExist(resource, ifNoneExist) : await m.createResource(resource),
    }),
    read: async (type, id) => (await m.readResource(type as Type, id)) as never,
    vread: async (type, id, vid) => (await m.readVersion(type as Type, id, vid)) as never,
    update: async (resource) => ({ resource: await m.updateResource(resource) }),
    delete: async (type, id) => {
      await m.deleteResource(type as Type, id);
    },
    history: async (type, id) => (await m.readHistory(type as Type, id)) as Bundle,
    search: async (type, q) => (await m.search(type as Type, q)) as Bundle,
    readWith: async (type, id, q) => (await m.get(`${m.fhirUrl(type, id).toString()}?${q}`)) as never,
    searchAll: async (type, q) => {
      const out = { pages: 0, ids: [] as string[] };
      for await (const page of m.searchResourcePages(type as Type, q)) {
        out.pages++;
        out.ids.push(...page.map((r) => r.id));
      }
      return out;
    },
    transaction: async (bundle) => m.executeBatch(bundle),
    batch: async (bundle) => m.executeBatch(bundle),
    everythingAll: async (id, count) => {
      const out = { pages: 0, fullUrls: [] as string[], totals: [] as number[] };
      let url: string | undefined = `${m.fhirUrl('Patient', id, '$everything').toString()}?_count=${count}`;
      while (url) {
        const page = (await m.get(url)) as Bundle;
        out.pages++;
        out.totals.push(page.total!);
        out.fullUrls.push(...(page.entry ?? []).map((e) => e.fullUrl!));
        url = page.link?.find((l) => l.relation === 'next')?.url;
      }
      return out;
    },
    statusOf: (err) => statusOf((err as OperationOutcomeError).outcome),
  };
}

const isSubsetted = (r: Resource) => !!r.meta?.tag?.some((t) => t.system === SUBSETTED.system && t.code === SUBSETTED.code);

function patient(family: string): Patient {
  return {
    resourceType: 'Patient',
    name: [{ family }],
    gender: 'female',
    birthDate: '1980-02-03',
    maritalStatus: { text: 'single' },
  };
}

/** The shared suite: every interaction of docs/conformance.md, for one library. */
function conformance(make: () => Library): void {
  let lib: Library;
  /** Unique per library run, so the runs never see each other's data. */
  let tag: string;
  before(() => {
    lib = make();
    tag = lib.name.replace(/[^a-z]/g, '');
  });

  test('create, read, vread, update, history, delete', async () => {
    const created = await lib.create(patient(`Crud${tag}`));
    assert.ok(created.resource.id);
    assert.equal(created.resource.meta?.versionId, '1');
    if (created.status !== undefined) assert.equal(created.status, 201);
    if (created.location !== undefined)
      assert.match(created.location ?? '', new RegExp(`/Patient/${created.resource.id}/_history/1$`));
    const id = created.resource.id!;
    assert.equal((await lib.read<Patient>('Patient', id)).name?.[0]?.family, `Crud${tag}`);
    const updated = await lib.update<Patient>({ ...created.resource, gender: 'other' });
    assert.equal(updated.resource.meta?.versionId, '2');
    if (updated.status !== undefined) assert.equal(updated.status, 200);
    assert.equal((await lib.vread<Patient>('Patient', id, '1')).gender, 'female');
    const history = await lib.history('Patient', id);
    assert.equal(history.type, 'history');
    assert.deepEqual(
      history.entry?.map((e) => e.resource?.meta?.versionId),
      ['2', '1'],
    );
    await lib.delete('Patient', id);
    await assert.rejects(lib.read('Patient', id), (err) => lib.statusOf(err) === 410);
  });

  test('update as create: PUT to a new id creates it (201 + Location where visible)', async () => {
    const id = `${tag}-upsert-${Date.now()}`;
    const out = await lib.update<Patient>({ ...patient(`Upsert${tag}`), id });
    assert.equal(out.resource.id, id);
    assert.equal(out.resource.meta?.versionId, '1');
    if (out.status !== undefined) assert.equal(out.status, 201);
    if (out.location !== undefined) assert.equal(out.location, `${base}/Patient/${id}/_history/1`);
  });

  test('conditional create (If-None-Exist): the second create finds the first', async () => {
    const p: Patient = { ...patient(`Cond${tag}`), identifier: [{ system: 'urn:test:conformance', value: tag }] };
    const criteria = `identifier=urn:test:conformance|${tag}`;
    const first = await lib.create(p, criteria);
    if (first.status !== undefined) assert.equal(first.status, 201);
    const second = await lib.create(p, criteria);
    if (second.status !== undefined) assert.equal(second.status, 200);
    assert.equal(second.resource.id, first.resource.id);
    assert.equal((await lib.search('Patient', query({ identifier: `urn:test:conformance|${tag}` }))).total, 1);
  });

  describe('search', () => {
    const family = () => `Page${tag}`;
    before(async () => {
      for (let i = 0; i < 5; i++) await lib.create(patient(family()));
    });
    test('paging to the end with the library’s own paging', async () => {
      const all = await lib.searchAll('Patient', { family: family(), _count: '2' });
      assert.equal(all.pages, 3);
      assert.equal(new Set(all.ids).size, 5);
    });
    test('Bundle.total by default, _total=accurate, _summary=count', async () => {
      assert.equal((await lib.search('Patient', query({ family: family(), _count: '2' }))).total, 5);
      assert.equal((await lib.search('Patient', query({ family: family(), _count: '2', _total: 'accurate' }))).total, 5);
      const count = await lib.search('Patient', query({ family: family(), _summary: 'count' }));
      assert.equal(count.total, 5);
      assert.equal(count.entry?.length ?? 0, 0);
    });
    test('_summary=true: summary elements only, tagged SUBSETTED (search and read)', async () => {
      const b = await lib.search('Patient', query({ family: family(), _summary: 'true' }));
      const p = b.entry![0]!.resource as Patient;
      assert.equal(p.maritalStatus, undefined);
      assert.equal(p.birthDate, '1980-02-03');
      assert.ok(isSubsetted(p));
      const read = await lib.readWith<Patient>('Patient', p.id!, '_summary=true');
      assert.equal(read.maritalStatus, undefined);
      assert.ok(isSubsetted(read));
    });
    test('_elements: the listed elements, id and meta (search and read)', async () => {
      const b = await lib.search('Patient', query({ family: family(), _elements: 'name' }));
      const p = b.entry![0]!.resource as Patient;
      assert.deepEqual(Object.keys(p).sort(), ['id', 'meta', 'name', 'resourceType']);
      assert.ok(isSubsetted(p));
      const read = await lib.readWith<Patient>('Patient', p.id!, '_elements=gender');
      assert.deepEqual(Object.keys(read).sort(), ['gender', 'id', 'meta', 'resourceType']);
    });
  });

  test('transaction: urn:uuid references resolved, absolute fullUrls', async () => {
    const urn = 'urn:uuid:6a1d6c1e-2b34-4d55-8e6f-7a8b9c0d1e2f';
    const out = await lib.transaction({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: urn, resource: patient(`Tx${tag}`), request: { method: 'POST', url: 'Patient' } },
        {
          resource: { resourceType: 'Observation', status: 'final', code: { text: 'pulse' }, subject: { reference: urn } },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    });
    assert.equal(out.type, 'transaction-response');
    const [pe, oe] = out.entry!;
    assert.match(pe!.response!.status, /^201/);
    assert.match(oe!.response!.status, /^201/);
    assert.equal(pe!.fullUrl, `${base}/Patient/${pe!.resource!.id}`);
    assert.equal((oe!.resource as Observation).subject?.reference, `Patient/${pe!.resource!.id}`);
  });

  test('batch: entries succeed or fail on their own', async () => {
    const p = (await lib.create(patient(`Batch${tag}`))).resource;
    const out = await lib.batch({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Patient/${p.id}` } },
        { resource: patient(`Batch${tag}`), request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'GET', url: 'Patient/does-not-exist' } },
      ],
    });
    assert.equal(out.type, 'batch-response');
    assert.deepEqual(
      out.entry?.map((e) => e.response?.status.slice(0, 3)),
      ['200', '201', '404'],
    );
  });

  test('Patient/$everything: paged with _count, next links to the end', async () => {
    const p = (await lib.create(patient(`Everything${tag}`))).resource;
    for (let i = 0; i < 4; i++) {
      await lib.create({
        resourceType: 'Observation',
        status: 'final',
        code: { text: `o${i}` },
        subject: { reference: `Patient/${p.id}` },
      });
    }
    const all = await lib.everythingAll(p.id!, 2);
    assert.equal(all.pages, 3);
    assert.deepEqual(all.totals, [5, 5, 5]);
    assert.equal(new Set(all.fullUrls).size, 5);
    assert.ok(all.fullUrls.every((u) => u.startsWith(`${base}/`)));
    assert.equal(all.fullUrls[0], `${base}/Patient/${p.id}`);
  });
}

describe('fhir-kit-client', () => conformance(fhirKitClient));
describe('fhirclient', () => conformance(fhirClient));
describe('@medplum/core', () => conformance(medplumClient));
