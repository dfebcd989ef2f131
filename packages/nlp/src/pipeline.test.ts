import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline, extract } from './pipeline';
import { createTestIndex } from './testing';
import { checkText, decodeUtf8 } from './text-check';

const pipeline = createPipeline(createTestIndex());

test('mentions carry concept, context, sentence and section; offsets round-trip', () => {
  const text = 'PAST MEDICAL HISTORY: MS.\nMEDICATIONS: MS 2 mg IV q4h prn pain.\nHPI: No fever. BP 120/80.';
  const r = pipeline.extract(text, { includeTokens: true });
  assert.ok(r.tokens && r.tokens.length > 10);
  for (const m of r.mentions) assert.equal(text.slice(m.start, m.end), m.text);
  const ms = r.mentions.filter((m) => m.text === 'MS');
  assert.deepEqual(
    ms.map((m) => m.concept.code),
    ['G35', '7052'],
  );
  assert.equal(r.sections[ms[0]!.section]!.category, 'past-medical-history');
  assert.equal(ms[0]!.context.historical, true);
  const fever = r.mentions.find((m) => m.text === 'fever')!;
  assert.equal(fever.context.negated, true);
  assert.equal(r.sentences[fever.sentence]!.start <= fever.start, true);
  assert.equal(r.medications.length, 1);
  assert.equal(r.medications[0]!.signature.asNeeded?.reason, 'pain');
  assert.equal(r.measurements[0]!.sentence, r.sentences.length - 1);
  assert.deepEqual(r.engine.name, 'galen-nlp');
});

test('bad input: empty, emoji, right-to-left, binary junk do not crash', () => {
  assert.deepEqual(pipeline.extract('').mentions, []);
  const odd = '😀😀 chest pain 😀 مرحبا بالعالم fever שלום \u0000\u0001\u202e reversed \uD800';
  const r = pipeline.extract(odd);
  assert.deepEqual(
    r.mentions.map((m) => m.text),
    ['chest pain', 'fever'],
  );
  let junk = '';
  for (let i = 0; i < 20000; i++) junk += String.fromCharCode((i * 7919) % 65536);
  assert.doesNotThrow(() => pipeline.extract(junk));
});

test('work grows linearly with the text', () => {
  const unit = 'Denies chest pain. Hx of hypertension, on lisinopril 10 mg daily. BP 130/80, HR 72. ';
  const small = unit.repeat(2000);
  const big = unit.repeat(8000);
  pipeline.extract(small); // warm-up
  const t0 = performance.now();
  const a = pipeline.extract(small);
  const t1 = performance.now();
  const b = pipeline.extract(big);
  const t2 = performance.now();
  assert.equal(b.mentions.length, a.mentions.length * 4);
  assert.equal(b.measurements.length, a.measurements.length * 4);
  // 4x the text: far from quadratic (16x); generous for GC and a shared machine
  assert.ok(t2 - t1 < (t1 - t0) * 10 + 500, `4x text took ${(t2 - t1).toFixed(0)} ms vs ${(t1 - t0).toFixed(0)} ms`);
});

test('a 20 MB note completes', () => {
  const word = 'x'.repeat(1000);
  const text = `${word} `.repeat(20_000) + 'Denies fever.';
  const r = pipeline.extract(text);
  assert.equal(r.length, text.length);
  assert.equal(r.mentions.at(-1)?.context.negated, true);
});

test('text checks: NUL, control characters and invalid UTF-8 are not text', () => {
  assert.equal(checkText('plain note\nwith lines\t'), undefined);
  assert.equal(checkText(''), undefined);
  assert.match(checkText('abc\u0000def')!, /NUL/);
  assert.match(checkText('\u0001\u0002\u0003\u0004abc')!, /control/);
  assert.equal(decodeUtf8(new Uint8Array([0xff, 0xfe, 0x41])), undefined);
  assert.equal(decodeUtf8(new TextEncoder().encode('émoji 😀')), 'émoji 😀');
});

test('extract() without an index uses the starter lexicon', () => {
  const r = extract('History of hypertension. Denies chest pain.');
  assert.ok(r.mentions.length >= 2, JSON.stringify(r.mentions.map((m) => m.text)));
  assert.ok(r.mentions.some((m) => m.context.negated));
});

test('pathological inputs stay linear: no spaces, dense triggers, runs of blank lines', () => {
  const cases = ['no,fever,'.repeat(40_000), '\n '.repeat(200_000), 'a.'.repeat(200_000), 'AB: '.repeat(100_000)];
  for (const text of cases) {
    const t = performance.now();
    const r = pipeline.extract(text);
    assert.ok(r.length === text.length);
    assert.ok(performance.now() - t < 15_000, `${text.slice(0, 10)}… took ${performance.now() - t} ms`);
  }
});
