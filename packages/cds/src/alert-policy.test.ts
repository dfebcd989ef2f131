import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideAlert, NO_ALERTS, replayAlerts, snooze, type AlertPolicy } from './alert-policy';

const news: AlertPolicy = { kind: 'news2', threshold: 5, escalateAt: [7], realertHours: 4, snoozeHours: 2 };

test('fires on crossing, de-duplicates, re-alerts after the window, escalates at once', () => {
  assert.deepEqual(replayAlerts(news, [3, 5, 5, 5, 5, 5, 5]), [1, 5]);
  assert.deepEqual(replayAlerts(news, [5, 6, 7, 7]), [0, 2]);
  assert.deepEqual(replayAlerts(news, [5, 3, 5]), [0, 2], 'a new episode after recovery');
});

test('insufficient data never alerts and keeps memory', () => {
  const d = decideAlert(news, NO_ALERTS, null, 0);
  assert.equal(d.fire, false);
  assert.equal(d.reason, 'insufficient-data');
  assert.deepEqual(replayAlerts(news, [null, null, 5]), [2]);
});

test('snooze silences until it ends', () => {
  let m = decideAlert(news, NO_ALERTS, 6, 0).memory;
  m = snooze(m, 0, 10);
  assert.equal(decideAlert(news, m, 6, 5 * 3600_000).reason, 'snoozed');
  assert.equal(decideAlert(news, m, 6, 11 * 3600_000).fire, true);
  assert.equal(decideAlert(news, m, 8, 1 * 3600_000).reason, 'escalated', 'escalation breaks through a snooze');
});
