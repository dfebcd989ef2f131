/** @galen/scribe: transcripts, note engines, FHIR drafts, after-visit summaries, letters, coding suggestions. */
export * from './transcript/index';
export * from './note';
export { draftOffline, OFFLINE_ENGINE, type OfflineOptions } from './engines/offline/engine';
export * from './fhir';
export * from './readability';
export * from './summary';
export * from './letter';
export * from './codes';
export { extractFacts, contradictions, NEG_ANSWER, POS_ANSWER, type Fact, type Assertion, type FactOptions } from './facts';
export { draftNote, draftWithLlm, verifySentences, type DraftNoteOptions } from './engines/llm/engine';
export type { Transcriber, TranscribeOptions } from './speech/transcriber';
export { wordErrorRate } from './speech/transcriber';
