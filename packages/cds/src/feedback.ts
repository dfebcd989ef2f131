/**
 * CDS Hooks feedback (whether a card was accepted or overridden, and why), kept as a FHIR
 * `Communication` about the card's subject so that it is audited and searchable like the chart.
 * @see https://cds-hooks.hl7.org/2.0/#feedback
 */
import type { Communication, Reference } from '@galen/fhir';
import { GALEN_CODE_SYSTEM } from './galen-codes';

/** The feedback body a CDS client sends for one card. */
export interface CdsFeedback {
  card: string;
  outcome: 'accepted' | 'overridden';
  acceptedSuggestions?: Array<{ id: string }>;
  overrideReason?: { reason?: { code: string; system?: string; display?: string }; userComment?: string };
  outcomeTimestamp: string;
}

/**
 * The `Communication` that records feedback on a card of service `serviceId`.
 * @example feedbackCommunication('galen-patient-view', { card: 'c1', outcome: 'accepted', outcomeTimestamp: now }, { patientId: 'p1' })
 */
export function feedbackCommunication(
  serviceId: string,
  feedback: CdsFeedback,
  opts: { patientId?: string | undefined; about?: Reference[] | undefined; sender?: string | undefined } = {},
): Communication {
  const c: Communication = {
    resourceType: 'Communication',
    status: 'completed',
    category: [
      { coding: [{ system: GALEN_CODE_SYSTEM, code: 'cds-hooks-feedback' }], text: `CDS Hooks feedback for ${serviceId}` },
    ],
    sent: feedback.outcomeTimestamp,
    payload: [{ contentString: JSON.stringify({ service: serviceId, ...feedback }) }],
    identifier: [{ system: 'urn:galen:cds-card', value: feedback.card }],
  };
  if (opts.patientId) c.subject = { reference: `Patient/${opts.patientId}` };
  if (opts.about?.length) c.about = opts.about;
  if (opts.sender) c.sender = { display: opts.sender };
  return c;
}
