/**
 * A tiny OpenAI-protocol server on 127.0.0.1 for tests: real HTTP, scripted replies. Not for
 * production use.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: { model?: string; messages?: { role: string; content: string }[]; response_format?: unknown };
}

export type FakeReply =
  | { content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { status: number; raw?: string }
  | { raw: string }
  | { delayMs: number; then: FakeReply };

export interface FakeServer {
  baseUrl: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

async function send(res: ServerResponse, r: FakeReply, model: string): Promise<void> {
  if ('delayMs' in r) {
    await new Promise((ok) => setTimeout(ok, r.delayMs));
    if (res.destroyed) return;
    return send(res, r.then, model);
  }
  if ('status' in r) {
    res.writeHead(r.status, { 'content-type': 'application/json' });
    res.end(r.raw ?? JSON.stringify({ error: { message: 'scripted error' } }));
    return;
  }
  if (!('content' in r)) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(r.raw);
    return;
  }
  const usage = r.usage ?? { prompt_tokens: 10, completion_tokens: 5 };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: r.content }, finish_reason: 'stop' }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    }),
  );
}

/** Start a server answering `POST /v1/chat/completions` with `reply(request, n)`. */
export async function startFakeOpenAiServer(reply: (req: FakeRequest, n: number) => FakeReply): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: FakeRequest['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeRequest['body'];
      } catch {
        res.writeHead(400).end();
        return;
      }
      const r: FakeRequest = { path: req.url ?? '', headers: req.headers, body };
      requests.push(r);
      if (r.path !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      void send(res, reply(r, requests.length), body.model ?? 'fake');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
