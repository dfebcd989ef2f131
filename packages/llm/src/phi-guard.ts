/** PHI guards for endpoints that are not local. */
import { forbidden } from '@galen/fhir';
import type { ChatMessage, PhiGuard } from './types';

export interface PhiSpanLike {
  start: number;
  end: number;
  type: string;
}

/**
 * A guard that replaces every detected PHI span with `[TYPE]` before the text leaves the
 * machine. Pass `detectPhi` from `@galen/deid`.
 * @example createRedactingPhiGuard((t) => detectPhi(t))
 */
export function createRedactingPhiGuard(detect: (text: string) => readonly PhiSpanLike[]): PhiGuard {
  return (messages: ChatMessage[]) =>
    messages.map((m) => {
      const spans = [...detect(m.content)].sort((a, b) => b.start - a.start);
      let t = m.content;
      for (const s of spans) t = t.slice(0, s.start) + `[${s.type.toUpperCase()}]` + t.slice(s.end);
      return { ...m, content: t };
    });
}

/** The guard used when none is configured for a remote endpoint: refuse to send anything. */
export const blockAllPhiGuard: PhiGuard = () => {
  throw forbidden('The language model endpoint is not marked local and no PHI guard is configured (GALEN_LLM_LOCAL).');
};
