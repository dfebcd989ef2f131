import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateResource, type Condition, type Observation, type Provenance, type Resource } from '@galen/fhir';
import { TEXT_SPAN_URL, toFhir } from './fhir';
import { createPipeline } from './pipeline';
import { createTestIndex } from './testing';

const NOTE = `HPI: History of hypertension. Denies chest pain. Possible pneumonia.
MEDICATIONS: Lisinopril 10 mg PO daily. Tylenol 650 mg q6h prn pain. Aspirin was stopped.
ALLERGIES: Penicillin.
FAMILY HISTORY: Mother had breast cancer.
VITALS: BP 128/84, HR 92, T 101.2F, SpO2 94% on 2L. Na 135, Cr 1.4 mg/dL.
PLAN: Return if fever.`;

const pipeline = createPipeline(createTestIndex());
const result = pipeline.extract(NOTE);
const opts = { patientId: 'p1', documentReferenceId: 'doc-1', now: '2026-01-02T03:04:05Z' };

const ofType = <T extends Resource>(rs: Resource[], type: T['resourceType']) => rs.filter((r) => r.resourceType === type) as T[];
const spanOf = (r: Resource) => {
  const ext = (
    r as { extension?: Array<{ url: string; extension?: Array<{ url: string; valueInteger?: number }> }> }
  ).extension?.find((e) => e.url === TEXT_SPAN_URL);
  const get = (k: string) => ext?.extension?.find((e) => e.url === k)?.valueInteger;
  return { start: get('start')!, end: get('end')! };
};

test('every resource is valid FHIR R4 and points at its text span', () => {
  const resources = toFhir(result, opts);
  const types = new Set<string>(resources.map((r) => r.resourceType));
  for (const t of [
    'Condition',
    'MedicationStatement',
    'Observation',
    'AllergyIntolerance',
    'FamilyMemberHistory',
    'Provenance',
  ]) {
    assert.ok(types.has(t), `has ${t}`);
  }
  for (const r of resources) {
    validateResource(r);
    if (r.resourceType === 'Provenance') continue;
    const span = spanOf(r);
    assert.ok(span.start >= 0 && span.end <= NOTE.length && span.start < span.end, `${r.resourceType} span`);
  }
});

test('verification and clinical status follow context; hypothetical mentions are left out', () => {
  const conditions = ofType<Condition>(toFhir(result, opts), 'Condition');
  const byText = (t: string) => conditions.find((c) => c.code?.text?.toLowerCase() === t);
  assert.equal(byText('chest pain')?.verificationStatus?.coding?.[0]?.code, 'refuted');
  assert.equal(byText('chest pain')?.clinicalStatus, undefined);
  assert.equal(byText('pneumonia')?.verificationStatus?.coding?.[0]?.code, 'unconfirmed');
  assert.equal(byText('hypertension')?.verificationStatus?.coding?.[0]?.code, 'confirmed');
  assert.equal(byText('hypertension')?.clinicalStatus?.coding?.[0]?.code, 'inactive');
  assert.equal(byText('fever'), undefined);
  assert.equal(NOTE.slice(spanOf(byText('chest pain')!).start, spanOf(byText('chest pain')!).end), 'chest pain');
});

test('preliminary results are unconfirmed, tagged, and covered by one Provenance', () => {
  const resources = toFhir(result, { ...opts, preliminary: true });
  const conditions = ofType<Condition>(resources, 'Condition');
  for (const c of conditions) {
    assert.ok(['unconfirmed', 'refuted'].includes(c.verificationStatus!.coding![0]!.code!));
    assert.equal(c.meta?.tag?.[0]?.code, 'nlp-preliminary');
  }
  for (const o of ofType<Observation>(resources, 'Observation')) assert.equal(o.status, 'preliminary');
  const [prov] = ofType<Provenance>(resources, 'Provenance');
  assert.equal(prov!.target.length, resources.length - 1);
  assert.equal(prov!.entity?.[0]?.what?.reference, 'DocumentReference/doc-1');
  assert.match(prov!.agent[0]!.who!.display!, /^galen-nlp \d/);
});

test('vital signs: category, LOINC, BP components, converted temperature', () => {
  const obs = ofType<Observation>(toFhir(result, opts), 'Observation');
  const bp = obs.find((o) => o.code.coding?.[0]?.code === '85354-9')!;
  assert.deepEqual(
    bp.component?.map((c) => c.valueQuantity?.value),
    [128, 84],
  );
  assert.equal(bp.category?.[0]?.coding?.[0]?.code, 'vital-signs');
  const temp = obs.find((o) => o.code.coding?.[0]?.code === '8310-5')!;
  assert.equal(temp.valueQuantity?.code, 'Cel');
  assert.ok(Math.abs(temp.valueQuantity!.value! - 38.44) < 0.01);
  assert.equal(obs.find((o) => o.code.coding?.[0]?.code === '2160-0')?.category?.[0]?.coding?.[0]?.code, 'laboratory');
});

test('medication statements carry dosage, timing and status changes; allergies are not medications', () => {
  const meds = toFhir(result, opts).filter((r) => r.resourceType === 'MedicationStatement') as Array<
    import('@galen/fhir').MedicationStatement
  >;
  const lis = meds.find((m) => m.medicationCodeableConcept?.coding?.[0]?.code === '29046')!;
  assert.equal(lis.status, 'active');
  assert.equal(lis.dosage?.[0]?.route?.coding?.[0]?.code, '26643006');
  assert.equal(lis.dosage?.[0]?.timing?.repeat?.frequency, 1);
  const ty = meds.find((m) => m.medicationCodeableConcept?.coding?.[0]?.code === '161')!;
  assert.equal(ty.dosage?.[0]?.asNeededCodeableConcept?.text, 'pain');
  assert.equal(meds.find((m) => m.medicationCodeableConcept?.coding?.[0]?.code === '1191')?.status, 'stopped');
  assert.equal(
    meds.some((m) => m.medicationCodeableConcept?.coding?.[0]?.code === '7980'),
    false,
  );
});

test('ids are deterministic by default and can be supplied', () => {
  const a = toFhir(result, opts).map((r) => r.id);
  const b = toFhir(result, opts).map((r) => r.id);
  assert.deepEqual(a, b);
  let n = 0;
  const c = toFhir(result, { ...opts, newId: () => `x${++n}`, urnReferences: true });
  const prov = c.at(-1) as Provenance;
  assert.equal(prov.target[0]!.reference, 'urn:uuid:x1');
  assert.deepEqual(toFhir(pipeline.extract(''), opts), []);
});
