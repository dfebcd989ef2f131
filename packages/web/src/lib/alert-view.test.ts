import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertResourceId, alertsFrom, isOpen, isSnoozed } from './alert-view';

test('cds.alerts output becomes alert views with reason, state and resource id', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const [a, b] = alertsFrom({
    alerts: [
      {
        reference: 'DetectedIssue/x1',
        patientId: 'p1',
        kind: 'news2',
        status: 'preliminary',
        summary: 'NEWS2 7 (high)',
        identified: '2026-01-01T11:00:00Z',
      },
      {
        reference: 'DetectedIssue/x2',
        kind: 'sepsis-risk',
        status: 'preliminary',
        summary: 'Sepsis risk 9%',
        snoozedUntil: '2026-01-01T13:00:00Z',
      },
    ],
  });
  assert.equal(a?.title, 'NEWS2 alert');
  assert.equal(a?.reason, 'NEWS2 7 (high)');
  assert.equal(a && alertResourceId(a), 'x1');
  assert.equal(a && isOpen(a, now), true);
  assert.equal(b && isSnoozed(b, now), true);
  assert.equal(b && isOpen(b, now), false);
  assert.equal(b && isOpen(b, Date.parse('2026-01-01T14:00:00Z')), true);
  assert.deepEqual(alertsFrom(undefined), []);
});

test('a FHIR DetectedIssue is read too', () => {
  const [d] = alertsFrom([
    {
      resourceType: 'DetectedIssue',
      id: 'd9',
      status: 'final',
      detail: 'why',
      patient: { reference: 'Patient/p2' },
      evidence: [{ detail: [{ reference: 'RiskAssessment/r1' }] }],
    },
  ]);
  assert.equal(d?.id, 'DetectedIssue/d9');
  assert.equal(d?.patientId, 'p2');
  assert.deepEqual(d?.observations, ['RiskAssessment/r1']);
  assert.equal(d && isOpen(d), false);
});
