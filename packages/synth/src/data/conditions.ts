/**
 * Conditions the generator assigns, with ICD-10-CM (FY2024 release, CMS/NCHS) and SNOMED CT
 * (International Edition) codes, an approximate prevalence by age, plausible onset ages and
 * comorbidity links.
 *
 * Prevalence figures are rounded U.S. adult estimates from public sources, e.g. CDC National
 * Diabetes Statistics Report (2022: diagnosed diabetes ~11%), CDC/NCHS NHANES data briefs
 * (hypertension, high cholesterol, obesity), CDC asthma and COPD surveillance (BRFSS), CDC Chronic
 * Kidney Disease Surveillance System, AHA Heart Disease & Stroke Statistics (2023) for AF, heart
 * failure, CAD, MI and stroke, Alzheimer's Association Facts and Figures (2023). They describe a
 * primary-care panel rather than exact epidemiology; `boost` multiplies the chance when a listed
 * condition is already present (e.g. obesity raises type 2 diabetes risk).
 */
export const SNOMED = 'http://snomed.info/sct';
export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';

export interface ConditionDef {
  key: string;
  snomed: string;
  snomedDisplay: string;
  icd10: string;
  icd10Display: string;
  /** Chronic problems persist; acute ones resolve and drive visits. */
  kind: 'chronic' | 'acute';
  /** [age, probability] points; linear between them, 0 before the first. */
  byAge: readonly (readonly [number, number])[];
  sex?: 'female' | 'male';
  /** Relative risk applied when the keyed condition is already present. */
  boost?: Readonly<Record<string, number>>;
  /** Only possible when this condition is present. */
  requires?: string;
  /** Typical onset age window, years. */
  onset: readonly [number, number];
  /** Medication keys: first-line first; the generator picks one or two. */
  meds: readonly string[];
  /** Surface forms for notes: preferred term, synonyms, abbreviations, a misspelling. */
  names: readonly string[];
}

const c = (d: ConditionDef): ConditionDef => d;

/** Chronic conditions in dependency order (a condition appears after those it requires or is boosted by). */
export const CONDITIONS: readonly ConditionDef[] = [
  c({ key: 'obesity', snomed: '414916001', snomedDisplay: 'Obesity (disorder)', icd10: 'E66.9', icd10Display: 'Obesity, unspecified', kind: 'chronic', byAge: [[2, 0.08], [20, 0.2], [50, 0.3], [80, 0.2]], onset: [10, 50], meds: [], names: ['obesity', 'obese', 'morbid obesity', 'obestiy'] }),
  c({ key: 'nicotine', snomed: '56294008', snomedDisplay: 'Nicotine dependence (disorder)', icd10: 'F17.210', icd10Display: 'Nicotine dependence, cigarettes, uncomplicated', kind: 'chronic', byAge: [[16, 0.03], [25, 0.13], [60, 0.12], [85, 0.05]], onset: [15, 25], meds: ['bupropion'], names: ['tobacco use', 'nicotine dependence', 'smoker', 'cigarette smoking', 'tobbaco use'] }),
  c({ key: 'alcohol_use', snomed: '7200002', snomedDisplay: 'Alcoholism (disorder)', icd10: 'F10.20', icd10Display: 'Alcohol dependence, uncomplicated', kind: 'chronic', byAge: [[18, 0.03], [30, 0.06], [60, 0.04], [85, 0.01]], onset: [18, 40], meds: [], names: ['alcohol use disorder', 'EtOH abuse', 'alcohol dependence', 'ETOH use disorder'] }),
  c({ key: 'hypertension', snomed: '59621000', snomedDisplay: 'Essential hypertension (disorder)', icd10: 'I10', icd10Display: 'Essential (primary) hypertension', kind: 'chronic', byAge: [[18, 0.04], [30, 0.1], [50, 0.33], [65, 0.58], [85, 0.72]], boost: { obesity: 1.5 }, onset: [30, 65], meds: ['lisinopril', 'amlodipine', 'hctz', 'losartan'], names: ['hypertension', 'HTN', 'high blood pressure', 'essential hypertension', 'hypertenison'] }),
  c({ key: 'hyperlipidemia', snomed: '55822004', snomedDisplay: 'Hyperlipidemia (disorder)', icd10: 'E78.5', icd10Display: 'Hyperlipidemia, unspecified', kind: 'chronic', byAge: [[20, 0.03], [40, 0.15], [60, 0.4], [80, 0.5]], boost: { obesity: 1.3 }, onset: [35, 65], meds: ['atorvastatin', 'simvastatin'], names: ['hyperlipidemia', 'HLD', 'high cholesterol', 'dyslipidemia', 'hyperlipidemai'] }),
  c({ key: 'prediabetes', snomed: '714628002', snomedDisplay: 'Prediabetes (finding)', icd10: 'R73.03', icd10Display: 'Prediabetes', kind: 'chronic', byAge: [[18, 0.04], [45, 0.1], [70, 0.12]], boost: { obesity: 1.8 }, onset: [30, 60], meds: ['metformin'], names: ['prediabetes', 'pre-diabetes', 'impaired fasting glucose', 'borderline diabetes'] }),
  c({ key: 't2dm', snomed: '44054006', snomedDisplay: 'Diabetes mellitus type 2 (disorder)', icd10: 'E11.9', icd10Display: 'Type 2 diabetes mellitus without complications', kind: 'chronic', byAge: [[18, 0.01], [40, 0.06], [60, 0.17], [75, 0.25]], boost: { obesity: 2.2, hypertension: 1.4 }, onset: [35, 65], meds: ['metformin', 'glargine', 'empagliflozin'], names: ['type 2 diabetes', 'T2DM', 'DM2', 'diabetes mellitus type II', 'NIDDM', 'type 2 diabetis'] }),
  c({ key: 'diabetic_neuropathy', snomed: '230572002', snomedDisplay: 'Diabetic neuropathy (disorder)', icd10: 'E11.40', icd10Display: 'Type 2 diabetes mellitus with diabetic neuropathy, unspecified', kind: 'chronic', byAge: [[30, 0.15], [70, 0.35]], requires: 't2dm', onset: [45, 75], meds: ['gabapentin'], names: ['diabetic neuropathy', 'peripheral neuropathy', 'DPN', 'diabetic neuropahty'] }),
  c({ key: 'ckd3', snomed: '433144002', snomedDisplay: 'Chronic kidney disease stage 3 (disorder)', icd10: 'N18.30', icd10Display: 'Chronic kidney disease, stage 3 unspecified', kind: 'chronic', byAge: [[30, 0.005], [60, 0.05], [80, 0.2]], boost: { t2dm: 2.5, hypertension: 1.8 }, onset: [50, 80], meds: ['lisinopril'], names: ['chronic kidney disease stage 3', 'CKD 3', 'CKD stage III', 'chronic renal insufficiency'] }),
  c({ key: 'cad', snomed: '53741008', snomedDisplay: 'Coronary arteriosclerosis (disorder)', icd10: 'I25.10', icd10Display: 'Atherosclerotic heart disease of native coronary artery without angina pectoris', kind: 'chronic', byAge: [[35, 0.005], [55, 0.06], [75, 0.18]], boost: { hyperlipidemia: 1.7, t2dm: 1.7, nicotine: 1.8, hypertension: 1.5 }, onset: [50, 75], meds: ['aspirin', 'atorvastatin', 'metoprolol'], names: ['coronary artery disease', 'CAD', 'ischemic heart disease', 'coronary atherosclerosis', 'coronary artery diseas'] }),
  c({ key: 'old_mi', snomed: '1755008', snomedDisplay: 'Old myocardial infarction (disorder)', icd10: 'I25.2', icd10Display: 'Old myocardial infarction', kind: 'chronic', byAge: [[40, 0.15], [80, 0.35]], requires: 'cad', onset: [50, 78], meds: ['aspirin', 'clopidogrel', 'metoprolol'], names: ['prior MI', 'old myocardial infarction', 'history of heart attack', 'remote NSTEMI'] }),
  c({ key: 'afib', snomed: '49436004', snomedDisplay: 'Atrial fibrillation (disorder)', icd10: 'I48.91', icd10Display: 'Unspecified atrial fibrillation', kind: 'chronic', byAge: [[45, 0.003], [65, 0.04], [85, 0.15]], boost: { hypertension: 1.5, cad: 1.5 }, onset: [60, 85], meds: ['apixaban', 'metoprolol', 'warfarin'], names: ['atrial fibrillation', 'AFib', 'AF', 'a-fib', 'atrial fibrilation'] }),
  c({ key: 'heart_failure', snomed: '84114007', snomedDisplay: 'Heart failure (disorder)', icd10: 'I50.9', icd10Display: 'Heart failure, unspecified', kind: 'chronic', byAge: [[45, 0.003], [65, 0.04], [85, 0.12]], boost: { cad: 2.5, hypertension: 1.6, afib: 2 }, onset: [60, 85], meds: ['carvedilol', 'furosemide', 'lisinopril', 'spironolactone', 'empagliflozin'], names: ['congestive heart failure', 'CHF', 'heart failure', 'HFrEF', 'congestive heart faliure'] }),
  c({ key: 'stroke', snomed: '432504007', snomedDisplay: 'Cerebral infarction (disorder)', icd10: 'I63.9', icd10Display: 'Cerebral infarction, unspecified', kind: 'chronic', byAge: [[40, 0.004], [65, 0.04], [85, 0.1]], boost: { afib: 2.5, hypertension: 1.6 }, onset: [55, 85], meds: ['aspirin', 'clopidogrel', 'atorvastatin'], names: ['stroke', 'CVA', 'cerebrovascular accident', 'ischemic stroke', 'cerebral infarct'] }),
  c({ key: 'pad', snomed: '399957001', snomedDisplay: 'Peripheral arterial occlusive disease (disorder)', icd10: 'I73.9', icd10Display: 'Peripheral vascular disease, unspecified', kind: 'chronic', byAge: [[50, 0.01], [70, 0.06], [85, 0.12]], boost: { nicotine: 2.5, t2dm: 2 }, onset: [55, 80], meds: ['aspirin', 'atorvastatin'], names: ['peripheral arterial disease', 'PAD', 'PVD', 'peripheral vascular disease'] }),
  c({ key: 'asthma', snomed: '195967001', snomedDisplay: 'Asthma (disorder)', icd10: 'J45.909', icd10Display: 'Unspecified asthma, uncomplicated', kind: 'chronic', byAge: [[3, 0.05], [12, 0.08], [40, 0.08], [80, 0.07]], onset: [3, 30], meds: ['albuterol', 'fluticasone', 'montelukast'], names: ['asthma', 'reactive airway disease', 'RAD', 'asthama'] }),
  c({ key: 'copd', snomed: '13645005', snomedDisplay: 'Chronic obstructive lung disease (disorder)', icd10: 'J44.9', icd10Display: 'Chronic obstructive pulmonary disease, unspecified', kind: 'chronic', byAge: [[40, 0.01], [65, 0.08], [85, 0.12]], boost: { nicotine: 4 }, onset: [50, 75], meds: ['tiotropium', 'albuterol'], names: ['COPD', 'chronic obstructive pulmonary disease', 'emphysema', 'chronic bronchitis', 'CPOD'] }),
  c({ key: 'osa', snomed: '78275009', snomedDisplay: 'Obstructive sleep apnea syndrome (disorder)', icd10: 'G47.33', icd10Display: 'Obstructive sleep apnea (adult) (pediatric)', kind: 'chronic', byAge: [[25, 0.02], [50, 0.08], [80, 0.08]], boost: { obesity: 3 }, onset: [35, 65], meds: [], names: ['obstructive sleep apnea', 'OSA', 'sleep apnea', 'obstuctive sleep apnea'] }),
  c({ key: 'depression', snomed: '370143000', snomedDisplay: 'Major depressive disorder (disorder)', icd10: 'F32.9', icd10Display: 'Major depressive disorder, single episode, unspecified', kind: 'chronic', byAge: [[12, 0.03], [18, 0.08], [50, 0.08], [85, 0.06]], boost: { alcohol_use: 1.8 }, onset: [15, 50], meds: ['sertraline', 'escitalopram', 'bupropion'], names: ['depression', 'major depressive disorder', 'MDD', 'depressive disorder', 'depresion'] }),
  c({ key: 'anxiety', snomed: '21897009', snomedDisplay: 'Generalized anxiety disorder (disorder)', icd10: 'F41.1', icd10Display: 'Generalized anxiety disorder', kind: 'chronic', byAge: [[10, 0.03], [20, 0.07], [60, 0.05]], boost: { depression: 2.5 }, onset: [12, 45], meds: ['sertraline', 'escitalopram'], names: ['generalized anxiety disorder', 'GAD', 'anxiety', 'anxeity'] }),
  c({ key: 'insomnia', snomed: '193462001', snomedDisplay: 'Insomnia (disorder)', icd10: 'G47.00', icd10Display: 'Insomnia, unspecified', kind: 'chronic', byAge: [[18, 0.05], [60, 0.1]], boost: { depression: 2, anxiety: 1.8 }, onset: [20, 70], meds: ['trazodone'], names: ['insomnia', 'difficulty sleeping', 'sleep disturbance', 'insomina'] }),
  c({ key: 'adhd', snomed: '406506008', snomedDisplay: 'Attention deficit hyperactivity disorder (disorder)', icd10: 'F90.9', icd10Display: 'Attention-deficit hyperactivity disorder, unspecified type', kind: 'chronic', byAge: [[5, 0.06], [12, 0.1], [25, 0.04], [60, 0.02]], onset: [5, 12], meds: ['methylphenidate'], names: ['ADHD', 'attention deficit hyperactivity disorder', 'ADD', 'attention deficit disorder'] }),
  c({ key: 'hypothyroidism', snomed: '40930008', snomedDisplay: 'Hypothyroidism (disorder)', icd10: 'E03.9', icd10Display: 'Hypothyroidism, unspecified', kind: 'chronic', byAge: [[15, 0.01], [40, 0.05], [70, 0.1]], onset: [25, 65], meds: ['levothyroxine'], names: ['hypothyroidism', 'underactive thyroid', 'hypothyroid', 'hypothyrodism'] }),
  c({ key: 'gerd', snomed: '235595009', snomedDisplay: 'Gastroesophageal reflux disease (disorder)', icd10: 'K21.9', icd10Display: 'Gastro-esophageal reflux disease without esophagitis', kind: 'chronic', byAge: [[15, 0.04], [40, 0.14], [70, 0.18]], boost: { obesity: 1.6 }, onset: [25, 60], meds: ['omeprazole', 'pantoprazole'], names: ['GERD', 'acid reflux', 'gastroesophageal reflux disease', 'reflux', 'GORD'] }),
  c({ key: 'nafld', snomed: '197321007', snomedDisplay: 'Steatosis of liver (disorder)', icd10: 'K76.0', icd10Display: 'Fatty (change of) liver, not elsewhere classified', kind: 'chronic', byAge: [[20, 0.02], [50, 0.08], [75, 0.06]], boost: { obesity: 3, t2dm: 2 }, onset: [30, 60], meds: [], names: ['fatty liver', 'NAFLD', 'hepatic steatosis', 'nonalcoholic fatty liver disease'] }),
  c({ key: 'hepatitis_c', snomed: '128302006', snomedDisplay: 'Chronic hepatitis C (disorder)', icd10: 'B18.2', icd10Display: 'Chronic viral hepatitis C', kind: 'chronic', byAge: [[20, 0.003], [55, 0.012], [80, 0.005]], boost: { alcohol_use: 2 }, onset: [20, 50], meds: [], names: ['chronic hepatitis C', 'HCV', 'hep C', 'hepatitis C infection'] }),
  c({ key: 'osteoarthritis', snomed: '239873007', snomedDisplay: 'Osteoarthritis of knee (disorder)', icd10: 'M17.9', icd10Display: 'Osteoarthritis of knee, unspecified', kind: 'chronic', byAge: [[35, 0.01], [55, 0.1], [80, 0.3]], boost: { obesity: 2 }, onset: [45, 75], meds: ['acetaminophen', 'meloxicam', 'ibuprofen'], names: ['osteoarthritis of the knee', 'knee OA', 'degenerative joint disease', 'DJD', 'osteoarthritis', 'osteoarthritus'] }),
  c({ key: 'low_back_pain', snomed: '278860009', snomedDisplay: 'Chronic low back pain (finding)', icd10: 'M54.50', icd10Display: 'Low back pain, unspecified', kind: 'chronic', byAge: [[18, 0.04], [45, 0.1], [80, 0.1]], boost: { obesity: 1.4 }, onset: [25, 60], meds: ['ibuprofen', 'cyclobenzaprine', 'acetaminophen'], names: ['chronic low back pain', 'LBP', 'lumbago', 'low back pain', 'chronic lower back pain'] }),
  c({ key: 'rheumatoid_arthritis', snomed: '69896004', snomedDisplay: 'Rheumatoid arthritis (disorder)', icd10: 'M06.9', icd10Display: 'Rheumatoid arthritis, unspecified', kind: 'chronic', byAge: [[25, 0.003], [60, 0.012]], onset: [30, 60], meds: ['methotrexate', 'hydroxychloroquine'], names: ['rheumatoid arthritis', 'RA', 'rheumatoid arthritus'] }),
  c({ key: 'gout', snomed: '90560007', snomedDisplay: 'Gout (disorder)', icd10: 'M10.9', icd10Display: 'Gout, unspecified', kind: 'chronic', byAge: [[30, 0.01], [60, 0.05], [80, 0.08]], boost: { hypertension: 1.5, ckd3: 2, obesity: 1.5 }, onset: [40, 70], meds: ['allopurinol', 'colchicine'], names: ['gout', 'gouty arthritis', 'podagra', 'gout flare'] }),
  c({ key: 'osteoporosis', snomed: '64859006', snomedDisplay: 'Osteoporosis (disorder)', icd10: 'M81.0', icd10Display: 'Age-related osteoporosis without current pathological fracture', kind: 'chronic', byAge: [[50, 0.05], [65, 0.15], [85, 0.3]], sex: 'female', onset: [55, 80], meds: ['alendronate', 'cholecalciferol'], names: ['osteoporosis', 'low bone density', 'osteoperosis'] }),
  c({ key: 'vitamin_d_deficiency', snomed: '34713006', snomedDisplay: 'Vitamin D deficiency (disorder)', icd10: 'E55.9', icd10Display: 'Vitamin D deficiency, unspecified', kind: 'chronic', byAge: [[10, 0.03], [40, 0.07], [80, 0.1]], boost: { obesity: 1.5 }, onset: [20, 70], meds: ['cholecalciferol'], names: ['vitamin D deficiency', 'low vitamin D', 'hypovitaminosis D', 'vit D deficiency'] }),
  c({ key: 'iron_deficiency_anemia', snomed: '87522002', snomedDisplay: 'Iron deficiency anemia (disorder)', icd10: 'D50.9', icd10Display: 'Iron deficiency anemia, unspecified', kind: 'chronic', byAge: [[1, 0.02], [20, 0.03], [50, 0.02], [80, 0.05]], onset: [15, 80], meds: ['ferrous_sulfate'], names: ['iron deficiency anemia', 'IDA', 'anemia', 'iron-deficiency anaemia'] }),
  c({ key: 'bph', snomed: '266569009', snomedDisplay: 'Benign prostatic hyperplasia (disorder)', icd10: 'N40.0', icd10Display: 'Benign prostatic hyperplasia without lower urinary tract symptoms', kind: 'chronic', byAge: [[45, 0.05], [60, 0.25], [80, 0.5]], sex: 'male', onset: [50, 75], meds: ['tamsulosin', 'finasteride'], names: ['benign prostatic hyperplasia', 'BPH', 'enlarged prostate', 'benign prostatic hypertrophy'] }),
  c({ key: 'migraine', snomed: '37796009', snomedDisplay: 'Migraine (disorder)', icd10: 'G43.909', icd10Display: 'Migraine, unspecified, not intractable, without status migrainosus', kind: 'chronic', byAge: [[10, 0.04], [30, 0.12], [60, 0.06]], onset: [12, 35], meds: ['sumatriptan', 'ibuprofen'], names: ['migraine', 'migraine headaches', 'migraines', 'migrane'] }),
  c({ key: 'epilepsy', snomed: '84757009', snomedDisplay: 'Epilepsy (disorder)', icd10: 'G40.909', icd10Display: 'Epilepsy, unspecified, not intractable, without status epilepticus', kind: 'chronic', byAge: [[1, 0.006], [30, 0.012], [80, 0.015]], onset: [2, 40], meds: ['levetiracetam'], names: ['epilepsy', 'seizure disorder', 'seizures', 'epilespy'] }),
  c({ key: 'dementia', snomed: '26929004', snomedDisplay: "Alzheimer's disease (disorder)", icd10: 'G30.9', icd10Display: "Alzheimer's disease, unspecified", kind: 'chronic', byAge: [[60, 0.01], [75, 0.1], [90, 0.3]], onset: [70, 90], meds: ['donepezil'], names: ["Alzheimer's dementia", 'dementia', "Alzheimer's disease", 'Alzheimers', 'Alzhiemer dementia'] }),
  c({ key: 'glaucoma', snomed: '77075001', snomedDisplay: 'Primary open angle glaucoma (disorder)', icd10: 'H40.10X0', icd10Display: 'Unspecified open-angle glaucoma, stage unspecified', kind: 'chronic', byAge: [[40, 0.01], [70, 0.05], [85, 0.1]], onset: [50, 80], meds: ['latanoprost'], names: ['glaucoma', 'open-angle glaucoma', 'POAG', 'glaucomma'] }),
  c({ key: 'allergic_rhinitis', snomed: '61582004', snomedDisplay: 'Allergic rhinitis (disorder)', icd10: 'J30.9', icd10Display: 'Allergic rhinitis, unspecified', kind: 'chronic', byAge: [[3, 0.06], [20, 0.1], [70, 0.05]], boost: { asthma: 2 }, onset: [4, 30], meds: ['cetirizine', 'fluticasone', 'montelukast'], names: ['allergic rhinitis', 'seasonal allergies', 'hay fever', 'allergic rhinits'] }),
  c({ key: 'eczema', snomed: '24079001', snomedDisplay: 'Atopic dermatitis (disorder)', icd10: 'L20.9', icd10Display: 'Atopic dermatitis, unspecified', kind: 'chronic', byAge: [[0, 0.1], [10, 0.08], [30, 0.03], [70, 0.02]], boost: { asthma: 1.8 }, onset: [0, 10], meds: ['cetirizine'], names: ['eczema', 'atopic dermatitis', 'atopic eczema', 'exzema'] }),
  c({ key: 'psoriasis', snomed: '9014002', snomedDisplay: 'Psoriasis (disorder)', icd10: 'L40.9', icd10Display: 'Psoriasis, unspecified', kind: 'chronic', byAge: [[10, 0.01], [40, 0.03]], onset: [15, 45], meds: ['methotrexate'], names: ['psoriasis', 'plaque psoriasis', 'psoraisis'] }),
];

/** Acute problems that bring patients to the office, the ED or the hospital. */
export const ACUTE_CONDITIONS: readonly ConditionDef[] = [
  c({ key: 'uri', snomed: '82272006', snomedDisplay: 'Common cold (disorder)', icd10: 'J00', icd10Display: 'Acute nasopharyngitis [common cold]', kind: 'acute', byAge: [[0, 1]], onset: [0, 99], meds: ['acetaminophen'], names: ['upper respiratory infection', 'URI', 'common cold', 'viral URI', 'head cold'] }),
  c({ key: 'strep_pharyngitis', snomed: '43878008', snomedDisplay: 'Streptococcal sore throat (disorder)', icd10: 'J02.0', icd10Display: 'Streptococcal pharyngitis', kind: 'acute', byAge: [[0, 1]], onset: [3, 40], meds: ['amoxicillin'], names: ['strep throat', 'streptococcal pharyngitis', 'strep pharyngitis', 'GAS pharyngitis'] }),
  c({ key: 'sinusitis', snomed: '15805002', snomedDisplay: 'Acute sinusitis (disorder)', icd10: 'J01.90', icd10Display: 'Acute sinusitis, unspecified', kind: 'acute', byAge: [[0, 1]], onset: [5, 90], meds: ['amoxicillin', 'azithromycin'], names: ['acute sinusitis', 'sinus infection', 'rhinosinusitis', 'sinusitus'] }),
  c({ key: 'otitis_media', snomed: '65363002', snomedDisplay: 'Otitis media (disorder)', icd10: 'H66.90', icd10Display: 'Otitis media, unspecified, unspecified ear', kind: 'acute', byAge: [[0, 1]], onset: [0, 12], meds: ['amoxicillin'], names: ['otitis media', 'ear infection', 'AOM', 'middle ear infection'] }),
  c({ key: 'bronchitis', snomed: '10509002', snomedDisplay: 'Acute bronchitis (disorder)', icd10: 'J20.9', icd10Display: 'Acute bronchitis, unspecified', kind: 'acute', byAge: [[0, 1]], onset: [5, 90], meds: ['albuterol'], names: ['acute bronchitis', 'bronchitis', 'chest cold', 'bronchitus'] }),
  c({ key: 'uti', snomed: '68566005', snomedDisplay: 'Urinary tract infectious disease (disorder)', icd10: 'N39.0', icd10Display: 'Urinary tract infection, site not specified', kind: 'acute', byAge: [[0, 1]], sex: 'female', onset: [15, 95], meds: ['nitrofurantoin', 'cephalexin'], names: ['urinary tract infection', 'UTI', 'cystitis', 'bladder infection', 'urinary tract infxn'] }),
  c({ key: 'cellulitis', snomed: '128045006', snomedDisplay: 'Cellulitis (disorder)', icd10: 'L03.90', icd10Display: 'Cellulitis, unspecified', kind: 'acute', byAge: [[0, 1]], onset: [10, 95], meds: ['cephalexin'], names: ['cellulitis', 'skin infection', 'soft tissue infection', 'cellulitus'] }),
  c({ key: 'pneumonia', snomed: '233604007', snomedDisplay: 'Pneumonia (disorder)', icd10: 'J18.9', icd10Display: 'Pneumonia, unspecified organism', kind: 'acute', byAge: [[0, 1]], onset: [0, 99], meds: ['ceftriaxone', 'azithromycin'], names: ['pneumonia', 'PNA', 'community-acquired pneumonia', 'CAP', 'pnuemonia'] }),
  c({ key: 'sepsis', snomed: '91302008', snomedDisplay: 'Sepsis (disorder)', icd10: 'A41.9', icd10Display: 'Sepsis, unspecified organism', kind: 'acute', byAge: [[0, 1]], onset: [0, 99], meds: ['vancomycin', 'cefepime', 'sodium_chloride'], names: ['sepsis', 'septic', 'septicemia', 'sespis'] }),
  c({ key: 'aki', snomed: '14669001', snomedDisplay: 'Acute renal failure syndrome (disorder)', icd10: 'N17.9', icd10Display: 'Acute kidney failure, unspecified', kind: 'acute', byAge: [[0, 1]], onset: [0, 99], meds: ['sodium_chloride'], names: ['acute kidney injury', 'AKI', 'acute renal failure', 'ARF', 'acute kidney injry'] }),
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
  { key: 'fever', snomed: '386661006', display: 'Fever (finding)', icd10: 'R50.9', names: ['fever', 'fevers', 'febrile', 'temps'] },
  { key: 'chills', snomed: '43724002', display: 'Chill (finding)', icd10: 'R68.83', names: ['chills', 'rigors', 'shaking chills'] },
  { key: 'chest_pain', snomed: '29857009', display: 'Chest pain (finding)', icd10: 'R07.9', names: ['chest pain', 'CP', 'chest discomfort', 'chest pressure'] },
  { key: 'dyspnea', snomed: '267036007', display: 'Dyspnea (finding)', icd10: 'R06.00', names: ['shortness of breath', 'SOB', 'dyspnea', 'trouble breathing', 'dyspnoea'] },
  { key: 'cough', snomed: '49727002', display: 'Cough (finding)', icd10: 'R05.9', names: ['cough', 'coughing', 'productive cough'] },
  { key: 'nausea', snomed: '422587007', display: 'Nausea (finding)', icd10: 'R11.0', names: ['nausea', 'nauseated', 'queasy'] },
  { key: 'vomiting', snomed: '422400008', display: 'Vomiting (disorder)', icd10: 'R11.10', names: ['vomiting', 'emesis', 'throwing up'] },
  { key: 'headache', snomed: '25064002', display: 'Headache (finding)', icd10: 'R51.9', names: ['headache', 'HA', 'head pain'] },
  { key: 'abdominal_pain', snomed: '21522001', display: 'Abdominal pain (finding)', icd10: 'R10.9', names: ['abdominal pain', 'abd pain', 'belly pain', 'stomach ache'] },
  { key: 'dysuria', snomed: '49650001', display: 'Dysuria (finding)', icd10: 'R30.0', names: ['dysuria', 'burning with urination', 'painful urination'] },
  { key: 'dizziness', snomed: '404640003', display: 'Dizziness (finding)', icd10: 'R42', names: ['dizziness', 'lightheadedness', 'dizzy spells'] },
  { key: 'fatigue', snomed: '84229001', display: 'Fatigue (finding)', icd10: 'R53.83', names: ['fatigue', 'tiredness', 'low energy', 'malaise'] },
  { key: 'confusion', snomed: '286933003', display: 'Confusional state (disorder)', icd10: 'R41.0', names: ['confusion', 'altered mental status', 'AMS', 'disorientation'] },
];

/** Conditions mentioned in family histories. */
export const FAMILY_CONDITIONS: readonly { snomed: string; display: string; icd10: string; names: readonly string[] }[] = [
  { snomed: '254837009', display: 'Malignant neoplasm of breast (disorder)', icd10: 'C50.919', names: ['breast cancer', 'breast CA'] },
  { snomed: '363406005', display: 'Malignant tumor of colon (disorder)', icd10: 'C18.9', names: ['colon cancer', 'colorectal cancer', 'colon CA'] },
  { snomed: '44054006', display: 'Diabetes mellitus type 2 (disorder)', icd10: 'E11.9', names: ['diabetes', 'type 2 diabetes', 'sugar diabetes'] },
  { snomed: '59621000', display: 'Essential hypertension (disorder)', icd10: 'I10', names: ['high blood pressure', 'hypertension'] },
  { snomed: '53741008', display: 'Coronary arteriosclerosis (disorder)', icd10: 'I25.10', names: ['heart disease', 'coronary artery disease'] },
  { snomed: '432504007', display: 'Cerebral infarction (disorder)', icd10: 'I63.9', names: ['stroke', 'a stroke'] },
  { snomed: '26929004', display: "Alzheimer's disease (disorder)", icd10: 'G30.9', names: ["Alzheimer's", 'dementia'] },
];

export const FAMILY_MEMBERS = ['mother', 'father', 'sister', 'brother', 'maternal grandmother', 'paternal grandfather', 'aunt', 'uncle'] as const;

const ALL = new Map([...CONDITIONS, ...ACUTE_CONDITIONS].map((d) => [d.key, d]));

export function condition(key: string): ConditionDef {
  const d = ALL.get(key);
  if (!d) throw new Error(`Unknown condition ${key}`);
  return d;
}

/** Probability at an age, interpolated between the `byAge` points. */
export function prevalenceAt(def: ConditionDef, age: number): number {
  const pts = def.byAge;
  const first = pts[0];
  if (!first || age < first[0]) return 0;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i]!;
    const q = pts[i - 1]!;
    if (age <= p[0]) return q[1] + ((p[1] - q[1]) * (age - q[0])) / (p[0] - q[0]);
  }
  return pts[pts.length - 1]![1];
}
