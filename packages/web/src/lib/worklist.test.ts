import { test } from 'node:test';
import assert from 'node:assert/strict';
import { news2Band, queryWorklist, trendOf, type WorklistRow } from './worklist';

const rows: WorklistRow[] = [
  { patientId: 'a', name: 'Ann Lee', location: 'Ward 1', news2: 2, openAlerts: 0 },
  { patientId: 'b', name: 'Bob Ray', location: 'Ward 2', news2: 8, sepsisRisk: 0.4, openAlerts: 2 },
  { patientId: 'c', name: 'Cy Tan', location: 'Ward 1', openAlerts: 0 },
  { patientId: 'd', name: 'Di Fox', location: 'ICU', news2: 5, sepsisRisk: 0.1, openAlerts: 1 },
];

test('sorts by NEWS2 with missing values last in either direction', () => {
  assert.deepEqual(
    queryWorklist(rows, { sort: 'news2', dir: 'desc' }).map((r) => r.patientId),
    ['b', 'd', 'a', 'c'],
  );
  assert.deepEqual(
    queryWorklist(rows, { sort: 'news2', dir: 'asc' }).map((r) => r.patientId),
    ['a', 'd', 'b', 'c'],
  );
});

test('filters by search, minimum NEWS2 and open alerts', () => {
  assert.deepEqual(
    queryWorklist(rows, { sort: 'name', dir: 'asc', search: 'ward 1' }).map((r) => r.patientId),
    ['a', 'c'],
  );
  assert.deepEqual(
    queryWorklist(rows, { sort: 'name', dir: 'asc', minNews2: 5 }).map((r) => r.patientId),
    ['b', 'd'],
  );
  assert.deepEqual(
    queryWorklist(rows, { sort: 'openAlerts', dir: 'desc', onlyAlerts: true }).map((r) => r.patientId),
    ['b', 'd'],
  );
});

test('bands and trends', () => {
  assert.equal(news2Band(undefined), 'none');
  assert.equal(news2Band(4), 'low');
  assert.equal(news2Band(6), 'medium');
  assert.equal(news2Band(7), 'high');
  assert.equal(trendOf([0.1, 0.3]), 'up');
  assert.equal(trendOf([0.3, 0.1]), 'down');
  assert.equal(trendOf([0.3, 0.31]), 'flat');
  assert.equal(trendOf([0.3]), undefined);
});
