/**
 * Context words that show a name- or place-shaped word is not PHI, written by the Galen team from
 * general clinical and English vocabulary (no word here was taken from a gold-standard corpus).
 *
 * - EPONYM_HEADS: nouns that follow an eponym used as an instrument, device, sign, anatomy or
 *   technique ("Blake drain", "Robinson catheter", "Cooper's ligament", "Heaney fashion",
 *   "Toronto valve", "Boston Scientific"). A dictionary name or place right before one of these is
 *   the eponym, not a person or a place.
 * - PRODUCT_NOUNS: what a drug or product name comes before ("in Sulfamylon solution").
 * - DEPARTMENT_HEADS: institution words that, after ordinary English words only, name a
 *   department or a kind of place, not a particular one ("Pulmonary Medicine Clinic",
 *   "High School", "Device Clinic").
 * - NOT_INSTITUTION_AFTER: words after "hospital" that make it a section header or a generic noun
 *   ("HOSPITAL COURSE", "hospital stay").
 * - PLACE_SUFFIX_WORDS: generic second words of US place names ("<X> Mill", "<X> Heights",
 *   "<X> Falls"); after a word already found as a place they are part of it.
 * - HOSPITAL_AREAS: capitalised English words for the parts and services of a hospital
 *   ("taken to the Operating Room", "transferred to Recovery"): never a place name on their own.
 * - COUNTRIES, NATIONALITIES and LANGUAGES: under HIPAA Safe Harbor (45 CFR 164.514(b)(2)(i)(B))
 *   only geographic units smaller than a state are identifiers, so countries are not PHI; languages
 *   after "in" ("explained in Spanish") are not places.
 */
function list(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

export const EPONYM_HEADS: readonly string[] = list(`
drain drains catheter catheters retractor retractors clamp clamps scissors needle needles net nets
forceps blade blades knife knives tube tubes table tables valve valves stent stents collar collars
stand stands maneuver manoeuvre maneuvers sign signs test tests scale scales score scores criteria
classification fascia ligament ligaments line lines canal canals duct ducts gland glands node nodes
fashion pouch pouches shunt shunts suture sutures stitch stitches elevator elevators dilator dilators
speculum scope ring rings syndrome reflex reflexes position osteotomy bunionectomy culdoplasty
fixation frame tongs holder boot boots stockings splint splints brace braces silk dressing dressings
gauze technique method approach flap flaps graft grafts mask masks cannula cannulas gag rongeur
rongeurs curette curettes hook hooks pin pins wire wires nail nails screw screws sheath sheaths
introducer balloon balloons probe probes electrode electrodes pacemaker pacemakers scientific
prosthesis prostheses implant implants cup cups naming comprehension pressures pressure procedure
circulation operation repair anastomosis incision incisions sponge sponges tenaculum trocar trocars
cautery loupe loupes spreader spreaders rasp rasps osteotome osteotomes chisel mallet pump pumps
filter filters coil coils device devices model models lens lenses loop loops snare snares basket
baskets bougie bougies dilatation chart charts formula equation solution cement drill saw clip clips
stapler staplers trach airway airways protocol protocols component components taper vacuum sleeve
sleeves splint band bands
cyst cysts fingers variant variants malformation visual field fields diet diets oil chiari
phenomenon phenomena triad law disease lesion lesions fracture fractures ulcer ulcers tumor tumour
`);

export const PRODUCT_NOUNS: readonly string[] = list(`
solution solutions cream creams lotion lotions ointment ointments label labels suspension gel gels
spray sprays drops tablets tablet capsules capsule injection injections infusion patch patches
powder syrup elixir wash shampoo soap
`);

export const DEPARTMENT_HEADS: readonly string[] = list(`
clinic clinics center centre school pavilion college program programs service services department
unit institute laboratory lab office practice group
`);

export const NOT_INSTITUTION_AFTER: readonly string[] = list(`
course stay stays day days admission admissions discharge policy policies bed beds record records
staff setting settings floor floors acquired associated based follow-up followup visit visits
protocol protocols chart charts summary officer officers call calls
`);

export const COUNTRIES: readonly string[] = list(`
afghanistan albania algeria angola argentina armenia australia austria azerbaijan bahamas bangladesh
barbados belarus belgium belize bolivia bosnia botswana brazil bulgaria burma cambodia cameroon
canada chile china colombia congo croatia cuba cyprus czechia denmark dominica ecuador egypt
england eritrea estonia ethiopia fiji finland france gambia germany ghana greece grenada guatemala
guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica
japan jordan kazakhstan kenya korea kosovo kuwait laos latvia lebanon liberia libya lithuania
macedonia madagascar malawi malaysia mali malta mexico moldova mongolia montenegro morocco
mozambique myanmar namibia nepal netherlands holland nicaragua niger nigeria norway pakistan panama
paraguay peru philippines poland portugal qatar romania russia rwanda samoa scotland senegal serbia
sierra singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan
tajikistan tanzania thailand togo trinidad tunisia turkey uganda ukraine uruguay uzbekistan
venezuela vietnam wales yemen zambia zimbabwe europe asia africa america americas
`);

export const NATIONALITIES_AND_LANGUAGES: readonly string[] = list(`
english spanish french german italian portuguese russian chinese mandarin cantonese japanese korean
vietnamese arabic hebrew yiddish hindi urdu bengali punjabi gujarati tamil farsi persian pashto
dari turkish greek polish ukrainian czech hungarian romanian serbian croatian bosnian albanian
armenian haitian creole tagalog filipino somali amharic swahili yoruba igbo hausa cape verdean
dutch swedish norwegian danish finnish thai lao khmer hmong burmese nepali indonesian malay
american mexican canadian european asian african latino latina hispanic caucasian irish scottish
british jamaican cuban dominican puerto rican guatemalan salvadoran honduran colombian brazilian
peruvian indian pakistani chinese-speaking sign asl
`);

export const PLACE_SUFFIX_WORDS: readonly string[] = list(`
mill mills heights park hills hill falls springs spring beach point creek valley lake lakes ridge
village junction harbor harbour shores shore crossing station grove glen woods estates landing
bluffs bay island islands port city township county
`);

export const HOSPITAL_AREAS: readonly string[] = list(`
recovery operating room rooms emergency intensive care unit units surgery surgical radiology
pathology laboratory lab pharmacy floor floors ward wards clinic clinics department labor delivery
nursery rehabilitation rehab physical therapy occupational speech cardiology cardiac medicine
medical oncology neurology neurosurgery orthopedics urology nephrology hematology gastroenterology
endoscopy dialysis telemetry step-down stepdown icu ccu micu sicu nicu picu pacu holding
preoperative postoperative preop postop anesthesia general internal family primary urgent
outpatient inpatient ambulatory home hospice skilled nursing facility facilities service services
hospital hospitals center office offices practice psychiatry psychiatric behavioral health
cath catheterization interventional imaging ultrasound echo echocardiography observation triage
admitting admissions ob obstetrics gynecology pediatrics pediatric neonatal maternity burn trauma
transplant infusion wound ostomy pain sleep vascular newborn postpartum post children childrens
nursing independent living assisted
`);
