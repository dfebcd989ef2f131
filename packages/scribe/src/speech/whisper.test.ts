import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWhisperTranscriber } from './whisper';
import { parsePocketsphinxTimes } from './pocketsphinx';
import { wordErrorRate } from './transcriber';

test('whisper.cpp client: multipart POST /inference, verbose_json segments → turns', async () => {
  const seen: { path?: string; type?: string; body: string }[] = [];
  let mode = 'ok';
  const srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ path: req.url, type: req.headers['content-type'], body: Buffer.concat(chunks).toString('latin1') });
      if (mode === 'bad') return void res.writeHead(200).end('{nope');
      if (mode === 'silent') return void res.writeHead(200).end(JSON.stringify({ text: '', segments: [] }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          text: ' Any chest pain? No.',
          segments: [
            { start: 0, end: 1.2, text: ' Any chest pain?' },
            { start: 1.4, end: 2, text: ' No.' },
          ],
        }),
      );
    });
  });
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  try {
    const w = createWhisperTranscriber({ url });
    const t = await w.transcribe(new Uint8Array([82, 73, 70, 70, 1, 2, 3]));
    assert.equal(seen[0]!.path, '/inference');
    assert.match(seen[0]!.type!, /^multipart\/form-data/);
    assert.match(seen[0]!.body, /name="response_format"\r\n\r\nverbose_json/);
    assert.match(seen[0]!.body, /name="file"; filename="audio.wav"/);
    assert.deepEqual(
      t.turns.map((x) => [x.id, x.text, x.start]),
      [
        ['t1', 'Any chest pain?', 0],
        ['t2', 'No.', 1.4],
      ],
    );
    mode = 'bad';
    await assert.rejects(w.transcribe(new Uint8Array([1])), /invalid JSON/);
    mode = 'silent';
    await assert.rejects(w.transcribe(new Uint8Array([1])), /No speech/);
    await assert.rejects(w.transcribe(new Uint8Array()), /empty/);
  } finally {
    srv.closeAllConnections();
    await new Promise<void>((ok) => srv.close(() => ok()));
  }
  await assert.rejects(createWhisperTranscriber({ url }).transcribe(new Uint8Array([1])), /unreachable/);
});

test('pocketsphinx -time output parsing and word error rate', () => {
  const out = 'the cough\n<s> 0.1 0.2 0.99\nthe 0.2 0.3 0.9\n<sil> 0.3 0.4 1\ncough(2) 0.4 0.9 0.8\n</s> 0.9 1.0 1\n';
  const t = parsePocketsphinxTimes(out);
  assert.deepEqual(t.turns, [{ id: 't1', role: 'unknown', text: 'the cough', start: 0.1, end: 1 }]);
  assert.equal(wordErrorRate('a b c d', 'a x c'), 0.5);
  assert.equal(wordErrorRate('Chest pain.', 'chest pain'), 0);
});
