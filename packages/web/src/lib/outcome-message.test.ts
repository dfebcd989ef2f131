import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeMessage } from './outcome-message';

test('joins OperationOutcome issue texts with their expressions', () => {
  const oo = {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: 'invalid',
        details: { text: 'Password must be 4 to 1024 characters' },
        expression: ['password'],
      },
      { severity: 'error', code: 'invalid', diagnostics: 'second problem' },
    ],
  };
  assert.equal(outcomeMessage(400, oo), 'Password must be 4 to 1024 characters (password); second problem');
});

test('falls back to the status when the body says nothing useful', () => {
  assert.equal(
    outcomeMessage(429, { resourceType: 'OperationOutcome', issue: [] }),
    'Too many attempts; wait a moment and try again.',
  );
  assert.equal(outcomeMessage(503, '<html>bad gateway</html>'), 'A service Galen depends on is unavailable.');
  assert.match(outcomeMessage(418, undefined), /418/);
  assert.equal(outcomeMessage(400, 'plain reason'), 'plain reason');
});
