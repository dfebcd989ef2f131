import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGgufProvider } from './gguf';
import type { LlmAuditEvent } from './types';

test('GGUF provider without node-llama-cpp fails with a clear 503 and an audit entry', async () => {
  let installed = true;
  try {
    const pkg = 'node-llama-cpp';
    await import(pkg);
  } catch {
    installed = false;
  }
  if (installed) return; // covered by a real-model test once the package is adopted
  const audits: LlmAuditEvent[] = [];
  const llm = createGgufProvider({ modelPath: '/nonexistent/tiny.gguf', threads: 1, audit: (e) => audits.push(e) });
  assert.equal(llm.local, true);
  await assert.rejects(llm.chat({ messages: [{ role: 'user', content: 'hi' }] }), /node-llama-cpp/);
  assert.equal(audits[0]!.outcome, 'error');
});
