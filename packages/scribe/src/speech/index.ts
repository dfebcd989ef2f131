/** Speech-to-text adapters (I/O: child processes and HTTP). Import from `@galen/scribe/speech/index`. */
export * from './transcriber';
export { createPocketsphinxTranscriber, parsePocketsphinxTimes, type PocketsphinxOptions } from './pocketsphinx';
export { createWhisperTranscriber, type WhisperOptions } from './whisper';

import { createPocketsphinxTranscriber } from './pocketsphinx';
import { createWhisperTranscriber } from './whisper';
import type { Transcriber } from './transcriber';

/** The configured transcriber: a whisper.cpp server when `whisperUrl` is set, else PocketSphinx. */
export function createTranscriber(config: { whisperUrl?: string }): Transcriber {
  return config.whisperUrl ? createWhisperTranscriber({ url: config.whisperUrl }) : createPocketsphinxTranscriber();
}
