import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWindow, scrollToReveal } from './virtual-window';

test('renders only the rows around the viewport', () => {
  const w = computeWindow({ scrollTop: 44 * 5000, viewportHeight: 440, rowHeight: 44, count: 10_000, overscan: 5 });
  assert.equal(w.totalHeight, 440_000);
  assert.equal(w.start, 4995);
  assert.equal(w.end, 5000 + 11 + 5);
  assert.equal(w.offsetTop, 4995 * 44);
  assert.ok(w.end - w.start < 30);
});

test('clamps at both ends and handles empty lists', () => {
  assert.deepEqual(computeWindow({ scrollTop: -50, viewportHeight: 100, rowHeight: 10, count: 3, overscan: 2 }), {
    start: 0,
    end: 3,
    offsetTop: 0,
    totalHeight: 30,
  });
  const end = computeWindow({ scrollTop: 1e9, viewportHeight: 100, rowHeight: 10, count: 1000, overscan: 0 });
  assert.equal(end.end, 1000);
  assert.equal(end.start, 990);
  assert.deepEqual(computeWindow({ scrollTop: 0, viewportHeight: 100, rowHeight: 10, count: 0 }), {
    start: 0,
    end: 0,
    offsetTop: 0,
    totalHeight: 0,
  });
});

test('scrollToReveal moves minimally', () => {
  assert.equal(scrollToReveal(5, 0, 100, 10), undefined);
  assert.equal(scrollToReveal(15, 0, 100, 10), 60);
  assert.equal(scrollToReveal(2, 50, 100, 10), 20);
});
