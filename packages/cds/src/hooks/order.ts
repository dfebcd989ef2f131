/**
 * `order-select` / `order-sign`: medication safety of the draft orders in a hook request against
 * the patient's chart. Pure: the caller gathers the chart (prefetch, Galen's store or the client's
 * FHIR server) and hands in `now`.
 * @see https://cds-hooks.hl7.org/2.0/#order-select
 * @see https://cds-hooks.hl7.org/2.0/#order-sign
 */
import type { Bundle, MedicationRequest } from '@galen/fhir';
import { medicationCards, type Card } from '../cards';
import { checkMedications, type MedicationIssue } from '../medication/check';
import { stateOf, type PatientContext } from '../patient-context';
import { resourcesOf, type HookRequest } from './request';
import type { ServiceDef } from './services';

export interface OrderHookResult {
  /** The draft MedicationRequests checked (for order-select, the selected ones). */
  drafts: MedicationRequest[];
  issues: MedicationIssue[];
  /** Cards without uuids (the caller issues them). */
  cards: Card[];
}

/**
 * Check the draft orders of `hr` (a request already through `parseHookRequest`) against the chart
 * `ctx`. Orders the draft replaces (same id) are not counted as active; for order-select only the
 * `selections` are checked when the client names any.
 */
export function checkOrderHook(def: ServiceDef, hr: HookRequest, ctx: PatientContext, now: string): OrderHookResult {
  const selections = Array.isArray(hr.context.selections) ? (hr.context.selections as string[]) : undefined;
  let drafts = resourcesOf(hr.context.draftOrders as Bundle).filter(
    (r): r is MedicationRequest => r.resourceType === 'MedicationRequest',
  );
  if (def.hook === 'order-select' && selections?.length)
    drafts = drafts.filter((d) => selections.includes(`MedicationRequest/${d.id}`));
  if (!drafts.length) return { drafts, issues: [], cards: [] };
  const draftIds = new Set(drafts.map((d) => d.id));
  const issues = checkMedications({
    draft: drafts,
    active: ctx.medications.filter((m) => m.status === 'active' && !draftIds.has(m.id)),
    allergies: ctx.allergies,
    patient: ctx.patient,
    state: stateOf(ctx, now),
    now,
  });
  const cards = medicationCards(
    issues,
    drafts.map((d) => (d.id ? `MedicationRequest/${d.id}` : undefined)),
  );
  return { drafts, issues, cards };
}
