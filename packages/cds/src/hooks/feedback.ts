/**
 * The body of a CDS Hooks feedback call, checked entry by entry (every entry before any is kept).
 * @see https://cds-hooks.hl7.org/2.0/#feedback
 */
import { badRequest } from '@galen/fhir';
import type { CdsFeedback } from '../feedback';

/**
 * The feedback entries of a parsed feedback body, or a 400 naming the first bad field.
 * @example parseFeedbackBody({ feedback: [{ card: 'c1', outcome: 'accepted', outcomeTimestamp: '2026-01-01T00:00:00Z' }] })
 */
export function parseFeedbackBody(body: unknown): CdsFeedback[] {
  const b = body as { feedback?: unknown } | undefined;
  if (!b || typeof b !== 'object' || !Array.isArray(b.feedback) || !b.feedback.length)
    throw badRequest('feedback must be a non-empty array', 'feedback');
  return (b.feedback as Array<Record<string, unknown>>).map((f, i) => {
    if (typeof f?.card !== 'string') throw badRequest(`feedback[${i}].card is required`, `feedback[${i}].card`);
    if (f.outcome !== 'accepted' && f.outcome !== 'overridden')
      throw badRequest(`feedback[${i}].outcome must be accepted or overridden`, `feedback[${i}].outcome`);
    if (typeof f.outcomeTimestamp !== 'string' || Number.isNaN(Date.parse(f.outcomeTimestamp)))
      throw badRequest(`feedback[${i}].outcomeTimestamp must be a date-time`, `feedback[${i}].outcomeTimestamp`);
    return {
      card: f.card,
      outcome: f.outcome,
      outcomeTimestamp: f.outcomeTimestamp,
      ...(Array.isArray(f.acceptedSuggestions) ? { acceptedSuggestions: f.acceptedSuggestions as Array<{ id: string }> } : {}),
      ...(f.overrideReason && typeof f.overrideReason === 'object'
        ? { overrideReason: f.overrideReason as { userComment?: string } }
        : {}),
    };
  });
}
