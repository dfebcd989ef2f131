/**
 * Physical-exam phrasing: the clinician's spoken findings ("on his heart exam, i do appreciate a
 * three out of six systolic ejection murmur") become system-labelled lines ("Cardiovascular: 3/6
 * systolic ejection murmur."), the layout of ACI-Bench train reference notes. Only words the
 * clinician said are kept; the label is structure, not a finding. System names follow the CMS 1997
 * Documentation Guidelines for E/M services (https://www.cms.gov/outreach-and-education/medicare-learning-network-mln/mlnedwebguide/downloads/97docguidelines.pdf).
 */

/** Body-system cue words, checked in order. */
export const EXAM_SYSTEMS: [string, RegExp][] = [
  ['Cardiovascular', /\b(heart|murmurs?|rhythm|gallops?|rubs?|carotid|bruits?|pulses?)\b/],
  ['Respiratory', /\b(lungs?|crackles|rales|wheez\w*|rhonchi|breath sounds|auscultation)\b/],
  ['Neck', /\b(neck|thyroid|jugular|jvd|lymph\w*|cervical)\b/],
  ['Gastrointestinal', /\b(abdomen|abdominal|belly|bowel sounds|liver|spleen|quadrants?|epigastric)\b/],
  ['Head and Face', /\b(sinus(es)?|head|face|facial)\b/],
  ['Eyes', /\b(eyes?|pupils?|conjunctiva\w*)\b/],
  ['Ears, Nose, Mouth and Throat', /\b(ears?|tympanic|nose|nasal|throat|oropharynx|tonsils?|mouth)\b/],
  ['Neurological', /\b(neuro\w*|reflexes|sensation|strength|cranial nerves|gait)\b/],
  ['Integumentary', /\b(skin|rash|lesions?|wound|incision|erythema|bruising)\b/],
  [
    'Musculoskeletal',
    /\b(tender\w*|range of motion|edema|swelling|knee|shoulder|hip|ankle|wrist|elbow|back|spine|extremit\w*|joint|palpation)\b/,
  ],
];

const NUMBERS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
};

/** Strip spoken lead-ins from a clause ("i do appreciate some", "on his lung exam"). */
function stripLeadIn(clause: string): string {
  let c = clause.trim();
  for (let k = 0; k < 3; k++) {
    const before = c;
    c = c
      .replace(/^(and|but|so|also|now|then)\s+/, '')
      .replace(/^on (his|her|the patient's|their|your) [a-z ]{0,25}?exam(ination)?\s*,?\s*/, '')
      .replace(/^on (physical )?exam(ination)?\s*,?\s*/, '')
      .replace(/^(i|we) (do |did )?(appreciate|hear|heard|notice|noticed|see|saw|feel|felt|note|noted|find|found)\s+/, '')
      .replace(/^there (is|are|was)\s+/, '')
      .replace(/^(some|a|an|the)\s+/, '');
    if (c === before) break;
  }
  return c.replace(
    /\b(one|two|three|four|five|six) out of (six|four)\b/g,
    (_m, a: string, b: string) => `${NUMBERS[a]}/${NUMBERS[b]}`,
  );
}

/**
 * Rewrite one third-person exam sentence into labelled lines; clauses without a recognisable body
 * system stay as they are. Returns the lines in spoken order.
 */
export function labelExamSentence(sentence: string): string[] {
  const clauses = sentence
    .replace(/[.]$/, '')
    .split(/\s*[,;]\s+/)
    .map((c) => c.trim())
    .filter(Boolean);
  const lines: { system?: string; text: string }[] = [];
  for (const raw of clauses) {
    const low = raw.toLowerCase();
    const system = EXAM_SYSTEMS.find(([, re]) => re.test(low))?.[0];
    const text = system ? stripLeadIn(low) : low;
    // A bare lead-in ("on exam") carries no finding.
    if (!text || (!system && stripLeadIn(low).split(' ').length < 2)) continue;
    const last = lines[lines.length - 1];
    if (last && (!system || last.system === system)) last.text += ', ' + text;
    else lines.push({ system, text });
  }
  return lines.map((l) => {
    const body = l.text.charAt(0).toUpperCase() + l.text.slice(1);
    return l.system ? `${l.system}: ${body}.` : `${body}.`;
  });
}
