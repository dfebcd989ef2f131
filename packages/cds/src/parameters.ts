/**
 * The clinical parameters Galen's scores and models read, with the LOINC codes that identify them
 * in FHIR Observations, the canonical unit each is held in, the units accepted (with conversions)
 * and the range outside which a value is physiologically impossible and is rejected (not scored).
 *
 * Sources: LOINC 2.7x (https://loinc.org) for codes; FHIR R4 vital-signs profile
 * (https://hl7.org/fhir/R4/observation-vitalsigns.html) for the vital-sign codes and UCUM units;
 * conversion factors are the standard SI ↔ conventional factors (creatinine 88.4 µmol/L per mg/dL,
 * bilirubin 17.1 µmol/L per mg/dL, glucose 18.0 mg/dL per mmol/L, urea nitrogen 2.8 mg/dL per mmol/L).
 * Plausibility limits are Galen's own engineering choice: generous bounds that no living adult
 * reaches, meant to catch unit and entry errors (HR 900, negative temperature), not to judge.
 */

export type ParamKey =
  | 'hr'
  | 'spo2'
  | 'temp'
  | 'sbp'
  | 'map'
  | 'dbp'
  | 'rr'
  | 'etco2'
  | 'baseExcess'
  | 'hco3'
  | 'fio2'
  | 'ph'
  | 'paco2'
  | 'pao2'
  | 'sao2'
  | 'ast'
  | 'bun'
  | 'alkPhos'
  | 'calcium'
  | 'chloride'
  | 'creatinine'
  | 'bilirubinDirect'
  | 'glucose'
  | 'lactate'
  | 'magnesium'
  | 'phosphate'
  | 'potassium'
  | 'bilirubinTotal'
  | 'troponinI'
  | 'hct'
  | 'hgb'
  | 'ptt'
  | 'wbc'
  | 'fibrinogen'
  | 'platelets'
  | 'gcs'
  | 'avpu'
  | 'bands'
  | 'o2Flow'
  | 'inr'
  | 'weight'
  | 'height';

export interface ParamDef {
  key: ParamKey;
  display: string;
  /** LOINC codes that identify the parameter (first is preferred). */
  loinc: string[];
  /** Canonical UCUM unit values are converted to. */
  unit: string;
  /** Accepted UCUM codes (or common unit strings) → function to canonical. */
  units: Record<string, (v: number) => number>;
  /** Inclusive plausible range in the canonical unit. */
  min: number;
  max: number;
}

const id = (v: number) => v;

function def(
  key: ParamKey,
  display: string,
  loinc: string[],
  unit: string,
  min: number,
  max: number,
  extra: Record<string, (v: number) => number> = {},
): ParamDef {
  return { key, display, loinc, unit, units: { [unit]: id, ...extra }, min, max };
}

/** Units that mean "per minute" in the wild. */
const perMin = { '/min': id, 'beats/min': id, '{beats}/min': id, bpm: id, 'breaths/min': id, '{breaths}/min': id };
const mmHg = { 'mm[Hg]': id, mmHg: id };
const k10uL = { '10*3/uL': id, '10^3/uL': id, '10*9/L': id, 'K/uL': id };

export const PARAMS: Record<ParamKey, ParamDef> = {
  hr: def('hr', 'Heart rate', ['8867-4'], '/min', 1, 300, perMin),
  spo2: def('spo2', 'Oxygen saturation (SpO2)', ['59408-5', '2708-6', '20564-1'], '%', 30, 100),
  temp: def('temp', 'Body temperature', ['8310-5', '8331-1', '8332-9'], 'Cel', 25, 45, {
    '[degF]': (f) => ((f - 32) * 5) / 9,
    degF: (f) => ((f - 32) * 5) / 9,
    C: id,
    '°C': id,
  }),
  sbp: def('sbp', 'Systolic blood pressure', ['8480-6'], 'mm[Hg]', 20, 300, mmHg),
  map: def('map', 'Mean arterial pressure', ['8478-0'], 'mm[Hg]', 15, 250, mmHg),
  dbp: def('dbp', 'Diastolic blood pressure', ['8462-4'], 'mm[Hg]', 5, 250, mmHg),
  rr: def('rr', 'Respiratory rate', ['9279-1'], '/min', 0, 80, perMin),
  etco2: def('etco2', 'End-tidal CO2', ['19889-5'], 'mm[Hg]', 0, 150, mmHg),
  baseExcess: def('baseExcess', 'Base excess', ['11555-0', '1925-7'], 'mmol/L', -40, 40, { 'meq/L': id }),
  hco3: def('hco3', 'Bicarbonate', ['1963-8', '1959-6'], 'mmol/L', 1, 70, { 'meq/L': id }),
  // FiO2 is held as a fraction (0.21–1.0); LOINC 3150-0 is usually reported in %.
  fio2: def('fio2', 'Inhaled oxygen concentration (FiO2)', ['3150-0', '19996-8'], '1', 0.21, 1, { '%': (v) => v / 100 }),
  ph: def('ph', 'pH (arterial)', ['2744-1', '11558-4'], '[pH]', 6.5, 8, { pH: id, '1': id }),
  paco2: def('paco2', 'PaCO2', ['2019-8'], 'mm[Hg]', 5, 200, { ...mmHg, kPa: (v) => v * 7.50062 }),
  pao2: def('pao2', 'PaO2', ['2703-7'], 'mm[Hg]', 10, 700, { ...mmHg, kPa: (v) => v * 7.50062 }),
  sao2: def('sao2', 'Oxygen saturation, arterial (SaO2)', [], '%', 20, 100),
  ast: def('ast', 'AST', ['1920-8'], 'U/L', 0, 30000),
  bun: def('bun', 'Urea nitrogen (BUN)', ['3094-0'], 'mg/dL', 0, 300, { 'mmol/L': (v) => v * 2.8 }),
  alkPhos: def('alkPhos', 'Alkaline phosphatase', ['6768-6'], 'U/L', 0, 5000),
  calcium: def('calcium', 'Calcium', ['17861-6'], 'mg/dL', 1, 25, { 'mmol/L': (v) => v * 4.008 }),
  chloride: def('chloride', 'Chloride', ['2075-0'], 'mmol/L', 50, 160, { 'meq/L': id }),
  creatinine: def('creatinine', 'Creatinine', ['2160-0', '38483-4'], 'mg/dL', 0.05, 30, { 'umol/L': (v) => v / 88.4 }),
  bilirubinDirect: def('bilirubinDirect', 'Bilirubin, direct', ['1968-7'], 'mg/dL', 0, 50, { 'umol/L': (v) => v / 17.1 }),
  glucose: def('glucose', 'Glucose', ['2345-7', '2339-0'], 'mg/dL', 5, 2000, { 'mmol/L': (v) => v * 18.0 }),
  lactate: def('lactate', 'Lactate', ['2524-7', '32693-4'], 'mmol/L', 0, 40, { 'meq/L': id }),
  magnesium: def('magnesium', 'Magnesium', ['19123-9', '2601-3'], 'mg/dL', 0.2, 15),
  phosphate: def('phosphate', 'Phosphate', ['2777-1'], 'mg/dL', 0.1, 25),
  potassium: def('potassium', 'Potassium', ['2823-3'], 'mmol/L', 1, 12, { 'meq/L': id }),
  bilirubinTotal: def('bilirubinTotal', 'Bilirubin, total', ['1975-2'], 'mg/dL', 0, 60, { 'umol/L': (v) => v / 17.1 }),
  troponinI: def('troponinI', 'Troponin I', ['10839-9'], 'ng/mL', 0, 500),
  hct: def('hct', 'Haematocrit', ['4544-3'], '%', 5, 75),
  hgb: def('hgb', 'Haemoglobin', ['718-7'], 'g/dL', 1, 25, { 'g/L': (v) => v / 10 }),
  ptt: def('ptt', 'aPTT', ['14979-9', '3173-2'], 's', 5, 250),
  wbc: def('wbc', 'Leukocytes (WBC)', ['6690-2'], '10*3/uL', 0, 500, k10uL),
  fibrinogen: def('fibrinogen', 'Fibrinogen', ['3255-7'], 'mg/dL', 10, 2000),
  platelets: def('platelets', 'Platelets', ['777-3'], '10*3/uL', 0, 3000, k10uL),
  gcs: def('gcs', 'Glasgow coma score total', ['9269-2'], '{score}', 3, 15, { '1': id, '': id }),
  // ACVPU is coded: 0 alert, 1 new confusion, 2 voice, 3 pain, 4 unresponsive (see AVPU_CODES).
  avpu: def('avpu', 'Level of consciousness (ACVPU)', ['80288-4'], '{ACVPU}', 0, 4),
  bands: def('bands', 'Band neutrophils', ['764-1'], '%', 0, 100),
  o2Flow: def('o2Flow', 'Oxygen flow rate', ['3151-8'], 'L/min', 0, 80),
  inr: def('inr', 'INR', ['6301-6', '34714-6'], '{INR}', 0.5, 20, { '1': id, '': id }),
  weight: def('weight', 'Body weight', ['29463-7'], 'kg', 0.3, 500, { '[lb_av]': (v) => v * 0.45359237, g: (v) => v / 1000 }),
  height: def('height', 'Body height', ['8302-2'], 'cm', 30, 260, { m: (v) => v * 100, '[in_i]': (v) => v * 2.54 }),
};

/** ACVPU words → ordinal (RCP NEWS2 2017: "new confusion" counts like V/P/U). */
export const AVPU_CODES: Record<string, number> = {
  a: 0,
  alert: 0,
  c: 1,
  confused: 1,
  'new confusion': 1,
  v: 2,
  voice: 2,
  p: 3,
  pain: 3,
  u: 4,
  unresponsive: 4,
};

/** LOINC code → parameter. */
export const PARAM_BY_LOINC: ReadonlyMap<string, ParamDef> = new Map(
  Object.values(PARAMS).flatMap((p) => p.loinc.map((c) => [c, p] as const)),
);

/** Convert a value in `unit` to the parameter's canonical unit, or say why not. */
export function toCanonical(p: ParamDef, value: number, unit: string | undefined): { value: number } | { reason: string } {
  const v = canonicalValue(p, value, unit);
  return typeof v === 'number' ? { value: v } : { reason: v };
}

/** `toCanonical` without the wrapper object: the canonical value, or (a string) why not. */
export function canonicalValue(p: ParamDef, value: number, unit: string | undefined): number | string {
  if (!Number.isFinite(value)) return `${p.display}: not a finite number`;
  const u = unit ?? '';
  // Own keys only: a unit such as "constructor" or "__proto__" is not a conversion.
  const conv = (Object.hasOwn(p.units, u) ? p.units[u] : undefined) ?? (u === '' && p.unit === '1' ? id : undefined);
  if (!conv) return `${p.display}: unit "${u}" not accepted (expected ${Object.keys(p.units).join(', ')})`;
  let v = conv(value);
  // FiO2 given as a whole-number percentage with unit "1" is a common slip; the fraction is > 1 then.
  if (p.key === 'fio2' && u === '1' && v > 1 && v <= 100) v = v / 100;
  if (v < p.min || v > p.max) return `${p.display} ${value} ${u} is outside the plausible range ${p.min}–${p.max} ${p.unit}`;
  return v;
}
