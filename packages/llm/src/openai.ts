/**
 * OpenAI-compatible chat completions provider (`POST {baseUrl}/chat/completions`): works with
 * Ollama, vLLM, llama.cpp's server and Azure-style gateways. Timeouts, retries with backoff for
 * network errors, 429 and 5xx, structured output via `response_format: json_schema`, token
 * accounting, an audit callback (model, host, tokens, never text) and a PHI guard in front of
 * endpoints that are not local.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
import { OperationOutcomeError, badRequest, timeout as timeoutError, unavailable } from '@galen/fhir';
import { blockAllPhiGuard } from './phi-guard';
import type { ChatRequest, ChatResponse, LanguageModel, LlmAuditEvent, PhiGuard, TokenUsage } from './types';

export interface OpenAiProviderOptions {
  /** Base URL including the version path, e.g. `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** The endpoint runs on this machine or network: text is sent without the PHI guard. */
  local?: boolean;
  /** Required for non-local endpoints; without it every call is refused. */
  phiGuard?: PhiGuard;
  /** Default per-call timeout, ms (default 60 000). */
  timeoutMs?: number;
  /** Retries after the first attempt for transient failures (default 2). */
  retries?: number;
  /** Delay before retry n (ms): default 250 × 2^n. */
  backoffMs?: (attempt: number) => number;
  audit?: (event: LlmAuditEvent) => void;
  fetch?: typeof fetch;
  /** Clock for durations (default `performance.now`). */
  now?: () => number;
}

class Transient extends Error {}

function zeroUsage(): TokenUsage {
  return { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
}

/** Parse a JSON reply, tolerating a Markdown code fence around it. */
export function parseJsonReply(text: string): unknown {
  const t = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/.exec(t);
  return JSON.parse(fenced ? fenced[1]! : t);
}

/**
 * @example
 * const llm = createOpenAiProvider({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', local: true });
 * const r = await llm.chat({ messages: [{ role: 'user', content: 'Say hi' }] });
 */
export function createOpenAiProvider(o: OpenAiProviderOptions): LanguageModel {
  const doFetch = o.fetch ?? globalThis.fetch;
  const now = o.now ?? (() => performance.now());
  const retries = o.retries ?? 2;
  const backoff = o.backoffMs ?? ((n: number) => 250 * 2 ** n);
  const local = o.local ?? false;
  const guard = local ? undefined : (o.phiGuard ?? blockAllPhiGuard);
  const url = o.baseUrl.replace(/\/+$/, '') + '/chat/completions';
  let host = '';
  try {
    host = new URL(o.baseUrl).host;
  } catch {
    throw badRequest(`Invalid LLM URL "${o.baseUrl.slice(0, 100)}"`);
  }
  const total = zeroUsage();

  async function attempt(body: string, req: ChatRequest): Promise<ChatResponse> {
    const ms = req.timeoutMs ?? o.timeoutMs ?? 60_000;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(new Error('timeout')), ms);
    const onAbort = (): void => ctrl.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onAbort);
    let res: Response;
    let raw: string;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}`, 'api-key': o.apiKey } : {}),
        },
        body,
        signal: ctrl.signal,
      });
      raw = await res.text();
    } catch (err) {
      if (req.signal?.aborted) throw err;
      if (ctrl.signal.aborted) throw timeoutError(`The language model did not answer within ${ms} ms.`);
      throw new Transient(`The language model endpoint is unreachable (${(err as Error).message.slice(0, 80)}).`);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
    if (res.status === 429 || res.status >= 500) throw new Transient(`The language model endpoint answered ${res.status}.`);
    if (!res.ok) throw unavailable(`The language model endpoint refused the request (${res.status}).`);
    let data: {
      model?: string;
      choices?: { message?: { content?: string } }[];
      usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
    };
    try {
      data = JSON.parse(raw) as typeof data;
    } catch {
      throw unavailable('The language model endpoint returned invalid JSON.');
    }
    const text = data.choices?.[0]?.message?.content;
    if (typeof text !== 'string') throw unavailable('The language model reply has no message content.');
    const usage: TokenUsage = {
      promptTokens: data.usage?.prompt_tokens ?? 0,
      completionTokens: data.usage?.completion_tokens ?? 0,
      totalTokens: data.usage?.total_tokens ?? (data.usage?.prompt_tokens ?? 0) + (data.usage?.completion_tokens ?? 0),
    };
    const out: ChatResponse = { text, usage, model: data.model ?? o.model };
    if (req.jsonSchema) {
      try {
        out.json = parseJsonReply(text);
      } catch {
        throw unavailable('The language model did not return valid JSON for the requested schema.');
      }
    }
    return out;
  }

  return {
    model: o.model,
    local,
    usage: () => ({ ...total }),
    async chat(req: ChatRequest): Promise<ChatResponse> {
      const started = now();
      let attempts = 0;
      const audit = (outcome: 'ok' | 'error', usage: TokenUsage, error?: string): void =>
        o.audit?.({
          model: o.model,
          host,
          local,
          outcome,
          ...(error ? { error } : {}),
          attempts,
          durationMs: Math.round(now() - started),
          usage,
        });
      let messages = req.messages;
      if (guard) {
        try {
          messages = await guard(messages);
        } catch (err) {
          audit('error', zeroUsage(), 'blocked');
          throw err;
        }
      }
      const body = JSON.stringify({
        model: o.model,
        messages,
        ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
        ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
        ...(req.jsonSchema
          ? {
              response_format: { type: 'json_schema', json_schema: { name: req.jsonSchema.name, schema: req.jsonSchema.schema } },
            }
          : {}),
      });
      for (;;) {
        attempts++;
        try {
          const r = await attempt(body, req);
          total.promptTokens += r.usage.promptTokens;
          total.completionTokens += r.usage.completionTokens;
          total.totalTokens += r.usage.totalTokens;
          audit('ok', r.usage);
          return r;
        } catch (err) {
          if (err instanceof Transient && attempts <= retries) {
            await new Promise((res) => setTimeout(res, backoff(attempts - 1)));
            continue;
          }
          const e = err instanceof Transient ? unavailable(err.message) : err;
          const kind =
            e instanceof OperationOutcomeError ? (e.outcome.issue?.[0]?.code === 'timeout' ? 'timeout' : 'unavailable') : 'error';
          audit('error', zeroUsage(), kind);
          throw e;
        }
      }
    },
  };
}
