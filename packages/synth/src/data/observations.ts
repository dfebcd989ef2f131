/**
 * LOINC codes and UCUM units for the labs and vital signs the generator records.
 * Codes from the LOINC release (https://loinc.org); vital-sign codes are those required by the
 * FHIR R4 vital signs profile (https://hl7.org/fhir/R4/observation-vitalsigns.html).
 * Reference ranges are common adult ranges used by U.S. laboratories (for interpretation only).
 */
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';

export interface ObsDef {
  key: string;
  loinc: string;
  display: string;
  unit: string;
  /** UCUM code of the unit. */
  ucum: string;
  decimals: number;
  low?: number;
  high?: number;
  /** Surface forms for notes. */
  names: readonly string[];
}

const o = (
  key: string,
  loinc: string,
  display: string,
  unit: string,
  ucum: string,
  decimals: number,
  names: string[],
  low?: number,
  high?: number,
): ObsDef => ({ key, loinc, display, unit, ucum, decimals, names, low, high });

export const LABS = {
  glucose: o(
    'glucose',
    '2345-7',
    'Glucose [Mass/volume] in Serum or Plasma',
    'mg/dL',
    'mg/dL',
    0,
    ['glucose', 'BG', 'blood sugar', 'gluc'],
    70,
    99,
  ),
  creatinine: o(
    'creatinine',
    '2160-0',
    'Creatinine [Mass/volume] in Serum or Plasma',
    'mg/dL',
    'mg/dL',
    2,
    ['creatinine', 'Cr', 'creat', 'SCr', 'creatinin'],
    0.6,
    1.2,
  ),
  bun: o(
    'bun',
    '3094-0',
    'Urea nitrogen [Mass/volume] in Serum or Plasma',
    'mg/dL',
    'mg/dL',
    0,
    ['BUN', 'urea nitrogen', 'blood urea nitrogen'],
    7,
    20,
  ),
  sodium: o(
    'sodium',
    '2951-2',
    'Sodium [Moles/volume] in Serum or Plasma',
    'mmol/L',
    'mmol/L',
    0,
    ['sodium', 'Na', 'Na+'],
    135,
    145,
  ),
  potassium: o(
    'potassium',
    '2823-3',
    'Potassium [Moles/volume] in Serum or Plasma',
    'mmol/L',
    'mmol/L',
    1,
    ['potassium', 'K', 'K+', 'potasium'],
    3.5,
    5.1,
  ),
  bicarbonate: o(
    'bicarbonate',
    '2028-9',
    'Carbon dioxide, total [Moles/volume] in Serum or Plasma',
    'mmol/L',
    'mmol/L',
    0,
    ['bicarbonate', 'HCO3', 'CO2', 'bicarb'],
    22,
    29,
  ),
  wbc: o(
    'wbc',
    '6690-2',
    'Leukocytes [#/volume] in Blood by Automated count',
    '10*3/uL',
    '10*3/uL',
    1,
    ['WBC', 'white count', 'white blood cells', 'leukocytes'],
    4.5,
    11,
  ),
  hemoglobin: o(
    'hemoglobin',
    '718-7',
    'Hemoglobin [Mass/volume] in Blood',
    'g/dL',
    'g/dL',
    1,
    ['hemoglobin', 'Hgb', 'Hb', 'haemoglobin'],
    12,
    17.5,
  ),
  platelets: o(
    'platelets',
    '777-3',
    'Platelets [#/volume] in Blood by Automated count',
    '10*3/uL',
    '10*3/uL',
    0,
    ['platelets', 'plt', 'platelet count', 'PLT'],
    150,
    400,
  ),
  lactate: o(
    'lactate',
    '2524-7',
    'Lactate [Moles/volume] in Serum or Plasma',
    'mmol/L',
    'mmol/L',
    1,
    ['lactate', 'lactic acid', 'lac'],
    0.5,
    2,
  ),
  bilirubin: o(
    'bilirubin',
    '1975-2',
    'Bilirubin.total [Mass/volume] in Serum or Plasma',
    'mg/dL',
    'mg/dL',
    1,
    ['total bilirubin', 'T bili', 'bilirubin', 'tbili'],
    0.1,
    1.2,
  ),
  procalcitonin: o(
    'procalcitonin',
    '33959-8',
    'Procalcitonin [Mass/volume] in Serum or Plasma',
    'ng/mL',
    'ng/mL',
    2,
    ['procalcitonin', 'PCT', 'procal'],
    0,
    0.5,
  ),
  pao2: o(
    'pao2',
    '2703-7',
    'Oxygen [Partial pressure] in Arterial blood',
    'mmHg',
    'mm[Hg]',
    0,
    ['PaO2', 'arterial oxygen', 'pO2'],
    80,
    100,
  ),
  hba1c: o(
    'hba1c',
    '4548-4',
    'Hemoglobin A1c/Hemoglobin.total in Blood',
    '%',
    '%',
    1,
    ['hemoglobin A1c', 'A1c', 'HbA1c', 'glycated hemoglobin'],
    4,
    5.6,
  ),
  ldl: o(
    'ldl',
    '13457-7',
    'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation',
    'mg/dL',
    'mg/dL',
    0,
    ['LDL', 'LDL cholesterol', 'bad cholesterol'],
    0,
    100,
  ),
  hdl: o(
    'hdl',
    '2085-9',
    'Cholesterol in HDL [Mass/volume] in Serum or Plasma',
    'mg/dL',
    'mg/dL',
    0,
    ['HDL', 'HDL cholesterol'],
    40,
    100,
  ),
  cholesterol: o(
    'cholesterol',
    '2093-3',
    'Cholesterol [Mass/volume] in Serum or Plasma',
    'mg/dL',
    'mg/dL',
    0,
    ['total cholesterol', 'cholesterol', 'TC'],
    0,
    200,
  ),
  triglycerides: o(
    'triglycerides',
    '2571-8',
    'Triglyceride [Mass/volume] in Serum or Plasma',
    'mg/dL',
    'mg/dL',
    0,
    ['triglycerides', 'TG', 'trigs'],
    0,
    150,
  ),
  tsh: o(
    'tsh',
    '3016-3',
    'Thyrotropin [Units/volume] in Serum or Plasma',
    'mIU/L',
    'm[IU]/L',
    2,
    ['TSH', 'thyroid stimulating hormone', 'thyrotropin'],
    0.4,
    4.5,
  ),
  egfr: o(
    'egfr',
    '98979-8',
    'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)',
    'mL/min/1.73m2',
    'mL/min/{1.73_m2}',
    0,
    ['eGFR', 'GFR', 'estimated GFR'],
    60,
  ),
} as const;

export type LabKey = keyof typeof LABS;

export const VITALS = {
  heartRate: o('heartRate', '8867-4', 'Heart rate', 'beats/min', '/min', 0, ['HR', 'heart rate', 'pulse', 'P'], 60, 100),
  respRate: o(
    'respRate',
    '9279-1',
    'Respiratory rate',
    'breaths/min',
    '/min',
    0,
    ['RR', 'resp rate', 'respirations', 'respiratory rate'],
    12,
    20,
  ),
  spo2: o(
    'spo2',
    '59408-5',
    'Oxygen saturation in Arterial blood by Pulse oximetry',
    '%',
    '%',
    0,
    ['SpO2', 'O2 sat', 'sat', 'pulse ox', 'oxygen saturation'],
    94,
    100,
  ),
  temperature: o('temperature', '8310-5', 'Body temperature', 'Cel', 'Cel', 1, ['temp', 'T', 'temperature', 'Tmax'], 36.1, 37.9),
  bloodPressure: o('bloodPressure', '85354-9', 'Blood pressure panel with all children optional', 'mmHg', 'mm[Hg]', 0, [
    'BP',
    'blood pressure',
    'B/P',
  ]),
  systolic: o('systolic', '8480-6', 'Systolic blood pressure', 'mmHg', 'mm[Hg]', 0, ['SBP', 'systolic'], 90, 139),
  diastolic: o('diastolic', '8462-4', 'Diastolic blood pressure', 'mmHg', 'mm[Hg]', 0, ['DBP', 'diastolic'], 60, 89),
  map: o('map', '8478-0', 'Mean blood pressure', 'mmHg', 'mm[Hg]', 0, ['MAP', 'mean arterial pressure', 'mean BP'], 65, 105),
  gcs: o('gcs', '9269-2', 'Glasgow coma score total', '{score}', '{score}', 0, ['GCS', 'Glasgow coma scale', 'Glasgow'], 15, 15),
  fio2: o('fio2', '3150-0', 'Inhaled oxygen concentration', '%', '%', 0, ['FiO2', 'inspired O2', 'FIO2']),
  weight: o('weight', '29463-7', 'Body weight', 'kg', 'kg', 1, ['weight', 'wt', 'body weight']),
  height: o('height', '8302-2', 'Body height', 'cm', 'cm', 0, ['height', 'ht']),
  bmi: o('bmi', '39156-5', 'Body mass index (BMI) [Ratio]', 'kg/m2', 'kg/m2', 1, ['BMI', 'body mass index']),
} as const;

export type VitalKey = keyof typeof VITALS;

/** Second coding for SpO2 required by the vital signs profile (Oxygen saturation in Arterial blood). */
export const SPO2_PROFILE_CODE = { system: LOINC, code: '2708-6', display: 'Oxygen saturation in Arterial blood' };

/** Blood culture order/result code. */
export const BLOOD_CULTURE = { system: LOINC, code: '600-7', display: 'Bacteria identified in Blood by Culture' };

export const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
