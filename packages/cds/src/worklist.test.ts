import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Patient, Resource } from '@galen/fhir';
import { buildWorklist, sepsisTrend, summarizePatient, toWorklistRow } from './worklist';

const patient: Patient = { resourceType: 'Patient', id: 'p', name: [{ given: ['Kim'], family: 'Ode' }] };

test('sepsis trend ignores changes within the tolerance', () => {
  assert.equal(sepsisTrend(0.3, 0.1), 'up');
  assert.equal(sepsisTrend(0.1, 0.3), 'down');
  assert.equal(sepsisTrend(0.31, 0.3), 'flat');
  assert.equal(sepsisTrend(0.3, undefined), undefined);
});

test('summary takes the latest scores by time and skips entered-in-error', () => {
  const rs: Resource[] = [
    {
      resourceType: 'RiskAssessment',
      subject: { reference: 'Patient/p' },
      status: 'final',
      occurrenceDateTime: '2026-01-02',
      method: { text: 'NEWS2' },
      prediction: [{ outcome: { text: 'score 5' } }],
    },
    {
      resourceType: 'RiskAssessment',
      subject: { reference: 'Patient/p' },
      status: 'final',
      occurrenceDateTime: '2026-01-01',
      method: { text: 'NEWS2' },
      prediction: [{ outcome: { text: 'score 1' } }],
    },
    {
      resourceType: 'RiskAssessment',
      subject: { reference: 'Patient/p' },
      status: 'entered-in-error',
      occurrenceDateTime: '2026-01-03',
      method: { text: 'NEWS2' },
      prediction: [{ outcome: { text: '9' } }],
    },
    {
      resourceType: 'RiskAssessment',
      subject: { reference: 'Patient/p' },
      status: 'final',
      occurrenceDateTime: '2026-01-01',
      code: { text: 'qSOFA sepsis' },
      prediction: [{ probabilityDecimal: 0.5 }],
    },
    {
      resourceType: 'RiskAssessment',
      subject: { reference: 'Patient/p' },
      status: 'final',
      occurrenceDateTime: '2026-01-02',
      code: { text: 'qSOFA sepsis' },
      prediction: [{ probabilityDecimal: 0.5 }],
    },
    { resourceType: 'DetectedIssue', status: 'preliminary' },
    { resourceType: 'DetectedIssue', status: 'final' },
    {
      resourceType: 'Encounter',
      status: 'in-progress',
      class: {},
      period: { start: '2026-01-01' },
      location: [{ location: { display: 'A' } }],
    },
    {
      resourceType: 'Encounter',
      status: 'in-progress',
      class: {},
      period: { start: '2026-01-02' },
      location: [{ location: { display: 'B' } }, { location: { display: 'C' } }],
    },
  ];
  const s = summarizePatient(patient, rs);
  assert.equal(s.news2, 5);
  assert.equal(s.news2Time, '2026-01-02');
  assert.equal(s.sepsisRisk, 0.5);
  assert.equal(s.sepsisPrevious, 0.5);
  assert.equal(s.openAlerts, 1);
  assert.equal(s.location, 'C');
  const row = toWorklistRow(s);
  assert.equal(row.name, 'Kim Ode');
  assert.equal(row.sepsisTrend, 'flat');
  assert.ok(!('sepsisPrevious' in row));
});

test('buildWorklist groups resources by their patient reference', () => {
  const rows = buildWorklist(
    [patient, { resourceType: 'Patient', id: 'q' }],
    [
      {
        resourceType: 'RiskAssessment',
        status: 'final',
        subject: { reference: 'Patient/q' },
        method: { text: 'NEWS2' },
        extension: [{ url: 'x', valueInteger: 3 }],
      },
    ],
    [{ resourceType: 'DetectedIssue', status: 'preliminary', patient: { reference: 'Patient/p' } }],
    [],
  );
  assert.equal(rows[0]?.openAlerts, 1);
  assert.equal(rows[0]?.news2, undefined);
  assert.equal(rows[1]?.news2, 3);
  assert.equal(rows[1]?.name, 'Patient q');
});
