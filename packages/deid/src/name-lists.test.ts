import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gateNameLists, EditIndex, type NameLists, type GateWords } from './name-lists';
import { dictionaries } from './dictionaries';
import { detectPhi } from './detect';

// Invented names only ("Quorvath", "Blenkiso"); the other entries are words of the classes the gate
// must stop.
const lists: NameLists = {
  firstNames: ['Zandrew', 'Will', 'Jan', 'Mo'],
  surnames: ['Quorvath', 'Pillow', 'Heparn', 'Bovie', 'Allegra', 'Neice', 'Spanish', 'Blenkiso'],
  source: 'test',
};

function gateWords(): GateWords {
  const d = dictionaries();
  return {
    english: d.english,
    clinical: d.clinical,
    common: d.common,
    places: new Set(['spanish']),
    knownFirst: d.firstNames,
    knownSurnames: d.surnames,
    knownAmbiguous: d.ambiguousNames,
  };
}

test('gate: words, clinical terms, eponyms, brands, misspellings and months are not names on their own', () => {
  const g = gateNameLists(lists, gateWords());
  assert.ok(g.surnames.has('quorvath') && !g.ambiguous.has('quorvath'));
  assert.ok(g.firstNames.has('zandrew') && !g.ambiguous.has('zandrew'));
  for (const w of ['pillow', 'heparn', 'bovie', 'allegra', 'neice', 'spanish']) assert.ok(!g.surnames.has(w), w);
  // "Jan" is a month abbreviation, "Mo" too short: dropped; "Will" is built in as an ambiguous name
  assert.ok(!g.firstNames.has('jan') && !g.firstNames.has('mo') && !g.firstNames.has('will'));
  // word surnames can be kept as cue-needing names instead of dropped
  const amb = gateNameLists(lists, gateWords(), { wordSurnames: 'ambiguous' });
  assert.ok(amb.surnames.has('pillow') && amb.ambiguous.has('pillow'));
  // frequency cut-offs: the long tail needs a cue, or is left out
  const tail = gateNameLists(lists, gateWords(), { cueOnlyAfter: 1 });
  assert.ok(tail.surnames.has('blenkiso') && tail.ambiguous.has('blenkiso') && !tail.ambiguous.has('quorvath'));
  assert.ok(!gateNameLists(lists, gateWords(), { maxSurnames: 1 }).surnames.has('blenkiso'));
  const firstTail = gateNameLists({ firstNames: ['Zandrew', 'Yselda'], surnames: [] }, gateWords(), { firstCueOnlyAfter: 1 });
  assert.ok(firstTail.ambiguous.has('yselda') && !firstTail.ambiguous.has('zandrew'));
});

test('EditIndex: one edit from a vocabulary word, not two', () => {
  const x = new EditIndex([['niece', 'heparin', 'stool']]);
  for (const w of ['neice', 'heparn', 'stoll', 'stools', 'nieces']) assert.ok(x.near(w), w);
  for (const w of ['quorvath', 'nicer', 'heaprn', 'steel']) assert.ok(!x.near(w), w);
});

test('detectPhi with name lists: a listed surname counts without a cue; gated words do not', () => {
  const text = 'Chart reviewed. Quorvath agrees with the plan. Pillow placed under the arm. Bovie used for hemostasis.';
  const found = (nameLists?: NameLists) => detectPhi(text, { nameLists }).map((s) => s.text);
  assert.ok(!found().includes('Quorvath'));
  const withLists = found(lists);
  assert.ok(withLists.includes('Quorvath'));
  assert.ok(!withLists.includes('Pillow') && !withLists.includes('Bovie'));
  // the default dictionaries are not changed by building the extended ones
  const before = dictionaries().surnames.size;
  assert.notEqual(dictionaries(lists), dictionaries());
  assert.equal(dictionaries(lists), dictionaries(lists));
  assert.equal(dictionaries().surnames.size, before);
  assert.ok(!dictionaries().surnames.has('quorvath'));
});

test('a listed surname after "in" and before a place word is a place', () => {
  const text = 'Found at his home in Quorvath Mill by EMS.';
  const spans = detectPhi(text, { nameLists: lists });
  const mill = spans.find((s) => s.text.includes('Mill'));
  assert.ok(mill && mill.type === 'LOCATION');
  assert.ok(spans.every((s) => !s.text.includes('Quorvath') || s.type === 'LOCATION'));
  // near miss: a surname before a place word without a location preposition stays a name
  const other = detectPhi('Quorvath Heights called the unit.', { nameLists: lists });
  assert.ok(other.some((s) => s.text === 'Quorvath' && s.type === 'NAME'));
});
