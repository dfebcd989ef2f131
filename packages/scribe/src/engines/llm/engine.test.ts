import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenAiProvider } from '@galen/llm';
import { startFakeOpenAiServer } from '@galen/llm/fake-server';
import { parseTranscript } from '../../transcript/parse';
import { draftNote, verifySentences } from './engine';

const T = parseTranscript(
  '[doctor] any chest pain ?\n[patient] no .\n[doctor] how long has the cough lasted ?\n[patient] about two weeks , mostly at night .',
);

const GOOD = {
  sections: [
    {
      code: 'hpi',
      sentences: [
        { text: 'Reports cough for about two weeks, mostly at night.', evidence: ['t3', 't4'] },
        { text: 'Has chest pain.', evidence: ['t2'] },
        { text: 'Takes metformin daily for diabetes.', evidence: ['t4'] },
        { text: 'Smokes cigars.', evidence: ['t99'] },
      ],
    },
    { code: 'ros', sentences: [{ text: 'Denies chest pain.', evidence: ['t1', 't2'] }] },
  ],
  problems: ['cough'],
};

test('LLM engine: sentences with evidence; unsupported ones flagged, never silently shown', async () => {
  const srv = await startFakeOpenAiServer(() => ({ content: JSON.stringify(GOOD) }));
  try {
    const llm = createOpenAiProvider({ baseUrl: srv.baseUrl, model: 'fake-1', local: true });
    const d = await draftNote(T, { llm });
    assert.equal(d.engine.name, 'galen-llm:fake-1');
    const hpi = d.sections.find((s) => s.code === 'hpi')!.sentences;
    assert.equal(hpi[0]!.flagged, undefined);
    assert.match(hpi[1]!.flagged!.reason, /denied/);
    assert.match(hpi[2]!.flagged!.reason, /cited turns/);
    assert.match(hpi[3]!.flagged!.reason, /no valid evidence/);
    assert.equal(d.sections.find((s) => s.code === 'ros')!.sentences[0]!.flagged, undefined);
    assert.ok(d.warnings.some((w) => /flagged/.test(w)));
  } finally {
    await srv.close();
  }
});

test('falls back to the offline engine when the model is down, slow or returns invalid JSON', async () => {
  const srv = await startFakeOpenAiServer((_r, n) =>
    n === 1
      ? { content: 'I am not JSON' }
      : n === 2
        ? { delayMs: 1500, then: { content: '{}' } }
        : { content: '{"sections": []}' },
  );
  const llm = createOpenAiProvider({ baseUrl: srv.baseUrl, model: 'm', local: true, retries: 0, timeoutMs: 200 });
  try {
    for (let i = 0; i < 3; i++) {
      const d = await draftNote(T, { llm });
      assert.equal(d.engine.name, 'galen-offline');
      assert.match(d.warnings[0]!, /offline engine/);
    }
  } finally {
    await srv.close();
  }
  const d = await draftNote(T, { llm });
  assert.equal(d.engine.name, 'galen-offline');
  const none = await draftNote(T);
  assert.equal(none.engine.name, 'galen-offline');
  assert.equal(none.warnings.length, 0);
});

test('verification reads negation with @galen/nlp: a sentence affirming what the patient denied is flagged', () => {
  const t = parseTranscript(
    "[doctor] tell me about your breathing .\n[patient] well , i haven't had any shortness of breath , but the cough is bad .",
  );
  const [s] = verifySentences(
    [
      {
        code: 'hpi',
        title: 'HPI',
        sentences: [
          { text: 'Reports shortness of breath and a bad cough.', evidence: ['t2'] },
          { text: 'Denies shortness of breath; reports a bad cough.', evidence: ['t2'] },
        ],
      },
    ],
    t,
  );
  assert.match(s!.sentences[0]!.flagged?.reason ?? '', /denied: .*dyspnea|denied: .*breath/i);
  assert.equal(s!.sentences[1]!.flagged, undefined);
});
