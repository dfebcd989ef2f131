/**
 * Places: hospitals and other institutions, towns and cities, wards, streets and ZIP codes, places
 * after a movement cue and employers; departments, section headers, countries, languages, products
 * and eponyms are not places, nor are states. Invented places (and a few real cities); the texts
 * are written for these tests.
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

test('locations: hospitals, cities, streets, ZIPs; states are kept', () => {
  assert.ok(has('Transferred from Calvert Hospital today', 'LOCATION', 'Calvert'));
  assert.ok(has('She lives in Baltimore with her son', 'LOCATION', 'Baltimore'));
  assert.ok(
    detectPhi('Lives at 12 Elm Street, Springfield').some((s) => s.type === 'LOCATION' && s.text.startsWith('12 Elm Street')),
  );
  assert.ok(has('Boston, MA 02115', 'ZIP', '02115'));
  assert.ok(!detectPhi('moving from Florida next week').some((s) => s.text === 'Florida'));
});

test('places: medical-centre acronyms, wards after room numbers, unknown places after in/from', () => {
  assert.ok(has('SEEN BY XYMC NURSE FOR ARRANGEMENTS', 'LOCATION', 'XYMC'));
  assert.ok(has('pt transferred to 209 westbrook.', 'LOCATION', 'westbrook'));
  assert.ok(has('Knows she is in the hospital in Glenarvon. resp: clear', 'LOCATION', 'Glenarvon'));
  assert.ok(!detectPhi('moving from Florida. Remains in A-fib w/HR 110').some((s) => s.type === 'LOCATION'));
  // drugs and modes after a location cue are not places
  assert.ok(!detectPhi('PT RETURNED TO SIMV 12 AND STARTED ON DOBUT 2.5. TRANSFER TO VICU.').some((s) => s.type === 'LOCATION'));
});

test('departments, headers, countries, languages and products are not places', () => {
  assert.ok(none('Seen in the Pulmonary Medicine Clinic and the Pediatric Urology Clinic.', 'LOCATION'));
  assert.ok(has('Seen in the Whitcombe Clinic last week.', 'LOCATION', 'Whitcombe'));
  assert.ok(none('BRIEF HOSPITAL COURSE: uneventful.', 'LOCATION'));
  assert.ok(none('She was treated in Germany and moved from Ukraine; explained in Spanish.', 'LOCATION'));
  assert.ok(has('She was treated in Lochbridge last year.', 'LOCATION', 'Lochbridge'));
  assert.ok(none('She lives in Tennessee with her son.', 'LOCATION'));
  assert.ok(none('Dressing soaked in Sulfamylon solution; ligated in Heaney fashion.', 'LOCATION'));
  assert.ok(none('Dressing soaked in Sulfamylon solution; ligated in Heaney fashion.', 'NAME'));
  assert.ok(none('She is on K-Dur 40 mEq twice a day.', 'LOCATION'));
  assert.ok(none('Boston Scientific lead; a Toronto stentless valve.', 'LOCATION'));
  assert.ok(has('She moved back to Boston last year.', 'LOCATION', 'Boston'));
  assert.ok(none('Transferred to Postanesthesia Care Unit in stable condition.', 'LOCATION'));
  assert.ok(none('X-ray confirmed CMC dislocation.', 'LOCATION'));
});

test('capitalised English words after a movement cue in a mixed-case note are a place', () => {
  assert.ok(has('Last spring she went to Lantern Bay for a week.', 'LOCATION', 'Lantern'));
  assert.ok(has('He had his transplant at Silver Meadow in 2019.', 'LOCATION', 'Meadow'));
  assert.ok(none('The patient was taken to the Operating Room and then to Recovery.', 'LOCATION'));
  assert.ok(none('He was transferred to Intensive Care. Went to Surgery at noon.', 'LOCATION'));
  assert.ok(none('Baby went to Newborn Nursery with the nurse.', 'LOCATION'));
  // sentence start is not a cue, and upper-case notes carry no capitalisation signal
  assert.ok(none('Plan: to Harbor the catheter? No.', 'LOCATION'));
  assert.ok(none('PT WENT TO LANTERN BAY FOR A WEEK.', 'LOCATION'));
});

test('a generic place word after a found place is part of it; nursing homes named "<X> House"', () => {
  assert.ok(has('She lives in Pikesford Mill with her son.', 'LOCATION', 'Mill'));
  assert.ok(none('She lives in the mill town with her son.', 'LOCATION'));
  assert.ok(has('An 80 year old woman, Varnetti House resident, admitted today.', 'LOCATION', 'Varnetti'));
  assert.ok(none('She stayed at her house with the dog.', 'LOCATION'));
  assert.ok(none('Discussed with the house officer on call.', 'LOCATION'));
});

test('employers are places: "works for <Company>", "his business <Company>"', () => {
  assert.ok(has('He works for Quendrix and travels a lot.', 'LOCATION', 'Quendrix'));
  assert.ok(none('He works for the county and travels a lot.', 'LOCATION'));
  const lower = 'pt resting in bed. family meeting held today. no changes overnight. plan to continue current care. ';
  assert.ok(has(`${lower}he is worried about his business Quendrix and his job.`, 'LOCATION', 'Quendrix'));
});

test('"a Toronto stentless porcine valve", "from Kaplan\'s cardinal line" are not places; "from Kaplanville" is', () => {
  assert.ok(none('Insertion of a 25-mm Toronto stentless porcine valve.', 'LOCATION'));
  assert.ok(none("An incision was made from Kaplan's cardinal line to the wrist crease.", 'LOCATION'));
  assert.ok(has('She was transferred from Kaplanville yesterday.', 'LOCATION', 'Kaplanville'));
});
