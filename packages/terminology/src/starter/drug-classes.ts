/**
 * Drug classes of the starter lexicon, in Galen's own code system (`SYSTEMS.galen`).
 * Grouping follows the pharmacologic classes of the FDA Established Pharmacologic Class (EPC)
 * indexing and standard pharmacology references (e.g. the BNF chapter structure); a class lists
 * its parents so that membership is transitive (an ingredient in `doac` is also in `anticoagulant`).
 *
 * These codes are what `Concept.classes` holds for medications, and what the CDS rules test
 * (drug-drug interactions, allergy cross-reactivity, duplicate therapy).
 */

/** `[class code, display, parent class codes ";"-separated, synonyms ";"-separated]` */
export type DrugClassRow = readonly [code: string, display: string, parents: string, synonyms?: string];

export const DRUG_CLASS_ROWS: readonly DrugClassRow[] = [
  // Anti-infectives
  ['antibiotic', 'Antibacterial agent', '', 'antibiotics;antibacterials;abx'],
  ['beta-lactam', 'Beta-lactam antibacterial', 'antibiotic', 'beta lactam;β-lactam'],
  ['penicillin', 'Penicillin class antibacterial', 'beta-lactam', 'penicillins;PCN class'],
  ['aminopenicillin', 'Aminopenicillin', 'penicillin', 'aminopenicillins'],
  ['antistaphylococcal-penicillin', 'Penicillinase-resistant penicillin', 'penicillin', 'antistaphylococcal penicillins'],
  ['beta-lactamase-inhibitor', 'Beta-lactamase inhibitor', 'antibiotic', 'beta lactamase inhibitors'],
  ['cephalosporin', 'Cephalosporin class antibacterial', 'beta-lactam', 'cephalosporins'],
  ['carbapenem', 'Carbapenem class antibacterial', 'beta-lactam', 'carbapenems;penems'],
  ['monobactam', 'Monobactam class antibacterial', 'beta-lactam', 'monobactams'],
  ['macrolide', 'Macrolide antibacterial', 'antibiotic', 'macrolides'],
  ['fluoroquinolone', 'Fluoroquinolone antibacterial', 'antibiotic', 'fluoroquinolones;quinolones;FQ'],
  ['tetracycline', 'Tetracycline class antibacterial', 'antibiotic', 'tetracyclines'],
  ['aminoglycoside', 'Aminoglycoside antibacterial', 'antibiotic', 'aminoglycosides'],
  ['sulfonamide-antibiotic', 'Sulfonamide antibacterial', 'antibiotic', 'sulfonamide antibiotics;sulfa antibiotics;sulfa drugs'],
  ['glycopeptide', 'Glycopeptide antibacterial', 'antibiotic', 'glycopeptides'],
  ['lincosamide', 'Lincosamide antibacterial', 'antibiotic', 'lincosamides'],
  ['oxazolidinone', 'Oxazolidinone antibacterial', 'antibiotic', 'oxazolidinones'],
  ['nitroimidazole', 'Nitroimidazole antimicrobial', 'antibiotic', 'nitroimidazoles'],
  ['antifungal', 'Antifungal agent', '', 'antifungals'],
  ['azole-antifungal', 'Azole antifungal', 'antifungal', 'azoles;azole antifungals'],
  ['antiviral', 'Antiviral agent', '', 'antivirals'],
  ['antiretroviral', 'Antiretroviral agent', 'antiviral', 'ARV;HIV medication;antiretrovirals'],
  ['antituberculosis', 'Antituberculosis agent', 'antibiotic', 'anti-TB drugs'],
  ['antimalarial', 'Antimalarial agent', '', 'antimalarials'],
  ['anthelmintic', 'Anthelmintic agent', '', 'antiparasitic;dewormer'],
  // Cardiovascular
  ['antihypertensive', 'Antihypertensive agent', '', 'blood pressure medication;BP meds;antihypertensives'],
  ['beta-blocker', 'Beta-adrenergic blocker', 'antihypertensive', 'beta blockers;BB;beta-blockers;beta adrenergic antagonists'],
  ['ace-inhibitor', 'Angiotensin converting enzyme inhibitor', 'antihypertensive;raas-inhibitor', 'ACE inhibitors;ACEI;ACE-I'],
  ['arb', 'Angiotensin II receptor blocker', 'antihypertensive;raas-inhibitor', 'ARBs;angiotensin receptor blockers;sartans'],
  ['arni', 'Angiotensin receptor-neprilysin inhibitor', 'raas-inhibitor', 'ARNI'],
  ['raas-inhibitor', 'Renin-angiotensin-aldosterone system inhibitor', '', 'RAAS blockers;RAS inhibitors'],
  ['calcium-channel-blocker', 'Calcium channel blocker', 'antihypertensive', 'CCB;calcium blockers;calcium antagonists'],
  ['dihydropyridine-ccb', 'Dihydropyridine calcium channel blocker', 'calcium-channel-blocker', 'DHP CCB'],
  ['non-dihydropyridine-ccb', 'Non-dihydropyridine calcium channel blocker', 'calcium-channel-blocker', 'non-DHP CCB'],
  ['diuretic', 'Diuretic', '', 'diuretics;water pills'],
  ['loop-diuretic', 'Loop diuretic', 'diuretic', 'loop diuretics'],
  ['thiazide', 'Thiazide or thiazide-like diuretic', 'diuretic;antihypertensive', 'thiazides;thiazide diuretics'],
  ['potassium-sparing-diuretic', 'Potassium-sparing diuretic', 'diuretic', 'K sparing diuretics'],
  [
    'mineralocorticoid-antagonist',
    'Mineralocorticoid receptor antagonist',
    'potassium-sparing-diuretic;raas-inhibitor',
    'MRA;aldosterone antagonists',
  ],
  ['alpha-blocker', 'Alpha-adrenergic blocker', 'antihypertensive', 'alpha blockers'],
  ['alpha-2-agonist', 'Central alpha-2 agonist', 'antihypertensive', 'central alpha agonists'],
  ['vasodilator', 'Vasodilator', 'antihypertensive', 'vasodilators'],
  ['nitrate', 'Organic nitrate', 'vasodilator', 'nitrates'],
  ['antiarrhythmic', 'Antiarrhythmic agent', '', 'antiarrhythmics'],
  ['cardiac-glycoside', 'Cardiac glycoside', 'antiarrhythmic', 'digitalis glycosides'],
  ['statin', 'HMG-CoA reductase inhibitor', 'lipid-lowering', 'statins'],
  ['lipid-lowering', 'Lipid-lowering agent', '', 'cholesterol medication;lipid lowering drugs'],
  ['pcsk9-inhibitor', 'PCSK9 inhibitor', 'lipid-lowering', 'PCSK9 inhibitors'],
  ['fibrate', 'Fibrate', 'lipid-lowering', 'fibrates'],
  ['anticoagulant', 'Anticoagulant', '', 'anticoagulants;blood thinners;AC'],
  ['vitamin-k-antagonist', 'Vitamin K antagonist', 'anticoagulant', 'VKA;coumarins'],
  ['doac', 'Direct oral anticoagulant', 'anticoagulant', 'DOAC;NOAC;DOACs;novel oral anticoagulants'],
  ['factor-xa-inhibitor', 'Factor Xa inhibitor', 'anticoagulant', 'Xa inhibitors;anti-Xa'],
  ['direct-thrombin-inhibitor', 'Direct thrombin inhibitor', 'anticoagulant', 'DTI'],
  ['heparin', 'Heparin or low molecular weight heparin', 'anticoagulant', 'heparins;LMWH'],
  ['antiplatelet', 'Platelet aggregation inhibitor', '', 'antiplatelets;antiplatelet agents'],
  ['p2y12-inhibitor', 'P2Y12 platelet inhibitor', 'antiplatelet', 'P2Y12 inhibitors;ADP receptor inhibitors'],
  ['thrombolytic', 'Thrombolytic agent', '', 'fibrinolytics;clot busters;tPA'],
  ['vasopressor', 'Vasopressor or inotrope', '', 'pressors;vasopressors;inotropes'],
  ['sglt2-inhibitor', 'SGLT2 inhibitor', 'antidiabetic', 'SGLT2i;gliflozins;SGLT-2 inhibitors'],
  // Endocrine
  ['antidiabetic', 'Antidiabetic agent', '', 'diabetes medication;hypoglycemic agents;antidiabetics'],
  ['insulin', 'Insulin', 'antidiabetic', 'insulins'],
  ['biguanide', 'Biguanide', 'antidiabetic', 'biguanides'],
  ['sulfonylurea', 'Sulfonylurea', 'antidiabetic', 'sulfonylureas;SU'],
  ['dpp4-inhibitor', 'DPP-4 inhibitor', 'antidiabetic', 'gliptins;DPP4 inhibitors'],
  ['glp1-agonist', 'GLP-1 receptor agonist', 'antidiabetic', 'GLP-1 RA;GLP1 agonists;incretin mimetics'],
  ['thiazolidinedione', 'Thiazolidinedione', 'antidiabetic', 'glitazones;TZD'],
  ['thyroid-hormone', 'Thyroid hormone', '', 'thyroid replacement'],
  ['antithyroid', 'Antithyroid agent', '', 'thionamides'],
  ['corticosteroid', 'Corticosteroid', '', 'steroids;glucocorticoids;corticosteroids'],
  ['inhaled-corticosteroid', 'Inhaled corticosteroid', 'corticosteroid', 'ICS;inhaled steroids'],
  ['bisphosphonate', 'Bisphosphonate', '', 'bisphosphonates'],
  ['estrogen', 'Estrogen', 'sex-hormone', 'estrogens;oestrogen'],
  ['progestin', 'Progestin', 'sex-hormone', 'progestogens;progestins'],
  ['androgen', 'Androgen', 'sex-hormone', 'testosterone replacement'],
  ['sex-hormone', 'Sex hormone', '', 'hormone therapy'],
  ['contraceptive', 'Hormonal contraceptive', '', 'birth control;oral contraceptives;OCP'],
  // Analgesia, CNS
  ['analgesic', 'Analgesic', '', 'pain medication;painkillers;analgesics'],
  ['nsaid', 'Nonsteroidal anti-inflammatory drug', 'analgesic', 'NSAIDs;NSAID;anti-inflammatories'],
  ['cox2-inhibitor', 'COX-2 selective inhibitor', 'nsaid', 'coxibs'],
  ['salicylate', 'Salicylate', '', 'salicylates'],
  ['opioid', 'Opioid agonist', 'analgesic', 'opioids;opiates;narcotics;narcotic analgesics'],
  ['opioid-antagonist', 'Opioid antagonist', '', 'opioid reversal'],
  ['antidepressant', 'Antidepressant', '', 'antidepressants'],
  ['ssri', 'Selective serotonin reuptake inhibitor', 'antidepressant;serotonergic', 'SSRIs'],
  ['snri', 'Serotonin-norepinephrine reuptake inhibitor', 'antidepressant;serotonergic', 'SNRIs'],
  ['tca', 'Tricyclic antidepressant', 'antidepressant;serotonergic;anticholinergic', 'TCAs;tricyclics'],
  ['maoi', 'Monoamine oxidase inhibitor', 'antidepressant;serotonergic', 'MAOIs;MAO inhibitors'],
  ['serotonergic', 'Serotonergic agent', '', 'serotonergic drugs'],
  ['triptan', 'Triptan (serotonin 5-HT1B/1D agonist)', 'serotonergic', 'triptans'],
  ['antipsychotic', 'Antipsychotic', 'qt-prolonging', 'neuroleptics;antipsychotics'],
  ['atypical-antipsychotic', 'Second generation antipsychotic', 'antipsychotic', 'atypical antipsychotics;SGA'],
  ['benzodiazepine', 'Benzodiazepine', 'sedative', 'benzos;benzodiazepines'],
  ['sedative', 'Sedative-hypnotic', '', 'sedatives;hypnotics;sleeping pills'],
  ['z-drug', 'Non-benzodiazepine hypnotic', 'sedative', 'Z drugs'],
  ['anticonvulsant', 'Anticonvulsant', '', 'antiepileptics;AED;antiseizure medication;ASM'],
  ['mood-stabilizer', 'Mood stabilizer', '', 'mood stabilizers'],
  ['stimulant', 'CNS stimulant', '', 'stimulants'],
  ['muscle-relaxant', 'Skeletal muscle relaxant', '', 'muscle relaxants'],
  ['antiparkinson', 'Antiparkinson agent', '', 'dopaminergic agents'],
  ['cholinesterase-inhibitor', 'Cholinesterase inhibitor', '', 'acetylcholinesterase inhibitors;AChEI'],
  ['anticholinergic', 'Anticholinergic agent', '', 'antimuscarinics;anticholinergics'],
  ['antihistamine', 'Antihistamine (H1 blocker)', '', 'antihistamines;H1 blockers'],
  ['antiemetic', 'Antiemetic', '', 'antiemetics;anti-nausea medication'],
  ['local-anesthetic', 'Local anesthetic', '', 'local anaesthetics'],
  ['general-anesthetic', 'General anesthetic', 'sedative', 'anesthetics'],
  ['neuromuscular-blocker', 'Neuromuscular blocking agent', '', 'paralytics;NMBA'],
  // Respiratory, GI
  ['bronchodilator', 'Bronchodilator', '', 'bronchodilators'],
  ['saba', 'Short-acting beta-2 agonist', 'bronchodilator', 'SABA;rescue inhaler'],
  ['laba', 'Long-acting beta-2 agonist', 'bronchodilator', 'LABA'],
  ['lama', 'Long-acting muscarinic antagonist', 'bronchodilator;anticholinergic', 'LAMA'],
  ['leukotriene-modifier', 'Leukotriene receptor antagonist', '', 'LTRA;leukotriene antagonists'],
  ['ppi', 'Proton pump inhibitor', 'acid-suppressant', 'PPI;PPIs;proton pump inhibitors'],
  ['h2-blocker', 'Histamine H2 receptor antagonist', 'acid-suppressant', 'H2 blockers;H2RA'],
  ['acid-suppressant', 'Gastric acid suppressant', '', 'antacids;acid reducers'],
  ['laxative', 'Laxative', '', 'laxatives;stool softeners'],
  ['antidiarrheal', 'Antidiarrheal', '', 'antidiarrhoeals'],
  // Immunology, oncology, other
  ['immunosuppressant', 'Immunosuppressant', '', 'immunosuppressants'],
  ['calcineurin-inhibitor', 'Calcineurin inhibitor', 'immunosuppressant', 'CNI'],
  ['dmard', 'Disease-modifying antirheumatic drug', 'immunosuppressant', 'DMARDs'],
  ['tnf-inhibitor', 'TNF alpha inhibitor', 'immunosuppressant;biologic', 'anti-TNF;TNF blockers'],
  ['biologic', 'Biologic agent', '', 'biologics;monoclonal antibodies'],
  ['antineoplastic', 'Antineoplastic agent', '', 'chemotherapy;chemo;anticancer drugs'],
  ['antigout', 'Antigout agent', '', 'gout medication'],
  ['xanthine-oxidase-inhibitor', 'Xanthine oxidase inhibitor', 'antigout', 'XOI'],
  ['urinary-antispasmodic', 'Urinary antispasmodic', 'anticholinergic', 'bladder antispasmodics'],
  ['5-alpha-reductase-inhibitor', '5-alpha reductase inhibitor', '', '5ARI'],
  ['pde5-inhibitor', 'Phosphodiesterase 5 inhibitor', 'vasodilator', 'PDE5 inhibitors'],
  ['electrolyte', 'Electrolyte or mineral supplement', '', 'electrolyte replacement'],
  ['vitamin', 'Vitamin', '', 'vitamins;supplements'],
  ['iron-supplement', 'Iron preparation', 'electrolyte', 'iron supplements'],
  ['vaccine', 'Vaccine', '', 'vaccines;immunizations;shots'],
  ['qt-prolonging', 'QT-prolonging drug', '', 'QT prolonging drugs'],
  ['nephrotoxic', 'Nephrotoxic drug', '', 'nephrotoxins'],
  ['potassium-raising', 'Drug that raises serum potassium', '', 'hyperkalemia risk drugs'],
];

const PARENTS = new Map(DRUG_CLASS_ROWS.map(([code, , parents]) => [code, parents ? parents.split(';') : []]));

/** A class code with all its ancestors, e.g. `doac` → `doac`, `anticoagulant`. Unknown codes throw. */
export function expandClasses(codes: string[]): string[] {
  const out = new Set<string>();
  const visit = (c: string) => {
    if (out.has(c)) return;
    const parents = PARENTS.get(c);
    if (!parents) throw new Error(`Unknown drug class "${c}" in the starter lexicon`);
    out.add(c);
    for (const p of parents) visit(p);
  };
  for (const c of codes) visit(c);
  return [...out];
}

/** Every starter drug class code. */
export const DRUG_CLASS_CODES: readonly string[] = DRUG_CLASS_ROWS.map(([code]) => code);
