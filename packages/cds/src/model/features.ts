/**
 * Hourly features for the sepsis risk model, computed from a stay's hourly grid in the PhysioNet
 * 2019 layout using only the past (no look-ahead): last value carried forward, hours since the
 * last measurement, measurement counts, short-term trends of vitals, changes in labs, time since
 * admission, and partial early-warning scores (qSOFA, SIRS, NEWS2, SOFA, shock index).
 */
import { NEWS2 } from '../scores/tables';
import { band } from '../scores/types';
import { COL, N_COLUMNS, N_DYNAMIC, PHYSIONET_COLUMNS, PHYSIONET_STATIC, type HourlyRecord } from './physionet';

/** Vital-sign columns that get rolling-window features. */
const VITALS = ['HR', 'O2Sat', 'Temp', 'SBP', 'MAP', 'DBP', 'Resp'] as const;
const WINDOW = 6;

function buildNames(): string[] {
  const names: string[] = [];
  for (let j = 0; j < N_DYNAMIC; j++) {
    const c = PHYSIONET_COLUMNS[j]!;
    names.push(`${c}`, `${c}_hours_since`, `${c}_count`, `${c}_delta`);
  }
  for (const v of VITALS) names.push(`${v}_mean6`, `${v}_min6`, `${v}_max6`, `${v}_std6`, `${v}_diff6`);
  names.push(...PHYSIONET_STATIC);
  names.push(
    'qsofa_partial',
    'sirs_partial',
    'news2_partial',
    'sofa_partial',
    'shock_index',
    'bun_creatinine',
    'pulse_pressure',
    'labs_count',
  );
  return names;
}

export const FEATURE_NAMES: readonly string[] = buildNames();
export const N_FEATURES = FEATURE_NAMES.length;

const I = COL as Record<string, number>;

/**
 * Features for every hour of a stay: `hours × N_FEATURES`, NaN where a value is unknown.
 * Row `t` uses rows `0..t` only.
 */
export function hourlyFeatures(rec: Pick<HourlyRecord, 'hours' | 'values'>): Float32Array {
  const n = rec.hours;
  const F = N_FEATURES;
  const out = new Float32Array(n * F);
  const last = new Float64Array(N_DYNAMIC).fill(NaN);
  const prevDistinct = new Float64Array(N_DYNAMIC).fill(NaN);
  const lastT = new Float64Array(N_DYNAMIC).fill(NaN);
  const count = new Float64Array(N_DYNAMIC);
  // LOCF history of vitals for the rolling window.
  const hist: number[][] = VITALS.map(() => []);
  let labs = 0;
  for (let t = 0; t < n; t++) {
    const row = t * N_COLUMNS;
    for (let j = 0; j < N_DYNAMIC; j++) {
      const v = rec.values[row + j]!;
      if (!Number.isNaN(v)) {
        if (!Number.isNaN(last[j]!)) prevDistinct[j] = last[j]!;
        last[j] = v;
        lastT[j] = t;
        count[j]!++;
        if (j >= 7) labs++;
      }
    }
    let k = t * F;
    for (let j = 0; j < N_DYNAMIC; j++) {
      out[k++] = last[j]!;
      out[k++] = Number.isNaN(lastT[j]!) ? NaN : t - lastT[j]!;
      out[k++] = count[j]!;
      out[k++] = last[j]! - prevDistinct[j]!;
    }
    for (let vi = 0; vi < VITALS.length; vi++) {
      const j = I[VITALS[vi]!]!;
      const h = hist[vi]!;
      h.push(last[j]!);
      if (h.length > WINDOW) h.shift();
      let s = 0;
      let s2 = 0;
      let m = 0;
      let mn = Infinity;
      let mx = -Infinity;
      for (const x of h) {
        if (Number.isNaN(x)) continue;
        s += x;
        s2 += x * x;
        m++;
        if (x < mn) mn = x;
        if (x > mx) mx = x;
      }
      const mean = m ? s / m : NaN;
      out[k++] = mean;
      out[k++] = m ? mn : NaN;
      out[k++] = m ? mx : NaN;
      out[k++] = m > 1 ? Math.sqrt(Math.max(0, s2 / m - mean * mean)) : NaN;
      out[k++] = last[j]! - h[0]!;
    }
    for (let s = 0; s < PHYSIONET_STATIC.length; s++) out[k++] = rec.values[row + N_DYNAMIC + s]!;
    const g = (c: string) => last[I[c]!]!;
    const hr = g('HR');
    const sbp = g('SBP');
    const rr = g('Resp');
    const temp = g('Temp');
    const spo2 = g('O2Sat');
    const fio2 = g('FiO2');
    const wbc = g('WBC');
    const paco2 = g('PaCO2');
    const ok = (x: number) => !Number.isNaN(x);
    out[k++] = (ok(rr) && rr >= 22 ? 1 : 0) + (ok(sbp) && sbp <= 100 ? 1 : 0);
    out[k++] =
      (ok(temp) && (temp > 38 || temp < 36) ? 1 : 0) +
      (ok(hr) && hr > 90 ? 1 : 0) +
      ((ok(rr) && rr > 20) || (ok(paco2) && paco2 < 32) ? 1 : 0) +
      (ok(wbc) && (wbc > 12 || wbc < 4) ? 1 : 0);
    out[k++] =
      (ok(rr) ? band(NEWS2.rr, rr) : 0) +
      (ok(spo2) ? band(NEWS2.spo2Scale1, spo2) : 0) +
      (ok(fio2) && fio2 > 0.21 ? NEWS2.onOxygen : 0) +
      (ok(sbp) ? band(NEWS2.sbp, sbp) : 0) +
      (ok(hr) ? band(NEWS2.hr, hr) : 0) +
      (ok(temp) ? band(NEWS2.temp, temp) : 0);
    out[k++] = partialSofa(g('Platelets'), g('Bilirubin_total'), g('MAP'), g('Creatinine'));
    out[k++] = ok(hr) && ok(sbp) && sbp > 0 ? hr / sbp : NaN;
    const bun = g('BUN');
    const cr = g('Creatinine');
    out[k++] = ok(bun) && ok(cr) && cr > 0 ? bun / cr : NaN;
    out[k++] = ok(sbp) && ok(g('DBP')) ? sbp - g('DBP') : NaN;
    out[k++] = labs;
  }
  return out;
}

/** SOFA points from the components available in PhysioNet data (coagulation, liver, MAP, renal). */
export function partialSofa(platelets: number, bilirubin: number, map: number, creatinine: number): number {
  let s = 0;
  if (!Number.isNaN(platelets)) s += platelets < 20 ? 4 : platelets < 50 ? 3 : platelets < 100 ? 2 : platelets < 150 ? 1 : 0;
  if (!Number.isNaN(bilirubin)) s += bilirubin >= 12 ? 4 : bilirubin >= 6 ? 3 : bilirubin >= 2 ? 2 : bilirubin >= 1.2 ? 1 : 0;
  if (!Number.isNaN(map)) s += map < 70 ? 1 : 0;
  if (!Number.isNaN(creatinine))
    s += creatinine >= 5 ? 4 : creatinine >= 3.5 ? 3 : creatinine >= 2 ? 2 : creatinine >= 1.2 ? 1 : 0;
  return s;
}
