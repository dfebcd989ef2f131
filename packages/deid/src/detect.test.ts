import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPhi, createPhiMemory } from './detect';
import type { PhiType } from './types';

function found(text: string, opts = {}): Array<[PhiType, string]> {
  return detectPhi(text, opts).map((s) => [s.type, s.text]);
}
function has(text: string, type: PhiType, what: string, opts = {}): boolean {
  return detectPhi(text, opts).some((s) => s.type === type && s.text === what);
}

test('dates in every common format, but not fractions or ventilator settings', () => {
  for (const d of [
    '7/22',
    '22-Jul',
    'July 22nd',
    '2187-03-04',
    '3/4/87',
    '03-04-2187',
    'Jul 22, 2187',
    '22 July 2187',
    'July 2187',
    '7/81',
  ]) {
    assert.ok(has(`Admitted ${d} for chest pain.`, 'DATE', d), d);
  }
  assert.ok(!detectPhi('Crackles 1/3 up bilaterally, ivf d5 1/2 NS').some((s) => s.type === 'DATE'));
  assert.ok(!detectPhi('Weaned to PS 10/5 with PEEP 5.').some((s) => s.type === 'DATE'));
  assert.ok(!detectPhi('BP 120/80, motor 5/5 throughout').some((s) => s.type === 'DATE'));
});

test('ages over 89 only', () => {
  assert.ok(has('A 92 yo woman', 'AGE', '92'));
  assert.ok(has('91 year old male', 'AGE', '91'));
  assert.ok(!detectPhi('A 58 year old female').some((s) => s.type === 'AGE'));
});

test('contact details and identifiers', () => {
  assert.ok(has('call 617-555-1234 or (617) 555-9876', 'PHONE', '617-555-1234'));
  assert.ok(has('call (617) 555-9876', 'PHONE', '(617) 555-9876'));
  assert.ok(has('pager #32007', 'PHONE', '32007'));
  assert.ok(has('mail jane.doe@example.com now', 'EMAIL', 'jane.doe@example.com'));
  assert.ok(has('SSN 123-45-6789', 'SSN', '123-45-6789'));
  assert.ok(has('MRN: 00123456', 'ID', '00123456'));
  assert.ok(has('see https://example.org/x?y=1 today', 'URL', 'https://example.org/x?y=1'));
  assert.ok(has('from 10.0.0.12 yesterday', 'IP', '10.0.0.12'));
  assert.ok(!detectPhi('ABG 7.45/34/80 on 2L').some((s) => s.type === 'IP'));
});

test('names by cue: titles, credentials, relatives, initials', () => {
  assert.ok(has('Dr. Sparkes aware of the K.', 'NAME', 'Sparkes'));
  assert.ok(has('DR SPARKES AWARE', 'NAME', 'SPARKES'));
  assert.ok(has('Note by Jean Hudson, RN', 'NAME', 'Hudson'));
  assert.ok(has('Note by Jean Hudson, RN', 'NAME', 'Jean'));
  assert.ok(has('his wife Carol called', 'NAME', 'Carol'));
  assert.ok(has('W. MAROTTA AWARE.', 'NAME', 'MAROTTA'));
  assert.ok(has('Pt seen by caseworker Leona Labowich.', 'NAME', 'Leona'));
});

test('clinical eponyms and abbreviations are not names', () => {
  const t =
    'Hx of Parkinson disease and Alzheimer dementia. Foley in place. PT 17.5, Hct 30. MS improved. Swan-Ganz removed. Murphy sign negative.';
  assert.deepEqual(
    detectPhi(t).filter((s) => s.type === 'NAME'),
    [],
  );
});

test('locations: hospitals, cities, streets, ZIPs; states are kept', () => {
  assert.ok(has('Transferred from Calvert Hospital today', 'LOCATION', 'Calvert'));
  assert.ok(has('She lives in Baltimore with her son', 'LOCATION', 'Baltimore'));
  assert.ok(
    detectPhi('Lives at 12 Elm Street, Springfield').some((s) => s.type === 'LOCATION' && s.text.startsWith('12 Elm Street')),
  );
  assert.ok(has('Boston, MA 02115', 'ZIP', '02115'));
  assert.ok(!detectPhi('moving from Florida next week').some((s) => s.text === 'Florida'));
});

test('a name found with a cue is found everywhere in the document and across a patient memory', () => {
  const text = 'Dr. Healey saw the patient. Later healey called back.';
  assert.equal(detectPhi(text).filter((s) => s.text.toLowerCase() === 'healey').length, 2);
  const memory = createPhiMemory();
  detectPhi('Dr. Quixley paged.', { memory });
  assert.ok(has('quixley at bedside', 'NAME', 'quixley', { memory }));
  assert.ok(!has('quixley at bedside', 'NAME', 'quixley'));
});

test('known patient names are always found', () => {
  assert.ok(has('zorblat is resting comfortably', 'NAME', 'zorblat', { knownNames: ['Zorblat Qwin'] }));
});

test('years only when asked', () => {
  assert.ok(!detectPhi('S/P MI 1992').some((s) => s.type === 'DATE_YEAR'));
  assert.ok(has('S/P MI 1992', 'DATE_YEAR', '1992', { years: true }));
  assert.ok(!detectPhi('arrived at 2130, given 1900 units', { years: true }).some((s) => s.type === 'DATE_YEAR'));
});

test('bad input: empty, brackets, binary-ish text, all PHI', () => {
  assert.deepEqual(detectPhi(''), []);
  assert.doesNotThrow(() => detectPhi('(((([[[[{{{{ ]]]] ))'));
  assert.doesNotThrow(() => detectPhi('\u0000\u0001\uFFFD\uD800 abc'));
  const spans = detectPhi('Dr. John Smith 617-555-1234 7/22/2187');
  assert.ok(found('Dr. John Smith 617-555-1234 7/22/2187').length >= 3);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i]!.start >= spans[i - 1]!.end, 'spans do not overlap');
});

test('20 MB input completes, and time grows linearly with input', { timeout: 600_000 }, () => {
  const unit =
    'Pt seen by Dr. Smith on 7/22. BP 120/80, crackles 1/3 up. Wife Mary called 617-555-1234. ((([[[ 1111111 aaaaaaaa ';
  const big = unit.repeat(Math.ceil((20 * 1024 * 1024) / unit.length));
  assert.ok(detectPhi(big).length > 100_000);
  // Linear, not quadratic: 4x the text takes well under 16x the time (best of two runs each).
  const time = (text: string) =>
    Math.min(
      ...[0, 1].map(() => {
        const t0 = performance.now();
        detectPhi(text);
        return performance.now() - t0;
      }),
    );
  const small = unit.repeat(Math.ceil(250_000 / unit.length));
  const ratio = time(small + small + small + small) / time(small);
  assert.ok(ratio < 8, `4x input took ${ratio.toFixed(1)}x the time`);
  // pathological runs of one character finish too
  detectPhi('1'.repeat(2_000_000) + 'a'.repeat(2_000_000) + '/'.repeat(1_000_000) + '.'.repeat(1_000_000));
});

test('scores, ventilator settings and lab runs are not dates or years', () => {
  for (const t of [
    'c/o CP 6/10, relieved with NTG',
    'Pain rated 3/10 after morphine.',
    'changed to PSV of 10/5, 60%',
    'ABG on 10/5 BIPAP 65%',
    'cpap/ps mode decreased to 8/5 today',
    'rales up 1/4 on R',
  ])
    assert.ok(!detectPhi(t).some((s) => s.type === 'DATE'), t);
  // a date near a ventilator word is still a date after an event word
  assert.ok(has('trach (placed 8/14). AC 650 x 10', 'DATE', '8/14'));
  assert.ok(has('Seen in clinic 3/10 for follow up.', 'DATE', '3/10'));
  const years = { years: true };
  assert.ok(!detectPhi('cks 1877-67-3.6 this am, los -1963 since mn', years).some((s) => s.type === 'DATE_YEAR'));
  assert.ok(has('PMH: NIDDM. 09 PTCA to LCX. CAD: NQWMI 13. HTN', 'DATE_YEAR', '09', years));
  assert.ok(has('PMH: NIDDM. 09 PTCA to LCX. CAD: NQWMI 13. HTN', 'DATE_YEAR', '13', years));
  assert.ok(has("CVA 74. CHOLECYSTECTOMY 77'. OBESITY", 'DATE_YEAR', '77', years));
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

test('places: medical-centre acronyms, wards after room numbers, unknown places after in/from', () => {
  assert.ok(has('SEEN BY XYMC NURSE FOR ARRANGEMENTS', 'LOCATION', 'XYMC'));
  assert.ok(has('pt transferred to 209 westbrook.', 'LOCATION', 'westbrook'));
  assert.ok(has('Knows she is in the hospital in Glenarvon. resp: clear', 'LOCATION', 'Glenarvon'));
  assert.ok(!detectPhi('moving from Florida. Remains in A-fib w/HR 110').some((s) => s.type === 'LOCATION'));
  // drugs and modes after a location cue are not places
  assert.ok(!detectPhi('PT RETURNED TO SIMV 12 AND STARTED ON DOBUT 2.5. TRANSFER TO VICU.').some((s) => s.type === 'LOCATION'));
});
