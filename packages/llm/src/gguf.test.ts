import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OperationOutcomeError } from '@galen/fhir';
import { createGgufProvider } from './gguf';
import type { LlmAuditEvent } from './types';

function code(e: unknown): string | undefined {
  return e instanceof OperationOutcomeError ? e.outcome.issue?.[0]?.code : undefined;
}

test('GGUF provider without node-llama-cpp fails with a clear 503 and an audit entry', async () => {
  const audits: LlmAuditEvent[] = [];
  const llm = createGgufProvider({
    modelPath: '/nonexistent/tiny.gguf',
    threads: 1,
    audit: (e) => audits.push(e),
    loadModule: () => Promise.reject(new Error('Cannot find package')),
  });
  assert.equal(llm.local, true);
  assert.equal(llm.model, 'tiny.gguf');
  await assert.rejects(llm.chat({ messages: [{ role: 'user', content: 'hi' }] }), (e) => {
    assert.equal(code(e), 'transient');
    assert.match((e as Error).message, /node-llama-cpp/);
    return true;
  });
  assert.equal(audits.length, 1);
  assert.equal(audits[0]!.outcome, 'error');
  assert.equal(audits[0]!.error, 'unavailable');
  assert.deepEqual(llm.usage(), { promptTokens: 0, completionTokens: 0, totalTokens: 0 });
});

test('GGUF provider rejects a conversation that does not end with the user (400)', async () => {
  let loads = 0;
  const llm = createGgufProvider({
    modelPath: 'm.gguf',
    loadModule: () => {
      loads++;
      return Promise.reject(new Error('unused'));
    },
  });
  await assert.rejects(
    llm.chat({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
      ],
    }),
    (e) => code(e) === 'invalid',
  );
  await assert.rejects(llm.chat({ messages: [] }), (e) => code(e) === 'invalid');
  assert.equal(loads, 0);
});
