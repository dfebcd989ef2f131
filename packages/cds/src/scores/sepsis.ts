/** Sepsis screens: Sepsis-3 (infection + SOFA rise ≥ 2) and CMS SEP-1 severe sepsis / septic shock. */
import { stateAt, type PatientState } from '../state';
import { Reader, scoreSirs } from './early-warning';
import { scoreSofa } from './sofa';
import { SEP1, SEPSIS3 } from './tables';
import { result, type ScoreResult } from './types';

/**
 * Sepsis-3 screen. The SOFA rise is measured against the SOFA `baselineHours` earlier (default 48 h)
 * when it can be computed, else against 0 (Sepsis-3: the baseline is assumed to be zero in
 * patients not known to have pre-existing organ dysfunction). Uses the partial SOFA (components
 * with data), which can only understate the rise. Needs `suspectedInfection` to be known.
 */
export function screenSepsis3(s: PatientState, baselineHours = 48): ScoreResult {
  const now = scoreSofa(s);
  const before = scoreSofa(stateAt(s, s.nowMs - baselineHours * 3600_000));
  const baseline = before.inputs.length ? before.partialScore : 0;
  const rise = now.partialScore - baseline;
  const missing: string[] = [];
  if (s.suspectedInfection === undefined) missing.push('Suspected infection');
  if (now.inputs.length === 0) missing.push('Any SOFA component');
  const met = s.suspectedInfection === true && rise >= SEPSIS3.sofaRise ? 1 : 0;
  const r = result(
    'Sepsis-3 screen',
    { suspectedInfection: s.suspectedInfection === undefined ? null : s.suspectedInfection ? 1 : 0, sofaRise: rise },
    [],
    missing,
    () =>
      met
        ? `Sepsis-3 criteria met: suspected infection and SOFA rise ${rise} (from ${baseline} to ${now.partialScore})`
        : `Sepsis-3 criteria not met (${s.suspectedInfection ? '' : 'no suspected infection; '}SOFA rise ${rise})`,
    () => (met ? 'positive' : 'negative'),
  );
  r.inputs = now.inputs;
  r.score = r.status === 'ok' ? met : null;
  return r;
}

/** CMS SEP-1 severe sepsis and septic shock criteria at one time point. */
export function screenSep1(s: PatientState): ScoreResult {
  const sirs = scoreSirs(s);
  const r = new Reader(s);
  const dysfunction: string[] = [];
  const sbp = r.get('sbp', true);
  const map = r.get('map', true);
  if ((sbp !== undefined && sbp < SEP1.sbpBelow) || (map !== undefined && map < SEP1.mapBelow)) dysfunction.push('hypotension');
  const cr = r.get('creatinine', true);
  if (cr !== undefined && cr > SEP1.creatinineAbove) dysfunction.push('creatinine > 2.0');
  const bili = r.get('bilirubinTotal', true);
  if (bili !== undefined && bili > SEP1.bilirubinAbove) dysfunction.push('bilirubin > 2');
  const plt = r.get('platelets', true);
  if (plt !== undefined && plt < SEP1.plateletsBelow) dysfunction.push('platelets < 100,000');
  const inr = r.get('inr', true);
  const ptt = r.get('ptt', true);
  if ((inr !== undefined && inr > SEP1.inrAbove) || (ptt !== undefined && ptt > SEP1.pttAbove)) dysfunction.push('coagulopathy');
  const lactate = r.get('lactate', true);
  if (lactate !== undefined && lactate > SEP1.lactateAbove) dysfunction.push('lactate > 2');
  const infection = s.suspectedInfection;
  const sirsMet = (sirs.score ?? sirs.partialScore) >= 2;
  const severe = infection === true && sirsMet && dysfunction.length > 0;
  const shock = severe && ((lactate ?? 0) >= SEP1.shockLactateAtLeast || dysfunction.includes('hypotension'));
  const missing: string[] = [];
  if (infection === undefined) missing.push('Suspected infection');
  if (sirs.status !== 'ok') missing.push(...sirs.missing);
  if (!dysfunction.length && r.used.length === 0) missing.push('Organ dysfunction markers');
  const res = result(
    'SEP-1',
    {
      infection: infection === undefined ? null : infection ? 1 : 0,
      sirs: sirs.partialScore,
      organDysfunction: dysfunction.length,
    },
    r.used,
    severe ? [] : missing,
    () =>
      shock
        ? `SEP-1 septic shock criteria met (${dysfunction.join(', ')})`
        : severe
          ? `SEP-1 severe sepsis criteria met: infection, SIRS ${sirs.partialScore}, ${dysfunction.join(', ')}`
          : 'SEP-1 severe sepsis criteria not met',
    () => (shock ? 'septic-shock' : severe ? 'severe-sepsis' : 'not-met'),
  );
  res.inputs = [...sirs.inputs, ...res.inputs];
  res.score = res.status === 'ok' ? (shock ? 2 : severe ? 1 : 0) : null;
  return res;
}
