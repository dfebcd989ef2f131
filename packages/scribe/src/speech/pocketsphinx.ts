/**
 * Offline speech to text with CMU PocketSphinx from Debian (`pocketsphinx`, `pocketsphinx-en-us`);
 * any input format is first converted by `ffmpeg` to 16 kHz mono 16-bit PCM WAV. This is an I/O
 * adapter (child processes, temporary files), kept out of the package's pure index.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badRequest, unavailable, unprocessable } from '@galen/fhir';
import { numberTurns, type Transcript } from '../transcript/turns';
import type { TranscribeOptions, Transcriber } from './transcriber';

export interface PocketsphinxOptions {
  /** `pocketsphinx_continuous` binary (Debian's pocketsphinx 0.8 package). */
  binary?: string;
  ffmpeg?: string;
  /** Acoustic model, dictionary and language model (Debian's pocketsphinx-en-us paths by default). */
  hmm?: string;
  dict?: string;
  lm?: string;
  /** Give up after this many ms (default 10 minutes). */
  timeoutMs?: number;
}

const DEBIAN_MODEL = '/usr/share/pocketsphinx/model/en-us';

function run(
  cmd: string,
  args: string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    p.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20000) stderr += d.toString('utf8');
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    const onAbort = (): void => {
      p.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort);
    p.on('error', (e) => {
      clearTimeout(timer);
      reject(
        unavailable(
          `${cmd} could not be started (${e.message}); install Debian packages pocketsphinx, pocketsphinx-en-us and ffmpeg.`,
        ),
      );
    });
    p.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/**
 * @example
 * const t = await createPocketsphinxTranscriber().transcribe(await readFile('visit.wav'));
 */
export function createPocketsphinxTranscriber(o: PocketsphinxOptions = {}): Transcriber {
  const binary = o.binary ?? 'pocketsphinx_continuous';
  const ffmpeg = o.ffmpeg ?? 'ffmpeg';
  const hmm = o.hmm ?? join(DEBIAN_MODEL, 'en-us');
  const dict = o.dict ?? join(DEBIAN_MODEL, 'cmudict-en-us.dict');
  const lm = o.lm ?? join(DEBIAN_MODEL, 'en-us.lm.bin');
  const timeoutMs = o.timeoutMs ?? 600_000;
  return {
    name: 'pocketsphinx',
    async transcribe(audio: Uint8Array, opts: TranscribeOptions = {}): Promise<Transcript> {
      if (!audio.length) throw badRequest('The audio is empty.');
      if (!existsSync(hmm)) throw unavailable(`PocketSphinx model not found at ${hmm}; install pocketsphinx-en-us.`);
      const dir = await mkdtemp(join(tmpdir(), 'galen-asr-'));
      try {
        const input = join(dir, 'input');
        const wav = join(dir, 'audio.wav');
        await writeFile(input, audio);
        const conv = await run(
          ffmpeg,
          ['-nostdin', '-v', 'error', '-y', '-i', input, '-ac', '1', '-ar', '16000', '-f', 'wav', '-acodec', 'pcm_s16le', wav],
          timeoutMs,
          opts.signal,
        );
        if (conv.code !== 0) throw badRequest('The audio could not be decoded (corrupt or unsupported format).');
        const size = (await readFile(wav)).length;
        if (size <= 44) throw badRequest('The audio contains no samples.');
        const r = await run(
          binary,
          ['-infile', wav, '-hmm', hmm, '-dict', dict, '-lm', lm, '-time', 'yes', '-logfn', '/dev/null'],
          timeoutMs,
          opts.signal,
        );
        if (r.code !== 0) throw unavailable(`PocketSphinx failed (exit ${r.code}).`);
        const t = parsePocketsphinxTimes(r.stdout);
        if (!t.turns.length) throw unprocessable('No speech was recognised in the audio (silent or too noisy).');
        return t;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Parse `pocketsphinx_continuous -time yes` output: per utterance, a line of text followed by
 * `word start end confidence` lines (`<s>`, `</s>`, `<sil>` and fillers are dropped). Speakers
 * are not separated, so every turn has role `unknown`.
 */
export function parsePocketsphinxTimes(out: string): Transcript {
  const turns: { role: 'unknown'; text: string; start: number; end: number }[] = [];
  let cur: { words: string[]; start: number; end: number } | undefined;
  const flush = (): void => {
    if (cur?.words.length) turns.push({ role: 'unknown', text: cur.words.join(' '), start: cur.start, end: cur.end });
    cur = undefined;
  };
  for (const line of out.split('\n')) {
    const m = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) ([\d.]+)$/.exec(line.trim());
    if (!m) continue;
    const [, word, s, e] = m;
    if (word === '<s>') {
      flush();
      cur = { words: [], start: Number(s), end: Number(e) };
      continue;
    }
    if (word === '</s>') {
      if (cur) cur.end = Number(e);
      flush();
      continue;
    }
    if (/^(<sil>|\[\w+\]|\+\+\w+\+\+)$/.test(word!)) continue;
    cur ??= { words: [], start: Number(s), end: Number(e) };
    cur.words.push(word!.replace(/\(\d+\)$/, ''));
    cur.end = Number(e);
  }
  flush();
  return { turns: numberTurns(turns) };
}
