/**
 * Names: found by their cues (titles, credentials, relatives, roles, initials, verbs, an
 * introduction, a phone number after them), grown to their neighbours and lists, and not found in
 * eponyms, acronyms, specialists, valve lesions or states. Invented names only; the texts are
 * written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPhi } from './detect';
import type { PhiType } from './types';

function has(text: string, type: PhiType, what: string, opts = {}): boolean {
  return detectPhi(text, opts).some((s) => s.type === type && s.text === what);
}
function none(text: string, type: PhiType, opts = {}): boolean {
  return !detectPhi(text, opts).some((s) => s.type === type);
}
function found(text: string, opts = {}): Array<[PhiType, string]> {
  return detectPhi(text, opts).map((s) => [s.type, s.text]);
}
const names = (text: string) =>
  detectPhi(text)
    .filter((s) => s.type === 'NAME')
    .map((s) => s.text);

test('names by cue: titles, credentials, relatives, initials', () => {
  assert.ok(has('Dr. Sparkes aware of the K.', 'NAME', 'Sparkes'));
  assert.ok(has('DR SPARKES AWARE', 'NAME', 'SPARKES'));
  assert.ok(has('Note by Jean Hudson, RN', 'NAME', 'Hudson'));
  assert.ok(has('Note by Jean Hudson, RN', 'NAME', 'Jean'));
  assert.ok(has('his wife Carol called', 'NAME', 'Carol'));
  assert.ok(has('W. MAROTTA AWARE.', 'NAME', 'MAROTTA'));
  assert.ok(has('Pt seen by caseworker Leona Labowich.', 'NAME', 'Leona'));
});

test('names: glued cue words, initials in upper-case notes, sign-offs, patient introductions', () => {
  assert.ok(has('SOCIAL:DAUGHTER-JOANNE---301 944-5032.', 'NAME', 'JOANNE'));
  assert.ok(has('call from son Frederick-who states he will come', 'NAME', 'Frederick'));
  const caps = 'DRAINAGE AROUND CT SITE. Z. PELTONEN IN TO STRIP TUBES AND M. KOWALCZYK PLACING STITCH.';
  assert.ok(has(caps, 'NAME', 'PELTONEN') && has(caps, 'NAME', 'KOWALCZYK'));
  assert.ok(has('CONTINUES PER DR B. GILLIAM... RESP STABLE', 'NAME', 'GILLIAM'));
  // genus initials and abbreviations are not initials
  assert.deepEqual(found("CULTURE GROWING S. AUREUS AND E. COLI. SATS UPPER 90'S. HEMODY STABLE. O.R. PRIVILEGES"), []);
  assert.ok(has('Seen by Dr Lucie Lange and Dr Will Coleridge today.', 'NAME', 'Will'));
  assert.ok(has('Seen by Dr Lucie Lange and Dr Will Coleridge today.', 'NAME', 'Coleridge'));
  assert.ok(has('HR 40 in sinus. NP grace made aware, eps consulted.', 'NAME', 'grace'));
  assert.ok(has('pt of dr. john boxwell. allergies: nkda', 'NAME', 'boxwell'));
  assert.ok(has('OK TO USE PER WARREN KAVALSKI NP. PLAN TO CONTINUE', 'NAME', 'KAVALSKI'));
  assert.ok(has('brenda tolliver is a 70 yr old female admitted with sob', 'NAME', 'tolliver'));
  assert.ok(has('pt c/o pain, grace vintrella aware and will see', 'NAME', 'vintrella'));
  assert.ok(has('BP DROPPED, K JONES ORDERED EPI DRIP', 'NAME', 'JONES'));
  assert.ok(!detectPhi('STOOL C DIFF NEG. O2 SAT 95%').some((s) => s.type === 'NAME'));
  assert.ok(!detectPhi('pain may be worse, team aware').some((s) => s.type === 'NAME'));
  // an English word before ", MD" mid-sentence is not a signature
  assert.ok(!detectPhi('Noted clusters of PVCs, MD aware.').some((s) => s.type === 'NAME'));
  // a verb after a relative's name is not a surname
  assert.ok(!has("pt's daughter sarah spent the night", 'NAME', 'spent'));
});

test('relatives: a section word glued to the relation, capitalised names in lower-case notes, lists of found names', () => {
  const lower = 'pt resting in bed. family meeting held today. no changes overnight. plan to continue current care. ';
  assert.ok(has(`${lower}\nSOCIAL-daughter Lou notified of the change.`, 'NAME', 'Lou'));
  assert.ok(none(`${lower}\nSOCIAL-daughter notified of the change.`, 'NAME'));
  const memory = { names: new Set<string>(), places: new Set<string>() };
  detectPhi('Contact: daughter Marisela 410-555-0199.', { memory });
  assert.ok(has('Both Marisela and Teodoro are his proxies.', 'NAME', 'Teodoro', { memory }));
  assert.ok(none('Both lungs and heart are clear.', 'NAME', { memory }));
});

test('"per <name> will", contact persons before a phone number, "with <first> <surname>"', () => {
  assert.ok(has('K 3.2. PER VARNETTI WILL HOLD LASIX TONIGHT.', 'NAME', 'VARNETTI'));
  assert.ok(none('K 3.2. PER PROTOCOL WILL HOLD LASIX TONIGHT.', 'NAME'));
  assert.ok(has('CONTACT PERSON MARISELA QUENDRIX (410-555-0199). SON IN.', 'NAME', 'MARISELA'));
  assert.ok(has('skin care plan. will consult with linda quendrix re skin care today.', 'NAME', 'quendrix'));
  assert.ok(none('skin care plan. will consult with wound care re skin care today.', 'NAME'));
});

test('"a doctor uses": the noun "doctor" is not a title; "Doctor Whitcombe" is', () => {
  assert.ok(none('If a doctor uses these phrases, the note is unclear.', 'NAME'));
  assert.ok(has('Discussed with Doctor Whitcombe today.', 'NAME', 'Whitcombe'));
});

test('clinical eponyms and abbreviations are not names', () => {
  const t =
    'Hx of Parkinson disease and Alzheimer dementia. Foley in place. PT 17.5, Hct 30. MS improved. Swan-Ganz removed. Murphy sign negative.';
  assert.deepEqual(
    detectPhi(t).filter((s) => s.type === 'NAME'),
    [],
  );
});

test('eponyms used as instruments, devices and anatomy are not names', () => {
  const ops =
    "A #19 Blake drain and a 12-French Robinson catheter were placed; Bard Parker blade; the Kelly clamp; Cooper's ligament; standard Bruce protocol.";
  assert.ok(none(ops, 'NAME'), JSON.stringify(detectPhi(ops)));
  assert.ok(has('Spoke with Blake Robinson about the plan.', 'NAME', 'Robinson'));
  assert.ok(none('The technique described by Harrington et al was used.', 'NAME'));
  assert.ok(has('Discussed with Dr. Harrington today.', 'NAME', 'Harrington'));
  assert.ok(none('Aortic valve replaced with a St. Jude mechanical valve.', 'NAME'));
  assert.ok(none('Aortic valve replaced with a St. Jude mechanical valve.', 'LOCATION'));
});

test('eponymous anatomy and diseases, and states, are not names', () => {
  assert.ok(none("Normal circle of Willis. A Baker's cyst behind the knee. Humphrey visual fields full.", 'NAME'));
  assert.ok(has('Seen with her friend Willis Humphrey today.', 'NAME', 'Humphrey'));
  assert.ok(none('Two daughters live in Georgia; she was raised in North Carolina.', 'NAME'));
  assert.ok(has('Georgia Whitcombe called at noon.', 'NAME', 'Georgia'));
});

test('acronyms, specialists and valve lesions in mixed-case notes are not names', () => {
  assert.ok(none('Sent ANA, RF and ESR today.', 'NAME'));
  assert.ok(has('Spoke with Anna Whitcombe today.', 'NAME', 'Anna'));
  assert.ok(none('He will be seen by cardiologist, pulmonologist and psychiatrist.', 'NAME'));
  assert.ok(none('There is mild MR present. No significant MR. Mitral inflow normal.', 'NAME'));
  assert.ok(has('Seen with Mr. Whitcombe today.', 'NAME', 'Whitcombe'));
  assert.ok(none('A 1 cm infraumbilical incision; prostate 30 gr, RT>LT.', 'NAME'));
});

test('a name does not take in the institution word after it', () => {
  assert.deepEqual(names('Seen by Dr. Quorvath Hosp staff aware.'), ['Quorvath']);
  assert.ok(!names('went to UOf Quorvath Hosp and had a stent').includes('Hosp'));
  // near miss: a name still takes in the next name
  assert.deepEqual(names('Seen by Dr. Anna Quorvath today.'), ['Anna', 'Quorvath']);
});
