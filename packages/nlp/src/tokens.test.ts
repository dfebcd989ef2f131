import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePhrase, normalizeWord, tokenize } from './tokens';

test('tokens keep offsets into the original text', () => {
  const text = 'Pt c/o SpO2 94% on 2L, q6h.';
  const tokens = tokenize(text);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end).length, t.end - t.start);
  assert.deepEqual(
    tokens.map((t) => text.slice(t.start, t.end)),
    ['Pt', 'c', '/', 'o', 'SpO2', '94', '%', 'on', '2L', ',', 'q6h', '.'],
  );
  assert.equal(tokens.find((t) => t.norm === '94')?.kind, 'number');
  assert.equal(tokens.find((t) => text.slice(t.start, t.end) === '%')?.kind, 'punct');
});

test('a sub-range is tokenised with absolute offsets', () => {
  const text = 'abc def ghi';
  const tokens = tokenize(text, 4, 7);
  assert.deepEqual(
    tokens.map((t) => [t.start, t.end, t.norm]),
    [[4, 7, 'def']],
  );
});

test('words are lower-cased and singular, Latin endings are kept', () => {
  assert.equal(normalizeWord('Ulcers'), 'ulcer');
  assert.equal(normalizeWord('arteries'), 'artery');
  assert.equal(normalizeWord('boxes'), 'box');
  assert.equal(normalizeWord('diabetes'), 'diabetes');
  assert.equal(normalizeWord('stenosis'), 'stenosis');
  assert.equal(normalizeWord('Abscess'), 'abscess');
  assert.equal(normalizeWord('virus'), 'virus');
  assert.deepEqual(normalizePhrase('Non-small-cell lung cancers'), ['non', 'small', 'cell', 'lung', 'cancer']);
});

test('emoji, right-to-left text and lone surrogates do not break tokenisation', () => {
  const text = 'pain 😀 ألم שלום \uD800 x';
  const tokens = tokenize(text);
  assert.ok(tokens.length >= 5);
  for (const t of tokens) assert.ok(t.end > t.start && t.end <= text.length);
  assert.ok(tokens.some((t) => t.norm === 'ألم'));
  assert.ok(tokens.some((t) => text.slice(t.start, t.end) === '😀'));
});
