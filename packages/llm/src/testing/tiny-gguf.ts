/**
 * A minimal GGUF v3 writer for a tiny random-weight llama-architecture model, so the local GGUF
 * provider can be tested against the real llama.cpp loader without downloading any model.
 * Layout (GGUF spec, ggml `docs/gguf.md`): header (magic, version 3, tensor count, metadata count),
 * metadata key/values, tensor infos (name, dims innermost first, type, offset), padding to the
 * alignment, then the tensor data with every tensor aligned. Tensors are F32; values come from a
 * seeded PRNG, so the same options give the same bytes. The tokenizer is a SentencePiece-style
 * ("llama") vocabulary: <unk>, <s>, </s>, the 256 byte-fallback tokens and a few word pieces.
 */
import { mulberry32 } from '@galen/fhir';

export interface TinyGgufOptions {
  /** PRNG seed for the weights (default 1). */
  seed?: number;
  /** Hidden size (default 32). */
  embedding?: number;
  /** Attention heads (default 2); the head size is embedding / heads. */
  heads?: number;
  /** Transformer blocks (default 2). */
  layers?: number;
  /** Feed-forward size (default 64). */
  feedForward?: number;
  /** Training context length written to the metadata (default 512). */
  contextLength?: number;
}

const ALIGNMENT = 32;

// GGUF metadata value types (spec: gguf_metadata_value_type).
const T_UINT32 = 4;
const T_INT32 = 5;
const T_FLOAT32 = 6;
const T_BOOL = 7;
const T_STRING = 8;
const T_ARRAY = 9;
// ggml tensor type F32.
const GGML_F32 = 0;
// llama.cpp token types (llama_token_type).
const TOKEN_NORMAL = 1;
const TOKEN_UNKNOWN = 2;
const TOKEN_CONTROL = 3;
const TOKEN_BYTE = 6;

type Meta =
  | { t: 'u32'; v: number }
  | { t: 'f32'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'str'; v: string }
  | { t: 'strs'; v: string[] }
  | { t: 'f32s'; v: number[] }
  | { t: 'i32s'; v: number[] };

interface Tensor {
  name: string;
  /** ggml order: ne[0] (innermost, contiguous) first. */
  dims: number[];
  data: Float32Array;
}

const createRng = mulberry32;

/** Word pieces after the byte tokens ("▁" marks a preceding space, as in SentencePiece). */
const PIECES = [
  '▁',
  '▁the',
  '▁patient',
  '▁pain',
  '▁chest',
  '▁no',
  '▁yes',
  '▁ok',
  '▁true',
  '▁false',
  'true',
  'false',
  'null',
  '{"',
  '":',
  '"}',
  '",',
  ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => '▁' + c),
];

/** The vocabulary: tokens, scores and types, with <unk>=0, <s>=1, </s>=2. */
export function buildTinyVocab(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [TOKEN_UNKNOWN, TOKEN_CONTROL, TOKEN_CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_BYTE);
  }
  for (const p of PIECES) {
    tokens.push(p);
    types.push(TOKEN_NORMAL);
  }
  // Longer pieces score higher so the SentencePiece merge prefers them.
  const scores = tokens.map((t, i) => (types[i] === TOKEN_NORMAL ? -100 + t.length : 0));
  return { tokens, scores, types };
}

class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8s(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  i32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  u64(v: number): void {
    this.ensure(8);
    this.view.setBigUint64(this.length, BigInt(v), true);
    this.length += 8;
  }
  f32(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  str(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.u8s(b);
  }
  pad(alignment: number): void {
    const n = (alignment - (this.length % alignment)) % alignment;
    this.u8s(new Uint8Array(n));
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function writeMeta(w: ByteWriter, key: string, m: Meta): void {
  w.str(key);
  switch (m.t) {
    case 'u32':
      w.u32(T_UINT32);
      w.u32(m.v);
      return;
    case 'f32':
      w.u32(T_FLOAT32);
      w.f32(m.v);
      return;
    case 'bool':
      w.u32(T_BOOL);
      w.u8s(new Uint8Array([m.v ? 1 : 0]));
      return;
    case 'str':
      w.u32(T_STRING);
      w.str(m.v);
      return;
    case 'strs':
      w.u32(T_ARRAY);
      w.u32(T_STRING);
      w.u64(m.v.length);
      for (const s of m.v) w.str(s);
      return;
    case 'f32s':
      w.u32(T_ARRAY);
      w.u32(T_FLOAT32);
      w.u64(m.v.length);
      for (const x of m.v) w.f32(x);
      return;
    case 'i32s':
      w.u32(T_ARRAY);
      w.u32(T_INT32);
      w.u64(m.v.length);
      for (const x of m.v) w.i32(x);
      return;
  }
}

/** Serialise a tiny llama model as GGUF v3 bytes (pure: same options, same bytes). */
export function createTinyLlamaGguf(o: TinyGgufOptions = {}): Uint8Array {
  const nEmbd = o.embedding ?? 32;
  const nHead = o.heads ?? 2;
  const nLayer = o.layers ?? 2;
  const nFf = o.feedForward ?? 64;
  const nCtx = o.contextLength ?? 512;
  if (nEmbd % nHead !== 0) throw new Error('embedding must be a multiple of heads');
  const headDim = nEmbd / nHead;
  const rng = createRng(o.seed ?? 1);
  const vocab = buildTinyVocab();
  const nVocab = vocab.tokens.length;

  const random = (n: number, scale: number): Float32Array => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (rng() * 2 - 1) * scale;
    return a;
  };
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  const w = 1 / Math.sqrt(nEmbd);
  const tensors: Tensor[] = [{ name: 'token_embd.weight', dims: [nEmbd, nVocab], data: random(nEmbd * nVocab, 1) }];
  for (let l = 0; l < nLayer; l++) {
    const p = `blk.${l}.`;
    tensors.push(
      { name: p + 'attn_norm.weight', dims: [nEmbd], data: ones(nEmbd) },
      { name: p + 'attn_q.weight', dims: [nEmbd, nEmbd], data: random(nEmbd * nEmbd, w) },
      { name: p + 'attn_k.weight', dims: [nEmbd, nEmbd], data: random(nEmbd * nEmbd, w) },
      { name: p + 'attn_v.weight', dims: [nEmbd, nEmbd], data: random(nEmbd * nEmbd, w) },
      { name: p + 'attn_output.weight', dims: [nEmbd, nEmbd], data: random(nEmbd * nEmbd, w) },
      { name: p + 'ffn_norm.weight', dims: [nEmbd], data: ones(nEmbd) },
      { name: p + 'ffn_gate.weight', dims: [nEmbd, nFf], data: random(nEmbd * nFf, w) },
      { name: p + 'ffn_up.weight', dims: [nEmbd, nFf], data: random(nEmbd * nFf, w) },
      { name: p + 'ffn_down.weight', dims: [nFf, nEmbd], data: random(nFf * nEmbd, 1 / Math.sqrt(nFf)) },
    );
  }
  tensors.push(
    { name: 'output_norm.weight', dims: [nEmbd], data: ones(nEmbd) },
    { name: 'output.weight', dims: [nEmbd, nVocab], data: random(nEmbd * nVocab, w) },
  );

  const meta: [string, Meta][] = [
    ['general.architecture', { t: 'str', v: 'llama' }],
    ['general.name', { t: 'str', v: 'galen-tiny-random' }],
    ['general.alignment', { t: 'u32', v: ALIGNMENT }],
    ['llama.context_length', { t: 'u32', v: nCtx }],
    ['llama.embedding_length', { t: 'u32', v: nEmbd }],
    ['llama.block_count', { t: 'u32', v: nLayer }],
    ['llama.feed_forward_length', { t: 'u32', v: nFf }],
    ['llama.attention.head_count', { t: 'u32', v: nHead }],
    ['llama.attention.head_count_kv', { t: 'u32', v: nHead }],
    ['llama.rope.dimension_count', { t: 'u32', v: headDim }],
    ['llama.attention.layer_norm_rms_epsilon', { t: 'f32', v: 1e-5 }],
    ['tokenizer.ggml.model', { t: 'str', v: 'llama' }],
    ['tokenizer.ggml.tokens', { t: 'strs', v: vocab.tokens }],
    ['tokenizer.ggml.scores', { t: 'f32s', v: vocab.scores }],
    ['tokenizer.ggml.token_type', { t: 'i32s', v: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { t: 'u32', v: 0 }],
    ['tokenizer.ggml.bos_token_id', { t: 'u32', v: 1 }],
    ['tokenizer.ggml.eos_token_id', { t: 'u32', v: 2 }],
    ['tokenizer.ggml.add_bos_token', { t: 'bool', v: true }],
    ['tokenizer.ggml.add_eos_token', { t: 'bool', v: false }],
  ];

  const out = new ByteWriter();
  out.u8s(new TextEncoder().encode('GGUF'));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(meta.length);
  for (const [k, m] of meta) writeMeta(out, k, m);
  let offset = 0;
  for (const t of tensors) {
    out.str(t.name);
    out.u32(t.dims.length);
    for (const d of t.dims) out.u64(d);
    out.u32(GGML_F32);
    out.u64(offset);
    offset += Math.ceil(t.data.byteLength / ALIGNMENT) * ALIGNMENT;
  }
  out.pad(ALIGNMENT);
  for (const t of tensors) {
    out.u8s(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    out.pad(ALIGNMENT);
  }
  return out.bytes();
}
