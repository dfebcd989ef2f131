import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentText, engineOf } from './items';
import { normalizedEditDistance, summarizeQuality, wordEditDistance } from './quality';

test('word edit distance counts insertions, deletions and substitutions', () => {
  assert.equal(wordEditDistance('the cat sat', 'the cat sat'), 0);
  assert.equal(wordEditDistance('the cat sat', 'the dog sat'), 1);
  assert.equal(wordEditDistance('the cat sat', 'the cat sat down'), 1);
  assert.equal(wordEditDistance('the cat sat', 'cat sat'), 1);
  assert.equal(wordEditDistance('', 'a b c'), 3);
  assert.equal(wordEditDistance('a b c', ''), 3);
  assert.equal(wordEditDistance('a b c d', 'd c b a'), 4);
  // whitespace differences are not edits
  assert.equal(wordEditDistance('a  b\n c', 'a b c'), 0);
});

test('normalized edit distance divides by draft words', () => {
  assert.equal(normalizedEditDistance('a b c d', 'a b c e'), 0.25);
  assert.equal(normalizedEditDistance('', 'x'), 1);
});

test('quality summary groups by engine and ignores rejects in the mean', () => {
  const q = summarizeQuality([
    { engine: 'offline', decision: 'accept', draft_words: 10, edit_distance: 0 },
    { engine: 'offline', decision: 'edit', draft_words: 10, edit_distance: 5 },
    { engine: 'offline', decision: 'reject', draft_words: 10, edit_distance: null },
    { engine: 'llm', decision: 'edit', draft_words: 4, edit_distance: 2 },
  ]);
  assert.equal(q.length, 2);
  const off = q.find((x) => x.engine === 'offline');
  assert.ok(off);
  assert.equal(off.decisions, 3);
  assert.equal(off.rejected, 1);
  assert.equal(off.meanEditDistance, 2.5);
  assert.equal(off.meanNormalizedEditDistance, 0.25);
  assert.equal(q.find((x) => x.engine === 'llm')?.meanNormalizedEditDistance, 0.5);
});

test('document text and engine are read from the resource', () => {
  const doc = {
    resourceType: 'DocumentReference' as const,
    status: 'current' as const,
    docStatus: 'preliminary' as const,
    author: [{ display: 'galen-scribe-offline 0.1' }],
    content: [{ attachment: { contentType: 'text/plain', data: Buffer.from('Hello note').toString('base64') } }],
  };
  assert.equal(documentText(doc), 'Hello note');
  assert.equal(engineOf(doc), 'galen-scribe-offline 0.1');
});
