/**
 * Acute problems (office, ED and hospital reasons), the symptoms notes mention and the conditions
 * of family histories, with the same code systems as the chronic table (conditions.ts); and
 * `condition(key)`, the lookup over both.
 */
import { CONDITIONS, type ConditionDef } from './conditions';

const c = (d: ConditionDef): ConditionDef => d;

/** Acute problems that bring patients to the office, the ED or the hospital. */
export const ACUTE_CONDITIONS: readonly ConditionDef[] = [
  c({
    key: 'uri',
    snomed: '82272006',
    snomedDisplay: 'Common cold (disorder)',
    icd10: 'J00',
    icd10Display: 'Acute nasopharyngitis [common cold]',
    kind: 'acute',
    byAge: [[0, 1]],
    onset: [0, 99],
    meds: ['acetaminophen'],
    names: ['upper respiratory infection', 'URI', 'common cold', 'viral URI', 'head cold'],
  }),
  c({
    key: 'strep_pharyngitis',
    snomed: '43878008',
    snomedDisplay: 'Streptococcal sore throat (disorder)',
    icd10: 'J02.0',
    icd10Display: 'Streptococcal pharyngitis',
    kind: 'acute',
    byAge: [[0, 1]],
    onset: [3, 40],
    meds: ['amoxicillin'],
    names: ['strep throat', 'streptococcal pharyngitis', 'strep pharyngitis', 'GAS pharyngitis'],
  }),
  c({
    key: 'sinusitis',
    snomed: '15805002',
    snomedDisplay: 'Acute sinusitis (disorder)',
    icd10: 'J01.90',
    icd10Display: 'Acute sinusitis, unspecified',
    kind: 'acute',
    byAge: [[0, 1]],
    onset: [5, 90],
    meds: ['amoxicillin', 'azithromycin'],
    names: ['acute sinusitis', 'sinus infection', 'rhinosinusitis', 'sinusitus'],
  }),
  c({
    key: 'otitis_media',
    snomed: '65363002',
    snomedDisplay: 'Otitis media (disorder)',
    icd10: 'H66.90',
    icd10Display: 'Otitis media, unspecified, unspecified ear',
    kind: 'acute',
    byAge: [[0, 1]],
    onset: [0, 12],
    meds: ['amoxicillin'],
    names: ['otitis media', 'ear infection', 'AOM', 'middle ear infection'],
  }),
  c({
    key: 'bronchitis',
    snomed: '10509002',
    snomedDisplay: 'Acute bronchitis (disorder)',
    icd10: 'J20.9',
    icd10Display: 'Acute bronchitis, unspecified',
    kind: 'acute',
    byAge: [[0, 1]],
    onset: [5, 90],
    meds: ['albuterol'],
    names: ['acute bronchitis', 'bronchitis', 'chest cold', 'bronchitus'],
  }),
  c({
    key: 'uti',
    snomed: '68566005',
    snomedDisplay: 'Urinary tract infectious disease (disorder)',
    icd10: 'N39.0',
    icd10Display: 'Urinary tract infection, site not specified',
    kind: 'acute',
    byAge: [[0, 1]],
    sex: 'female',
    onset: [15, 95],
    meds: ['nitrofurantoin', 'cephalexin'],
    names: ['urinary tract infection', 'UTI', 'cystitis', 'bladder infection', 'urinary tract infxn'],
  }),
  c({
    key: 'cellulitis',
    snomed: '128045006',
    snomedDisplay: 'Cellulitis (disorder)',
    icd10: 'L03.90',
    icd10Display: 'Cellulitis, unspecified',
    kind: 'acute',
    byAge: [[0, 1]],
    onset: [10, 95],
    meds: ['cephalexin'],
    names: ['cellulitis', 'skin infection', 'soft tissue infection', 'cellulitus'],
  }),
  c({
    key: 'pneumonia',
    snomed: '233604007',
    snomedDisplay: 'Pneumonia (disorder)',
    icd10: 'J18.9',
    icd10Display: 'Pneumonia, unspecified organism',
    kind: 'acute',
    byAge: [[0, 1]],
    onset: [0, 99],
    meds: ['ceftriaxone', 'azithromycin'],
    names: ['pneumonia', 'PNA', 'community-acquired pneumonia', 'CAP', 'pnuemonia'],
  }),
  c({
    key: 'sepsis',
    snomed: '91302008',
    snomedDisplay: 'Sepsis (disorder)',
    icd10: 'A41.9',
    icd10Display: 'Sepsis, unspecified organism',
    kind: 'acute',
    byAge: [[0, 1]],
    onset: [0, 99],
    meds: ['vancomycin', 'cefepime', 'sodium_chloride'],
    names: ['sepsis', 'septic', 'septicemia', 'sespis'],
  }),
  c({
    key: 'aki',
    snomed: '14669001',
    snomedDisplay: 'Acute renal failure syndrome (disorder)',
    icd10: 'N17.9',
    icd10Display: 'Acute kidney failure, unspecified',
    kind: 'acute',
    byAge: [[0, 1]],
    onset: [0, 99],
    meds: ['sodium_chloride'],
    names: ['acute kidney injury', 'AKI', 'acute renal failure', 'ARF', 'acute kidney injry'],
  }),
];

/** Symptoms used in histories and reviews of systems (often negated). */
export interface SymptomDef {
  key: string;
  snomed: string;
  display: string;
  icd10: string;
  names: readonly string[];
}

export const SYMPTOMS: readonly SymptomDef[] = [
  {
    key: 'fever',
    snomed: '386661006',
    display: 'Fever (finding)',
    icd10: 'R50.9',
    names: ['fever', 'fevers', 'febrile', 'temps'],
  },
  {
    key: 'chills',
    snomed: '43724002',
    display: 'Chill (finding)',
    icd10: 'R68.83',
    names: ['chills', 'rigors', 'shaking chills'],
  },
  {
    key: 'chest_pain',
    snomed: '29857009',
    display: 'Chest pain (finding)',
    icd10: 'R07.9',
    names: ['chest pain', 'CP', 'chest discomfort', 'chest pressure'],
  },
  {
    key: 'dyspnea',
    snomed: '267036007',
    display: 'Dyspnea (finding)',
    icd10: 'R06.00',
    names: ['shortness of breath', 'SOB', 'dyspnea', 'trouble breathing', 'dyspnoea'],
  },
  {
    key: 'cough',
    snomed: '49727002',
    display: 'Cough (finding)',
    icd10: 'R05.9',
    names: ['cough', 'coughing', 'productive cough'],
  },
  { key: 'nausea', snomed: '422587007', display: 'Nausea (finding)', icd10: 'R11.0', names: ['nausea', 'nauseated', 'queasy'] },
  {
    key: 'vomiting',
    snomed: '422400008',
    display: 'Vomiting (disorder)',
    icd10: 'R11.10',
    names: ['vomiting', 'emesis', 'throwing up'],
  },
  { key: 'headache', snomed: '25064002', display: 'Headache (finding)', icd10: 'R51.9', names: ['headache', 'HA', 'head pain'] },
  {
    key: 'abdominal_pain',
    snomed: '21522001',
    display: 'Abdominal pain (finding)',
    icd10: 'R10.9',
    names: ['abdominal pain', 'abd pain', 'belly pain', 'stomach ache'],
  },
  {
    key: 'dysuria',
    snomed: '49650001',
    display: 'Dysuria (finding)',
    icd10: 'R30.0',
    names: ['dysuria', 'burning with urination', 'painful urination'],
  },
  {
    key: 'dizziness',
    snomed: '404640003',
    display: 'Dizziness (finding)',
    icd10: 'R42',
    names: ['dizziness', 'lightheadedness', 'dizzy spells'],
  },
  {
    key: 'fatigue',
    snomed: '84229001',
    display: 'Fatigue (finding)',
    icd10: 'R53.83',
    names: ['fatigue', 'tiredness', 'low energy', 'malaise'],
  },
  {
    key: 'confusion',
    snomed: '286933003',
    display: 'Confusional state (disorder)',
    icd10: 'R41.0',
    names: ['confusion', 'altered mental status', 'AMS', 'disorientation'],
  },
];

/** Conditions mentioned in family histories. */
export const FAMILY_CONDITIONS: readonly { snomed: string; display: string; icd10: string; names: readonly string[] }[] = [
  {
    snomed: '254837009',
    display: 'Malignant neoplasm of breast (disorder)',
    icd10: 'C50.919',
    names: ['breast cancer', 'breast CA'],
  },
  {
    snomed: '363406005',
    display: 'Malignant tumor of colon (disorder)',
    icd10: 'C18.9',
    names: ['colon cancer', 'colorectal cancer', 'colon CA'],
  },
  {
    snomed: '44054006',
    display: 'Diabetes mellitus type 2 (disorder)',
    icd10: 'E11.9',
    names: ['diabetes', 'type 2 diabetes', 'sugar diabetes'],
  },
  {
    snomed: '59621000',
    display: 'Essential hypertension (disorder)',
    icd10: 'I10',
    names: ['high blood pressure', 'hypertension'],
  },
  {
    snomed: '53741008',
    display: 'Coronary arteriosclerosis (disorder)',
    icd10: 'I25.10',
    names: ['heart disease', 'coronary artery disease'],
  },
  { snomed: '432504007', display: 'Cerebral infarction (disorder)', icd10: 'I63.9', names: ['stroke', 'a stroke'] },
  { snomed: '26929004', display: "Alzheimer's disease (disorder)", icd10: 'G30.9', names: ["Alzheimer's", 'dementia'] },
];

export const FAMILY_MEMBERS = [
  'mother',
  'father',
  'sister',
  'brother',
  'maternal grandmother',
  'paternal grandfather',
  'aunt',
  'uncle',
] as const;

/** Symptoms each acute problem presents with (for histories, dialogues and notes). */
export const SYMPTOMS_OF: Readonly<Record<string, readonly string[]>> = {
  uri: ['cough', 'headache', 'fatigue'],
  strep_pharyngitis: ['fever', 'headache'],
  sinusitis: ['headache', 'fever'],
  otitis_media: ['fever'],
  bronchitis: ['cough', 'dyspnea'],
  uti: ['dysuria', 'abdominal_pain'],
  cellulitis: ['fever', 'chills'],
  pneumonia: ['cough', 'fever', 'dyspnea'],
};

const ALL = new Map([...CONDITIONS, ...ACUTE_CONDITIONS].map((d) => [d.key, d]));

/** Any condition, chronic or acute, by key. */
export function condition(key: string): ConditionDef {
  const d = ALL.get(key);
  if (!d) throw new Error(`Unknown condition ${key}`);
  return d;
}
