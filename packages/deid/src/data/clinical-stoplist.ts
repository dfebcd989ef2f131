/**
 * Clinical words that look like names or places but must never be removed as PHI: eponyms
 * (diseases, signs, devices and procedures named after people), drug names that are also names,
 * units, and ward and discipline abbreviations. Written by the Galen team from general clinical
 * vocabulary. Lower case.
 */
const STOP = `
parkinson parkinsons parkinsonian alzheimer alzheimers foley swan ganz swan-ganz hickman
broviac groshong port-a-cath picc cushing cushings addison addisons graves hashimoto crohn
crohns hodgkin hodgkins bell bells down downs tourette huntington huntingtons wilson wilsons
raynaud raynauds babinski kernig brudzinski homan homans murphy murphys trendelenburg fowler
fowlers semi-fowler valsalva heimlich kussmaul cheyne stokes cheyne-stokes korotkoff glasgow
apgar braden morse richmond ramsay whipple nissen roux billroth hartmann hartmanns miller
mallory weiss mallory-weiss barrett barretts zenker zenkers meckel meckels hirschsprung
guillain barre guillain-barre bells kaposi osler weber rendu wolff parkinson-white wenckebach
mobitz brugada holter doppler swan fick frank-starling starling killip duke dukes framingham
gleason breslow clark apache ranson child pugh child-pugh meld wells geneva caprini nyha
still stills reiter reiters sjogren sjogrens kawasaki marfan marfans turner turners klinefelter
tay sachs gaucher fabry pompe lou gehrig gehrigs bence jones coombs gram giemsa wright
ziehl neelsen papanicolaou pap hemoccult guaiac ames lugol betadine jackson-pratt jp penrose
blakemore sengstaken minnesota salem sump dobhoff corpak levin ng og ogt ngt peg pej
ambu yankauer venturi bipap cpap peep ards mallampati cormack lehane macintosh mac glidescope
bair hugger kerlix coban tegaderm duoderm xeroform aquacel mepilex allevyn telfa
angio catscan supp sxt prbcs prbc con't cont prev hosp tol a-line walker stoma groin aline psv carevue remains await heparin coumadin warfarin lasix lopressor tylenol ativan haldol dilaudid morphine fentanyl
versed propofol diprivan levophed neo neosynephrine dopamine dobutamine milrinone vasopressin
zosyn vanco vancomycin flagyl levaquin cipro bactrim keflex ancef clinda unasyn ceftriaxone
protonix pepcid zantac carafate reglan zofran compazine colace senna dulcolax lactulose
kayexalate insulin lantus humalog novolog glucophage lipitor zocor plavix aspirin asa
digoxin lisinopril captopril amiodarone diltiazem cardizem metoprolol labetalol hydralazine
nitro ntg nitroglycerin nipride nicardipine esmolol precedex seroquel zyprexa risperdal
prednisone solumedrol decadron albuterol atrovent combivent advair spiriva mucomyst
kcl kphos magox mag neutraphos ferrous lovenox fragmin argatroban integrilin tpa activase
aggrastat reopro natrecor nesiritide florinef dexamethasone hydrocortisone solucortef
tobramycin gentamicin amikacin ampicillin nafcillin cefepime meropenem imipenem aztreonam
linezolid zyvox daptomycin fluconazole diflucan ambisome acyclovir ganciclovir tamiflu
benadryl atarax ambien restoril xanax klonopin valium dilantin keppra depakote tegretol
neurontin lyrica narcan flumazenil romazicon ensure promote impact jevity pulmocare nepro
glucerna peptamen osmolite boost vivonex
mg mcg gm kg ml cc dl mmhg meq mmol units unit iu hr hrs min mins sec bpm lpm
ms pt pts ptt inr hct hgb wbc plt bun cr na cl co2 ca mg mag phos alb ast alt ldh cpk ck
trop tnt bnp abg vbg svo2 scvo2 sao2 spo2 fio2 etco2 map cvp pcwp pad pas ci co svr pvr
icu micu sicu ccu csru ctic nicu picu tsicu ed er ew or pacu pcu cath lab ir ep gi gu id
ent ot slp rt rrt rn lpn np pa md do cna pct msw sw chaplain hcp poa dnr dni cmo fc
vs neuro resp cv renal heme endo skin social dispo plan assessment response action
note nursing progress admit admission transfer discharge home family wife husband son
daughter mother father brother sister friend neighbor
sats sat iabp ivp dsgs dsg drsg drsgs sxn sxd sx'd suct sputum neb nebs trach ett ogt ngt ivf ivfs
simv cmv prvc aprv imv ac psv ps cpap bipap nrb nc fm hfnc vicu cvicu sicu tsicu msicu csru ccu
micu nicu picu pacu ctic ed ew dobut dopa levo neo epi norepi vaso milri nitro ntg dobutamine
ademand vvi ddd aai vdd dddr vvir
acetaminophen ibuprofen motrin naproxen toradol ketorolac oxycodone percocet vicodin hydromorphone
methadone tramadol ultram lorazepam midazolam diazepam clonazepam alprazolam quetiapine olanzapine
haloperidol risperidone trazodone zolpidem mirtazapine remeron sertraline zoloft paxil prozac
celexa lexapro citalopram escitalopram fluoxetine paroxetine venlafaxine effexor bupropion
wellbutrin cymbalta duloxetine gabapentin pregabalin phenytoin levetiracetam valproate lamotrigine
lamictal carbamazepine phenobarbital furosemide bumetanide bumex torsemide demadex metolazone
zaroxolyn hydrochlorothiazide hctz spironolactone aldactone acetazolamide diamox mannitol
enalapril vasotec ramipril altace losartan cozaar valsartan diovan amlodipine norvasc nifedipine
procardia verapamil atenolol tenormin carvedilol coreg propranolol inderal clonidine catapres
isosorbide imdur nitropaste atorvastatin simvastatin pravastatin rosuvastatin crestor clopidogrel
ticagrelor prasugrel effient eptifibatide tirofiban abciximab bivalirudin angiomax enoxaparin
dalteparin fondaparinux arixtra dabigatran pradaxa rivaroxaban xarelto apixaban eliquis alteplase
vitamin thiamine folate folic multivitamin mvi calcium potassium magnesium phosphorus bicarb
sodium bicarbonate dextrose glucagon octreotide sandostatin pantoprazole omeprazole prilosec
esomeprazole nexium lansoprazole prevacid famotidine ranitidine sucralfate metoclopramide
ondansetron prochlorperazine promethazine phenergan docusate sennosides bisacodyl miralax
polyethylene golytely simethicone loperamide imodium rifaximin xifaxan nadolol lactated ringers
ringer albumin hespan hetastarch ffp cryo platelets prbc ddavp desmopressin vitamin-k aquamephyton
levothyroxine synthroid methimazole ptu metformin glipizide glyburide actos avandia sitagliptin
januvia levemir detemir glargine nph regular aspart lispro humulin novolin solu-medrol
methylprednisolone medrol budesonide pulmicort fluticasone flovent ipratropium tiotropium
levalbuterol xopenex montelukast singulair guaifenesin robitussin mucinex acetylcysteine
azithromycin zithromax clarithromycin doxycycline minocycline ciprofloxacin levofloxacin
moxifloxacin avelox metronidazole clindamycin cefazolin ceftazidime fortaz cefuroxime
cephalexin amoxicillin augmentin piperacillin tazobactam ertapenem invanz doripenem
colistin polymyxin rifampin isoniazid ethambutol pyrazinamide tmp-smx sulfamethoxazole
trimethoprim nitrofurantoin macrobid voriconazole caspofungin micafungin amphotericin ampho
valganciclovir valtrex valacyclovir oseltamivir ribavirin tacrolimus prograf cyclosporine
mycophenolate cellcept sirolimus azathioprine imuran methotrexate rituximab cytoxan
epinephrine norepinephrine phenylephrine vasopressin isoproterenol isuprel atropine adenosine
adenocard procainamide lidocaine ibutilide dofetilide sotalol digibind dexmedetomidine ketamine
etomidate succinylcholine rocuronium vecuronium cisatracurium nimbex propofol naloxone
flumazenil neostigmine glycopyrrolate robinul scopolamine haldol cogentin benztropine
afib a-fib vfib v-fib aflutter a-flutter vtach v-tach svt nsr sinus bigeminy trigeminy
postanesthesia postanesthetic pacu cmc mcp pip dip mtp tmj glenn fontan norwood blalock taussig
`;

export const CLINICAL_STOPLIST: readonly string[] = STOP.split(/\s+/).filter(Boolean);
