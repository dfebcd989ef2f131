import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOperationOutcome, OperationOutcomeError } from '@galen/fhir';
import { detectTranscriptFormat, parseTranscript } from './parse';
import { TRANSCRIPT_LIMITS } from './turns';

function rejects(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof OperationOutcomeError && re.test(JSON.stringify(e.outcome)));
}

test('ACI-Bench style: tags start turns, roles mapped, ids numbered', () => {
  const t = parseTranscript(
    '[doctor] hi , martha . any chest pain ?\n[patient] no .\ncontinued line\n[guest_family] she snores .',
  );
  assert.equal(t.turns.length, 3);
  assert.deepEqual(
    t.turns.map((x) => [x.id, x.role]),
    [
      ['t1', 'doctor'],
      ['t2', 'patient'],
      ['t3', 'other'],
    ],
  );
  assert.equal(t.turns[1]!.text, 'no . continued line');
});

test('unknown speakers are kept as role unknown with their label', () => {
  const t = parseTranscript('[speaker_3] hello there\n[doctor] hi');
  assert.equal(t.turns[0]!.role, 'unknown');
  assert.equal(t.turns[0]!.speaker, 'speaker_3');
});

test('WebVTT with voice spans and times; same-speaker cues merge', () => {
  const vtt = `WEBVTT

1
00:00:01.000 --> 00:00:03.500
<v Dr. Lee>Any shortness of breath?

2
00:00:04.000 --> 00:00:05.000
<v Patient>Only on stairs.

3
00:00:05.200 --> 00:00:06.000
<v Patient>Not at rest.
`;
  assert.equal(detectTranscriptFormat(vtt), 'vtt');
  const t = parseTranscript(vtt);
  assert.equal(t.turns.length, 2);
  assert.equal(t.turns[0]!.role, 'doctor');
  assert.equal(t.turns[0]!.start, 1);
  assert.equal(t.turns[1]!.end, 6);
  assert.equal(t.turns[1]!.text, 'Only on stairs. Not at rest.');
});

test('SRT with "Speaker:" prefixes', () => {
  const srt =
    '1\n00:00:01,000 --> 00:00:02,000\nDoctor: How is the cough?\n\n2\n00:00:02,500 --> 00:00:04,000\nPatient: Better.\n';
  const t = parseTranscript(srt);
  assert.deepEqual(
    t.turns.map((x) => [x.role, x.text, x.start]),
    [
      ['doctor', 'How is the cough?', 1],
      ['patient', 'Better.', 2.5],
    ],
  );
});

test('JSON transcripts and labelled lines', () => {
  const t = parseTranscript(
    JSON.stringify({
      turns: [
        { speaker: 'Doctor', text: 'hi' },
        { role: 'patient', text: 'hello', start: 2 },
      ],
    }),
  );
  assert.deepEqual(
    t.turns.map((x) => x.role),
    ['doctor', 'patient'],
  );
  assert.equal(t.turns[1]!.start, 2);
  const l = parseTranscript('Doctor: any fever?\nPatient: no fever.');
  assert.deepEqual(
    l.turns.map((x) => x.role),
    ['doctor', 'patient'],
  );
});

test('bad input: empty, invalid JSON, oversize are clear 400 errors', () => {
  rejects(() => parseTranscript(''), /empty/i);
  rejects(() => parseTranscript('   \n '), /empty/i);
  rejects(() => parseTranscript('[doctor]   \n[patient] '), /empty/i);
  rejects(() => parseTranscript('{"turns": 3}'), /array of turns/);
  rejects(() => parseTranscript('{not json'), /not valid JSON/);
  rejects(() => parseTranscript('WEBVTT\n\n1\nbad --> worse\nhi'), /timestamp/);
  const huge = '[doctor] ' + 'word '.repeat(TRANSCRIPT_LIMITS.maxChars / 5 + 10);
  rejects(() => parseTranscript(huge), /limit/);
  assert.ok(isOperationOutcome({ resourceType: 'OperationOutcome' }));
});

test('one-line transcript without speakers parses as one unknown turn', () => {
  const t = parseTranscript('patient has a cough for two days');
  assert.equal(t.turns.length, 1);
  assert.equal(t.turns[0]!.role, 'unknown');
});
