/**
 * Local GGUF provider through `node-llama-cpp` (v3) for a model file the user supplies, with the
 * thread count set explicitly. STATUS: NOT DONE — `node-llama-cpp` is not a dependency (on
 * linux-x64 its optional prebuilt packages include CUDA and Vulkan builds, hundreds of MB in
 * `npm ci`), so this code has not run here and has no test against a generated tiny GGUF model.
 * Without the package it fails with a clear 503. Text never leaves the machine (`local: true`).
 */
import { unavailable } from '@galen/fhir';
import type { ChatRequest, ChatResponse, LanguageModel, LlmAuditEvent, TokenUsage } from './types';

export interface GgufProviderOptions {
  modelPath: string;
  /** CPU threads for inference (set explicitly; default 2). */
  threads?: number;
  contextSize?: number;
  audit?: (e: LlmAuditEvent) => void;
  now?: () => number;
}

/** The subset of node-llama-cpp v3 used here (typed structurally; the package is optional). */
interface LlamaModule {
  getLlama(o: { gpu: false; build: 'never' }): Promise<{
    loadModel(o: { modelPath: string }): Promise<{
      tokenize(text: string): unknown[];
      createContext(o: { threads: number; contextSize?: number }): Promise<{ getSequence(): unknown; dispose(): Promise<void> }>;
    }>;
    createGrammarForJsonSchema(schema: unknown): Promise<unknown>;
  }>;
  LlamaChatSession: new (o: { contextSequence: unknown; systemPrompt?: string }) => {
    prompt(
      text: string,
      o: { maxTokens?: number; temperature?: number; grammar?: unknown; signal?: AbortSignal },
    ): Promise<string>;
  };
}

export function createGgufProvider(o: GgufProviderOptions): LanguageModel {
  const total: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  const now = o.now ?? (() => performance.now());
  const name = o.modelPath.split('/').pop() ?? 'gguf';
  return {
    model: name,
    local: true,
    usage: () => ({ ...total }),
    async chat(req: ChatRequest): Promise<ChatResponse> {
      const started = now();
      let mod: LlamaModule;
      try {
        const pkg = 'node-llama-cpp';
        mod = (await import(pkg)) as LlamaModule;
      } catch {
        o.audit?.({
          model: name,
          host: 'local',
          local: true,
          outcome: 'error',
          error: 'unavailable',
          attempts: 1,
          durationMs: 0,
          usage: { ...total, promptTokens: 0, completionTokens: 0, totalTokens: 0 },
        });
        throw unavailable('The local GGUF provider needs the optional npm package node-llama-cpp, which is not installed.');
      }
      const llama = await mod.getLlama({ gpu: false, build: 'never' });
      const model = await llama.loadModel({ modelPath: o.modelPath });
      const context = await model.createContext({
        threads: o.threads ?? 2,
        ...(o.contextSize ? { contextSize: o.contextSize } : {}),
      });
      try {
        const system = req.messages
          .filter((m) => m.role === 'system')
          .map((m) => m.content)
          .join('\n');
        const user = req.messages
          .filter((m) => m.role !== 'system')
          .map((m) => m.content)
          .join('\n\n');
        const session = new mod.LlamaChatSession({
          contextSequence: context.getSequence(),
          ...(system ? { systemPrompt: system } : {}),
        });
        const grammar = req.jsonSchema ? await llama.createGrammarForJsonSchema(req.jsonSchema.schema) : undefined;
        const text = await session.prompt(user, {
          ...(req.maxTokens ? { maxTokens: req.maxTokens } : {}),
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
          ...(grammar ? { grammar } : {}),
          ...(req.signal ? { signal: req.signal } : {}),
        });
        const usage: TokenUsage = {
          promptTokens: model.tokenize(system + user).length,
          completionTokens: model.tokenize(text).length,
          totalTokens: 0,
        };
        usage.totalTokens = usage.promptTokens + usage.completionTokens;
        total.promptTokens += usage.promptTokens;
        total.completionTokens += usage.completionTokens;
        total.totalTokens += usage.totalTokens;
        o.audit?.({
          model: name,
          host: 'local',
          local: true,
          outcome: 'ok',
          attempts: 1,
          durationMs: Math.round(now() - started),
          usage,
        });
        const out: ChatResponse = { text, usage, model: name };
        if (req.jsonSchema) out.json = JSON.parse(text) as unknown;
        return out;
      } finally {
        await context.dispose();
      }
    },
  };
}
