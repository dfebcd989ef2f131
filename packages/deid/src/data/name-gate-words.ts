/**
 * Words that must not count as a name on their own when an imported name list (e.g. the 1990 US
 * Census lists) contains them: units, clinical abbreviations, months and weekdays, and short
 * nursing-note shorthand. Written by the Galen team from general clinical vocabulary (units after
 * UCUM usage in US notes; months and weekdays of the Gregorian calendar). Lower case. The English
 * word list and the clinical stoplist are checked as well (see `name-lists.ts`).
 */
function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

export const NAME_GATE_WORDS: readonly string[] = words(`
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
mg mcg gm gms kg lb lbs oz ml cc dl mmhg meq mmol mol units iu hr hrs min mins sec secs bpm lpm
cm mm km ft in yd mph kcal cal ng pg ug mu ph osm osmol torr kpa mosm liter liters litre
bid tid qid qd qod qhs prn stat npo po pr iv im sq sc sl ng ngt og peg bipap cpap peep fio
abg vbg cbc bmp cmp lft lfts ekg ecg eeg emg mri cta cxr kub tte tee echo cath
icu ccu micu sicu ticu picu nicu csru ed er or pacu ctic rehab snf ltac
hep hepa heme onc gi gu ent ob gyn peds neuro psych ortho cardio pulm renal uro derm
sob cp ha abd ext neg pos wnl nad perrl rrr cta dtr rom rue lue rle lle bue ble
afib aflutter vtach vfib svt nsr stemi nstemi cabg ptca pci cva tia dvt pe chf copd ckd esrd
dm htn hld cad pvd uti mrsa vre cdiff c-diff hiv hcv hbv ards sirs
nurse rn lpn np pa md do dds phd msw lcsw pt ot rt slp cna
`);

/**
 * Family and care words: a listed name one letter away from one of these is a misspelling
 * ("neice", "nefew"), not a person.
 */
export const RELATION_WORDS: readonly string[] = words(`
wife husband son daughter mother father brother sister niece nephew cousin aunt uncle grandson
granddaughter grandmother grandfather grandma grandpa friend neighbor neighbour partner fiance
fiancee spouse sibling stepson stepdaughter stepmother stepfather guardian caregiver visitor
family relative relatives children child baby infant parents parent
`);

/**
 * Drug brand names, devices and clinical shorthand that are also listed as US surnames or given
 * names (written by the Galen team from general clinical vocabulary: brand names after RxNorm BN
 * usage; catheters, lifts, defibrillators and charting systems common in US ICUs). They are gated
 * like clinical words.
 */
export const CLINICAL_NAME_LOOKALIKES: readonly string[] = words(`
allegra bayer camila fragmin rayos levo tobi gent cipro colace senna forte advil aleve motrin
ativan valium xanax norco vicodin percocet keppra lasix coumadin plavix zocor crestor norvasc
quinton hickman groshong hoyer zoll vue carevue philips medtronic stryker baxter hill-rom
mech vent chol gluc crea creat dopp doppler spiro floro fluoro stas riss perl perla perrla
vea sao pao ros ota irr dul ina ith cortis lytes hemo heme pulm card cardio neuro gastro
`);

/**
 * Medical eponyms (signs, tests, instruments, incisions, operations, diseases, scales, device makers)
 * that are also listed as US surnames or given names. Written by the Galen team from general
 * clinical vocabulary (surgical instruments and incisions, physical-examination signs, named
 * diseases and classifications). A listed name found here is gated like a clinical word; the
 * built-in eponym rules (`Blake drain`, `Cooper's ligament`) still apply to the built-in names.
 */
export const EPONYM_WORDS: readonly string[] = words(`
bovie romberg kocher pfannenstiel mcburney phalen tinel rinne weber charnley mohs kegel achilles
babcock allis kelly metzenbaum mayo deaver richardson balfour bookwalter doyen adson kerrison
penfield cobb hohmann army-navy senn weitlaner gelpi frazier yankauer poole debakey satinsky
potts castroviejo jacobson gerald crile halsted hemoclip ligasure harmonic lembert connell
gambee cushing stamm witzel janeway heineke mikulicz heinecke finney jaboulay kocher lichtenstein
shouldice bassini mcvay stoppa rives judkins amplatz sones seldinger mayfield gardner-wells
fournier fuchs mcmurray lachman drawer apley thompson simmonds hawkins neer obrien speed
yergason finkelstein froment allen spurling lhermitte hoffmann babinski chaddock oppenheim
gordon schaeffer kernig brudzinski rovsing psoas obturator mcburneys murphy boas cullen
grey-turner turner kehr markle blumberg carnett dance courvoisier virchow sister-mary-joseph
trousseau chvostek homans moses pratt lowenberg duroziez quincke corrigan traube austin-flint
graham-steell carey-coombs kussmaul cheyne biot beck ewart pemberton kussmaul hamman
wechsler stanford debakey crawford denver christ lilly zimmer depuy synthes stryker smith-nephew
danek sofamor medtronic arthrex biomet ethicon covidien olympus storz pentax bard cordis
abbott boston gore edwards st-jude guidant sorin cook mentor allergan hologic
delee gia endogia tarka liston kling risser lenke ochsner shimada nesbit struthers sellar
heaney treves baylis frenzel jamar mattis purdue pegboard tanner apgar bishop ballard dubowitz
gleason breslow clark dukes astler coller ann-arbor rai binet durie salmon ranson glasgow
hunt hess fisher spetzler martin lund browder parkland rule wallace berlin kdigo rifle child
lieberman crowe davis masterson kaplan heaney mayo-hegar deaver gelpi harrington
`);
