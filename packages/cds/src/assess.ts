/**
 * Score everything for a patient state and express the results as FHIR: one `RiskAssessment` per
 * score or risk (with its inputs as `basis`) and a `Provenance` naming the engine and inputs.
 */
import type { Provenance, Reference, RiskAssessment } from '@galen/fhir';
import { predictSepsisRisk, type SepsisModel, type SepsisRisk } from './model/sepsis-model';
import { scoreMews, scoreNews2, scoreQsofa, scoreShockIndex, scoreSirs } from './scores/early-warning';
import { screenSep1, screenSepsis3 } from './scores/sepsis';
import { scoreSofa, stageAki } from './scores/sofa';
import type { ScoreResult } from './scores/types';
import type { PatientState } from './state';

export const CDS_ENGINE = 'galen-cds';
export const CDS_ENGINE_VERSION = '0.1.0';
export const SCORE_EXTENSION = 'https://galen.dev/fhir/StructureDefinition/score';
export const BAND_EXTENSION = 'https://galen.dev/fhir/StructureDefinition/risk-band';

export interface Assessment {
  now: string;
  scores: {
    news2: ScoreResult;
    mews: ScoreResult;
    qsofa: ScoreResult;
    sirs: ScoreResult;
    shockIndex: ScoreResult;
    sofa: ScoreResult;
    aki: ScoreResult;
    sepsis3: ScoreResult;
    sep1: ScoreResult;
  };
  sepsisRisk?: SepsisRisk;
  /** Inputs that were rejected as implausible, with reasons. */
  rejected: PatientState['rejected'];
}

/** Every score, and the sepsis risk when a model is given (and there is any vital sign). */
export function assessPatient(
  s: PatientState,
  model?: SepsisModel,
  opts: { explain?: 'always' | 'above-threshold' } = {},
): Assessment {
  const a: Assessment = {
    now: s.now,
    scores: {
      news2: scoreNews2(s),
      mews: scoreMews(s),
      qsofa: scoreQsofa(s),
      sirs: scoreSirs(s),
      shockIndex: scoreShockIndex(s),
      sofa: scoreSofa(s),
      aki: stageAki(s),
      sepsis3: screenSepsis3(s),
      sep1: screenSep1(s),
    },
    rejected: s.rejected,
  };
  const hasVitals = ['hr', 'sbp', 'rr', 'temp', 'spo2'].some((k) => (s.series[k as 'hr']?.length ?? 0) > 0);
  if (model && hasVitals) a.sepsisRisk = predictSepsisRisk(model, s, opts);
  return a;
}

/** A `RiskAssessment` for one score (status preliminary: machine output awaiting review). */
export function scoreToRiskAssessment(r: ScoreResult, patientId: string, now: string): RiskAssessment {
  // No `prediction` here: a score is not a probability, and the band and explanation travel in
  // an extension and `note` (Galen's validator also rejects predictions without a probability, ras-2).
  const ra: RiskAssessment = {
    resourceType: 'RiskAssessment',
    status: 'preliminary',
    subject: { reference: `Patient/${patientId}` },
    occurrenceDateTime: now,
    code: { text: r.name },
    method: { text: r.name },
    note: [{ text: r.explanation }],
  };
  ra.extension = [];
  if (r.score !== null) ra.extension.push({ url: SCORE_EXTENSION, valueDecimal: r.score });
  if (r.band) ra.extension.push({ url: BAND_EXTENSION, valueString: r.band });
  if (!ra.extension.length) delete ra.extension;
  const basis = r.inputs.filter((i) => i.observationId).map((i) => ({ reference: i.observationId! }));
  if (basis.length) ra.basis = dedupe(basis);
  return ra;
}

/** A `RiskAssessment` for the model's sepsis risk. */
export function riskToRiskAssessment(risk: SepsisRisk, patientId: string, now: string, basis: Reference[] = []): RiskAssessment {
  const ra: RiskAssessment = {
    resourceType: 'RiskAssessment',
    status: 'preliminary',
    subject: { reference: `Patient/${patientId}` },
    occurrenceDateTime: now,
    method: { text: `Sepsis risk model ${risk.modelVersion}` },
    prediction: [
      {
        outcome: { text: 'Sepsis within 6 hours (PhysioNet 2019 definition)' },
        probabilityDecimal: Number(risk.probability.toFixed(4)),
        qualitativeRisk: { text: risk.aboveThreshold ? 'high' : 'low' },
        whenRange: { high: { value: 6, unit: 'h', system: 'http://unitsofmeasure.org', code: 'h' } },
        rationale: risk.explanation,
      },
    ],
    note: [{ text: risk.explanation }],
  };
  if (basis.length) ra.basis = dedupe(basis);
  return ra;
}

/** Provenance for machine-generated resources: the engine as agent, the inputs as sources. */
export function cdsProvenance(targets: Reference[], sources: Reference[], now: string, activity = 'cds.score'): Provenance {
  const p: Provenance = {
    resourceType: 'Provenance',
    target: targets,
    recorded: now,
    activity: { text: activity },
    agent: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'assembler' }] },
        who: { display: `${CDS_ENGINE} ${CDS_ENGINE_VERSION}` },
      },
    ],
  };
  const ents = dedupe(sources);
  if (ents.length) p.entity = ents.map((what) => ({ role: 'source', what }));
  return p;
}

function dedupe(refs: Reference[]): Reference[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = r.reference ?? '';
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
