/** Bedside early-warning scores: NEWS2, MEWS, qSOFA, SIRS and the shock index. */
import { PARAMS, type ParamKey } from '../parameters';
import { latest, type Measurement, type PatientState } from '../state';
import { MEWS, NEWS2, QSOFA, SHOCK_INDEX, SIRS } from './tables';
import { band, result, round, type ScoreResult } from './types';

/** Collects inputs and missing names while components are scored. */
export class Reader {
  readonly used: Measurement[] = [];
  readonly missing: string[] = [];
  constructor(readonly s: PatientState) {}
  /** The current value of `p`, recording it as used, or undefined (recorded as missing unless optional). */
  get(p: ParamKey, optional = false): number | undefined {
    const m = latest(this.s, p);
    if (m) {
      this.used.push(m);
      return m.value;
    }
    if (!optional) this.missing.push(PARAMS[p].display);
    return undefined;
  }
}

/**
 * NEWS2 (RCP 2017). Uses SpO2 scale 2 when `state.hypercapnicTarget` is set. Consciousness comes
 * from ACVPU or, failing that, a GCS (15 = alert). Supplemental oxygen must be known (FiO2,
 * O2 flow or `onOxygen`); otherwise the score is "insufficient data".
 * @see https://www.rcplondon.ac.uk/projects/outputs/national-early-warning-score-news-2
 */
export function scoreNews2(s: PatientState): ScoreResult {
  const r = new Reader(s);
  const c: Record<string, number | null> = {};
  const rr = r.get('rr');
  c.respiratoryRate = rr === undefined ? null : band(NEWS2.rr, rr);
  const spo2 = r.get('spo2');
  const onO2 = s.onOxygen;
  if (onO2 === undefined) r.missing.push('Air or oxygen');
  c.airOrOxygen = onO2 === undefined ? null : onO2 ? NEWS2.onOxygen : 0;
  if (spo2 === undefined) c.spo2 = null;
  else if (!s.hypercapnicTarget) c.spo2 = band(NEWS2.spo2Scale1, spo2);
  else if (spo2 <= 92) c.spo2 = band(NEWS2.spo2Scale2Low, spo2);
  else c.spo2 = onO2 ? band(NEWS2.spo2Scale2HighOnOxygen, spo2) : 0;
  const sbp = r.get('sbp');
  c.systolicBP = sbp === undefined ? null : band(NEWS2.sbp, sbp);
  const hr = r.get('hr');
  c.pulse = hr === undefined ? null : band(NEWS2.hr, hr);
  c.consciousness = consciousnessPoints(
    r,
    (avpu) => (avpu > 0 ? NEWS2.notAlert : 0),
    (gcs) => (gcs < 15 ? NEWS2.notAlert : 0),
  );
  const temp = r.get('temp');
  c.temperature = temp === undefined ? null : band(NEWS2.temp, temp);
  const anyThree = Object.values(c).some((v) => v === 3);
  return result(
    'NEWS2',
    c,
    r.used,
    r.missing,
    (score) => {
      const b = news2Band(score, anyThree);
      const top = topComponents(c);
      return `NEWS2 ${score} (${b} clinical risk${s.hypercapnicTarget ? ', SpO2 scale 2' : ''})${top ? `: ${top}` : ''}`;
    },
    (score) => news2Band(score, anyThree),
  );
}

function news2Band(score: number, anyThree: boolean): string {
  if (score >= NEWS2.highAt) return 'high';
  if (score >= NEWS2.mediumAt) return 'medium';
  if (anyThree) return 'low-medium';
  return 'low';
}

function consciousnessPoints(r: Reader, fromAvpu: (a: number) => number, fromGcs: (g: number) => number): number | null {
  const avpu = r.get('avpu', true);
  if (avpu !== undefined) return fromAvpu(avpu);
  const gcs = r.get('gcs', true);
  if (gcs !== undefined) return fromGcs(gcs);
  r.missing.push('Level of consciousness (ACVPU or GCS)');
  return null;
}

function topComponents(c: Record<string, number | null>): string {
  return Object.entries(c)
    .filter(([, v]) => (v ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([k, v]) => `${k} +${v}`)
    .join(', ');
}

/** MEWS (Subbe 2001). */
export function scoreMews(s: PatientState): ScoreResult {
  const r = new Reader(s);
  const c: Record<string, number | null> = {};
  const sbp = r.get('sbp');
  c.systolicBP = sbp === undefined ? null : band(MEWS.sbp, sbp);
  const hr = r.get('hr');
  c.heartRate = hr === undefined ? null : band(MEWS.hr, hr);
  const rr = r.get('rr');
  c.respiratoryRate = rr === undefined ? null : band(MEWS.rr, rr);
  const t = r.get('temp');
  c.temperature = t === undefined ? null : band(MEWS.temp, t);
  c.avpu = consciousnessPoints(
    r,
    (a) => MEWS.avpu[Math.round(a)] ?? 3,
    (g) => (g >= 15 ? 0 : g >= 13 ? 1 : g >= 9 ? 2 : 3),
  );
  return result(
    'MEWS',
    c,
    r.used,
    r.missing,
    (score) =>
      `MEWS ${score}${score >= MEWS.triggerAt ? ' (at or above trigger 5)' : ''}${topComponents(c) ? `: ${topComponents(c)}` : ''}`,
    (score) => (score >= MEWS.triggerAt ? 'high' : 'low'),
  );
}

/** qSOFA (Sepsis-3): RR ≥ 22, SBP ≤ 100, altered mentation (GCS < 15 or ACVPU not alert). */
export function scoreQsofa(s: PatientState): ScoreResult {
  const r = new Reader(s);
  const c: Record<string, number | null> = {};
  const rr = r.get('rr');
  c.respiratoryRate = rr === undefined ? null : rr >= QSOFA.rrAtLeast ? 1 : 0;
  const sbp = r.get('sbp');
  c.systolicBP = sbp === undefined ? null : sbp <= QSOFA.sbpAtMost ? 1 : 0;
  c.alteredMentation = consciousnessPoints(
    r,
    (a) => (a > 0 ? 1 : 0),
    (g) => (g < QSOFA.gcsBelow ? 1 : 0),
  );
  return result(
    'qSOFA',
    c,
    r.used,
    r.missing,
    (score) =>
      `qSOFA ${score}/3${score >= QSOFA.positiveAt ? ' (positive: consider sepsis)' : ''}${topComponents(c) ? `: ${topComponents(c)}` : ''}`,
    (score) => (score >= QSOFA.positiveAt ? 'positive' : 'negative'),
  );
}

/**
 * SIRS criteria (ACCP/SCCM 1992). Criteria with no data count as missing; the score is still
 * reported when ≥ 2 criteria are met among those available (more data can only add).
 */
export function scoreSirs(s: PatientState): ScoreResult {
  const r = new Reader(s);
  const c: Record<string, number | null> = {};
  const t = r.get('temp');
  c.temperature = t === undefined ? null : t > SIRS.tempAbove || t < SIRS.tempBelow ? 1 : 0;
  const hr = r.get('hr');
  c.heartRate = hr === undefined ? null : hr > SIRS.hrAbove ? 1 : 0;
  const rr = r.get('rr', true);
  const paco2 = r.get('paco2', true);
  if (rr === undefined && paco2 === undefined) {
    r.missing.push('Respiratory rate or PaCO2');
    c.respiration = null;
  } else c.respiration = (rr ?? 0) > SIRS.rrAbove || (paco2 ?? 99) < SIRS.paco2Below ? 1 : 0;
  const wbc = r.get('wbc', true);
  const bands = r.get('bands', true);
  if (wbc === undefined && bands === undefined) {
    r.missing.push('WBC or bands');
    c.whiteCells = null;
  } else
    c.whiteCells = (wbc !== undefined && (wbc > SIRS.wbcAbove || wbc < SIRS.wbcBelow)) || (bands ?? 0) > SIRS.bandsAbove ? 1 : 0;
  const met = Object.values(c).reduce<number>((a, b) => a + (b ?? 0), 0);
  // Two met criteria settle the question whatever is missing.
  const missing = met >= SIRS.positiveAt ? [] : r.missing;
  const res = result(
    'SIRS',
    c,
    r.used,
    missing,
    (score) => `SIRS ${score}/4 criteria met${score >= SIRS.positiveAt ? ' (SIRS positive)' : ''}`,
    (score) => (score >= SIRS.positiveAt ? 'positive' : 'negative'),
  );
  if (missing.length === 0 && r.missing.length) res.missing = r.missing;
  return res;
}

/** Shock index = heart rate / systolic BP; ≥ 0.9 abnormal. */
export function scoreShockIndex(s: PatientState): ScoreResult {
  const r = new Reader(s);
  const hr = r.get('hr');
  const sbp = r.get('sbp');
  const si = hr !== undefined && sbp !== undefined ? round(hr / sbp, 2) : null;
  const res = result(
    'Shock index',
    { shockIndex: si },
    r.used,
    r.missing,
    (score) => `Shock index ${score}${score >= SHOCK_INDEX.abnormalAt ? ' (abnormal, ≥ 0.9)' : ''}`,
    (score) => (score >= SHOCK_INDEX.severeAt ? 'high' : score >= SHOCK_INDEX.abnormalAt ? 'abnormal' : 'normal'),
  );
  return res;
}
