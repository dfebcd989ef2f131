import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResource, type DocumentReference, type MedicationRequest, type Observation, type Condition } from '@galen/fhir';
import { generatePatient, generatePatients, type SyntheticPatient } from './generate';
import { MEDICATIONS } from './data/medications';
import { CONDITIONS } from './data/conditions';

const NOW = '2025-01-01T12:00:00.000Z';
const inpatients = [...generatePatients({ count: 24, seed: 'test-inpatients', now: NOW, inpatientShare: 1 })];
const office = [...generatePatients({ count: 300, seed: 'test-office', now: NOW, officeOnly: true })];

const resources = (p: SyntheticPatient) => (p.bundle.entry ?? []).map((e) => e.resource!);
const quantity = (o: Observation, code: string) =>
  o.code?.coding?.[0]?.code === code
    ? o.valueQuantity?.value
    : o.component?.find((c) => c.code.coding?.[0]?.code === code)?.valueQuantity?.value;

test('same seed gives identical bytes; a different seed differs; patient i does not depend on count', () => {
  const a = JSON.stringify([...generatePatients({ count: 5, seed: 42, now: NOW, inpatientShare: 0.5 })]);
  const b = JSON.stringify([...generatePatients({ count: 5, seed: 42, now: NOW, inpatientShare: 0.5 })]);
  const c = JSON.stringify([...generatePatients({ count: 5, seed: 43, now: NOW, inpatientShare: 0.5 })]);
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.equal(JSON.stringify(generatePatient({ seed: 42, now: NOW, inpatientShare: 0.5 }, 3)), JSON.stringify(JSON.parse(a)[3]));
});

test('bad options are rejected', () => {
  assert.throws(() => [...generatePatients({ count: -1, seed: 1 })], RangeError);
  assert.throws(() => [...generatePatients({ count: 2_000_000, seed: 1 })], RangeError);
  assert.throws(() => [...generatePatients({ count: 1, seed: 1, now: 'yesterday' })], RangeError);
});

test('bundles are transactions of POSTs with urn:uuid fullUrls, and every resource validates (sample of 30 patients)', () => {
  const sample = [...inpatients.slice(0, 10), ...office.slice(0, 20)];
  for (const p of sample) {
    assert.equal(p.bundle.type, 'transaction');
    const urls = new Set<string>();
    for (const e of p.bundle.entry ?? []) {
      assert.match(e.fullUrl!, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(e.request?.method, 'POST');
      urls.add(e.fullUrl!);
      const issues = checkResource(e.resource);
      assert.deepEqual(issues, [], `${e.resource?.resourceType}: ${JSON.stringify(issues).slice(0, 300)}`);
    }
    // Every urn:uuid reference points inside the bundle.
    const refs = JSON.stringify(p.bundle).match(/"reference":"urn:uuid:[^"]+"/g) ?? [];
    for (const r of refs) assert.ok(urls.has(r.slice(13, -1)), r);
  }
});

test('demographics follow U.S. shares roughly', () => {
  const n = office.length;
  const female = office.filter((p) => p.labels.sex === 'female').length / n;
  const children = office.filter((p) => p.labels.ageYears < 18).length / n;
  assert.ok(female > 0.4 && female < 0.6, `female share ${female}`);
  assert.ok(children > 0.12 && children < 0.32, `child share ${children}`);
  const patients = office.map((p) => resources(p)[0]!);
  const hispanic = patients.filter((r) => JSON.stringify(r).includes('"2135-2"')).length / n;
  assert.ok(hispanic > 0.1 && hispanic < 0.28, `hispanic share ${hispanic}`);
});

test('vital signs stay in physiological ranges', () => {
  for (const p of [...inpatients, ...office.slice(0, 50)]) {
    for (const r of resources(p)) {
      if (r.resourceType !== 'Observation') continue;
      const o = r;
      const hr = quantity(o, '8867-4');
      if (hr !== undefined) assert.ok(hr >= 30 && hr <= 200, `HR ${hr}`);
      const spo2 = quantity(o, '59408-5');
      if (spo2 !== undefined) assert.ok(spo2 >= 70 && spo2 <= 100, `SpO2 ${spo2}`);
      const temp = quantity(o, '8310-5');
      if (temp !== undefined) assert.ok(temp >= 34 && temp <= 42, `T ${temp}`);
      const sbp = quantity(o, '8480-6');
      const dbp = quantity(o, '8462-4');
      if (sbp !== undefined && dbp !== undefined) assert.ok(sbp > dbp && sbp >= 50 && sbp <= 230, `BP ${sbp}/${dbp}`);
      const gcs = quantity(o, '9269-2');
      if (gcs !== undefined) assert.ok(gcs >= 3 && gcs <= 15);
    }
  }
});

test('septic stays have higher lactate and lower MAP than stable ones', () => {
  const byTrajectory = (t: string) => inpatients.filter((p) => p.labels.admissions.some((a) => a.trajectory === t));
  const stats = (ps: SyntheticPatient[]) => {
    let lactate = 0;
    let minMap = 0;
    for (const p of ps) {
      const obs = resources(p).filter((r): r is Observation => r.resourceType === 'Observation');
      lactate += Math.max(0, ...obs.map((o) => quantity(o, '2524-7') ?? 0));
      const bps = obs.map((o) => {
        const s = quantity(o, '8480-6');
        const d = quantity(o, '8462-4');
        return s !== undefined && d !== undefined ? (s + 2 * d) / 3 : Infinity;
      });
      minMap += Math.min(...bps);
    }
    return { lactate: lactate / ps.length, minMap: minMap / ps.length };
  };
  const septic = byTrajectory('sepsis');
  const stable = byTrajectory('stable');
  assert.ok(septic.length >= 2 && stable.length >= 2, `septic ${septic.length}, stable ${stable.length}`);
  const s = stats(septic);
  const st = stats(stable);
  assert.ok(s.lactate > st.lactate + 1, `lactate ${s.lactate} vs ${st.lactate}`);
  assert.ok(s.minMap < st.minMap - 10, `MAP ${s.minMap} vs ${st.minMap}`);
  // Sepsis-3 onsets are found for most septic stays and lie within the stay.
  const onsets = septic.flatMap((p) => p.labels.admissions.filter((a) => a.trajectory === 'sepsis'));
  assert.ok(onsets.filter((a) => a.sepsisOnset).length >= onsets.length * 0.7);
  for (const a of onsets) if (a.sepsisOnset && a.end) assert.ok(a.sepsisOnset >= a.start && a.sepsisOnset <= a.end);
});

test('every medication fits a condition of the patient or the encounter', () => {
  const medByCode = new Map(MEDICATIONS.map((m) => [m.rxnorm, m]));
  const condKey = new Map(CONDITIONS.map((c) => [c.snomed, c.key]));
  for (const p of [...inpatients.slice(0, 10), ...office.slice(0, 100)]) {
    const all = resources(p);
    const conditions = new Map(
      (p.bundle.entry ?? [])
        .filter((e) => e.resource?.resourceType === 'Condition')
        .map((e) => [e.fullUrl!, e.resource as Condition]),
    );
    for (const r of all) {
      if (r.resourceType !== 'MedicationRequest') continue;
      const mr = r as MedicationRequest;
      const med = medByCode.get(mr.medicationCodeableConcept!.coding![0]!.code!)!;
      assert.ok(med, 'known medication');
      const reason = conditions.get(mr.reasonReference?.[0]?.reference ?? '');
      assert.ok(reason, `${med.key} has a reason`);
      const code = reason.code!.coding![0]!.code!;
      const key =
        condKey.get(code) ??
        {
          '233604007': 'pneumonia',
          '68566005': 'uti',
          '128045006': 'cellulitis',
          '82272006': 'uri',
          '43878008': 'strep_pharyngitis',
          '15805002': 'sinusitis',
          '65363002': 'otitis_media',
          '10509002': 'bronchitis',
          '84114007': 'heart_failure',
        }[code];
      // Inpatient treatment of sepsis (antibiotics, fluids, pressors) hangs off the admission reason.
      const fits = med.indications.includes(key ?? '') || med.indications.includes('sepsis');
      assert.ok(fits, `${med.key} for ${key ?? code}`);
    }
  }
});

test('lab values follow the problems (A1c in diabetes, creatinine in CKD)', () => {
  const a1c = (p: SyntheticPatient) =>
    resources(p)
      .filter((r): r is Observation => r.resourceType === 'Observation')
      .map((o) => quantity(o, '4548-4'))
      .filter((v): v is number => v !== undefined);
  const diabetic = office.filter((p) => p.labels.conditions.includes('t2dm')).flatMap(a1c);
  const others = office
    .filter((p) => !p.labels.conditions.includes('t2dm') && !p.labels.conditions.includes('prediabetes'))
    .flatMap(a1c);
  assert.ok(diabetic.length >= 3 && others.length >= 3);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(mean(diabetic) > 6.5 && mean(others) < 5.8, `${mean(diabetic)} vs ${mean(others)}`);
});

test('note spans point at the annotated text; notes carry PHI and contexts', () => {
  let mentions = 0;
  const contexts = { negated: 0, historical: 0, hypothetical: 0, family: 0 };
  const types = new Set<string>();
  for (const p of [...inpatients.slice(0, 8), ...office.slice(0, 60)]) {
    const docs = new Map(
      (p.bundle.entry ?? [])
        .filter((e) => e.resource?.resourceType === 'DocumentReference')
        .map((e) => [
          e.fullUrl!,
          Buffer.from((e.resource as DocumentReference).content[0]!.attachment.data!, 'base64').toString('utf8'),
        ]),
    );
    for (const note of p.labels.notes) {
      types.add(note.type);
      const text = docs.get(note.document);
      assert.ok(text !== undefined);
      assert.equal(text.length, note.length);
      for (const m of note.mentions) {
        assert.equal(text.slice(m.start, m.end), m.text);
        mentions++;
        for (const k of Object.keys(contexts) as (keyof typeof contexts)[]) if (m[k]) contexts[k]++;
      }
      for (const s of note.phi) assert.equal(text.slice(s.start, s.end), s.text);
      if (note.type !== 'nursing')
        assert.ok(
          note.phi.some((s) => s.type === 'PATIENT' || s.type === 'AGE'),
          `${note.type} has PHI`,
        );
      if (note.type === 'nursing') assert.equal(text, text.toUpperCase());
      if (note.type === 'dialogue') assert.match(text, /^\[doctor\] /);
    }
  }
  assert.ok(mentions > 500);
  for (const [k, v] of Object.entries(contexts)) assert.ok(v > 5, `${k}: ${v}`);
  for (const t of ['hp', 'progress', 'discharge', 'nursing', 'dialogue', 'soap']) assert.ok(types.has(t), t);
});

test('current inpatients have hourly vitals up to now', () => {
  const now = '2026-03-01T08:30:00.000Z';
  const [p] = [...generatePatients({ count: 1, seed: 5, now, currentInpatients: ['sepsis'] })];
  const adm = p!.labels.admissions[0]!;
  assert.equal(adm.current, true);
  assert.equal(adm.end, undefined);
  const hr = resources(p!)
    .filter((r): r is Observation => r.resourceType === 'Observation' && r.code?.coding?.[0]?.code === '8867-4')
    .map((o) => Date.parse(o.effectiveDateTime!));
  const last = Math.max(...hr);
  assert.ok(last <= Date.parse(now) && Date.parse(now) - last < 3 * 3_600_000, 'recent heart rate');
  const enc = resources(p!).find((r) => r.resourceType === 'Encounter' && r.status === 'in-progress');
  assert.ok(enc);
});
