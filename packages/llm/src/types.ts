/** The `LanguageModel` contract every provider implements. */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface JsonSchemaFormat {
  name: string;
  /** A JSON Schema object the reply must satisfy. */
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for structured output: the reply is parsed and returned as `json`. */
  jsonSchema?: JsonSchemaFormat;
  /** Per-call timeout (ms); overrides the provider default. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatResponse {
  text: string;
  /** Parsed reply when `jsonSchema` was requested. */
  json?: unknown;
  usage: TokenUsage;
  model: string;
}

export interface LanguageModel {
  /** Model name as reported in audits and provenance. */
  readonly model: string;
  /** True when text never leaves this machine or network (no PHI guard needed). */
  readonly local: boolean;
  chat(req: ChatRequest): Promise<ChatResponse>;
  /** Tokens used by this provider instance so far. */
  usage(): TokenUsage;
}

/** One audited call: never any prompt or reply text. */
export interface LlmAuditEvent {
  model: string;
  /** Endpoint host only (no path or query). */
  host: string;
  local: boolean;
  outcome: 'ok' | 'error';
  /** Error class when outcome is `error` (`timeout`, `unavailable`, `invalid-response`, `blocked`;
   * the local provider also `invalid-request`, `aborted`). */
  error?: string;
  attempts: number;
  durationMs: number;
  usage: TokenUsage;
}

/**
 * Screens messages before they leave the machine: returns the messages to send (e.g. with PHI
 * replaced) or throws to block the call. `@galen/deid` supplies the real one.
 */
export type PhiGuard = (messages: ChatMessage[]) => ChatMessage[] | Promise<ChatMessage[]>;
