import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asciiCodes, normalizePhrase, normalizeWord, releaseCodes, tokenize, tokenizeAscii } from './tokens';

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

test('the ASCII tokenizer gives the same tokens as tokenize, on random ASCII text', () => {
  // a seeded LCG: the same texts on every run
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const pieces = [
    'Ulcers',
    'arteries',
    'BOXES',
    'is',
    'q6h',
    '2L',
    'SpO2',
    ' ',
    '  ',
    '\n',
    '\t',
    '.',
    ',',
    '/',
    '-',
    '94',
    'x',
    'S',
    'Bps',
    'abscess',
    'ies',
  ];
  for (let n = 0; n < 300; n++) {
    let text = '';
    const len = next() % 40;
    for (let k = 0; k < len; k++) {
      // every ASCII character now and then, else a clinical-looking piece
      text += next() % 4 === 0 ? String.fromCharCode(next() % 128) : pieces[next() % pieces.length]!;
    }
    const codes = asciiCodes(text);
    assert.ok(codes, 'an ASCII text has codes');
    const start = next() % (text.length + 1);
    const end = start + (next() % (text.length - start + 1));
    const lower = text.toLowerCase();
    assert.deepEqual(tokenizeAscii(text, lower, codes, start, end), tokenize(text, start, end), JSON.stringify(text));
    assert.deepEqual(tokenizeAscii(text, lower, codes, 0, text.length), tokenize(text));
    releaseCodes(codes);
  }
});

test('asciiCodes is only for all-ASCII text and hands back a reused buffer', () => {
  assert.equal(asciiCodes('fièvre'), undefined);
  assert.equal(asciiCodes('pain 😀'), undefined);
  const a = asciiCodes('BP 120/80');
  assert.ok(a);
  assert.deepEqual([...a.subarray(0, 3)], [66, 80, 32]);
  releaseCodes(a);
  const b = asciiCodes('HR 92');
  assert.equal(b, a, 'the released buffer is reused');
  // while it is out, another caller gets its own
  const c = asciiCodes('T 37');
  assert.notEqual(c, b);
});
