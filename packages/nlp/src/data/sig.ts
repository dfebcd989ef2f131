/**
 * Medication signature vocabulary.
 * Frequencies: the usual Latin prescription abbreviations with their meaning as FHIR `Timing`
 * (https://hl7.org/fhir/R4/datatypes.html#Timing) and the HL7 v3 GTSAbbreviation codes
 * (http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation) where one exists.
 * Routes: SNOMED CT route-of-administration concepts used by the FHIR R4 `route-codes` value set
 * (https://hl7.org/fhir/R4/valueset-route-codes.html).
 */
import type { SigTiming } from '../types';

type Repeat = NonNullable<SigTiming['repeat']>;

export interface FrequencyDef {
  /** Phrases as written (lower case); dots and spaces are optional when matched. */
  phrases: string[];
  repeat: Repeat;
  /** GTSAbbreviation code. */
  code?: string;
}

export const GTS_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';

export const FREQUENCIES: readonly FrequencyDef[] = [
  {
    phrases: [
      'qd',
      'daily',
      'once daily',
      'once a day',
      'every day',
      'each day',
      'per day',
      'a day',
      'q day',
      'od',
      'q24h',
      'q 24 h',
      'every 24 hours',
    ],
    repeat: { frequency: 1, period: 1, periodUnit: 'd' },
    code: 'QD',
  },
  {
    phrases: [
      'bid',
      'b.i.d',
      'twice daily',
      'twice a day',
      'two times a day',
      'two times daily',
      '2 times a day',
      '2 times daily',
      'q12h',
      'q 12 h',
      'every 12 hours',
    ],
    repeat: { frequency: 2, period: 1, periodUnit: 'd' },
    code: 'BID',
  },
  {
    phrases: [
      'tid',
      't.i.d',
      'three times daily',
      'three times a day',
      '3 times a day',
      '3 times daily',
      'q8h',
      'q 8 h',
      'every 8 hours',
    ],
    repeat: { frequency: 3, period: 1, periodUnit: 'd' },
    code: 'TID',
  },
  {
    phrases: ['qid', 'q.i.d', 'four times daily', 'four times a day', '4 times a day', '4 times daily'],
    repeat: { frequency: 4, period: 1, periodUnit: 'd' },
    code: 'QID',
  },
  {
    phrases: ['qhs', 'q.h.s', 'hs', 'h.s', 'at bedtime', 'nightly', 'every night', 'at night', 'each night'],
    repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] },
    code: 'BED',
  },
  {
    phrases: ['qam', 'q.a.m', 'every morning', 'in the morning', 'each morning'],
    repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] },
    code: 'AM',
  },
  {
    phrases: ['qpm', 'q.p.m', 'every evening', 'in the evening', 'each evening'],
    repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['EVE'] },
    code: 'PM',
  },
  {
    phrases: ['qod', 'q.o.d', 'every other day', 'alternate days', 'on alternate days', 'q48h'],
    repeat: { frequency: 1, period: 2, periodUnit: 'd' },
    code: 'QOD',
  },
  {
    phrases: ['weekly', 'once weekly', 'once a week', 'every week', 'q week', 'qwk', 'qw'],
    repeat: { frequency: 1, period: 1, periodUnit: 'wk' },
    code: 'WK',
  },
  { phrases: ['twice weekly', 'twice a week', 'biweekly'], repeat: { frequency: 2, period: 1, periodUnit: 'wk' } },
  {
    phrases: ['monthly', 'once a month', 'every month', 'q month', 'qmonth'],
    repeat: { frequency: 1, period: 1, periodUnit: 'mo' },
    code: 'MO',
  },
  {
    phrases: ['with meals', 'ac', 'a.c', 'before meals'],
    repeat: { frequency: 3, period: 1, periodUnit: 'd', when: ['AC'] },
    code: 'AC',
  },
  { phrases: ['after meals', 'pc', 'p.c'], repeat: { frequency: 3, period: 1, periodUnit: 'd', when: ['PC'] }, code: 'PC' },
  { phrases: ['stat', 'now', 'once', 'x1', 'x 1', 'one time'], repeat: { count: 1 } },
];

export interface RouteDef {
  phrases: string[];
  code: string;
  display: string;
}

export const SNOMED = 'http://snomed.info/sct';

export const ROUTES: readonly RouteDef[] = [
  { phrases: ['po', 'p.o', 'by mouth', 'orally', 'oral', 'per os'], code: '26643006', display: 'Oral route' },
  {
    phrases: ['iv', 'i.v', 'intravenous', 'intravenously', 'ivpb', 'iv push', 'ivp'],
    code: '47625008',
    display: 'Intravenous route',
  },
  { phrases: ['im', 'i.m', 'intramuscular', 'intramuscularly'], code: '78421000', display: 'Intramuscular route' },
  {
    phrases: ['sc', 's.c', 'subq', 'sq', 'sub q', 'subcut', 'subcutaneous', 'subcutaneously'],
    code: '34206005',
    display: 'Subcutaneous route',
  },
  { phrases: ['sl', 's.l', 'sublingual', 'sublingually', 'under the tongue'], code: '37839007', display: 'Sublingual route' },
  { phrases: ['pr', 'p.r', 'per rectum', 'rectal', 'rectally'], code: '37161004', display: 'Rectal route' },
  { phrases: ['topical', 'topically', 'to skin', 'apply to affected area'], code: '6064005', display: 'Topical route' },
  { phrases: ['transdermal', 'transdermally', 'patch'], code: '45890007', display: 'Transdermal route' },
  {
    phrases: ['inhaled', 'inh', 'inhalation', 'via nebulizer', 'nebulized', 'neb', 'nebs', 'via inhaler', 'mdi'],
    code: '447694001',
    display: 'Respiratory tract route',
  },
  { phrases: ['intranasal', 'nasal', 'nasally', 'in each nostril', 'per nostril'], code: '46713006', display: 'Nasal route' },
  {
    phrases: ['ophthalmic', 'in each eye', 'in both eyes', 'in the eye', 'ou', 'od', 'os'],
    code: '54485002',
    display: 'Ophthalmic route',
  },
  { phrases: ['otic', 'in each ear', 'in the ear'], code: '10547007', display: 'Otic route' },
  {
    phrases: [
      'per ng tube',
      'via ng tube',
      'per ngt',
      'via ngt',
      'ng',
      'per peg',
      'via peg',
      'per g tube',
      'via g tube',
      'per tube',
      'per j tube',
    ],
    code: '127492001',
    display: 'Nasogastric route',
  },
];

/** Status-change verbs → change. */
export const STATUS_WORDS: Readonly<Record<string, import('../types').MedicationStatusChange>> = {
  started: 'started',
  start: 'started',
  starting: 'started',
  initiated: 'started',
  initiate: 'started',
  began: 'started',
  begun: 'started',
  begin: 'started',
  new: 'started',
  added: 'started',
  add: 'started',
  stopped: 'stopped',
  stop: 'stopped',
  discontinued: 'stopped',
  discontinue: 'stopped',
  dc: 'stopped',
  "dc'd": 'stopped',
  'd/c': 'stopped',
  "d/c'd": 'stopped',
  'd/ced': 'stopped',
  ceased: 'stopped',
  'taken off': 'stopped',
  held: 'held',
  hold: 'held',
  holding: 'held',
  'on hold': 'held',
  increased: 'increased',
  increase: 'increased',
  uptitrated: 'increased',
  'titrated up': 'increased',
  decreased: 'decreased',
  decrease: 'decreased',
  reduced: 'decreased',
  reduce: 'decreased',
  tapered: 'decreased',
  taper: 'decreased',
  continued: 'continued',
  continue: 'continued',
  continuing: 'continued',
  resumed: 'resumed',
  resume: 'resumed',
  restarted: 'resumed',
  restart: 'resumed',
  changed: 'changed',
  switched: 'changed',
  change: 'changed',
  switch: 'changed',
};
