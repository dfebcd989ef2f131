import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OperationOutcomeError } from '@galen/fhir';
import { createOpenAiProvider } from './openai';
import { createRedactingPhiGuard } from './phi-guard';
import { startFakeOpenAiServer } from './fake-server';
import type { LlmAuditEvent } from './types';

const msg = [{ role: 'user' as const, content: 'Summarise: John Smith has a cough.' }];

function code(e: unknown): string | undefined {
  return e instanceof OperationOutcomeError ? e.outcome.issue?.[0]?.code : undefined;
}

test('chat over real HTTP with token accounting and an audit without text', async () => {
  const srv = await startFakeOpenAiServer(() => ({ content: 'Cough.', usage: { prompt_tokens: 12, completion_tokens: 3 } }));
  const audits: LlmAuditEvent[] = [];
  try {
    const llm = createOpenAiProvider({
      baseUrl: srv.baseUrl,
      model: 'm1',
      apiKey: 'k',
      local: true,
      audit: (e) => audits.push(e),
    });
    const r = await llm.chat({ messages: msg, temperature: 0 });
    assert.equal(r.text, 'Cough.');
    assert.deepEqual(r.usage, { promptTokens: 12, completionTokens: 3, totalTokens: 15 });
    await llm.chat({ messages: msg });
    assert.equal(llm.usage().totalTokens, 30);
    assert.equal(srv.requests[0]!.headers.authorization, 'Bearer k');
    assert.equal(srv.requests[0]!.body.model, 'm1');
    assert.equal(audits.length, 2);
    assert.equal(audits[0]!.outcome, 'ok');
    assert.equal(audits[0]!.usage.totalTokens, 15);
    assert.doesNotMatch(JSON.stringify(audits), /John|cough/i);
  } finally {
    await srv.close();
  }
});

test('structured output: schema sent, JSON parsed; invalid JSON is a clear 503', async () => {
  let n = 0;
  const srv = await startFakeOpenAiServer(() => (++n === 1 ? { content: '```json\n{"a":1}\n```' } : { content: 'not json' }));
  try {
    const llm = createOpenAiProvider({ baseUrl: srv.baseUrl, model: 'm', local: true });
    const schema = { name: 'x', schema: { type: 'object' } };
    const r = await llm.chat({ messages: msg, jsonSchema: schema });
    assert.deepEqual(r.json, { a: 1 });
    assert.deepEqual((srv.requests[0]!.body.response_format as { type: string }).type, 'json_schema');
    await assert.rejects(llm.chat({ messages: msg, jsonSchema: schema }), (e) => code(e) === 'transient');
  } finally {
    await srv.close();
  }
});

test('retries 5xx then succeeds; invalid JSON body and down endpoint fail clearly', async () => {
  const srv = await startFakeOpenAiServer((_r, n) =>
    n === 1 ? { status: 503 } : n === 2 ? { content: 'ok' } : { raw: '{oops' },
  );
  const audits: LlmAuditEvent[] = [];
  try {
    const llm = createOpenAiProvider({
      baseUrl: srv.baseUrl,
      model: 'm',
      local: true,
      backoffMs: () => 1,
      audit: (e) => audits.push(e),
    });
    assert.equal((await llm.chat({ messages: msg })).text, 'ok');
    assert.equal(audits[0]!.attempts, 2);
    await assert.rejects(llm.chat({ messages: msg }), /invalid JSON/);
  } finally {
    await srv.close();
  }
  const down = createOpenAiProvider({ baseUrl: srv.baseUrl, model: 'm', local: true, retries: 1, backoffMs: () => 1 });
  await assert.rejects(down.chat({ messages: msg }), (e) => code(e) === 'transient');
});

test('slow endpoint times out with a 504-class error', async () => {
  const srv = await startFakeOpenAiServer(() => ({ delayMs: 2000, then: { content: 'late' } }));
  try {
    const llm = createOpenAiProvider({ baseUrl: srv.baseUrl, model: 'm', local: true, timeoutMs: 100, retries: 0 });
    const t0 = performance.now();
    await assert.rejects(llm.chat({ messages: msg }), (e) => code(e) === 'timeout');
    assert.ok(performance.now() - t0 < 1500);
  } finally {
    await srv.close();
  }
});

test('remote endpoints: PHI guard runs before sending; without one nothing is sent', async () => {
  const srv = await startFakeOpenAiServer(() => ({ content: 'ok' }));
  try {
    const blocked = createOpenAiProvider({ baseUrl: srv.baseUrl, model: 'm' });
    await assert.rejects(blocked.chat({ messages: msg }), (e) => code(e) === 'forbidden');
    assert.equal(srv.requests.length, 0);
    const guard = createRedactingPhiGuard((t) => {
      const i = t.indexOf('John Smith');
      return i < 0 ? [] : [{ start: i, end: i + 10, type: 'name' }];
    });
    const guarded = createOpenAiProvider({ baseUrl: srv.baseUrl, model: 'm', phiGuard: guard });
    await guarded.chat({ messages: msg });
    assert.equal(srv.requests[0]!.body.messages![0]!.content, 'Summarise: [NAME] has a cough.');
  } finally {
    await srv.close();
  }
});
