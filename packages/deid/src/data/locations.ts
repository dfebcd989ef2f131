/**
 * Location dictionaries written by the Galen team: the 50 US states and DC (names and USPS codes,
 * https://pe.usps.com/text/pub28/28apb.htm), large US cities and towns of the north-east (where
 * many public clinical corpora come from), institution words and common hospital abbreviations.
 */
function words(s: string): string[] {
  return s
    .split(/\n/)
    .flatMap((l) => l.split(','))
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
}

/** The 50 states, DC and Puerto Rico (USPS Publication 28, appendix B). Not PHI under Safe Harbor. */
export const US_STATES: readonly string[] = words(`
alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, georgia,
hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts,
michigan, minnesota, mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey,
new mexico, new york, north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania,
rhode island, south carolina, south dakota, tennessee, texas, utah, vermont, virginia, washington,
west virginia, wisconsin, wyoming, district of columbia, puerto rico
`);

/** USPS codes; ambiguous with English/clinical abbreviations, so used only in address shape. */
export const US_STATE_CODES: readonly string[] = words(`
al, ak, az, ar, ca, co, ct, de, fl, ga, hi, id, il, in, ia, ks, ky, la, me, md, ma, mi, mn, ms, mo,
mt, ne, nv, nh, nj, nm, ny, nc, nd, oh, ok, or, pa, ri, sc, sd, tn, tx, ut, vt, va, wa, wv, wi, wy,
dc, pr
`);

/**
 * Large US cities and towns of the north-east, and a few foreign capitals, written for Galen from
 * general knowledge (not from any gold-standard corpus).
 */
export const CITIES: readonly string[] = words(`
new york, los angeles, chicago, houston, phoenix, philadelphia, san antonio, san diego, dallas,
san jose, austin, jacksonville, columbus, charlotte, indianapolis, san francisco, seattle, denver,
nashville, oklahoma city, el paso, portland, las vegas, detroit, memphis, louisville, milwaukee,
albuquerque, tucson, fresno, sacramento, kansas city, atlanta, miami, raleigh, omaha, minneapolis,
tulsa, cleveland, wichita, new orleans, tampa, honolulu, pittsburgh, cincinnati, st louis,
saint louis, orlando, buffalo, rochester, syracuse, albany, newark, jersey city, baltimore,
annapolis, towson, bethesda, silver spring, rockville, frederick, columbia, catonsville,
glen burnie, dundee, essex, washington dc, richmond, norfolk, hartford, new haven, providence,
bridgeport, stamford, worcester, springfield, lowell, cambridge, somerville, brookline, newton,
quincy, lynn, salem, brockton, framingham, waltham, medford, malden, revere, chelsea, everett,
dorchester, roxbury, jamaica plain, brighton, allston, charlestown, milton, dedham, needham,
wellesley, natick, lexington, arlington, belmont, watertown, woburn, burlington, peabody,
beverly, gloucester, haverhill, lawrence, methuen, andover, plymouth, weymouth, braintree,
randolph, stoughton, canton, norwood, walpole, foxborough, taunton, fall river, new bedford,
attleboro, fitchburg, leominster, pittsfield, northampton, amherst, holyoke, chicopee,
nantucket, hyannis, barnstable, falmouth, concord, manchester, nashua, portsmouth, burlington,
bangor, augusta, boston, marlborough, hudson, marshfield, hingham, duxbury, scituate,
saugus, danvers, marblehead, swampscott, winthrop, stoneham, reading, wakefield, melrose,
billerica, chelmsford, tewksbury, dracut, westford, acton, sudbury, wayland, weston, dover,
sharon, easton, bridgewater, abington, rockland, hanover, pembroke, kingston, wareham,
long island, brooklyn, queens, bronx, staten island, manhattan, yonkers, hoboken, trenton,
camden, wilmington, dover, scranton, allentown, harrisburg, lancaster, york, erie, akron,
toledo, dayton, lansing, grand rapids, madison, green bay, des moines, little rock, birmingham,
montgomery, jackson, baton rouge, shreveport, knoxville, chattanooga, lexington, savannah,
charleston, columbia, greensboro, durham, virginia beach, fort lauderdale, st petersburg,
tallahassee, gainesville, san juan, anchorage, boise, salt lake city, spokane, tacoma, reno,
oakland, long beach, santa barbara, santa monica, pasadena, riverside, irvine, anaheim,
fort worth, arlington, corpus christi, lubbock, amarillo, laredo, plano, mesa, scottsdale,
tempe, colorado springs, boulder, aurora, cheyenne, billings, fargo, sioux falls, duluth,
st paul, saint paul, rome, paris, london, dublin, toronto, montreal
`);

/**
 * Places that are also ordinary words or names ("Reading", "Hudson", "Florence"): they count only
 * after a location cue or before a state. Written for Galen from the city list and common names.
 */
export const AMBIGUOUS_PLACES: readonly string[] =
  `reading concord columbia dover hudson jackson lawrence lowell madison milton sharon salem essex
canton york everett mesa aurora lynn quincy beverly chelsea florence randolph marshall newton hanover kingston
lexington arlington burlington springfield richmond montgomery durham washington virginia georgia reno acton
weston wayland melrose dedham needham natick belmont winthrop sudbury andover plymouth rome paris london dublin
columbus charlotte mobile independence phoenix orange camden trenton lancaster erie jersey austin dallas
houston denver tampa omaha tucson raleigh wilmington augusta portland manchester bangor jackson bridgewater
wareham rockland pembroke abington easton braintree canton stoughton randolph walpole norwood hingham duxbury
attleboro gloucester haverhill methuen peabody danvers saugus reading wakefield stoneham hudson marlborough
framingham dorchester brighton charlestown revere malden medford everett falmouth barnstable concord nashua
essex dundee frederick bethesda towson annapolis catonsville florida`
    .split(/\s+/)
    .filter(Boolean);

/** Words that name an institution when they follow a proper name ("Calvert Hospital"). */
export const INSTITUTION_WORDS: readonly string[] = words(`
hospital, hosp, medical center, med center, med ctr, medical ctr, health center, healthcare, clinic,
infirmary, nursing home, rehab, rehabilitation, rehabilitation center, campus, assisted living,
manor, hospice, health system, memorial, sanatorium, care center, nursing center, medical group,
pavilion, university, college, school, church, center, house, lodge
`);

/** Street suffixes (USPS Publication 28, appendix C, common forms). */
export const STREET_SUFFIXES: readonly string[] = words(`
street, st, avenue, ave, road, rd, boulevard, blvd, lane, ln, drive, dr, court, ct, way, place, pl,
terrace, ter, highway, hwy, parkway, pkwy, circle, cir, square, sq, trail, path, turnpike, tpke
`);

/**
 * Hospital abbreviations that stand for one institution (kept short; sites add their own through
 * `DeidOptions.extraLocations`).
 */
export const HOSPITAL_ABBREVIATIONS: readonly string[] = words(`
mgh, bwh, bidmc, bi, nebh, nemc, vamc, umms, ummc, jhh, jhu, chop, ucsf, ucla, nyu, nyph, mayo,
cch, cchs, bmc, lgh, sgh, ggh, gh
`);
