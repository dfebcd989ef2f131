/**
 * The FHIR records decision support keeps of its results: RiskAssessments of an assessment,
 * DetectedIssues of medication issues, and the Provenance that covers them (the CDS engine as
 * agent; the requester as a second agent when someone else asked). Pure: the caller writes them.
 * @see https://hl7.org/fhir/R4/provenance.html
 */
import type { DetectedIssue, Provenance, Reference, RiskAssessment } from '@galen/fhir';
import { cdsProvenance, riskToRiskAssessment, scoreToRiskAssessment, type Assessment } from './assess';
import type { MedicationIssue } from './medication/check';

/** NEWS2 (when scored) and the sepsis risk (when the model ran), as RiskAssessments. */
export function assessmentRecords(patientId: string, a: Assessment): RiskAssessment[] {
  const out: RiskAssessment[] = [];
  if (a.scores.news2.score !== null) out.push(scoreToRiskAssessment(a.scores.news2, patientId, a.now));
  const basis = a.scores.news2.inputs.filter((i) => i.observationId).map((i) => ({ reference: i.observationId! }));
  if (a.sepsisRisk) out.push(riskToRiskAssessment(a.sepsisRisk, patientId, a.now, basis));
  return out;
}

/** Medication issues as DetectedIssues (preliminary, as the checks made them) about the patient when there is one. */
export function issueRecords(patientId: string | undefined, issues: MedicationIssue[]): DetectedIssue[] {
  return issues.map((i) => {
    const di: DetectedIssue = { ...i.detectedIssue };
    if (patientId) di.patient = { reference: `Patient/${patientId}` };
    return di;
  });
}

/**
 * The CDS engine's Provenance, with the requester as a second agent when there is one (Galen's
 * system actor persisting what it computed for a CDS Hooks caller).
 */
export function recordsProvenance(
  targets: Reference[],
  sources: Reference[],
  now: string,
  activity: string,
  requestedBy?: string,
): Provenance {
  const p = cdsProvenance(targets, sources, now, activity);
  // R4's participant types have no "requester"; the agent's type is said in text.
  if (requestedBy) p.agent.push({ type: { text: 'requested by (CDS Hooks caller)' }, who: { display: requestedBy } });
  return p;
}
