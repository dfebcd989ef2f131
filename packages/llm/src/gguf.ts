/**
 * Local GGUF provider through `node-llama-cpp` (v3, CPU prebuilt binary, never built or
 * downloaded at run time) for a model file the user supplies. The thread count is set explicitly;
 * the model is loaded once and shared, each call gets its own context (so calls may overlap).
 * Structured output uses node-llama-cpp's grammar from the JSON schema, so the reply is JSON of
 * the requested shape by construction. Token counts come from the context's token meter. Every
 * call is audited (model, tokens, duration; never text). Text never leaves the machine.
 * @see https://node-llama-cpp.withcat.ai/guide/
 */
import { OperationOutcomeError, badRequest, timeout as timeoutError, unavailable } from '@galen/fhir';
import { open } from 'node:fs/promises';
import type { ChatHistoryItem, Llama, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import type { ChatRequest, ChatResponse, LanguageModel, LlmAuditEvent, TokenUsage } from './types';

type NodeLlamaCpp = typeof import('node-llama-cpp');

export interface GgufProviderOptions {
  /** Path of the GGUF model file (e.g. from `GALEN_LLM_GGUF`). */
  modelPath: string;
  /** CPU threads for inference, set explicitly (default 2). */
  threads?: number;
  /** Context size in tokens (default: the smaller of 4096 and the model's training context). */
  contextSize?: number;
  /** Default per-call timeout, ms, including a first model load (default 120 000). */
  timeoutMs?: number;
  /** Sampling seed, for reproducible replies when temperature > 0. */
  seed?: number;
  audit?: (e: LlmAuditEvent) => void;
  /** Clock for durations (default `performance.now`). */
  now?: () => number;
  /** How to load node-llama-cpp (tests; default a dynamic import). */
  loadModule?: () => Promise<NodeLlamaCpp>;
}

/** A local model: also frees the loaded weights. */
export interface GgufLanguageModel extends LanguageModel {
  dispose(): Promise<void>;
}

function zeroUsage(): TokenUsage {
  return { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
}

/** Reject with the signal's reason as soon as it aborts. */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}

/**
 * One CPU llama.cpp binding per node-llama-cpp module, shared by every provider: `getLlama` loads
 * and tests the prebuilt binary, which takes seconds.
 */
const sharedLlamas = new WeakMap<NodeLlamaCpp, Promise<Llama>>();

function getSharedLlama(mod: NodeLlamaCpp): Promise<Llama> {
  let p = sharedLlamas.get(mod);
  if (!p) {
    p = mod
      .getLlama({ gpu: false, build: 'never', progressLogs: false, logLevel: mod.LlamaLogLevel.error })
      .catch((err: unknown) => {
        sharedLlamas.delete(mod);
        throw unavailable(`node-llama-cpp has no usable prebuilt binary here (${(err as Error).message.slice(0, 120)}).`);
      });
    sharedLlamas.set(mod, p);
  }
  return p;
}

/**
 * Check the file starts like GGUF v2/v3 (magic, version, plausible counts) before handing it to
 * node-llama-cpp, whose reader can wait forever on a file that is not GGUF.
 */
async function checkGgufHeader(path: string, name: string): Promise<void> {
  let head: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      head = Buffer.alloc(24);
      const { bytesRead } = await fh.read(head, 0, 24, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw unavailable(`Could not load the GGUF model "${name}" (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
  }
  const version = head.length >= 24 ? head.readUInt32LE(4) : 0;
  const tensors = head.length >= 24 ? head.readBigUInt64LE(8) : 0n;
  const keys = head.length >= 24 ? head.readBigUInt64LE(16) : 0n;
  if (
    head.subarray(0, 4).toString('latin1') !== 'GGUF' ||
    (version !== 2 && version !== 3) ||
    tensors > 1_000_000n ||
    keys > 1_000_000n
  )
    throw unavailable(`Could not load the GGUF model "${name}" (not a GGUF v2/v3 file).`);
}

/** Split chat messages into a system prompt, earlier turns and the final user prompt. */
function toHistory(req: ChatRequest): { history: ChatHistoryItem[]; prompt: string } {
  const last = req.messages.at(-1);
  if (!last || last.role !== 'user') throw badRequest('The last chat message must come from the user.');
  const history: ChatHistoryItem[] = [];
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
  if (system) history.push({ type: 'system', text: system });
  for (const m of req.messages.slice(0, -1)) {
    if (m.role === 'user') history.push({ type: 'user', text: m.content });
    else if (m.role === 'assistant') history.push({ type: 'model', response: [m.content] });
  }
  return { history, prompt: last.content };
}

/**
 * @example
 * const llm = createGgufProvider({ modelPath: process.env.GALEN_LLM_GGUF!, threads: 4 });
 * const r = await llm.chat({ messages: [{ role: 'user', content: 'Say hi' }], maxTokens: 32 });
 */
export function createGgufProvider(o: GgufProviderOptions): GgufLanguageModel {
  const total = zeroUsage();
  const now = o.now ?? (() => performance.now());
  const threads = o.threads ?? 2;
  const name = o.modelPath.split(/[\\/]/).pop() ?? 'gguf';
  const loadModule = o.loadModule ?? (() => import('node-llama-cpp'));
  let loaded: Promise<{ mod: NodeLlamaCpp; llama: Llama; model: LlamaModel }> | undefined;
  const grammars = new Map<string, Promise<LlamaGrammar>>();

  function load(): Promise<{ mod: NodeLlamaCpp; llama: Llama; model: LlamaModel }> {
    loaded ??= (async () => {
      let mod: NodeLlamaCpp;
      try {
        mod = await loadModule();
      } catch {
        throw unavailable('The local GGUF provider needs the npm package node-llama-cpp, which is not installed.');
      }
      await checkGgufHeader(o.modelPath, name);
      const llama = await getSharedLlama(mod);
      try {
        const model = await llama.loadModel({ modelPath: o.modelPath, gpuLayers: 0 });
        return { mod, llama, model };
      } catch (err) {
        throw unavailable(`Could not load the GGUF model "${name}" (${(err as Error).message.slice(0, 120)}).`);
      }
    })();
    // A failed load is retried on the next call (e.g. once the file is in place).
    loaded.catch(() => (loaded = undefined));
    return loaded;
  }

  function grammarFor(llama: Llama, schema: Record<string, unknown>): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let g = grammars.get(key);
    if (!g) {
      // node-llama-cpp accepts a subset of JSON Schema (GbnfJsonSchema); it validates at run time.
      g = llama.createGrammarForJsonSchema(schema as Parameters<Llama['createGrammarForJsonSchema']>[0]).catch((err: unknown) => {
        grammars.delete(key);
        throw badRequest(`The JSON schema is not supported by the local grammar (${(err as Error).message.slice(0, 120)}).`);
      });
      grammars.set(key, g);
    }
    return g;
  }

  return {
    model: name,
    local: true,
    usage: () => ({ ...total }),
    async dispose(): Promise<void> {
      const l = loaded;
      loaded = undefined;
      grammars.clear();
      if (l) await (await l.catch(() => undefined))?.model.dispose();
    },
    async chat(req: ChatRequest): Promise<ChatResponse> {
      const started = now();
      const ms = req.timeoutMs ?? o.timeoutMs ?? 120_000;
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(new Error('timeout')), ms);
      const onAbort = (): void => ctrl.abort(req.signal?.reason);
      if (req.signal?.aborted) onAbort();
      req.signal?.addEventListener('abort', onAbort);
      let usage = zeroUsage();
      let invalidReply = false;
      const audit = (outcome: 'ok' | 'error', error?: string): void =>
        o.audit?.({
          model: name,
          host: 'local',
          local: true,
          outcome,
          ...(error ? { error } : {}),
          attempts: 1,
          durationMs: Math.round(now() - started),
          usage,
        });
      try {
        const { history, prompt } = toHistory(req);
        const loading = load();
        const { mod, llama, model } = await raceAbort(loading, ctrl.signal).catch((err: unknown) => {
          // A load that timed out may never settle: start afresh on the next call.
          if (ctrl.signal.aborted && loaded === loading) loaded = undefined;
          throw err;
        });
        const grammar = req.jsonSchema ? await grammarFor(llama, req.jsonSchema.schema) : undefined;
        const context = await model.createContext({
          threads,
          contextSize: o.contextSize ?? Math.min(4096, model.trainContextSize),
        });
        try {
          const sequence = context.getSequence();
          const session = new mod.LlamaChatSession({ contextSequence: sequence });
          session.setChatHistory(history);
          const r = await session.promptWithMeta(prompt, {
            signal: ctrl.signal,
            ...(req.maxTokens !== undefined ? { maxTokens: req.maxTokens } : {}),
            ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
            ...(o.seed !== undefined ? { seed: o.seed } : {}),
            ...(grammar ? { grammar } : {}),
          });
          const meter = sequence.tokenMeter.getState();
          usage = {
            promptTokens: meter.usedInputTokens,
            completionTokens: meter.usedOutputTokens,
            totalTokens: meter.usedInputTokens + meter.usedOutputTokens,
          };
          total.promptTokens += usage.promptTokens;
          total.completionTokens += usage.completionTokens;
          total.totalTokens += usage.totalTokens;
          const out: ChatResponse = { text: r.responseText, usage, model: name };
          if (req.jsonSchema) {
            try {
              out.json = JSON.parse(r.responseText) as unknown;
            } catch {
              invalidReply = true;
              throw unavailable(`The local model's JSON reply is incomplete (stopped by ${r.stopReason}); raise maxTokens.`);
            }
          }
          audit('ok');
          return out;
        } finally {
          await context.dispose();
        }
      } catch (err) {
        if (req.signal?.aborted) {
          audit('error', 'aborted');
          throw err;
        }
        const e = ctrl.signal.aborted
          ? timeoutError(`The local model did not answer within ${ms} ms.`)
          : err instanceof OperationOutcomeError
            ? err
            : unavailable(`The local model failed (${(err as Error).message.slice(0, 120)}).`);
        const code = e.outcome.issue?.[0]?.code;
        audit(
          'error',
          invalidReply
            ? 'invalid-response'
            : code === 'timeout'
              ? 'timeout'
              : code === 'invalid'
                ? 'invalid-request'
                : 'unavailable',
        );
        throw e;
      } finally {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
