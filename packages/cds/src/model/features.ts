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

// Column indices, resolved once (the feature loop runs per hour of every stay).
const col = (c: string): number => COL[c]!;
const VITAL_COLS = Int32Array.from(VITALS, col);
const N_VITALS = VITALS.length;
const N_STATIC = PHYSIONET_STATIC.length;
const C_HR = col('HR');
const C_SBP = col('SBP');
const C_RR = col('Resp');
const C_TEMP = col('Temp');
const C_SPO2 = col('O2Sat');
const C_FIO2 = col('FiO2');
const C_WBC = col('WBC');
const C_PACO2 = col('PaCO2');
const C_PLT = col('Platelets');
const C_BILI = col('Bilirubin_total');
const C_MAP = col('MAP');
const C_CR = col('Creatinine');
const C_BUN = col('BUN');
const C_DBP = col('DBP');
const ok = (x: number): boolean => x === x;

/**
 * Features for every hour of a stay: `hours × N_FEATURES`, NaN where a value is unknown.
 * Row `t` uses rows `0..t` only.
 */
export function hourlyFeatures(rec: Pick<HourlyRecord, 'hours' | 'values'>): Float32Array {
  return featuresFrom(rec, 0);
}

/** The features of the last hour only (what a live prediction needs): the same values as the last row of `hourlyFeatures`. */
export function lastHourFeatures(rec: Pick<HourlyRecord, 'hours' | 'values'>): Float32Array {
  return featuresFrom(rec, Math.max(0, rec.hours - 1));
}

/** Walk every hour (the features carry state forward) and write rows `from..hours-1`. */
function featuresFrom(rec: Pick<HourlyRecord, 'hours' | 'values'>, from: number): Float32Array {
  const n = rec.hours;
  const F = N_FEATURES;
  const values = rec.values;
  const out = new Float32Array(Math.max(0, n - from) * F);
  const last = new Float64Array(N_DYNAMIC).fill(NaN);
  const prevDistinct = new Float64Array(N_DYNAMIC).fill(NaN);
  const lastT = new Float64Array(N_DYNAMIC).fill(NaN);
  const count = new Float64Array(N_DYNAMIC);
  // LOCF history of each vital for the rolling window: a ring of WINDOW values, oldest at `head`.
  const ring = new Float64Array(N_VITALS * WINDOW);
  let filled = 0;
  let head = 0;
  let labs = 0;
  for (let t = 0; t < n; t++) {
    const row = t * N_COLUMNS;
    for (let j = 0; j < N_DYNAMIC; j++) {
      const v = values[row + j]!;
      if (v === v) {
        const l = last[j]!;
        if (l === l) prevDistinct[j] = l;
        last[j] = v;
        lastT[j] = t;
        count[j]!++;
        if (j >= 7) labs++;
      }
    }
    // Push this hour's LOCF vitals into the window (dropping the oldest when full).
    let slot: number;
    if (filled < WINDOW) slot = filled++;
    else {
      slot = head;
      head = (head + 1) % WINDOW;
    }
    for (let vi = 0; vi < N_VITALS; vi++) ring[vi * WINDOW + slot] = last[VITAL_COLS[vi]!]!;
    if (t < from) continue;

    let k = (t - from) * F;
    for (let j = 0; j < N_DYNAMIC; j++) {
      const l = last[j]!;
      const lt = lastT[j]!;
      out[k++] = l;
      out[k++] = lt === lt ? t - lt : NaN;
      out[k++] = count[j]!;
      out[k++] = l - prevDistinct[j]!;
    }
    for (let vi = 0; vi < N_VITALS; vi++) {
      const base = vi * WINDOW;
      // Oldest to newest, as the sums were always accumulated (same floating-point results).
      let s = 0;
      let s2 = 0;
      let m = 0;
      let mn = Infinity;
      let mx = -Infinity;
      for (let q = 0; q < filled; q++) {
        const x = ring[base + ((head + q) % WINDOW)]!;
        if (x !== x) continue;
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
      out[k++] = last[VITAL_COLS[vi]!]! - ring[base + head]!;
    }
    for (let s = 0; s < N_STATIC; s++) out[k++] = values[row + N_DYNAMIC + s]!;
    const hr = last[C_HR]!;
    const sbp = last[C_SBP]!;
    const rr = last[C_RR]!;
    const temp = last[C_TEMP]!;
    const spo2 = last[C_SPO2]!;
    const fio2 = last[C_FIO2]!;
    const wbc = last[C_WBC]!;
    const paco2 = last[C_PACO2]!;
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
    const cr = last[C_CR]!;
    out[k++] = partialSofa(last[C_PLT]!, last[C_BILI]!, last[C_MAP]!, cr);
    out[k++] = ok(hr) && ok(sbp) && sbp > 0 ? hr / sbp : NaN;
    const bun = last[C_BUN]!;
    out[k++] = ok(bun) && ok(cr) && cr > 0 ? bun / cr : NaN;
    const dbp = last[C_DBP]!;
    out[k++] = ok(sbp) && ok(dbp) ? sbp - dbp : NaN;
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
