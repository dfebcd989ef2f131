/** Build the configured LanguageModel (or none) from Galen's LLM settings. */
import { createGgufProvider } from './gguf';
import { createOpenAiProvider } from './openai';
import type { LanguageModel, LlmAuditEvent, PhiGuard } from './types';

export interface LlmConfig {
  llmUrl?: string;
  llmModel?: string;
  llmApiKey?: string;
  llmLocal: boolean;
  /** A GGUF model file for the local node-llama-cpp provider (used when no URL is set). */
  llmGguf?: string;
  /** CPU threads for the GGUF provider (default 2). */
  llmThreads?: number;
}

/**
 * The OpenAI-compatible provider when `llmUrl` is set, else the local GGUF provider when
 * `llmGguf` is set, otherwise undefined (the offline engine is used). Remote endpoints get the PHI guard; without one every call is refused.
 */
export function createLanguageModel(
  cfg: LlmConfig,
  deps: { phiGuard?: PhiGuard; audit?: (e: LlmAuditEvent) => void; timeoutMs?: number } = {},
): LanguageModel | undefined {
  if (!cfg.llmUrl)
    return cfg.llmGguf
      ? createGgufProvider({
          modelPath: cfg.llmGguf,
          threads: cfg.llmThreads ?? 2,
          ...(deps.audit ? { audit: deps.audit } : {}),
          ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
        })
      : undefined;
  return createOpenAiProvider({
    baseUrl: cfg.llmUrl,
    model: cfg.llmModel ?? 'default',
    ...(cfg.llmApiKey ? { apiKey: cfg.llmApiKey } : {}),
    local: cfg.llmLocal,
    ...(deps.phiGuard ? { phiGuard: deps.phiGuard } : {}),
    ...(deps.audit ? { audit: deps.audit } : {}),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
  });
}
