/**
 * Medications the generator prescribes, coded by RxNorm ingredient (term type IN) RXCUI, with the
 * dose text used in `MedicationRequest.dosageInstruction`. Codes from the NLM RxNorm release
 * (https://www.nlm.nih.gov/research/umls/rxnorm/); first-line choices follow common U.S. practice
 * guidelines (ACC/AHA hypertension 2017, ADA Standards of Care, GINA, GOLD) at a coarse level.
 * `names` are surface forms for notes: generic, brand, an abbreviation or a common misspelling.
 */
export interface MedicationDef {
  key: string;
  rxnorm: string;
  display: string;
  names: readonly string[];
  doses: readonly string[];
  /** Condition keys this drug treats (used to check medication–condition fit). */
  indications: readonly string[];
}

export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

const m = (
  key: string,
  rxnorm: string,
  display: string,
  names: string[],
  doses: string[],
  indications: string[],
): MedicationDef => ({ key, rxnorm, display, names, doses, indications });

export const MEDICATIONS: readonly MedicationDef[] = [
  m(
    'lisinopril',
    '29046',
    'lisinopril',
    ['lisinopril', 'Zestril', 'lisinipril'],
    ['10 mg PO daily', '20 mg by mouth once daily', '5 mg PO qd'],
    ['hypertension', 'heart_failure', 'ckd3', 'old_mi'],
  ),
  m(
    'losartan',
    '52175',
    'losartan',
    ['losartan', 'Cozaar', 'losarten'],
    ['50 mg PO daily', '25 mg by mouth daily'],
    ['hypertension', 'ckd3'],
  ),
  m(
    'amlodipine',
    '17767',
    'amlodipine',
    ['amlodipine', 'Norvasc', 'amlodipene'],
    ['5 mg PO daily', '10 mg by mouth once a day'],
    ['hypertension', 'cad'],
  ),
  m(
    'hctz',
    '5487',
    'hydrochlorothiazide',
    ['hydrochlorothiazide', 'HCTZ', 'hydrochlorthiazide'],
    ['25 mg PO daily', '12.5 mg by mouth daily'],
    ['hypertension'],
  ),
  m(
    'atorvastatin',
    '83367',
    'atorvastatin',
    ['atorvastatin', 'Lipitor', 'atorvastatn'],
    ['40 mg PO nightly', '20 mg by mouth at bedtime', '80 mg PO qhs'],
    ['hyperlipidemia', 'cad', 'old_mi', 'stroke', 'pad'],
  ),
  m(
    'simvastatin',
    '36567',
    'simvastatin',
    ['simvastatin', 'Zocor'],
    ['20 mg PO qhs', '40 mg by mouth nightly'],
    ['hyperlipidemia'],
  ),
  m(
    'metformin',
    '6809',
    'metformin',
    ['metformin', 'Glucophage', 'metfromin'],
    ['500 mg PO BID', '1000 mg by mouth twice daily', '850 mg PO bid with meals'],
    ['t2dm', 'prediabetes'],
  ),
  m(
    'glargine',
    '274783',
    'insulin glargine',
    ['insulin glargine', 'Lantus', 'glargine'],
    ['20 units SC nightly', '12 units subcutaneously at bedtime'],
    ['t2dm'],
  ),
  m('empagliflozin', '1545653', 'empagliflozin', ['empagliflozin', 'Jardiance'], ['10 mg PO daily'], ['t2dm', 'heart_failure']),
  m(
    'albuterol',
    '435',
    'albuterol',
    ['albuterol', 'ProAir', 'albuteral', 'salbutamol'],
    ['2 puffs inhaled q4-6h PRN wheeze', '90 mcg/actuation 2 puffs every 4 hours as needed'],
    ['asthma', 'copd', 'bronchitis'],
  ),
  m(
    'fluticasone',
    '41126',
    'fluticasone',
    ['fluticasone', 'Flovent', 'Flonase'],
    ['110 mcg 2 puffs BID', '1 spray each nostril daily'],
    ['asthma', 'allergic_rhinitis'],
  ),
  m('montelukast', '88249', 'montelukast', ['montelukast', 'Singulair'], ['10 mg PO nightly'], ['asthma', 'allergic_rhinitis']),
  m('tiotropium', '69120', 'tiotropium', ['tiotropium', 'Spiriva'], ['18 mcg inhaled daily'], ['copd']),
  m(
    'sertraline',
    '36437',
    'sertraline',
    ['sertraline', 'Zoloft', 'sertaline'],
    ['50 mg PO daily', '100 mg by mouth once daily'],
    ['depression', 'anxiety'],
  ),
  m('escitalopram', '321988', 'escitalopram', ['escitalopram', 'Lexapro'], ['10 mg PO daily'], ['depression', 'anxiety']),
  m('bupropion', '42347', 'bupropion', ['bupropion', 'Wellbutrin'], ['150 mg PO daily'], ['depression', 'nicotine']),
  m(
    'levothyroxine',
    '10582',
    'levothyroxine',
    ['levothyroxine', 'Synthroid', 'levothyroxin'],
    ['50 mcg PO daily', '75 mcg by mouth every morning', '100 mcg PO qAM'],
    ['hypothyroidism'],
  ),
  m(
    'omeprazole',
    '7646',
    'omeprazole',
    ['omeprazole', 'Prilosec', 'omeprazol'],
    ['20 mg PO daily', '40 mg by mouth before breakfast'],
    ['gerd'],
  ),
  m('pantoprazole', '40790', 'pantoprazole', ['pantoprazole', 'Protonix'], ['40 mg PO daily'], ['gerd']),
  m(
    'acetaminophen',
    '161',
    'acetaminophen',
    ['acetaminophen', 'Tylenol', 'APAP', 'paracetamol'],
    ['650 mg PO q6h PRN pain', '1000 mg by mouth three times daily as needed'],
    ['osteoarthritis', 'low_back_pain', 'migraine', 'uri'],
  ),
  m(
    'ibuprofen',
    '5640',
    'ibuprofen',
    ['ibuprofen', 'Motrin', 'Advil'],
    ['400 mg PO q8h PRN', '600 mg by mouth three times a day with food'],
    ['osteoarthritis', 'low_back_pain', 'migraine'],
  ),
  m('meloxicam', '41493', 'meloxicam', ['meloxicam', 'Mobic'], ['7.5 mg PO daily'], ['osteoarthritis', 'rheumatoid_arthritis']),
  m('cyclobenzaprine', '21949', 'cyclobenzaprine', ['cyclobenzaprine', 'Flexeril'], ['5 mg PO TID PRN spasm'], ['low_back_pain']),
  m('apixaban', '1364430', 'apixaban', ['apixaban', 'Eliquis', 'apixiban'], ['5 mg PO BID'], ['afib', 'stroke']),
  m('warfarin', '11289', 'warfarin', ['warfarin', 'Coumadin'], ['5 mg PO daily, dose by INR'], ['afib']),
  m(
    'metoprolol',
    '6918',
    'metoprolol',
    ['metoprolol', 'Lopressor', 'Toprol', 'metoprolo'],
    ['25 mg PO BID', '50 mg by mouth twice daily'],
    ['afib', 'heart_failure', 'cad', 'old_mi', 'hypertension'],
  ),
  m('carvedilol', '20352', 'carvedilol', ['carvedilol', 'Coreg'], ['6.25 mg PO BID'], ['heart_failure']),
  m(
    'furosemide',
    '4603',
    'furosemide',
    ['furosemide', 'Lasix', 'furosemid'],
    ['40 mg PO daily', '20 mg by mouth every morning'],
    ['heart_failure'],
  ),
  m('spironolactone', '9997', 'spironolactone', ['spironolactone', 'Aldactone'], ['25 mg PO daily'], ['heart_failure']),
  m('aspirin', '1191', 'aspirin', ['aspirin', 'ASA', 'asprin'], ['81 mg PO daily'], ['cad', 'old_mi', 'stroke', 'pad']),
  m('clopidogrel', '32968', 'clopidogrel', ['clopidogrel', 'Plavix'], ['75 mg PO daily'], ['cad', 'old_mi', 'stroke', 'pad']),
  m(
    'nitroglycerin',
    '4917',
    'nitroglycerin',
    ['nitroglycerin', 'NTG', 'nitro'],
    ['0.4 mg SL q5min PRN chest pain, max 3'],
    ['cad'],
  ),
  m(
    'sumatriptan',
    '37418',
    'sumatriptan',
    ['sumatriptan', 'Imitrex'],
    ['50 mg PO at migraine onset, may repeat in 2 h'],
    ['migraine'],
  ),
  m('cetirizine', '20610', 'cetirizine', ['cetirizine', 'Zyrtec'], ['10 mg PO daily'], ['allergic_rhinitis', 'eczema']),
  m('alendronate', '46041', 'alendronate', ['alendronate', 'Fosamax'], ['70 mg PO weekly'], ['osteoporosis']),
  m(
    'cholecalciferol',
    '2418',
    'cholecalciferol',
    ['vitamin D3', 'cholecalciferol', 'vit D'],
    ['2000 units PO daily', '1000 IU by mouth daily'],
    ['vitamin_d_deficiency', 'osteoporosis'],
  ),
  m(
    'allopurinol',
    '519',
    'allopurinol',
    ['allopurinol', 'Zyloprim', 'allopurinal'],
    ['100 mg PO daily', '300 mg by mouth daily'],
    ['gout'],
  ),
  m('colchicine', '2683', 'colchicine', ['colchicine', 'Colcrys'], ['0.6 mg PO daily'], ['gout']),
  m('tamsulosin', '77492', 'tamsulosin', ['tamsulosin', 'Flomax'], ['0.4 mg PO qhs'], ['bph']),
  m('finasteride', '25025', 'finasteride', ['finasteride', 'Proscar'], ['5 mg PO daily'], ['bph']),
  m('donepezil', '135447', 'donepezil', ['donepezil', 'Aricept'], ['5 mg PO qhs', '10 mg by mouth at bedtime'], ['dementia']),
  m(
    'gabapentin',
    '25480',
    'gabapentin',
    ['gabapentin', 'Neurontin', 'gabapentine'],
    ['300 mg PO TID', '300 mg by mouth at bedtime'],
    ['diabetic_neuropathy', 'low_back_pain'],
  ),
  m('trazodone', '10737', 'trazodone', ['trazodone', 'Desyrel'], ['50 mg PO qhs PRN sleep'], ['insomnia', 'depression']),
  m('levetiracetam', '114477', 'levetiracetam', ['levetiracetam', 'Keppra'], ['500 mg PO BID'], ['epilepsy']),
  m('methotrexate', '6851', 'methotrexate', ['methotrexate', 'MTX'], ['15 mg PO weekly'], ['rheumatoid_arthritis', 'psoriasis']),
  m(
    'hydroxychloroquine',
    '5521',
    'hydroxychloroquine',
    ['hydroxychloroquine', 'Plaquenil'],
    ['200 mg PO BID'],
    ['rheumatoid_arthritis'],
  ),
  m('latanoprost', '43611', 'latanoprost', ['latanoprost', 'Xalatan'], ['1 drop each eye qhs'], ['glaucoma']),
  m(
    'ferrous_sulfate',
    '24947',
    'ferrous sulfate',
    ['ferrous sulfate', 'iron sulfate', 'FeSO4'],
    ['325 mg PO daily'],
    ['iron_deficiency_anemia'],
  ),
  m('methylphenidate', '6901', 'methylphenidate', ['methylphenidate', 'Ritalin', 'Concerta'], ['18 mg PO qAM'], ['adhd']),
  m(
    'nitrofurantoin',
    '7454',
    'nitrofurantoin',
    ['nitrofurantoin', 'Macrobid', 'nitrofurantion'],
    ['100 mg PO BID x 5 days'],
    ['uti'],
  ),
  m(
    'amoxicillin',
    '723',
    'amoxicillin',
    ['amoxicillin', 'Amoxil', 'amoxicilin'],
    ['500 mg PO TID x 10 days', '875 mg by mouth twice daily for 7 days'],
    ['strep_pharyngitis', 'otitis_media', 'sinusitis', 'pneumonia'],
  ),
  m(
    'azithromycin',
    '18631',
    'azithromycin',
    ['azithromycin', 'Zithromax', 'Z-pak'],
    ['500 mg PO day 1 then 250 mg daily x 4 days'],
    ['pneumonia', 'bronchitis', 'sinusitis'],
  ),
  m('cephalexin', '2231', 'cephalexin', ['cephalexin', 'Keflex'], ['500 mg PO QID x 7 days'], ['cellulitis', 'uti']),
  m(
    'ceftriaxone',
    '2193',
    'ceftriaxone',
    ['ceftriaxone', 'Rocephin', 'CTX'],
    ['1 g IV q24h', '2 g IV daily'],
    ['pneumonia', 'uti', 'sepsis', 'cellulitis'],
  ),
  m(
    'vancomycin',
    '11124',
    'vancomycin',
    ['vancomycin', 'vanc', 'vanco'],
    ['15 mg/kg IV q12h', '1 g IV every 12 hours'],
    ['sepsis', 'cellulitis', 'pneumonia'],
  ),
  m('cefepime', '20481', 'cefepime', ['cefepime', 'Maxipime'], ['2 g IV q8h'], ['sepsis', 'pneumonia']),
  m('meropenem', '29561', 'meropenem', ['meropenem', 'Merrem'], ['1 g IV q8h'], ['sepsis']),
  m(
    'norepinephrine',
    '7512',
    'norepinephrine',
    ['norepinephrine', 'Levophed', 'norepi', 'levo'],
    ['0.05 mcg/kg/min IV infusion, titrate to MAP >= 65'],
    ['sepsis'],
  ),
  m(
    'sodium_chloride',
    '9863',
    'sodium chloride',
    ['normal saline', 'NS', '0.9% sodium chloride'],
    ['30 mL/kg IV bolus', '1000 mL IV bolus'],
    ['sepsis', 'aki'],
  ),
  m('heparin', '5224', 'heparin', ['heparin', 'SQH', 'heparin subq'], ['5000 units SC q8h'], ['vte_prophylaxis']),
  m('enoxaparin', '67108', 'enoxaparin', ['enoxaparin', 'Lovenox'], ['40 mg SC daily'], ['vte_prophylaxis']),
  m('ondansetron', '26225', 'ondansetron', ['ondansetron', 'Zofran'], ['4 mg IV q6h PRN nausea'], ['nausea']),
];

const BY_KEY = new Map(MEDICATIONS.map((d) => [d.key, d]));

export function medication(key: string): MedicationDef {
  const d = BY_KEY.get(key);
  if (!d) throw new Error(`Unknown medication ${key}`);
  return d;
}
