/**
 * Starter ingredient → drug-class map for medication-safety rules, keyed by lower-case ingredient
 * name with its RxNorm ingredient RxCUI. Class codes follow `@galen/terminology`'s `galen|<class>`
 * convention (e.g. `nsaid`, `ssri`) so the two can be reconciled; this table exists so the rules work
 * without the terminology index loaded. RxCUIs: RxNorm (NLM), ingredient (IN) concepts; classes:
 * FDA Established Pharmacologic Class and the ONC high-priority list's member drugs
 * (Phansalkar S, et al. JAMIA 2012;19:735-43).
 */
export interface DrugFacts {
  rxcui?: string;
  classes: string[];
}

const d = (rxcui: string | undefined, ...classes: string[]): DrugFacts => (rxcui ? { rxcui, classes } : { classes });

export const DRUGS: Record<string, DrugFacts> = {
  // Proton pump inhibitors
  omeprazole: d('7646', 'ppi'),
  esomeprazole: d('283742', 'ppi'),
  lansoprazole: d('17128', 'ppi'),
  pantoprazole: d('40790', 'ppi'),
  rabeprazole: d('114979', 'ppi'),
  // HIV protease inhibitors (also strong CYP3A4 inhibitors)
  atazanavir: d('343047', 'protease-inhibitor', 'cyp3a4-inhibitor'),
  ritonavir: d('85762', 'protease-inhibitor', 'cyp3a4-inhibitor'),
  darunavir: d('460132', 'protease-inhibitor', 'cyp3a4-inhibitor'),
  lopinavir: d('195088', 'protease-inhibitor', 'cyp3a4-inhibitor'),
  saquinavir: d('83395', 'protease-inhibitor', 'cyp3a4-inhibitor'),
  indinavir: d('114289', 'protease-inhibitor', 'cyp3a4-inhibitor'),
  nelfinavir: d('134527', 'protease-inhibitor', 'cyp3a4-inhibitor'),
  // Other CYP3A4 inhibitors named in the ONC list
  clarithromycin: d('21212', 'macrolide', 'cyp3a4-inhibitor'),
  erythromycin: d('4053', 'macrolide', 'cyp3a4-inhibitor'),
  ketoconazole: d('6135', 'azole-antifungal', 'cyp3a4-inhibitor'),
  itraconazole: d('28031', 'azole-antifungal', 'cyp3a4-inhibitor'),
  voriconazole: d('121243', 'azole-antifungal', 'cyp3a4-inhibitor'),
  fluconazole: d('4450', 'azole-antifungal', 'cyp3a4-inhibitor'),
  verapamil: d('11170', 'calcium-channel-blocker', 'cyp3a4-inhibitor'),
  diltiazem: d('3443', 'calcium-channel-blocker', 'cyp3a4-inhibitor'),
  amiodarone: d('703', 'antiarrhythmic', 'cyp3a4-inhibitor', 'cyp1a2-inhibitor', 'qt-prolonging'),
  // Strong CYP3A4 inducers
  rifampin: d('9384', 'cyp3a4-inducer', 'rifamycin'),
  rifabutin: d('55672', 'cyp3a4-inducer', 'rifamycin'),
  carbamazepine: d('2002', 'cyp3a4-inducer', 'anticonvulsant'),
  // CYP1A2 inhibitors
  ciprofloxacin: d('2551', 'fluoroquinolone', 'cyp1a2-inhibitor'),
  fluvoxamine: d('42355', 'ssri', 'cyp1a2-inhibitor'),
  // Statins
  simvastatin: d('36567', 'statin'),
  lovastatin: d('6472', 'statin'),
  atorvastatin: d('83367', 'statin'),
  rosuvastatin: d('301542', 'statin'),
  // Ergots
  ergotamine: d('4025', 'ergot'),
  dihydroergotamine: d('3418', 'ergot'),
  // MAOIs
  phenelzine: d('8123', 'maoi'),
  tranylcypromine: d('10734', 'maoi'),
  isocarboxazid: d('6011', 'maoi'),
  selegiline: d('9639', 'maoi'),
  procarbazine: d('8702', 'maoi'),
  linezolid: d('190376', 'maoi'),
  // Serotonergic antidepressants
  fluoxetine: d('4493', 'ssri'),
  sertraline: d('36437', 'ssri'),
  paroxetine: d('32937', 'ssri'),
  citalopram: d('2556', 'ssri', 'qt-prolonging'),
  escitalopram: d('321988', 'ssri', 'qt-prolonging'),
  venlafaxine: d('39786', 'snri'),
  duloxetine: d('72625', 'snri'),
  amitriptyline: d('704', 'tca'),
  nortriptyline: d('7531', 'tca'),
  // Opioids with serotonergic / MAOI interactions
  meperidine: d('6754', 'opioid', 'serotonergic-opioid'),
  methadone: d('6813', 'opioid', 'serotonergic-opioid', 'qt-prolonging'),
  tramadol: d('10689', 'opioid', 'serotonergic-opioid'),
  fentanyl: d('4337', 'opioid', 'serotonergic-opioid'),
  morphine: d('7052', 'opioid'),
  oxycodone: d('7804', 'opioid'),
  // Triptans
  sumatriptan: d('37418', 'triptan'),
  rizatriptan: d('88014', 'triptan'),
  zolmitriptan: d('135775', 'triptan'),
  // Amphetamines and sympathomimetics
  amphetamine: d('725', 'amphetamine'),
  methylphenidate: d('6901', 'amphetamine'),
  pseudoephedrine: d('8896', 'amphetamine'),
  // Others from the ONC list
  irinotecan: d('51499', 'irinotecan'),
  ramelteon: d('596205', 'ramelteon'),
  tizanidine: d('57258', 'tizanidine'),
  febuxostat: d('73689', 'xanthine-oxidase-inhibitor'),
  azathioprine: d('1256', 'thiopurine'),
  mercaptopurine: d('103', 'thiopurine'),
  // QT-prolonging (a few well-known members; rule 21 needs a full QT list)
  haloperidol: d('5093', 'qt-prolonging', 'antipsychotic'),
  sotalol: d('9947', 'qt-prolonging', 'beta-blocker'),
  dofetilide: d('49247', 'qt-prolonging', 'antiarrhythmic'),
  ondansetron: d('26225', 'qt-prolonging'),
  levofloxacin: d('82122', 'fluoroquinolone', 'qt-prolonging'),
  moxifloxacin: d('139462', 'fluoroquinolone', 'qt-prolonging'),
  pimozide: d('8331', 'qt-prolonging', 'antipsychotic'),
  // NSAIDs and anticoagulants (duplicate therapy, renal)
  ibuprofen: d('5640', 'nsaid'),
  naproxen: d('7258', 'nsaid'),
  diclofenac: d('3355', 'nsaid'),
  ketorolac: d('35827', 'nsaid'),
  celecoxib: d('140587', 'nsaid', 'cox2-inhibitor'),
  aspirin: d('1191', 'antiplatelet', 'salicylate'),
  warfarin: d('11289', 'anticoagulant', 'vitamin-k-antagonist'),
  apixaban: d('1364430', 'anticoagulant', 'doac'),
  rivaroxaban: d('1114195', 'anticoagulant', 'doac'),
  dabigatran: d('1546356', 'anticoagulant', 'doac'),
  enoxaparin: d('67108', 'anticoagulant', 'lmwh'),
  heparin: d('5224', 'anticoagulant'),
  metformin: d('6809', 'biguanide'),
  nitrofurantoin: d('7454', 'urinary-antiseptic'),
  gabapentin: d('25480', 'gabapentinoid'),
  pregabalin: d('187832', 'gabapentinoid'),
  lisinopril: d('29046', 'ace-inhibitor'),
  enalapril: d('3827', 'ace-inhibitor'),
  losartan: d('52175', 'arb'),
  valsartan: d('69749', 'arb'),
  // Beta-lactams and sulfonamides (allergy cross-reactivity)
  penicillin: d('7980', 'penicillin', 'beta-lactam'),
  amoxicillin: d('723', 'penicillin', 'beta-lactam'),
  ampicillin: d('733', 'penicillin', 'beta-lactam'),
  piperacillin: d('8339', 'penicillin', 'beta-lactam'),
  cephalexin: d('2231', 'cephalosporin', 'beta-lactam'),
  cefazolin: d('2180', 'cephalosporin', 'beta-lactam'),
  ceftriaxone: d('2193', 'cephalosporin', 'beta-lactam'),
  cefepime: d('20481', 'cephalosporin', 'beta-lactam'),
  meropenem: d('29561', 'carbapenem', 'beta-lactam'),
  aztreonam: d('1272', 'monobactam'),
  sulfamethoxazole: d('10180', 'sulfonamide-antibiotic'),
  trimethoprim: d('10829', 'antifolate'),
  furosemide: d('4603', 'loop-diuretic', 'sulfonamide-nonantibiotic'),
  hydrochlorothiazide: d('5487', 'thiazide', 'sulfonamide-nonantibiotic'),
  vancomycin: d('11124', 'glycopeptide'),
};

const BY_RXCUI = new Map(Object.entries(DRUGS).flatMap(([name, f]) => (f.rxcui ? [[f.rxcui, name] as const] : [])));

/** Ingredient name for an RxCUI or a free-text drug name (first known ingredient word). */
export function ingredientOf(code: string | undefined, text: string | undefined): string | undefined {
  if (code && BY_RXCUI.has(code)) return BY_RXCUI.get(code);
  const words = (text ?? '').toLowerCase().match(/[a-z]+/g) ?? [];
  return words.find((w) => w in DRUGS);
}

/** Every ingredient named in a text or coded (e.g. "sulfamethoxazole / trimethoprim"). */
export function ingredientsOf(code: string | undefined, text: string | undefined): string[] {
  const out = new Set<string>();
  if (code && BY_RXCUI.has(code)) out.add(BY_RXCUI.get(code)!);
  for (const w of (text ?? '').toLowerCase().match(/[a-z]+/g) ?? []) if (w in DRUGS) out.add(w);
  return [...out];
}

export function classesOf(ingredient: string): string[] {
  return DRUGS[ingredient]?.classes ?? [];
}
