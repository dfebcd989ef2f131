/** @galen/llm: the LanguageModel interface, an OpenAI-compatible HTTP provider and PHI guards. */
export * from './types';
export * from './phi-guard';
export { createOpenAiProvider, parseJsonReply, type OpenAiProviderOptions } from './openai';
export { createLanguageModel, type LlmConfig } from './config';
export { createGgufProvider, type GgufLanguageModel, type GgufProviderOptions } from './gguf';
