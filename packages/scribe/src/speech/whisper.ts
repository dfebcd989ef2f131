/**
 * Client for a whisper.cpp server the user runs (`whisper-server`): `POST /inference` with a
 * multipart form (`file`, `response_format=verbose_json`), answering JSON with `text` and, in
 * verbose mode, `segments` with start/end seconds. Network I/O adapter.
 * @see https://github.com/ggml-org/whisper.cpp/tree/master/examples/server
 */
import { badRequest, timeout as timeoutError, unavailable, unprocessable } from '@galen/fhir';
import { numberTurns, type Transcript } from '../transcript/turns';
import type { TranscribeOptions, Transcriber } from './transcriber';

export interface WhisperOptions {
  /** Server base URL, e.g. `http://127.0.0.1:8178`. */
  url: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createWhisperTranscriber(o: WhisperOptions): Transcriber {
  const doFetch = o.fetch ?? globalThis.fetch;
  const endpoint = o.url.replace(/\/+$/, '') + '/inference';
  return {
    name: 'whisper.cpp',
    async transcribe(audio: Uint8Array, opts: TranscribeOptions = {}): Promise<Transcript> {
      if (!audio.length) throw badRequest('The audio is empty.');
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(audio)], { type: opts.mimeType ?? 'audio/wav' }), 'audio.wav');
      form.append('response_format', 'verbose_json');
      form.append('temperature', '0');
      const ctrl = new AbortController();
      const ms = o.timeoutMs ?? 600_000;
      const timer = setTimeout(() => ctrl.abort(), ms);
      let res: Response;
      let raw: string;
      try {
        res = await doFetch(endpoint, { method: 'POST', body: form, signal: opts.signal ?? ctrl.signal });
        raw = await res.text();
      } catch {
        if (ctrl.signal.aborted) throw timeoutError(`The whisper.cpp server did not answer within ${ms} ms.`);
        throw unavailable('The whisper.cpp server is unreachable.');
      } finally {
        clearTimeout(timer);
      }
      if (!res.ok) throw unavailable(`The whisper.cpp server answered ${res.status}.`);
      let data: { text?: string; segments?: { start?: number; end?: number; text?: string }[] };
      try {
        data = JSON.parse(raw) as typeof data;
      } catch {
        throw unavailable('The whisper.cpp server returned invalid JSON.');
      }
      const segs = (data.segments ?? []).filter((s) => typeof s.text === 'string' && s.text.trim());
      const turns = segs.length
        ? segs.map((s) => ({
            role: 'unknown' as const,
            text: s.text!.trim(),
            ...(typeof s.start === 'number' ? { start: s.start } : {}),
            ...(typeof s.end === 'number' ? { end: s.end } : {}),
          }))
        : (data.text ?? '').trim()
          ? [{ role: 'unknown' as const, text: data.text!.trim() }]
          : [];
      if (!turns.length) throw unprocessable('No speech was recognised in the audio (silent or too noisy).');
      return { turns: numberTurns(turns) };
    },
  };
}
