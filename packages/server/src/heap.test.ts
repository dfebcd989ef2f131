import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SERVE_HEAP_GROWING_PERCENT, tuneHeapForServing } from './heap';

test('tuneHeapForServing sets the growing factor unless the operator chose one', () => {
  assert.equal(
    tuneHeapForServing(['--import', 'tsx'], '--max-semi-space-size=32'),
    `--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`,
  );
  assert.equal(tuneHeapForServing(['--heap-growing-percent=50'], ''), undefined);
  assert.equal(tuneHeapForServing([], '--max-old-space-size=4096 --heap_growing_percent=80'), undefined);
  // A flag that only starts the same way is not the operator's choice.
  assert.equal(tuneHeapForServing(['--heap-growing'], ''), `--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`);
});
