import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AllergyIntolerance, MedicationRequest } from '@galen/fhir';
import { stateFromValues } from '../state';
import { checkMedications } from './check';
import { crclCockcroftGault, egfrCkdEpi2021 } from './renal';

const NOW = '2024-05-01T12:00:00Z';
const med = (id: string, name: string, rxcui?: string): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id,
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/p1' },
  medicationCodeableConcept: {
    text: name,
    ...(rxcui ? { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: rxcui }] } : {}),
  },
});

test('CKD-EPI 2021 and Cockcroft–Gault match hand calculations', () => {
  assert.ok(Math.abs(egfrCkdEpi2021(1.0, 50, 'male') - 91.7) < 0.3);
  // At Scr = κ both min/max terms are 1: 142 × 0.9938^40 × 1.012.
  assert.ok(Math.abs(egfrCkdEpi2021(0.7, 40, 'female') - 142 * 0.9938 ** 40 * 1.012) < 1e-9);
  assert.ok(Math.abs(crclCockcroftGault(1.5, 80, 60, 'female') - 28.33) < 0.05);
});

test('ONC high-priority interaction by class (simvastatin + clarithromycin) and by RxCUI', () => {
  const issues = checkMedications({
    draft: [med('d1', 'Clarithromycin 500 mg tablet')],
    active: [med('a1', 'simvastatin 40 mg')],
    now: NOW,
  });
  const ix = issues.find((i) => i.kind === 'interaction');
  assert.ok(ix);
  assert.equal(ix.severity, 'high');
  assert.match(ix.summary, /rhabdomyolysis/i);
  assert.deepEqual(ix.detectedIssue.implicated, [{ reference: 'MedicationRequest/d1' }, { reference: 'MedicationRequest/a1' }]);
  const byCode = checkMedications({ draft: [med('d2', 'new drug', '8123')], active: [med('a2', 'sertraline')], now: NOW });
  assert.ok(byCode.some((i) => i.kind === 'interaction' && /serotonin/i.test(i.summary)));
  const none = checkMedications({ draft: [med('d3', 'amoxicillin')], active: [med('a3', 'lisinopril')], now: NOW });
  assert.equal(none.filter((i) => i.kind === 'interaction').length, 0);
});

test('allergy cross-reactivity: penicillin allergy vs cephalosporin (low) and amoxicillin (same class)', () => {
  const allergy: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    id: 'al1',
    patient: { reference: 'Patient/p1' },
    code: { text: 'Penicillins' },
  };
  const ceph = checkMedications({ draft: [med('d1', 'cefazolin 1 g IV')], allergies: [allergy], now: NOW });
  assert.equal(ceph[0]?.kind, 'allergy');
  assert.equal(ceph[0]?.severity, 'moderate');
  const amox = checkMedications({ draft: [med('d2', 'amoxicillin 500 mg')], allergies: [allergy], now: NOW });
  assert.equal(amox[0]?.severity, 'high');
  const sulfa: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    patient: { reference: 'Patient/p1' },
    code: { text: 'sulfa drugs' },
  };
  assert.ok(
    checkMedications({ draft: [med('d3', 'sulfamethoxazole / trimethoprim')], allergies: [sulfa], now: NOW }).some(
      (i) => i.severity === 'high',
    ),
  );
  assert.ok(
    checkMedications({ draft: [med('d4', 'furosemide 40 mg')], allergies: [sulfa], now: NOW }).some(
      (i) => i.severity === 'moderate',
    ),
  );
});

test('renal dosing uses CKD-EPI / Cockcroft–Gault and says when data are missing', () => {
  const state = stateFromValues({ creatinine: 2.5, weight: 55 }, NOW, { ageYears: 82, sex: 'female' });
  const met = checkMedications({ draft: [med('d1', 'metformin 500 mg')], state, now: NOW });
  assert.equal(met[0]?.kind, 'renal');
  assert.equal(met[0]?.severity, 'high');
  const apix = checkMedications({ draft: [med('d2', 'apixaban 5 mg')], state, now: NOW });
  assert.match(apix[0]!.summary, /2\.5 mg/);
  const dabi = checkMedications({ draft: [med('d3', 'dabigatran 150 mg')], state, now: NOW });
  assert.equal(dabi[0]?.severity, 'high');
  const unknown = checkMedications({ draft: [med('d4', 'gabapentin 300 mg')], now: NOW });
  assert.match(unknown[0]!.summary, /insufficient data/);
  const fine = checkMedications({
    draft: [med('d5', 'gabapentin 300 mg')],
    state: stateFromValues({ creatinine: 0.8, weight: 80 }, NOW, { ageYears: 40, sex: 'male' }),
    now: NOW,
  });
  assert.equal(fine.length, 0);
});

test('duplicate therapy: two anticoagulants, the same ingredient twice', () => {
  const two = checkMedications({
    draft: [med('d1', 'apixaban 5 mg')],
    active: [med('a1', 'warfarin 5 mg')],
    now: NOW,
    state: stateFromValues({ creatinine: 0.8, weight: 80 }, NOW, { ageYears: 40, sex: 'male' }),
  });
  assert.ok(two.some((i) => i.kind === 'duplicate' && /anticoagulant/.test(i.summary)));
  const same = checkMedications({ draft: [med('d2', 'ibuprofen 400 mg')], active: [med('a2', 'Ibuprofen 200 mg')], now: NOW });
  assert.ok(same.some((i) => i.kind === 'duplicate' && i.severity === 'high'));
});
