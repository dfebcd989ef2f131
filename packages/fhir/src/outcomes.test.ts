import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  badRequest,
  exitCodeOf,
  forbidden,
  notFound,
  outcome,
  statusOf,
  toOutcomeError,
  OperationOutcomeError,
  gone,
} from './outcomes';

test('factories carry their HTTP status', () => {
  assert.equal(badRequest('x').status, 400);
  assert.equal(forbidden('x').status, 403);
  assert.equal(notFound('x').status, 404);
  assert.equal(gone('x').status, 410);
});

test('status falls back to the issue code when no status is stored', () => {
  assert.equal(statusOf(outcome('not-found', 'nope')), 404);
  assert.equal(statusOf(outcome('throttled', 'slow down')), 429);
  assert.equal(statusOf({ resourceType: 'OperationOutcome', issue: [] }), 500);
});

test('CLI exit codes: 2 for the caller, 1 for the server', () => {
  assert.equal(exitCodeOf(badRequest('x').outcome), 2);
  assert.equal(exitCodeOf(toOutcomeError(new Error('boom')).outcome), 1);
});

test('unknown errors become a 500 that leaks nothing of the original message', () => {
  const err = toOutcomeError(new Error('patient John Smith MRN 12345'));
  assert.ok(err instanceof OperationOutcomeError);
  assert.equal(err.status, 500);
  assert.doesNotMatch(JSON.stringify(err.outcome), /John|12345/);
});
