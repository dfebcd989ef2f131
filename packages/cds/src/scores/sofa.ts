/** SOFA (Vincent 1996) from observations, with KDIGO AKI staging from creatinine history. */
import { latest, type Measurement, type PatientState } from '../state';
import { Reader } from './early-warning';
import { KDIGO, SOFA } from './tables';
import { band, inputOf, result, round, type ScoreResult } from './types';

/**
 * SOFA with the six components. Respiration needs PaO2 and FiO2 (ratio); cardiovascular scores
 * only MAP < 70 (1 point) unless `state.vasopressors` is true (then ≥ 2 is possible but the dose
 * is unknown, so 2 is used and said). A missing component is null and makes the total
 * "insufficient data"; `partialScore` sums what is known.
 */
export function scoreSofa(s: PatientState): ScoreResult {
  const r = new Reader(s);
  const c: Record<string, number | null> = {};
  const pao2 = r.get('pao2');
  const fio2 = r.get('fio2');
  if (pao2 !== undefined && fio2 !== undefined) {
    const pf = pao2 / fio2;
    if (pf < 100 && s.ventilated) c.respiration = SOFA.pf.below100Supported;
    else if (pf < 200 && s.ventilated) c.respiration = SOFA.pf.below200Supported;
    else if (pf < 300) c.respiration = SOFA.pf.below300;
    else if (pf < 400) c.respiration = SOFA.pf.below400;
    else c.respiration = 0;
  } else c.respiration = null;
  const plt = r.get('platelets');
  c.coagulation = plt === undefined ? null : band(SOFA.platelets, plt);
  const bili = r.get('bilirubinTotal');
  c.liver = bili === undefined ? null : band(SOFA.bilirubin, bili);
  const map = r.get('map', s.vasopressors === true);
  c.cardiovascular = s.vasopressors ? 2 : map === undefined ? null : map < SOFA.mapBelow ? 1 : 0;
  const gcs = r.get('gcs');
  c.cns = gcs === undefined ? null : band(SOFA.gcs, gcs);
  const cr = r.get('creatinine');
  c.renal = cr === undefined ? null : band(SOFA.creatinine, cr);
  return result('SOFA', c, r.used, r.missing, (score) => {
    const organs = Object.entries(c)
      .filter(([, v]) => (v ?? 0) > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    return `SOFA ${score}/24${organs ? ` (${organs})` : ''}`;
  });
}

export interface AkiResult extends ScoreResult {
  stage: 0 | 1 | 2 | 3 | null;
  baseline?: number;
}

/**
 * KDIGO AKI stage from the creatinine history up to `state.now`: baseline is the lowest value in
 * the prior 7 days; stage 1 for a rise ≥ 0.3 mg/dL within 48 h or ≥ 1.5× baseline, stage 2 for
 * ≥ 2×, stage 3 for ≥ 3× or ≥ 4.0 mg/dL with an acute rise. Needs two values.
 * (Urine-output criteria and renal replacement therapy are not read from observations.)
 */
export function stageAki(s: PatientState): AkiResult {
  const list = (s.series.creatinine ?? []).filter((m) => m.t <= s.nowMs && s.nowMs - m.t <= KDIGO.baselineWindowHours * 3600_000);
  const current = latest(s, 'creatinine');
  if (!current || list.length < 2) {
    const r = result('KDIGO AKI', { stage: null }, list, ['Creatinine history (two values within 7 days)'], () => '');
    return { ...r, stage: null };
  }
  const prior = list.filter((m) => m.t < current.t);
  const baselineM = prior.reduce<Measurement | undefined>((a, m) => (!a || m.value < a.value ? m : a), undefined);
  if (!baselineM) {
    const r = result('KDIGO AKI', { stage: null }, list, ['Earlier creatinine'], () => '');
    return { ...r, stage: null };
  }
  const baseline = baselineM.value;
  // A small tolerance so that unit conversions (265.2 µmol/L = 3.0 × 88.4) land on the boundary.
  const ratio = current.value / baseline + 1e-9;
  const within48 = prior.filter((m) => current.t - m.t <= KDIGO.absoluteWindowHours * 3600_000);
  const min48 = Math.min(...within48.map((m) => m.value));
  const absRise = within48.length ? current.value - min48 : 0;
  let stage: 0 | 1 | 2 | 3 = 0;
  if (
    ratio >= KDIGO.stage3Ratio ||
    (current.value >= KDIGO.stage3Absolute && (absRise >= KDIGO.absoluteRise || ratio >= KDIGO.stage1Ratio))
  )
    stage = 3;
  else if (ratio >= KDIGO.stage2Ratio) stage = 2;
  else if (ratio >= KDIGO.stage1Ratio || absRise >= KDIGO.absoluteRise - 1e-9) stage = 1;
  const used = [baselineM, current];
  const r = result('KDIGO AKI', { stage }, used, [], () =>
    stage === 0
      ? `No AKI by creatinine (current ${round(current.value)} mg/dL, baseline ${round(baseline)})`
      : `AKI stage ${stage}: creatinine ${round(current.value)} mg/dL vs baseline ${round(baseline)} (×${round(ratio, 1)}${absRise >= KDIGO.absoluteRise ? `, +${round(absRise)} in 48 h` : ''})`,
  );
  return { ...r, stage, baseline: round(baseline), band: stage ? `stage ${stage}` : 'none', inputs: used.map(inputOf) };
}
