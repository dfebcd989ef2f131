/**
 * Vital signs for the starter lexicon.
 * Codes: LOINC 2.77 (Regenstrief, https://loinc.org), as required by the HL7 FHIR R4 vital-signs
 * profile (https://hl7.org/fhir/R4/observation-vitalsigns.html); units are UCUM.
 */
import type { ObservationRow } from './define';

export const VITAL_ROWS: readonly ObservationRow[] = [
  ['85353-1', 'Vital signs panel', '', 'vital signs;vitals;VS'],
  ['8867-4', 'Heart rate', '/min', 'HR;pulse;pulse rate;heart rate;P'],
  ['9279-1', 'Respiratory rate', '/min', 'RR;resp rate;respirations;breathing rate;resp'],
  ['8310-5', 'Body temperature', 'Cel', 'temperature;temp;T;Tmax;Tm;body temp'],
  ['8480-6', 'Systolic blood pressure', 'mm[Hg]', 'SBP;systolic;systolic BP'],
  ['8462-4', 'Diastolic blood pressure', 'mm[Hg]', 'DBP;diastolic;diastolic BP'],
  ['85354-9', 'Blood pressure panel', 'mm[Hg]', 'BP;blood pressure;B/P'],
  ['8478-0', 'Mean blood pressure', 'mm[Hg]', 'MAP;mean arterial pressure'],
  ['2708-6', 'Oxygen saturation in arterial blood', '%', 'SaO2;O2 sat;oxygen saturation'],
  [
    '59408-5',
    'Oxygen saturation in arterial blood by pulse oximetry',
    '%',
    'SpO2;pulse ox;pulse oximetry;sats;O2 saturation;pulse oximeter',
  ],
  ['29463-7', 'Body weight', 'kg', 'weight;wt;body weight'],
  ['8302-2', 'Body height', 'cm', 'height;ht;length;stature'],
  ['39156-5', 'Body mass index', 'kg/m2', 'BMI;body mass index'],
  ['9843-4', 'Head occipital-frontal circumference', 'cm', 'head circumference;HC;OFC'],
  ['72514-3', 'Pain severity 0-10 verbal numeric rating', '{score}', 'pain score;pain scale;NRS;pain level;pain'],
  ['3150-0', 'Inhaled oxygen concentration', '%', 'FiO2;inspired oxygen;fraction of inspired oxygen'],
  ['3151-8', 'Inhaled oxygen flow rate', 'L/min', 'O2 flow;oxygen flow;liters of oxygen;nasal cannula flow'],
  ['9269-2', 'Glasgow coma score total', '{score}', 'GCS;Glasgow coma scale;Glasgow coma score'],
  ['8287-5', 'Head circumference by tape measure', 'cm', 'head circumference measured'],
  ['8280-0', 'Waist circumference at umbilicus by tape measure', 'cm', 'waist circumference;abdominal girth'],
  ['2710-2', 'Oxygen saturation in capillary blood by oximetry', '%', 'capillary O2 saturation'],
  ['8331-1', 'Oral temperature', 'Cel', 'oral temp'],
];
