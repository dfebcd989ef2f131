import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation } from '@galen/fhir';
import { PARAMS, toCanonical } from './parameters';
import { stateFromObservations } from './state';

const NOW = '2026-01-01T12:00:00Z';
const obs = (id: string, loinc: string, x: Partial<Observation>): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
  effectiveDateTime: '2026-01-01T11:00:00Z',
  ...x,
});

test('units and words that are Object prototype keys are not conversions', () => {
  for (const unit of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    const c = toCanonical(PARAMS.hr, 80, unit);
    assert.ok('reason' in c && /not accepted/.test(c.reason), `${unit}: ${JSON.stringify(c)}`);
  }
  const s = stateFromObservations(
    [
      obs('hr', '8867-4', { valueQuantity: { value: 80, code: 'constructor' } }),
      obs('avpu', '80288-4', { valueCodeableConcept: { text: 'constructor' } }),
      obs('ok', '8867-4', { valueQuantity: { value: 90, code: '/min' } }),
    ],
    NOW,
  );
  assert.deepEqual(
    s.rejected.map((r) => r.observationId),
    ['Observation/hr', 'Observation/avpu'],
  );
  assert.equal(s.series.hr?.[0]?.value, 90);
});

test('panels: the first LOINC coding that names a parameter wins, components are read', () => {
  const s = stateFromObservations(
    [
      obs('bp', '85354-9', {
        valueQuantity: undefined,
        component: [
          {
            code: { coding: [{ system: 'http://snomed.info/sct', code: '8480-6' }, { code: '8480-6' }] },
            valueQuantity: { value: 120, code: 'mm[Hg]' },
          },
          { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 70, code: 'mm[Hg]' } },
        ],
      }),
    ],
    NOW,
  );
  assert.equal(s.series.sbp?.[0]?.value, 120);
  assert.equal(s.series.dbp?.[0]?.value, 70);
  assert.equal(s.series.sbp?.[0]?.observationId, 'Observation/bp');
});
