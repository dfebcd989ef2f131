/**
 * Cue words around names in clinical notes: titles before them, credentials after them, relatives
 * and roles before them, verbs that introduce them. Written for Galen from general US clinical and
 * nursing-note usage (no word here was taken from a gold-standard corpus). Lower case.
 */
function words(s: string): ReadonlySet<string> {
  return new Set(s.split(/\s+/).filter(Boolean));
}

/** Titles before a name ("Dr. Smith", "mr. masci", "Sister Mary"). Written for Galen. */
export const TITLES = words(`dr doctor mr mrs ms miss mister prof professor drs mssrs rev father sister`);

/**
 * Credentials after a name ("Jean Hudson, RN", "Marie Munroe RN"): US nursing, medical, allied
 * health and social work degrees and licences. Written for Galen.
 */
export const CREDENTIALS = words(`
rn md np rrt lpn cna phd msw licsw lcsw rph pharmd crna fnp anp bsn msn rnc ccrn aprn cnm dnp mph
facp facs rt pa-c pac dds dmd sn snr
`);

/** Credentials too ambiguous to use without a comma before them ("called pt", "to PA"). Written for Galen. */
export const WEAK_CREDENTIALS = words(`pa ot do rd slp ms ma`);

/**
 * Relatives and other people close to the patient ("wife Mary", "HCP is daughter Ann"), with
 * nursing-note shorthand (dtr, hus, bro, sis, gf, bf). Written for Galen.
 */
export const RELATIONS = words(`
wife husband son daughter mother mom father dad brother sister niece nephew grandson granddaughter
grandaughter grandchild granddaughters grandsons aunt uncle cousin friend fiance fiancee partner
boyfriend girlfriend proxy hcp sister-in-law brother-in-law daughter-in-law son-in-law mother-in-law
father-in-law neighbor neighbour stepson stepdaughter sons daughters sisters brothers spouse guardian
caregiver roommate companion dtr hus bro sis gf bf
`);

/** Roles of staff and helpers before a name ("caseworker Leona Labowich", "rabbi Klein"). Written for Galen. */
export const ROLES = words(`
caseworker case-worker cm sw msw rabbi chaplain pastor priest reverend rev nurse resident attending
intern fellow pcp cardiologist surgeon neurologist oncologist therapist pharmacist nutritionist
dietitian physician hospitalist intensivist np coordinator interpreter translator md ho
`);

/** Words after which a name follows: "spoke with", "per", "seen by", "name is". Written for Galen. */
export const NAME_VERBS = words(`
per with by paged notified informed called contacted named name aware attending resident intern
fellow nurse np pa md is and to w/ c/w d/w pcp
`);

/** Name verbs strong enough for a capitalised word that no dictionary knows ("paged Quorvath"). Written for Galen. */
export const STRONG_NAME_VERBS = words(`paged notified informed contacted named pcp attending resident`);

/**
 * Second halves of hyphenated tokens that are words of the sentence, not of a name ("son
 * Rob-who", "DAUGHTER-KRISSY-aware"): the tokenizer splits there. Written for Galen.
 */
export const SPLIT_AFTER = words(`who was is will aware called notified in at here and to says states pager cell home phone`);

/**
 * Species names after a genus initial ("E. coli", "S. aureus"): not a surname after an initial.
 * Common clinical bacteria, fungi and parasites, written for Galen from general microbiology
 * vocabulary.
 */
export const SPECIES = words(`
coli aureus epidermidis diff difficile aeruginosa pneumoniae pneumonia influenzae fragilis albicans
glabrata marcescens cloacae baumannii jirovecii carinii mirabilis viridans maltophilia cepacia
faecalis faecium pyogenes agalactiae lugdunensis aerogenes oxytoca typhi enteritidis jejuni pylori
gonorrhoeae trachomatis pallidum tuberculosis avium catarrhalis meningitidis monocytogenes
perfringens botulinum tetani acnes krusei parapsilosis tropicalis fumigatus neoformans vulgaris
cereus anthracis burgdorferi
`);
