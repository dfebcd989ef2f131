/**
 * The repository contract: one suite, run against every store implementation
 * (`pglite.test.ts`, `postgres.int.test.ts`).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, Condition, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { OperationOutcomeError } from '@galen/fhir';
import type { OpenedStore } from './open-store';
import type { SearchParam } from './repository';

export interface ContractOptions {
  /** Open a second handle on the same database as the last `makeStore` (migrations idempotent). */
  reopen?: (store: OpenedStore) => Promise<OpenedStore>;
}

/** Assert that `p` rejects with an OperationOutcomeError of `status`; returns its message. */
export async function rejectsWith(p: Promise<unknown>, status: number): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof OperationOutcomeError, `expected OperationOutcomeError, got ${String(err)}`);
    assert.equal(err.status, status, err.message);
    return err.message;
  }
  assert.fail(`expected a ${status} error`);
}

const q = (s: string): SearchParam[] =>
  s.split('&').map((kv) => {
    const i = kv.indexOf('=');
    return { name: kv.slice(0, i), value: kv.slice(i + 1) };
  });

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';

function obs(
  patientId: string,
  code: string,
  date: string,
  system: string | null = LOINC,
  status: Observation['status'] = 'final',
): Observation {
  return {
    resourceType: 'Observation',
    status,
    code: { coding: [system ? { system, code } : { code }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    valueQuantity: { value: 1, unit: 'x' },
  };
}

async function countAll(store: OpenedStore): Promise<number> {
  const r = await store.sql.query<{ n: number | string }>('SELECT count(*) AS n FROM resources');
  return Number(r.rows[0]!.n);
}

export function runRepositoryContract(name: string, makeStore: () => Promise<OpenedStore>, options: ContractOptions = {}): void {
  describe(`store contract: ${name}`, () => {
    let store: OpenedStore;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store?.close();
    });

    it('creates, reads, updates with versions, deletes and keeps history', async () => {
      const fhir = store.fhir;
      const p = await fhir.create<Patient>({ resourceType: 'Patient', id: 'ignored', gender: 'male', birthDate: '1980-01-01' });
      assert.notEqual(p.id, 'ignored');
      assert.equal(p.meta?.versionId, '1');
      assert.ok(p.meta?.lastUpdated);
      assert.deepEqual((await fhir.read<Patient>('Patient', p.id!)).gender, 'male');
      const p2 = await fhir.update<Patient>({ ...p, gender: 'female' });
      assert.equal(p2.meta?.versionId, '2');
      assert.equal((await fhir.vread<Patient>('Patient', p.id!, '1')).gender, 'male');
      assert.equal((await fhir.read<Patient>('Patient', p.id!)).gender, 'female');
      await rejectsWith(fhir.update({ ...p2, gender: 'other' }, { ifMatch: 'W/"1"' }), 412);
      const p3 = await fhir.update<Patient>({ ...p2, gender: 'other' }, { ifMatch: 'W/"2"' });
      assert.equal(p3.meta?.versionId, '3');
      const own = await fhir.update<Patient>({ resourceType: 'Patient', id: 'client-chosen-1', gender: 'unknown' });
      assert.equal(own.id, 'client-chosen-1');
      assert.equal(own.meta?.versionId, '1');
      await fhir.delete('Patient', p.id!);
      await rejectsWith(fhir.read('Patient', p.id!), 410);
      await rejectsWith(fhir.vread('Patient', p.id!, '4'), 410);
      const h = await fhir.history('Patient', p.id!);
      assert.deepEqual(
        h.map((e) => [e.versionId, e.deleted]),
        [
          ['4', true],
          ['3', false],
          ['2', false],
          ['1', false],
        ],
      );
      await rejectsWith(fhir.read('Patient', 'does-not-exist'), 404);
      await rejectsWith(fhir.vread('Patient', own.id!, '9'), 404);
      await rejectsWith(fhir.delete('Patient', 'does-not-exist'), 404);
      await rejectsWith(fhir.read('NoSuchType', 'x'), 400);
    });

    it('rejects invalid resources with 422 and unknown types with 400, storing nothing', async () => {
      const before = await countAll(store);
      await rejectsWith(store.fhir.create({ resourceType: 'Patient', gender: 'bogus' } as unknown as Patient), 422);
      await rejectsWith(store.fhir.create({ resourceType: 'Observation', status: 'final' } as Observation), 422);
      await rejectsWith(store.fhir.create({ resourceType: 'Spaceship' } as unknown as Resource), 400);
      await rejectsWith(store.fhir.update({ resourceType: 'Patient', id: 'bad id!' }), 400);
      assert.equal(await countAll(store), before);
    });

    describe('search', () => {
      let a: Patient;
      let b: Patient;
      const made: Observation[] = [];
      before(async () => {
        a = await store.fhir.create<Patient>({
          resourceType: 'Patient',
          identifier: [{ system: 'urn:test:mrn', value: 'A-1' }],
          name: [{ family: 'Zylstra', given: ['Anna'] }],
          gender: 'female',
          birthDate: '1961-06-15',
        });
        b = await store.fhir.create<Patient>({
          resourceType: 'Patient',
          identifier: [{ system: 'urn:test:mrn', value: 'B-2' }],
          name: [{ family: 'Zyborg', given: ['Bert'] }],
          gender: 'male',
          birthDate: '1990-01-02',
        });
        made.push(await store.fhir.create(obs(a.id!, '8867-4', '2020-01-15T10:00:00Z')));
        made.push(await store.fhir.create(obs(a.id!, '8867-4', '2021-03-01T10:00:00Z')));
        made.push(await store.fhir.create(obs(a.id!, '2708-6', '2021-03-02')));
        made.push(await store.fhir.create(obs(a.id!, 'local-1', '2022-07-01', null, 'preliminary')));
        made.push(await store.fhir.create(obs(b.id!, '8867-4', '2021-03-05T00:00:00Z')));
        await store.fhir.create<Condition>({
          resourceType: 'Condition',
          subject: { reference: `Patient/${a.id}` },
          code: { coding: [{ system: SNOMED, code: '44054006' }] },
          clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
          onsetDateTime: '2010-05-05',
        });
      });
      const ids = async (type: string, s: string) =>
        (await store.fhir.search({ resourceType: type, params: q(s) })).resources.map((r) => r.id);

      it('by _id, patient and subject', async () => {
        assert.deepEqual(await ids('Patient', `_id=${a.id}`), [a.id]);
        assert.equal((await ids('Observation', `patient=${a.id}`)).length, 4);
        assert.equal((await ids('Observation', `patient=Patient/${a.id}`)).length, 4);
        assert.equal((await ids('Observation', `subject=Patient/${b.id}`)).length, 1);
        assert.equal((await ids('Observation', `patient=${a.id},${b.id}`)).length, 5);
        assert.equal((await ids('Observation', `subject=Group/${a.id}`)).length, 0);
      });

      it('by token: system|code, code, |code, identifier, status, clinical-status, gender', async () => {
        assert.equal((await ids('Observation', `patient=${a.id}&code=${LOINC}|8867-4`)).length, 2);
        assert.equal((await ids('Observation', `patient=${a.id}&code=8867-4`)).length, 2);
        assert.equal((await ids('Observation', `patient=${a.id}&code=${SNOMED}|8867-4`)).length, 0);
        assert.equal((await ids('Observation', `patient=${a.id}&code=|local-1`)).length, 1);
        assert.equal((await ids('Observation', `patient=${a.id}&code=|8867-4`)).length, 0);
        assert.equal((await ids('Observation', `patient=${a.id}&code=8867-4,2708-6`)).length, 3);
        assert.equal((await ids('Observation', `patient=${a.id}&code:not=8867-4`)).length, 2);
        assert.deepEqual(await ids('Patient', 'identifier=urn:test:mrn|B-2'), [b.id]);
        assert.deepEqual(await ids('Patient', 'identifier=A-1'), [a.id]);
        assert.equal((await ids('Observation', `patient=${a.id}&status=preliminary`)).length, 1);
        assert.equal((await ids('Condition', `patient=${a.id}&clinical-status=active&code=${SNOMED}|44054006`)).length, 1);
        assert.ok((await ids('Patient', `gender=male&_id=${a.id},${b.id}`)).includes(b.id));
        assert.ok(!(await ids('Patient', `gender=male&_id=${a.id},${b.id}`)).includes(a.id));
      });

      it('by date with prefixes and partial dates', async () => {
        const n = async (s: string) => (await ids('Observation', `patient=${a.id}&${s}`)).length;
        assert.equal(await n('date=2021'), 2);
        assert.equal(await n('date=2021-03'), 2);
        assert.equal(await n('date=2021-03-02'), 1);
        assert.equal(await n('date=eq2020'), 1);
        assert.equal(await n('date=ne2021'), 2);
        assert.equal(await n('date=ge2021-03-02'), 2);
        assert.equal(await n('date=gt2021-03-02'), 1);
        assert.equal(await n('date=lt2021'), 1);
        assert.equal(await n('date=le2021-03-01'), 2);
        assert.equal(await n('date=ge2021&date=lt2022'), 2);
        assert.equal(await n('date=ge2021-03-01T10:00:00Z&date=le2021-03-01T10:00:00Z'), 1);
        assert.equal((await ids('Condition', `patient=${a.id}&date=2010-05`)).length, 1);
        assert.deepEqual(await ids('Patient', `birthdate=1961&_id=${a.id},${b.id}`), [a.id]);
        assert.equal(await n('_lastUpdated=ge2000-01-01'), 4);
        assert.equal(await n('_lastUpdated=lt2000-01-01'), 0);
        await rejectsWith(store.fhir.search({ resourceType: 'Observation', params: q('date=yesterday') }), 400);
      });

      it('by Patient name, family, given (prefix, case-insensitive)', async () => {
        assert.deepEqual(await ids('Patient', 'family=zyl'), [a.id]);
        assert.deepEqual(await ids('Patient', 'given=BERT'), [b.id]);
        assert.equal((await ids('Patient', 'name=Zy')).length, 2);
        assert.deepEqual(await ids('Patient', 'name:exact=zyborg'), [b.id]);
      });

      it('pages with _count/_offset, sorts and counts', async () => {
        const r1 = await store.fhir.search({
          resourceType: 'Observation',
          params: q(`patient=${a.id}&_count=3&_sort=date&_total=accurate`),
        });
        assert.equal(r1.resources.length, 3);
        assert.equal(r1.total, 4);
        assert.equal(r1.nextOffset, 3);
        const r2 = await store.fhir.search({
          resourceType: 'Observation',
          params: q(`patient=${a.id}&_count=3&_offset=3&_sort=date`),
        });
        assert.equal(r2.resources.length, 1);
        assert.equal(r2.nextOffset, undefined);
        assert.equal(r2.prevOffset, 0);
        const all = [...r1.resources, ...r2.resources] as Observation[];
        const dates = all.map((o) => o.effectiveDateTime!);
        assert.deepEqual(
          dates,
          [...dates].sort((x, y) => Date.parse(x) - Date.parse(y)),
        );
        const desc = (
          await store.fhir.search<Observation>({ resourceType: 'Observation', params: q(`patient=${a.id}&_sort=-date`) })
        ).resources;
        assert.equal(desc[0]!.effectiveDateTime, '2022-07-01');
        const byId = await ids('Observation', `patient=${a.id}&_sort=_id`);
        assert.deepEqual(byId, [...byId].sort());
        const byUpdated = await ids('Observation', `patient=${a.id}&_sort=_lastUpdated`);
        assert.deepEqual(
          byUpdated,
          made.slice(0, 4).map((o) => o.id),
        );
        const c = await store.fhir.search({ resourceType: 'Observation', params: q(`patient=${a.id}&_summary=count`) });
        assert.equal(c.total, 4);
        assert.equal(c.resources.length, 0);
        await rejectsWith(store.fhir.search({ resourceType: 'Observation', params: q('_count=5000') }), 400);
        await rejectsWith(store.fhir.search({ resourceType: 'Observation', params: q('_sort=value') }), 400);
      });

      it('includes the Patient with _include', async () => {
        const r = await store.fhir.search({
          resourceType: 'Observation',
          params: q(`patient=${a.id},${b.id}&_include=Observation:subject`),
        });
        assert.equal(r.resources.length, 5);
        assert.deepEqual(r.included.map((x) => x.id).sort(), [a.id, b.id].sort());
        const r2 = await store.fhir.search({ resourceType: 'Condition', params: q(`patient=${a.id}&_include=*:patient`) });
        assert.deepEqual(
          r2.included.map((x) => x.id),
          [a.id],
        );
        await rejectsWith(store.fhir.search({ resourceType: 'Observation', params: q('_include=Observation:performer') }), 400);
      });

      it('rejects unknown parameters and modifiers with 400', async () => {
        await rejectsWith(store.fhir.search({ resourceType: 'Observation', params: q('colour=blue') }), 400);
        await rejectsWith(store.fhir.search({ resourceType: 'Observation', params: q('code:text=hb') }), 400);
        await rejectsWith(store.fhir.search({ resourceType: 'Organization', params: q('birthdate=2000') }), 400);
        await rejectsWith(store.fhir.search({ resourceType: 'Nope', params: [] }), 400);
      });

      it('leaves deleted resources out', async () => {
        const o = await store.fhir.create(obs(b.id!, 'to-delete', '2020-01-01'));
        assert.equal((await ids('Observation', 'code=to-delete')).length, 1);
        await store.fhir.delete('Observation', o.id!);
        assert.equal((await ids('Observation', 'code=to-delete')).length, 0);
      });
    });

    describe('transactions', () => {
      const patientEntry = (fullUrl: string, mrn: string) => ({
        fullUrl,
        resource: { resourceType: 'Patient', identifier: [{ system: 'urn:test:tx', value: mrn }], gender: 'female' } as Patient,
        request: { method: 'POST' as const, url: 'Patient', ifNoneExist: `identifier=urn:test:tx|${mrn}` },
      });
      const obsEntry = (patientRef: string, code: string) => ({
        fullUrl: `urn:uuid:${crypto.randomUUID()}`,
        resource: { ...obs('x', code, '2021-01-01'), subject: { reference: patientRef } },
        request: { method: 'POST' as const, url: 'Observation' },
      });

      it('resolves urn:uuid references and answers a transaction-response', async () => {
        const pUrl = `urn:uuid:${crypto.randomUUID()}`;
        const bundle: Bundle = {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [patientEntry(pUrl, 'T-1'), obsEntry(pUrl, 'tx-1'), obsEntry(pUrl, 'tx-1')],
        };
        const res = await store.fhir.transaction(bundle);
        assert.equal(res.type, 'transaction-response');
        assert.equal(res.entry!.length, 3);
        const pid = res.entry![0]!.response!.location!.split('/')[1]!;
        assert.match(res.entry![0]!.response!.status!, /^201/);
        assert.equal(res.entry![1]!.response!.etag, 'W/"1"');
        const found = await store.fhir.search<Observation>({
          resourceType: 'Observation',
          params: q(`patient=${pid}&code=tx-1`),
        });
        assert.equal(found.resources.length, 2);
        assert.equal(found.resources[0]!.subject!.reference, `Patient/${pid}`);
      });

      it('is all-or-nothing: one bad entry stores nothing and names the entry', async () => {
        const before = await countAll(store);
        const pUrl = `urn:uuid:${crypto.randomUUID()}`;
        const bad = {
          ...obsEntry(pUrl, 'tx-bad'),
          resource: { resourceType: 'Observation', status: 'not-a-status', code: { text: 'x' } } as unknown as Observation,
        };
        const msg = await rejectsWith(
          store.fhir.transaction({
            resourceType: 'Bundle',
            type: 'transaction',
            entry: [patientEntry(pUrl, 'T-2'), obsEntry(pUrl, 'tx-2'), bad],
          }),
          422,
        );
        assert.match(msg, /entry\[2\]/);
        const msg2 = await rejectsWith(
          store.fhir.transaction({
            resourceType: 'Bundle',
            type: 'transaction',
            entry: [patientEntry(pUrl, 'T-2'), obsEntry('Patient/nobody-here', 'tx-2')],
          }),
          422,
        );
        assert.match(msg2, /entry\[1\].*Patient\/nobody-here/);
        await rejectsWith(
          store.fhir.transaction({
            resourceType: 'Bundle',
            type: 'transaction',
            entry: [patientEntry(pUrl, 'T-2'), obsEntry('urn:uuid:missing', 'tx-2')],
          }),
          400,
        );
        await rejectsWith(
          store.fhir.transaction({
            resourceType: 'Bundle',
            type: 'transaction',
            entry: [
              patientEntry(pUrl, 'T-2'),
              { resource: { resourceType: 'Alien' } as unknown as Resource, request: { method: 'POST', url: 'Alien' } },
            ],
          }),
          400,
        );
        assert.equal(await countAll(store), before);
        assert.equal(
          (await store.fhir.search({ resourceType: 'Patient', params: q('identifier=urn:test:tx|T-2') })).resources.length,
          0,
        );
      });

      it('conditional create (ifNoneExist) makes re-import idempotent; conditional references resolve', async () => {
        const pUrl = 'urn:uuid:2b0a3c1e-0000-4000-8000-000000000001';
        const bundle: Bundle = {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [patientEntry(pUrl, 'T-3'), obsEntry(pUrl, 'tx-3')],
        };
        const r1 = await store.fhir.transaction(bundle);
        const r2 = await store.fhir.transaction({ ...bundle, entry: [patientEntry(pUrl, 'T-3')] });
        assert.equal(r2.entry![0]!.response!.status, '200 OK');
        assert.equal(r2.entry![0]!.response!.location!.split('/')[1], r1.entry![0]!.response!.location!.split('/')[1]);
        assert.equal(
          (await store.fhir.search({ resourceType: 'Patient', params: q('identifier=urn:test:tx|T-3') })).resources.length,
          1,
        );
        const pid = r1.entry![0]!.response!.location!.split('/')[1];
        await store.fhir.transaction({
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [obsEntry('Patient?identifier=urn:test:tx|T-3', 'tx-3b')],
        });
        assert.equal(
          (await store.fhir.search({ resourceType: 'Observation', params: q(`patient=${pid}&code=tx-3b`) })).resources.length,
          1,
        );
        await rejectsWith(
          store.fhir.transaction({
            resourceType: 'Bundle',
            type: 'transaction',
            entry: [obsEntry('Patient?identifier=urn:test:tx|none', 'tx-3c')],
          }),
          422,
        );
      });

      it('preserveIds keeps client ids and skips existing ones', async () => {
        const id = `keep-${Date.now()}`;
        const bundle: Bundle = {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            { fullUrl: `urn:uuid:${id}`, resource: { resourceType: 'Patient', id }, request: { method: 'POST', url: 'Patient' } },
            { ...obsEntry(`urn:uuid:${id}`, 'keep-1') },
          ],
        };
        const obsId = `${id}-o`;
        bundle.entry![1]!.resource!.id = obsId;
        await store.fhir.transaction(bundle, { preserveIds: true });
        await store.fhir.transaction(bundle, { preserveIds: true });
        assert.equal((await store.fhir.read('Patient', id)).id, id);
        assert.equal((await store.fhir.read('Observation', obsId)).meta?.versionId, '1');
        assert.equal((await store.fhir.search({ resourceType: 'Observation', params: q(`patient=${id}`) })).resources.length, 1);
      });

      it('preserveIds: concurrent bundles creating the same ids both commit, one version stored', async () => {
        const id = `conc-${Date.now()}`;
        const mk = (n: string): Bundle => ({
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            { fullUrl: `urn:uuid:${id}`, resource: { resourceType: 'Patient', id }, request: { method: 'POST', url: 'Patient' } },
            { ...obsEntry(`urn:uuid:${id}`, n) },
          ],
        });
        await Promise.all([1, 2, 3].map((n) => store.fhir.transaction(mk(`conc-${n}`), { preserveIds: true })));
        assert.equal((await store.fhir.history('Patient', id)).length, 1);
        assert.equal((await store.fhir.search({ resourceType: 'Observation', params: q(`patient=${id}`) })).resources.length, 3);
      });

      it('conditional create is atomic: ten concurrent bundles with the same ifNoneExist create one resource', async () => {
        const ident = `urn:test:atomic|A-${Date.now()}`;
        const mk = (): Bundle => ({
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            {
              resource: { resourceType: 'Patient', identifier: [{ system: 'urn:test:atomic', value: ident.split('|')[1] }] },
              request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${ident}` },
            },
          ],
        });
        const out = await Promise.all(Array.from({ length: 10 }, () => store.fhir.transaction(mk())));
        const statuses = out.map((b) => b.entry![0]!.response!.status).sort();
        assert.deepEqual(statuses, [...Array<string>(9).fill('200 OK'), '201 Created']);
        const found = await store.fhir.search({ resourceType: 'Patient', params: q(`identifier=${ident}`) });
        assert.equal(found.resources.length, 1);
        assert.equal(new Set(out.map((b) => b.entry![0]!.response!.location!.split('/')[1])).size, 1);
      });

      it('preserveIds re-import: an unchanged entry is skipped; a deleted one is validated again', async () => {
        const id = `reval-${Date.now()}`;
        // Stored without validation (a trusted load), so it is invalid: gender "yes".
        const bundle: Bundle = {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            {
              fullUrl: `urn:uuid:${id}`,
              resource: { resourceType: 'Patient', id, gender: 'yes' } as unknown as Patient,
              request: { method: 'POST', url: 'Patient' },
            },
          ],
        };
        await store.fhir.transaction(bundle, { preserveIds: true, validate: false });
        // Unchanged: skipped, nothing written (it would not be written whether valid or not).
        await store.fhir.transaction(bundle, { preserveIds: true });
        assert.equal((await store.fhir.history('Patient', id)).length, 1);
        // Changed content under the same id is validated (and still skipped when valid).
        const changed = structuredClone(bundle);
        (changed.entry![0]!.resource as Patient).gender = 'nope' as Patient['gender'];
        await rejectsWith(store.fhir.transaction(changed, { preserveIds: true }), 422);
        // Once deleted, the same entry would be written again: it must pass validation.
        await store.fhir.delete('Patient', id);
        await rejectsWith(store.fhir.transaction(bundle, { preserveIds: true }), 422);
      });

      it('runs PUT, DELETE and GET entries; batch entries succeed or fail on their own', async () => {
        const p = await store.fhir.create<Patient>({ resourceType: 'Patient', gender: 'male' });
        const o = await store.fhir.create(obs(p.id!, 'tx-4', '2020-01-01'));
        const res = await store.fhir.transaction({
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            { resource: { ...p, gender: 'female' }, request: { method: 'PUT', url: `Patient/${p.id}`, ifMatch: 'W/"1"' } },
            { request: { method: 'DELETE', url: `Observation/${o.id}` } },
            { request: { method: 'GET', url: `Patient/${p.id}` } },
          ],
        });
        assert.equal(res.entry![0]!.response!.status, '200 OK');
        assert.equal((res.entry![2]!.resource as Patient).gender, 'female');
        await rejectsWith(store.fhir.read('Observation', o.id!), 410);
        const batch = await store.fhir.transaction({
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            { resource: { resourceType: 'Patient', gender: 'male' }, request: { method: 'POST', url: 'Patient' } },
            {
              resource: { resourceType: 'Patient', gender: 'nope' } as unknown as Patient,
              request: { method: 'POST', url: 'Patient' },
            },
            { request: { method: 'GET', url: 'Patient/not-there' } },
          ],
        });
        assert.equal(batch.type, 'batch-response');
        assert.match(batch.entry![0]!.response!.status!, /^201/);
        assert.equal(batch.entry![1]!.response!.status, '422');
        assert.equal(batch.entry![2]!.response!.status, '404');
      });
    });

    it('$everything returns the patient and its compartment', async () => {
      const p = await store.fhir.create<Patient>({ resourceType: 'Patient' });
      const other = await store.fhir.create<Patient>({ resourceType: 'Patient' });
      await store.fhir.create(obs(p.id!, 'ev-1', '2020-01-01'));
      await store.fhir.create(obs(p.id!, 'ev-2', '2020-01-02'));
      await store.fhir.create(obs(other.id!, 'ev-3', '2020-01-02'));
      const b = await store.fhir.everything(p.id!);
      assert.equal(b.type, 'searchset');
      assert.equal(b.entry!.length, 3);
      assert.equal(b.entry![0]!.resource!.id, p.id);
      assert.ok(b.entry!.every((e) => e.resource!.id === p.id || store.fhir.patientOf(e.resource!) === p.id));
      await rejectsWith(store.fhir.everything('nobody'), 404);
    });

    it('patient-scoped actors see only their compartment; read-only scopes cannot write; audit has no content', async () => {
      const mine = await store.fhir.create<Patient>({ resourceType: 'Patient', name: [{ family: 'Secretname' }] });
      const theirs = await store.fhir.create<Patient>({ resourceType: 'Patient' });
      const myObs = await store.fhir.create(obs(mine.id!, 'scope-1', '2020-01-01'));
      const theirObs = await store.fhir.create(obs(theirs.id!, 'scope-1', '2020-01-01'));
      const actor = {
        id: `key-${Date.now()}`,
        role: 'clinician' as const,
        patientId: mine.id!,
        scopes: ['patient/*.read'],
        requestId: 'req-1',
      };
      const repo = store.forActor(actor);
      assert.equal((await repo.read('Observation', myObs.id!)).id, myObs.id);
      await rejectsWith(repo.read('Observation', theirObs.id!), 404);
      await rejectsWith(repo.read('Patient', theirs.id!), 404);
      const s = await repo.search({ resourceType: 'Observation', params: q('code=scope-1') });
      assert.deepEqual(
        s.resources.map((r) => r.id),
        [myObs.id],
      );
      assert.deepEqual(
        (await repo.search({ resourceType: 'Patient', params: [] })).resources.map((r) => r.id),
        [mine.id],
      );
      await rejectsWith(repo.everything(theirs.id!), 404);
      assert.equal((await repo.everything(mine.id!)).entry!.length, 2);
      await rejectsWith(repo.create(obs(mine.id!, 'scope-2', '2020-01-01')), 403);
      await rejectsWith(repo.delete('Observation', myObs.id!), 403);
      const writer = store.forActor({ id: 'w', role: 'clinician', patientId: mine.id! });
      await writer.create(obs(mine.id!, 'scope-3', '2020-01-01'));
      await rejectsWith(writer.create(obs(theirs.id!, 'scope-3', '2020-01-01')), 403);

      const events = await store.audit.list({ actorId: actor.id, limit: 50 });
      assert.ok(events.length >= 9);
      const json = JSON.stringify(events);
      assert.ok(!json.includes('Secretname') && !json.includes('valueQuantity'));
      const denied = events.find(
        (e) => e.outcome === '4' && e.entity?.some((x) => x.what?.reference === `Observation/${theirObs.id}`),
      );
      assert.ok(denied, 'the denied read is audited');
      const ok = events.find((e) => e.outcome === '0' && e.entity?.some((x) => x.what?.reference === `Observation/${myObs.id}`));
      assert.equal(ok?.action, 'R');
      assert.equal(ok?.agent[0]?.altId, 'req-1');
      assert.ok(ok?.entity?.some((x) => x.what?.reference === `Patient/${mine.id}`));
      assert.ok((await store.audit.list({ patientId: mine.id!, subtype: 'search' })).length >= 2);
      assert.equal((await store.audit.verify()).ok, true);
    });

    it('api keys: created once, verified by hash, listed, revoked', async () => {
      const { key, info } = await store.keys.create({ name: 'ci', role: 'service', patientId: 'p1', scopes: ['patient/*.read'] });
      assert.match(key, /^galen_[A-Za-z0-9_-]{40,}$/);
      const v = await store.keys.verify(key);
      assert.equal(v?.id, info.id);
      assert.deepEqual(v?.scopes, ['patient/*.read']);
      assert.equal(v?.patientId, 'p1');
      assert.equal(await store.keys.verify(key + 'x'), undefined);
      assert.equal(await store.keys.verify('nope'), undefined);
      const stored = await store.sql.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [info.id]);
      assert.notEqual(stored.rows[0]!.key_hash, key);
      assert.ok((await store.keys.list()).some((k) => k.id === info.id));
      await store.keys.revoke(info.id);
      assert.equal(await store.keys.verify(key), undefined);
      assert.ok((await store.keys.list()).find((k) => k.id === info.id)?.revokedAt);
      await rejectsWith(store.keys.revoke('no-such-key'), 404);
      await rejectsWith(store.keys.create({ name: 'x', role: 'god' as 'admin' }), 400);
    });

    it('jobs: a job is sent, worked and its output stored; failures are recorded', async () => {
      const queue = `test-${Date.now()}`;
      await store.jobs.work<{ n: number }>(queue, async (data) => {
        if (data.n < 0) throw new Error('negative');
        return { doubled: data.n * 2 };
      });
      const id = await store.jobs.send(queue, { n: 21 });
      const done = await store.jobs.wait(id, 30_000);
      assert.equal(done.state, 'completed');
      assert.deepEqual(done.output, { doubled: 42 });
      const bad = await store.jobs.wait(await store.jobs.send(queue, { n: -1 }), 30_000);
      assert.equal(bad.state, 'failed');
      assert.ok(await store.jobs.get(id));
    });

    it('audit appends concurrently without breaking the chain', async () => {
      const actor = { id: 'concurrent', role: 'service' as const };
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          store.audit.record({ action: 'E', subtype: 'operation', actor, outcome: '0', operation: `op-${i}`, detail: { i } }),
        ),
      );
      const v = await store.audit.verify();
      assert.equal(v.ok, true, v.message);
      assert.ok(v.rows >= 60);
    });

    it('audit rows queued with recordSoon are written together, keep their call time and chain with record', async () => {
      const actor = { id: 'soon', role: 'service' as const };
      const early = '2030-01-02T03:04:05.000Z';
      const queued = [
        store.audit.recordSoon({ action: 'E', subtype: 'soon-test', actor, outcome: '0', recorded: early }),
        ...Array.from({ length: 40 }, (_, i) =>
          store.audit.recordSoon({ action: 'E', subtype: 'soon-test', actor, outcome: '0', operation: `soon-${i}` }),
        ),
      ];
      // Immediate rows interleave with the queued ones in the same chain.
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.audit.record({ action: 'E', subtype: 'operation', actor, outcome: '0', operation: `now-${i}` }),
        ),
      );
      await Promise.all(queued);
      const rows = await store.audit.list({ actorId: 'soon', subtype: 'soon-test', limit: 100 });
      assert.equal(rows.length, 41);
      assert.ok(
        rows.some((e) => e.recorded === early),
        'a queued row keeps the time it was given',
      );
      const seqs = rows.map((e) => Number(e.id)).sort((a, b) => a - b);
      assert.equal(seqs.at(-1)! - seqs[0]! + 1, 41, 'queued rows are written together, one after another');
      // Queued and not waited for: list, verify and close write them first.
      void store.audit.recordSoon({ action: 'E', subtype: 'soon-test', actor, outcome: '0', operation: 'late' });
      assert.equal((await store.audit.list({ actorId: 'soon', subtype: 'soon-test', limit: 100 })).length, 42);
      const v = await store.audit.verify();
      assert.equal(v.ok, true, v.message);
    });

    if (options.reopen) {
      it('migrations are idempotent when the database is opened again', async () => {
        const again = await options.reopen!(store);
        try {
          assert.deepEqual(again.migrated, []);
          const r = await again.sql.query<{ n: number | string }>('SELECT count(*) AS n FROM schema_migrations');
          assert.ok(Number(r.rows[0]!.n) >= 4);
        } finally {
          await again.close();
        }
      });
    }
  });

  describe(`audit tamper detection: ${name}`, () => {
    const actor = { id: 'tamper', role: 'admin' as const };
    let s: OpenedStore;
    let original: Record<string, unknown>[] = [];
    before(async () => {
      s = await makeStore();
      for (let i = 0; i < 5; i++)
        await s.audit.record({ action: 'R', subtype: 'read', actor, entity: `Patient/p${i}`, patientId: `p${i}`, outcome: '0' });
      assert.equal((await s.audit.verify()).ok, true);
      original = (await s.sql.query<Record<string, unknown>>('SELECT * FROM audit_log ORDER BY seq')).rows;
    });
    after(async () => {
      await s?.close();
    });
    /** Tamper through the documented escape hatch, then put the original rows back. */
    const unlocked = async (sql: string, params: unknown[] = []) => {
      await s.sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await s.sql.query(sql, params);
      await s.sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    };
    const restore = async () => {
      await unlocked('DELETE FROM audit_log');
      await s.sql.query(`INSERT INTO audit_log SELECT * FROM jsonb_populate_recordset(NULL::audit_log, $1::jsonb)`, [
        JSON.stringify(original),
      ]);
      assert.equal((await s.audit.verify()).ok, true);
    };

    it('refuses UPDATE and DELETE by default', async () => {
      await assert.rejects(s.sql.query(`UPDATE audit_log SET entity = 'x' WHERE seq = 1`), /append-only/);
      await assert.rejects(s.sql.query('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
    });

    it('reports an altered row', async () => {
      await unlocked(`UPDATE audit_log SET patient_id = 'someone-else' WHERE seq = 3`);
      const v = await s.audit.verify();
      assert.equal(v.ok, false);
      assert.equal(v.problem, 'altered');
      assert.equal(v.firstBadSeq, 3);
      await restore();
    });

    it('reports a deleted row (middle and newest)', async () => {
      await unlocked('DELETE FROM audit_log WHERE seq = 2');
      const v = await s.audit.verify();
      assert.equal(v.problem, 'deleted');
      assert.equal(v.firstBadSeq, 2);
      await restore();
      await unlocked('DELETE FROM audit_log WHERE seq = 5');
      const v2 = await s.audit.verify();
      assert.equal(v2.problem, 'deleted');
      assert.equal(v2.firstBadSeq, 5);
      await restore();
    });

    it('reports an inserted row', async () => {
      // A forged row appended after the head, chained to the last hash.
      const last = await s.sql.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
      await s.sql.query(
        `INSERT INTO audit_log (seq, ts, action, subtype, actor_id, actor_role, outcome, prev_hash, hash)
         VALUES (6, now(), 'R', 'read', 'forger', 'admin', '0', $1, 'f00')`,
        [last.rows[0]!.hash],
      );
      const v = await s.audit.verify();
      assert.equal(v.ok, false);
      assert.ok(v.problem === 'inserted' || v.problem === 'altered');
      assert.equal(v.firstBadSeq, 6);
      await restore();
      // A row spliced between two others (renumbering the rest) breaks the chain where it sits.
      await unlocked('UPDATE audit_log SET seq = -seq WHERE seq >= 3');
      await unlocked('UPDATE audit_log SET seq = 1 - seq WHERE seq < 0');
      await s.sql.query(
        `INSERT INTO audit_log (seq, ts, action, subtype, actor_id, actor_role, outcome, prev_hash, hash)
         SELECT 3, ts, action, subtype, 'forger', actor_role, outcome, hash, 'f00' FROM audit_log WHERE seq = 2`,
      );
      const v2 = await s.audit.verify();
      assert.equal(v2.ok, false);
      assert.equal(v2.firstBadSeq, 3);
    });
  });
}
