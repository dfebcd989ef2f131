/**
 * Cue words around places in clinical notes: what comes before a hospital's or a town's name, what
 * a place name ends with, which words name a hospital. Written for Galen from general US clinical
 * and English usage (no word here was taken from a gold-standard corpus). Lower case.
 */
function words(s: string): ReadonlySet<string> {
  return new Set(s.split(/\s+/).filter(Boolean));
}

/**
 * Verbs of moving and living followed by a preposition, right before a place: "transferred from",
 * "lives in", "flew back to". Tested on the 40 characters before a word. Written for Galen.
 */
export const LOCATION_CUES =
  /\b(?:transferred|transfered|transfer|trans|xfer|xferred|admitted|adm|sent|seen|lives|living|lived|resides|resident|home|moved|flying|flew|flown|drove|driving|discharged|dc'd|d\/c'd|dispo|returned|return|visiting|came|arrived|brought)\s(?:to|from|at|in|of|back to|back from|over from|in from|up from|down from)\s{1,2}$/i;

/** A bare preposition right before a word ("from", "near"): a weak place cue. Written for Galen. */
export const WEAK_LOCATION_CUES = /\b(?:from|to|at|in|near|of)\s{1,2}$/i;

/** Prepositions that end a location cue ("transferred to <X>"). Written for Galen. */
export const CUE_PREPOSITIONS = words(`to from at in of`);

/**
 * Endings of US town names ("Pikesville", "Randallstown", "Brookhaven"): a capitalised word that no
 * dictionary knows, with one of these endings, after a location cue, is a town. Written for Galen.
 */
export const PLACE_NAME_ENDINGS: readonly string[] =
  'ville town burg burgh boro borough field ford wood dale port mouth bury chester ington minster haven mont shire'.split(' ');

/**
 * US state names (a selection of the 50: those most often written in full in notes) and six USPS
 * codes. States are not Safe Harbor identifiers (45 CFR 164.514(b)(2)(i)(B)): a state after "lives
 * in" is not a place to remove, and a state after a town confirms the town ("Towson, MD"). Written
 * for Galen; the full list is `US_STATES` in `locations.ts`.
 */
export const STATE_NAMES = words(`
maryland massachusetts virginia pennsylvania delaware connecticut vermont maine michigan minnesota
wisconsin iowa illinois indiana ohio kentucky tennessee alabama georgia florida texas california
oregon washington colorado utah arizona nevada kansas nebraska missouri arkansas louisiana
mississippi oklahoma idaho montana wyoming alaska hawaii md ma pa va ny nj
`);

/**
 * Institution words that name a hospital even after ordinary English words ("Holy Cross
 * Hospital", "Union Memorial"). Written for Galen.
 */
export const STRONG_INSTITUTION = words(`hospital hosp medical med memorial infirmary hospice`);

/**
 * Words before an institution word that make it generic rather than a name: articles, pronouns,
 * prepositions, kinds of hospital ("the hospital", "outside hospital", "a rehab facility",
 * "county hospital"). Written for Galen.
 */
export const GENERIC_INSTITUTION_PREFIX = words(`
the a an this that outside another other same local community state private psychiatric psych
rehab nursing his her their our your osh referring home teaching general city county veterans
childrens children's university medical acute chronic long term care day new old previous prior
any each every which what some one two to from at in of and or for by with on into via nearby
regional area main public
`);

/** Saints that hospitals in the US are often named after ("St. Joseph", "St. Jude"), besides given names. Written for Galen. */
export const SAINTS = words(`francis joseph luke jude vincent agnes elizabeth mary anne john margaret catherine peter paul`);
