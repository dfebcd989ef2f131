/**
 * Decision-support alerts as FHIR: an alert is a `DetectedIssue` (status `preliminary` while open)
 * with Galen's alert-kind and alert-level extensions, its evidence the RiskAssessments it was
 * raised from. Here are the shape, the reading back of what was raised (the alert policy's memory),
 * which new alerts an assessment raises, and what a clinician's acknowledge / snooze / override does.
 * Pure: the caller reads and writes the DetectedIssues.
 * @see https://hl7.org/fhir/R4/detectedissue.html
 */
import type { DetectedIssue, Reference } from '@galen/fhir';
import { decideAlert, DEFAULT_POLICIES, type AlertDecision, type AlertMemory, type AlertPolicy } from './alert-policy';
import type { Assessment } from './assess';
import type { CdsFeedback } from './feedback';
import { GALEN_CODE_SYSTEM } from './galen-codes';

/** Which policy raised the alert (`news2`, `sepsis-risk`). */
export const ALERT_KIND_EXT = 'https://galen.dev/fhir/StructureDefinition/alert-kind';
/** Until when a clinician snoozed it. */
export const SNOOZE_EXT = 'https://galen.dev/fhir/StructureDefinition/snoozed-until';
/** The escalation level it was raised at. */
export const LEVEL_EXT = 'https://galen.dev/fhir/StructureDefinition/alert-level';

function extValue(
  r: { extension?: Array<{ url: string; valueString?: string; valueDateTime?: string; valueInteger?: number }> },
  url: string,
) {
  return r.extension?.find((e) => e.url === url);
}

/** A DetectedIssue is an alert when it carries an alert kind (medication issues do not). */
export function isAlert(d: DetectedIssue): boolean {
  return !!extValue(d, ALERT_KIND_EXT);
}

/** `news2`, `sepsis-risk`, ... */
export function alertKindOf(d: DetectedIssue): string | undefined {
  return extValue(d, ALERT_KIND_EXT)?.valueString;
}

/** Until when the alert is snoozed (ISO 8601), if it is. */
export function snoozedUntilOf(d: DetectedIssue): string | undefined {
  return extValue(d, SNOOZE_EXT)?.valueDateTime;
}

/**
 * Alerts among DetectedIssues, newest first; only open ones (`preliminary`) unless `includeClosed`.
 * @example openAlerts(await search('DetectedIssue'))
 */
export function openAlerts(issues: DetectedIssue[], includeClosed = false): DetectedIssue[] {
  return issues
    .filter((d) => isAlert(d) && (includeClosed || d.status === 'preliminary'))
    .sort((a, b) => (b.identifiedDateTime ?? '').localeCompare(a.identifiedDateTime ?? ''));
}

/** The alert policy's memory from the last alert of a kind (none: nothing raised yet). */
export function alertMemoryOf(last: DetectedIssue | undefined): AlertMemory {
  if (!last) return { active: false, level: 0 };
  const m: AlertMemory = {
    active: last.status === 'preliminary' || last.status === 'final',
    level: extValue(last, LEVEL_EXT)?.valueInteger ?? 1,
  };
  if (last.identifiedDateTime) m.lastAlertAt = Date.parse(last.identifiedDateTime);
  const sn = snoozedUntilOf(last);
  if (sn) m.snoozedUntil = Date.parse(sn);
  return m;
}

/** An alert to record: the DetectedIssue, why the policy fired, and the explanation. */
export interface NewAlert {
  kind: string;
  reason: AlertDecision['reason'];
  summary: string;
  detectedIssue: DetectedIssue;
}

/**
 * The alerts an assessment raises under the default policies (sepsis risk when the model's
 * threshold is given, NEWS2), given the patient's alerts so far (`existing`, newest first, closed
 * ones included). Each new DetectedIssue is preliminary, with the RiskAssessments as evidence.
 */
export function newAlerts(
  existing: DetectedIssue[],
  patientId: string,
  a: Assessment,
  evidence: Reference[],
  sepsisThreshold?: number,
): NewAlert[] {
  const nowMs = Date.parse(a.now);
  const out: NewAlert[] = [];
  const candidates: Array<{ policy: AlertPolicy; value: number | null; summary: string }> = [];
  if (a.sepsisRisk && sepsisThreshold !== undefined) {
    candidates.push({
      policy: { ...DEFAULT_POLICIES['sepsis-risk']!, threshold: sepsisThreshold },
      value: a.sepsisRisk.probability,
      summary: a.sepsisRisk.explanation,
    });
  }
  candidates.push({
    policy: { ...DEFAULT_POLICIES.news2!, threshold: DEFAULT_POLICIES.news2!.threshold! },
    value: a.scores.news2.score,
    summary: a.scores.news2.explanation,
  });
  for (const c of candidates) {
    const last = existing.find((d) => alertKindOf(d) === c.policy.kind);
    const d = decideAlert(c.policy, alertMemoryOf(last), c.value, nowMs);
    if (!d.fire) continue;
    const di: DetectedIssue = {
      resourceType: 'DetectedIssue',
      status: 'preliminary',
      patient: { reference: `Patient/${patientId}` },
      code: {
        coding: [{ system: GALEN_CODE_SYSTEM, code: `${c.policy.kind}-alert` }],
        text: c.policy.kind === 'news2' ? 'NEWS2 alert' : 'Sepsis risk alert',
      },
      severity: d.memory.level >= 2 || c.policy.kind === 'sepsis-risk' ? 'high' : 'moderate',
      identifiedDateTime: a.now,
      detail: c.summary.slice(0, 1000),
      extension: [
        { url: ALERT_KIND_EXT, valueString: c.policy.kind },
        { url: LEVEL_EXT, valueInteger: d.memory.level },
      ],
    };
    if (evidence.length) di.evidence = [{ detail: evidence }];
    out.push({ kind: c.policy.kind, reason: d.reason, summary: c.summary, detectedIssue: di });
  }
  return out;
}

/** An alert as the inbox lists it. */
export function alertSummaryOf(d: DetectedIssue) {
  return {
    reference: `DetectedIssue/${d.id}`,
    patientId: d.patient?.reference?.replace(/^Patient\//, ''),
    kind: alertKindOf(d),
    status: d.status,
    severity: d.severity,
    summary: d.detail ?? d.code?.text,
    identified: d.identifiedDateTime,
    snoozedUntil: snoozedUntilOf(d),
  };
}

export interface AlertAction {
  action: 'acknowledge' | 'snooze' | 'override';
  /** Snooze length; default the sepsis-risk policy's. */
  snoozeHours?: number | undefined;
  reason?: string | undefined;
  reasonCode?: string | undefined;
}

/**
 * What a clinician's action does to an alert: acknowledge → `final`; override → `mitigated` with
 * the reason as a mitigation; snooze → a snoozed-until extension. Returns the updated alert and the
 * CDS Hooks feedback that records the action.
 * @see https://cds-hooks.hl7.org/2.0/#feedback
 */
export function applyAlertAction(
  di: DetectedIssue,
  act: AlertAction,
  by: { actorId: string; now: Date },
): { updated: DetectedIssue; feedback: CdsFeedback } {
  const at = by.now.toISOString();
  const updated: DetectedIssue = { ...di };
  if (act.action === 'acknowledge') updated.status = 'final';
  if (act.action === 'override') {
    updated.status = 'mitigated';
    updated.mitigation = [
      ...(di.mitigation ?? []),
      { action: { text: `Overridden: ${act.reason ?? act.reasonCode}` }, date: at, author: { display: by.actorId } },
    ];
  }
  if (act.action === 'snooze') {
    const until = new Date(
      by.now.getTime() + (act.snoozeHours ?? DEFAULT_POLICIES['sepsis-risk']!.snoozeHours) * 3600_000,
    ).toISOString();
    updated.extension = [...(di.extension ?? []).filter((e) => e.url !== SNOOZE_EXT), { url: SNOOZE_EXT, valueDateTime: until }];
  }
  const feedback: CdsFeedback = {
    card: di.id!,
    outcome: act.action === 'override' ? 'overridden' : 'accepted',
    outcomeTimestamp: at,
  };
  if (act.action === 'override')
    feedback.overrideReason = {
      ...(act.reasonCode ? { reason: { code: act.reasonCode } } : {}),
      ...(act.reason ? { userComment: act.reason } : {}),
    };
  return { updated, feedback };
}
