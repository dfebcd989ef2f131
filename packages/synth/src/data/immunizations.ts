/**
 * Vaccines (CDC CVX code set, https://www2a.cdc.gov/vaccines/iis/iisstandards/vaccines.asp?rpt=cvx)
 * with the ages at which the CDC adult and child schedules (2024) recommend them, coarsely.
 * Allergy substances: RxNorm ingredients for drugs, SNOMED CT substances for foods and others;
 * shares are rough U.S. figures for documented allergies (penicillin ~10% of patients, CDC).
 */
export const CVX = 'http://hl7.org/fhir/sid/cvx';

export const VACCINES: readonly {
  cvx: string;
  display: string;
  minAge: number;
  maxAge: number;
  everyYears?: number;
  p: number;
}[] = [
  { cvx: '141', display: 'Influenza, seasonal, injectable', minAge: 1, maxAge: 120, everyYears: 1, p: 0.5 },
  { cvx: '115', display: 'Tdap', minAge: 11, maxAge: 120, everyYears: 10, p: 0.6 },
  { cvx: '113', display: 'Td (adult) preservative free', minAge: 19, maxAge: 120, everyYears: 10, p: 0.3 },
  { cvx: '187', display: 'Zoster vaccine recombinant', minAge: 50, maxAge: 120, p: 0.35 },
  {
    cvx: '216',
    display: 'Pneumococcal conjugate PCV 20, polysaccharide CRM197, preservative free',
    minAge: 65,
    maxAge: 120,
    p: 0.5,
  },
  {
    cvx: '208',
    display: 'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose',
    minAge: 12,
    maxAge: 120,
    p: 0.6,
  },
  { cvx: '165', display: 'Human Papillomavirus 9-valent vaccine', minAge: 11, maxAge: 26, p: 0.55 },
  { cvx: '03', display: 'MMR', minAge: 1, maxAge: 120, p: 0.9 },
  { cvx: '43', display: 'Hepatitis B vaccine, adult dosage', minAge: 19, maxAge: 59, p: 0.3 },
];

export interface AllergyDef {
  system: string;
  code: string;
  display: string;
  category: 'medication' | 'food' | 'environment';
  p: number;
  reactions: readonly { snomed: string; display: string; names: readonly string[] }[];
  names: readonly string[];
}

const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const SCT = 'http://snomed.info/sct';
const HIVES = { snomed: '126485001', display: 'Urticaria', names: ['hives', 'urticaria'] };
const RASH = { snomed: '271807003', display: 'Eruption of skin', names: ['rash', 'skin rash'] };
const ANAPH = { snomed: '39579001', display: 'Anaphylaxis', names: ['anaphylaxis', 'throat swelling'] };
const GI = { snomed: '422587007', display: 'Nausea', names: ['nausea', 'GI upset'] };

export const ALLERGIES: readonly AllergyDef[] = [
  {
    system: RX,
    code: '7980',
    display: 'penicillin G',
    category: 'medication',
    p: 0.09,
    reactions: [HIVES, RASH, ANAPH],
    names: ['penicillin', 'PCN', 'penicillins'],
  },
  {
    system: RX,
    code: '10180',
    display: 'sulfamethoxazole',
    category: 'medication',
    p: 0.04,
    reactions: [RASH, HIVES],
    names: ['sulfa', 'sulfa drugs', 'Bactrim'],
  },
  { system: RX, code: '2670', display: 'codeine', category: 'medication', p: 0.02, reactions: [GI, RASH], names: ['codeine'] },
  {
    system: RX,
    code: '1191',
    display: 'aspirin',
    category: 'medication',
    p: 0.01,
    reactions: [HIVES],
    names: ['aspirin', 'ASA'],
  },
  {
    system: SCT,
    code: '256349002',
    display: 'Peanut - dietary (substance)',
    category: 'food',
    p: 0.02,
    reactions: [ANAPH, HIVES],
    names: ['peanuts', 'peanut'],
  },
  {
    system: SCT,
    code: '102263004',
    display: 'Eggs (edible) (substance)',
    category: 'food',
    p: 0.01,
    reactions: [HIVES],
    names: ['eggs', 'egg'],
  },
  {
    system: SCT,
    code: '111088007',
    display: 'Latex (substance)',
    category: 'environment',
    p: 0.01,
    reactions: [RASH, HIVES],
    names: ['latex'],
  },
  {
    system: SCT,
    code: '288328004',
    display: 'Bee venom (substance)',
    category: 'environment',
    p: 0.01,
    reactions: [ANAPH],
    names: ['bee stings', 'bee venom'],
  },
];
