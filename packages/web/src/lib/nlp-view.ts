/**
 * What the note viewer needs from `nlp.extract`: each mention's span, concept type (colour),
 * code, context (negated, historical, ...) and the cue that fired. Tolerant of missing fields.
 */
import type { Span } from './highlight';

export interface ConceptMark {
  text: string;
  kind: string;
  code?: string;
  system?: string;
  display?: string;
  negated: boolean;
  historical: boolean;
  uncertain: boolean;
  family: boolean;
  hypothetical: boolean;
  cues: { category: string; text: string }[];
}

interface RawMention {
  start?: number;
  end?: number;
  text?: string;
  kind?: string;
  concept?: { code?: string; system?: string; display?: string; kind?: string };
  context?: {
    negated?: boolean;
    historical?: boolean;
    uncertain?: boolean;
    hypothetical?: boolean;
    experiencer?: string;
    cues?: { category?: string; text?: string }[];
  };
}

export function mentionSpans(result: unknown): Span<ConceptMark>[] {
  const r = (result ?? {}) as { mentions?: RawMention[]; result?: { mentions?: RawMention[] } };
  const mentions = r.mentions ?? r.result?.mentions ?? [];
  return mentions
    .filter((m) => typeof m.start === 'number' && typeof m.end === 'number')
    .map((m) => ({
      start: m.start as number,
      end: m.end as number,
      data: {
        text: m.text ?? '',
        kind: m.kind ?? m.concept?.kind ?? 'other',
        code: m.concept?.code,
        system: m.concept?.system,
        display: m.concept?.display,
        negated: !!m.context?.negated,
        historical: !!m.context?.historical,
        uncertain: !!m.context?.uncertain,
        hypothetical: !!m.context?.hypothetical,
        family: !!m.context?.experiencer && m.context.experiencer !== 'patient',
        cues: (m.context?.cues ?? []).map((c) => ({ category: c.category ?? '', text: c.text ?? '' })),
      },
    }));
}

/** Hover text for a mention: code, context and the cue(s) that fired. */
export function describeMark(m: ConceptMark): string {
  const ctx = [
    m.negated && 'negated',
    m.historical && 'historical',
    m.uncertain && 'uncertain',
    m.hypothetical && 'hypothetical',
    m.family && 'not the patient',
  ].filter(Boolean);
  const code = m.code ? `${shortSystem(m.system)} ${m.code}${m.display ? ` – ${m.display}` : ''}` : 'no code';
  const cues = m.cues.length ? `; cue: ${m.cues.map((c) => `"${c.text}" (${c.category})`).join(', ')}` : '';
  return `${m.kind}: ${code}; context: ${ctx.length ? ctx.join(', ') : 'affirmed, current'}${cues}`;
}

function shortSystem(system: string | undefined): string {
  if (!system) return '';
  if (system.includes('icd-10')) return 'ICD-10-CM';
  if (system.includes('rxnorm')) return 'RxNorm';
  if (system.includes('loinc')) return 'LOINC';
  if (system.includes('snomed')) return 'SNOMED CT';
  return system.replace(/^https?:\/\//, '');
}
