import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abnormalFlag, ageYears, labRows, vitalSeries, type Observation } from './fhir-view';

const obs = (code: string, value: number, time: string, extra: Partial<Observation> = {}): Observation => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code }], text: code },
  effectiveDateTime: time,
  valueQuantity: { value },
  ...extra,
});

test('vital series are per sign, oldest first, and read BP panels', () => {
  const s = vitalSeries([
    obs('8867-4', 110, '2026-01-01T02:00:00Z'),
    obs('8867-4', 90, '2026-01-01T01:00:00Z'),
    obs('8867-4', 999, '2026-01-01T03:00:00Z', { status: 'entered-in-error' }),
    {
      resourceType: 'Observation',
      code: { coding: [{ code: '85354-9' }] },
      effectiveDateTime: '2026-01-01T01:00:00Z',
      component: [{ code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 88 } }],
    },
  ]);
  assert.deepEqual(
    s.get('hr')?.map((p) => p.v),
    [90, 110],
  );
  assert.deepEqual(
    s.get('sbp')?.map((p) => p.v),
    [88],
  );
});

test('lab flags come from interpretation or the reference range; trend compares the last two', () => {
  const lab = {
    category: [{ coding: [{ code: 'laboratory' }] }],
    referenceRange: [{ low: { value: 3.5 }, high: { value: 5.1 } }],
  };
  const rows = labRows([obs('2823-3', 5.0, '2026-01-01T00:00:00Z', lab), obs('2823-3', 6.2, '2026-01-02T00:00:00Z', lab)]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.flag, 'H');
  assert.equal(rows[0]?.trend, 'up');
  assert.equal(abnormalFlag(obs('x', 1, '2026-01-01', { interpretation: [{ coding: [{ code: 'LL' }] }] })), 'LL');
  assert.equal(
    abnormalFlag(
      obs('x', 1, '2026-01-01', { interpretation: [{ coding: [{ code: 'N' }] }], referenceRange: [{ high: { value: 0 } }] }),
    ),
    undefined,
  );
});

test('age in whole years before and after the birthday', () => {
  assert.equal(ageYears('1980-06-15', new Date('2026-06-14T00:00:00Z')), 45);
  assert.equal(ageYears('1980-06-15', new Date('2026-06-15T00:00:00Z')), 46);
  assert.equal(ageYears('garbage', new Date()), undefined);
});
