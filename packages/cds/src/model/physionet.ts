/**
 * The PhysioNet/CinC 2019 hourly layout (Reyna et al., Crit Care Med 2020;48:210-7): 34 dynamic
 * variables, 6 demographic columns and `SepsisLabel`. The risk model's features are defined over
 * this layout, and live patient states are projected onto it.
 * @see https://physionet.org/content/challenge-2019/1.0.0/
 */
import type { ParamKey } from '../parameters';

/** The 34 dynamic columns in file order with Galen's parameter for each (units match the canonical ones). */
export const PHYSIONET_DYNAMIC: ReadonlyArray<readonly [column: string, param: ParamKey]> = [
  ['HR', 'hr'],
  ['O2Sat', 'spo2'],
  ['Temp', 'temp'],
  ['SBP', 'sbp'],
  ['MAP', 'map'],
  ['DBP', 'dbp'],
  ['Resp', 'rr'],
  ['EtCO2', 'etco2'],
  ['BaseExcess', 'baseExcess'],
  ['HCO3', 'hco3'],
  ['FiO2', 'fio2'],
  ['pH', 'ph'],
  ['PaCO2', 'paco2'],
  ['SaO2', 'sao2'],
  ['AST', 'ast'],
  ['BUN', 'bun'],
  ['Alkalinephos', 'alkPhos'],
  ['Calcium', 'calcium'],
  ['Chloride', 'chloride'],
  ['Creatinine', 'creatinine'],
  ['Bilirubin_direct', 'bilirubinDirect'],
  ['Glucose', 'glucose'],
  ['Lactate', 'lactate'],
  ['Magnesium', 'magnesium'],
  ['Phosphate', 'phosphate'],
  ['Potassium', 'potassium'],
  ['Bilirubin_total', 'bilirubinTotal'],
  ['TroponinI', 'troponinI'],
  ['Hct', 'hct'],
  ['Hgb', 'hgb'],
  ['PTT', 'ptt'],
  ['WBC', 'wbc'],
  ['Fibrinogen', 'fibrinogen'],
  ['Platelets', 'platelets'],
];

export const PHYSIONET_STATIC = ['Age', 'Gender', 'Unit1', 'Unit2', 'HospAdmTime', 'ICULOS'] as const;

/** All 40 input columns in file order (the label column is separate). */
export const PHYSIONET_COLUMNS: readonly string[] = [...PHYSIONET_DYNAMIC.map(([c]) => c), ...PHYSIONET_STATIC];

export const N_DYNAMIC = PHYSIONET_DYNAMIC.length;
export const N_COLUMNS = PHYSIONET_COLUMNS.length;
export const COL = Object.fromEntries(PHYSIONET_COLUMNS.map((c, i) => [c, i])) as Record<string, number>;

/** One ICU stay: `values` is hours × 40 in `PHYSIONET_COLUMNS` order, NaN where missing. */
export interface HourlyRecord {
  id: string;
  hours: number;
  values: Float32Array;
  /** SepsisLabel per hour, when known. */
  labels?: Uint8Array;
}
