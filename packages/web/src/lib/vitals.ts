/**
 * Vital signs shown in the chart: LOINC codes, display ranges, the "normal" band and the NEWS2
 * score thresholds drawn as guides on each plot.
 * Source: Royal College of Physicians, National Early Warning Score (NEWS) 2, 2017, chart 1
 * (the band that scores 0 is the normal range; the bands scoring 3 are the red thresholds).
 * LOINC codes: https://loinc.org (vital signs panel 85353-1).
 */
export interface VitalDef {
  key: string;
  label: string;
  unit: string;
  loinc: string[];
  /** NEWS2 0-point band. */
  normal: [number, number];
  /** Values at or beyond these score 3 in NEWS2 (low, high). */
  red: { low?: number; high?: number };
  /** Sensible axis bounds so one wild value does not flatten the plot. */
  axis: [number, number];
}

export const VITALS: VitalDef[] = [
  {
    key: 'rr',
    label: 'Respiratory rate',
    unit: '/min',
    loinc: ['9279-1'],
    normal: [12, 20],
    red: { low: 8, high: 25 },
    axis: [4, 45],
  },
  { key: 'spo2', label: 'SpO₂', unit: '%', loinc: ['59408-5', '2708-6'], normal: [96, 100], red: { low: 91 }, axis: [70, 100] },
  {
    key: 'sbp',
    label: 'Systolic BP',
    unit: 'mmHg',
    loinc: ['8480-6'],
    normal: [111, 219],
    red: { low: 90, high: 220 },
    axis: [50, 240],
  },
  { key: 'hr', label: 'Pulse', unit: '/min', loinc: ['8867-4'], normal: [51, 90], red: { low: 40, high: 131 }, axis: [25, 200] },
  {
    key: 'temp',
    label: 'Temperature',
    unit: '°C',
    loinc: ['8310-5', '8331-1'],
    normal: [36.1, 38.0],
    red: { low: 35.0 },
    axis: [33, 42],
  },
];

/** Blood-pressure panel whose components carry systolic and diastolic. */
export const BP_PANEL = '85354-9';
