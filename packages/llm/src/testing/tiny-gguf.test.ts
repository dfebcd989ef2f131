import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTinyVocab, createTinyLlamaGguf } from './tiny-gguf';

function readString(v: DataView, at: number): [string, number] {
  const n = Number(v.getBigUint64(at, true));
  const s = new TextDecoder().decode(new Uint8Array(v.buffer, v.byteOffset + at + 8, n));
  return [s, at + 8 + n];
}

test('tiny GGUF: v3 header, first metadata key, deterministic per seed', () => {
  const a = createTinyLlamaGguf({ seed: 3 });
  const v = new DataView(a.buffer, a.byteOffset, a.byteLength);
  assert.equal(new TextDecoder().decode(a.subarray(0, 4)), 'GGUF');
  assert.equal(v.getUint32(4, true), 3);
  const tensors = Number(v.getBigUint64(8, true));
  assert.equal(tensors, 1 + 2 * 9 + 2); // embeddings, 9 per block, output norm and output
  assert.ok(Number(v.getBigUint64(16, true)) >= 15);
  const [key] = readString(v, 24);
  assert.equal(key, 'general.architecture');
  assert.deepEqual(createTinyLlamaGguf({ seed: 3 }), a);
  assert.notDeepEqual(createTinyLlamaGguf({ seed: 4 }), a);
  assert.equal(createTinyLlamaGguf({ layers: 1 }).length < a.length, true);
});

test('tiny vocabulary: specials, 256 byte tokens, word pieces', () => {
  const { tokens, scores, types } = buildTinyVocab();
  assert.deepEqual(tokens.slice(0, 3), ['<unk>', '<s>', '</s>']);
  assert.equal(tokens[3 + 0x41], '<0x41>');
  assert.equal(tokens.length, scores.length);
  assert.equal(tokens.length, types.length);
  assert.equal(new Set(tokens).size, tokens.length);
  assert.ok(tokens.length > 259 && tokens.length < 400);
});
