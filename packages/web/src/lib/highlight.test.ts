import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentText } from './highlight';

test('splits text at span edges and keeps innermost span first', () => {
  const text = 'no chest pain today';
  const outer = { start: 3, end: 13, data: 'outer' };
  const inner = { start: 9, end: 13, data: 'inner' };
  const segs = segmentText(text, [outer, inner]);
  assert.equal(segs.map((s) => s.text).join(''), text);
  assert.deepEqual(
    segs.map((s) => [s.text, s.spans.map((x) => x.data)]),
    [
      ['no ', []],
      ['chest ', ['outer']],
      ['pain', ['inner', 'outer']],
      [' today', []],
    ],
  );
});

test('drops empty or out-of-range spans and merges identical neighbours', () => {
  const segs = segmentText('abc', [
    { start: 2, end: 2, data: 1 },
    { start: -5, end: 99, data: 2 },
  ]);
  assert.equal(segs.length, 1);
  assert.equal(segs[0]?.text, 'abc');
  assert.deepEqual(segmentText('', []), []);
});
