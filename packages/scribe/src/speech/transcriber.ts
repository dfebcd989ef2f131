/** The speech-to-text interface: audio bytes in, transcript turns out. */
import type { Transcript } from '../transcript/turns';

export interface TranscribeOptions {
  /** MIME type of the audio (`audio/wav`, `audio/mpeg`, ...), when known. */
  mimeType?: string;
  signal?: AbortSignal;
}

export interface Transcriber {
  /** Engine name for provenance, e.g. `pocketsphinx` or `whisper.cpp`. */
  readonly name: string;
  transcribe(audio: Uint8Array, opts?: TranscribeOptions): Promise<Transcript>;
}

/** Word error rate: word-level edit distance / reference words (lower-cased, punctuation dropped). */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const norm = (s: string): string[] =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9' ]+/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
  const r = norm(reference);
  const h = norm(hypothesis);
  if (!r.length) return h.length ? 1 : 0;
  let prev = Array.from({ length: h.length + 1 }, (_, j) => j);
  for (let i = 1; i <= r.length; i++) {
    const cur = [i];
    for (let j = 1; j <= h.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (r[i - 1] === h[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[h.length]! / r.length;
}
