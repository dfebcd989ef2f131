/**
 * Needs Debian packages pocketsphinx, pocketsphinx-en-us, flite and ffmpeg. Audio is synthesised
 * by flite (voice `slt`) from a known script, transcribed offline, and compared with the script.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperationOutcomeError } from '@galen/fhir';
import { createPocketsphinxTranscriber } from './pocketsphinx';
import { wordErrorRate } from './transcriber';

const have = (cmd: string): boolean => spawnSync('which', [cmd]).status === 0;
const ready = have('flite') && have('ffmpeg') && have('pocketsphinx_continuous');

/** Stated bound: word error rate ≤ 0.30 on clean synthetic speech. */
const WER_BOUND = 0.3;
const SCRIPT = 'The patient has chest pain and shortness of breath for two days. She takes aspirin every day. She has no fever.';

test('flite speech → pocketsphinx transcript with key clinical terms and bounded WER', { skip: !ready }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galen-stt-'));
  try {
    const wav = join(dir, 'visit.wav');
    execFileSync('flite', ['-voice', 'slt', '--setf', 'duration_stretch=1.2', '-t', SCRIPT, '-o', wav]);
    const t = await createPocketsphinxTranscriber().transcribe(readFileSync(wav), { mimeType: 'audio/wav' });
    const text = t.turns.map((x) => x.text).join(' ');
    for (const term of ['chest pain', 'shortness of breath', 'aspirin', 'fever']) assert.match(text, new RegExp(term), text);
    const wer = wordErrorRate(SCRIPT, text);
    assert.ok(wer <= WER_BOUND, `WER ${wer.toFixed(3)}: ${text}`);
    assert.ok(t.turns.every((x) => x.id && x.start !== undefined && x.end !== undefined));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('corrupt and silent audio give clear errors', { skip: !ready }, async () => {
  const s = createPocketsphinxTranscriber();
  await assert.rejects(
    s.transcribe(Buffer.from('this is not audio at all')),
    (e) => e instanceof OperationOutcomeError && /decoded/.test(e.message),
  );
  const dir = mkdtempSync(join(tmpdir(), 'galen-stt-'));
  try {
    const wav = join(dir, 'silence.wav');
    execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '2', wav]);
    await assert.rejects(s.transcribe(readFileSync(wav)), /No speech/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
