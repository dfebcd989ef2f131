import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeScribe, sectionsToText } from './scribe-view';
import { clearDraft, loadDraft, saveDraft, type KeyValueStorage } from './draft-store';
import { describeMark, mentionSpans } from './nlp-view';

test('normalises a scribe.draft result and renders signed text without flagged sentences', () => {
  const v = normalizeScribe({
    draft: {
      engine: { name: 'offline', version: '1' },
      sections: [
        {
          code: 'hpi',
          title: 'HISTORY OF PRESENT ILLNESS',
          sentences: [
            { text: 'Cough for 3 days.', evidence: ['t2'] },
            { text: 'Smokes 40 a day.', evidence: [], flagged: { reason: 'no support' } },
          ],
        },
        { code: 'ros', title: 'REVIEW OF SYSTEMS', sentences: [] },
      ],
      facts: [
        {
          concept: { code: 'R07.9', display: 'Chest pain, unspecified' },
          text: 'chest pain',
          assertion: 'absent',
          evidence: ['t1', 't2'],
        },
        { concept: {}, text: '', assertion: 'present', evidence: [] },
      ],
      warnings: [],
    },
    transcript: {
      turns: [
        { id: 't1', role: 'doctor', text: 'hi' },
        { id: 't2', role: 'patient', text: 'cough' },
      ],
    },
    documentReference: { id: 'doc1' },
    codes: [{ code: 'R05.9', display: 'Cough, unspecified', evidence: ['t2'] }],
  });
  assert.equal(v.engine, 'offline 1');
  assert.equal(v.documentReferenceId, 'doc1');
  assert.equal(v.turns.length, 2);
  assert.equal(v.sections[0]?.sentences[1]?.flagged?.reason, 'no support');
  assert.equal(v.codes[0]?.code, 'R05.9');
  assert.deepEqual(v.facts, [
    { text: 'chest pain', display: 'Chest pain, unspecified', code: 'R07.9', assertion: 'absent', evidence: ['t1', 't2'] },
  ]);
  assert.equal(sectionsToText(v.sections), 'HISTORY OF PRESENT ILLNESS\n\nCough for 3 days.');
  assert.deepEqual(normalizeScribe(null).sections, []);
  assert.deepEqual(normalizeScribe(null).facts, []);
});

test('draft autosave round-trips and survives a broken store', () => {
  const mem = new Map<string, string>();
  const storage: KeyValueStorage = {
    getItem: (k) => mem.get(k) ?? null,
    setItem: (k, v) => void mem.set(k, v),
    removeItem: (k) => void mem.delete(k),
  };
  assert.ok(saveDraft(storage, 'k', { a: 1 }, new Date('2026-01-01T00:00:00Z')));
  assert.deepEqual(loadDraft(storage, 'k'), { savedAt: '2026-01-01T00:00:00.000Z', value: { a: 1 } });
  clearDraft(storage, 'k');
  assert.equal(loadDraft(storage, 'k'), undefined);
  const full: KeyValueStorage = {
    ...storage,
    setItem: () => {
      throw new Error('quota');
    },
  };
  assert.equal(saveDraft(full, 'k', 1), false);
  mem.set('bad', '{not json');
  assert.equal(loadDraft(storage, 'bad'), undefined);
});

test('NLP mentions become spans whose hover text names code, context and cue', () => {
  const spans = mentionSpans({
    mentions: [
      {
        start: 3,
        end: 13,
        text: 'chest pain',
        kind: 'problem',
        concept: { code: 'R07.9', system: 'http://hl7.org/fhir/sid/icd-10-cm', display: 'Chest pain' },
        context: { negated: true, historical: false, cues: [{ category: 'negated', text: 'no' }] },
      },
      { text: 'no offsets' },
    ],
  });
  assert.equal(spans.length, 1);
  const d = describeMark(spans[0]!.data);
  assert.match(d, /ICD-10-CM R07\.9/);
  assert.match(d, /negated/);
  assert.match(d, /"no"/);
});
