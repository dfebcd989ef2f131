import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreDeid } from './deid-eval';
import { parsePhysionetText, parsePhiPhrase, physionetAvailable, loadPhysionetDeid, inSplit } from './deid-physionet';
import { parsePresidio } from './deid-presidio';

const note = {
  id: '1-1',
  patientId: '1',
  text: 'Seen by Dr Smith at Calvert 7/22.',
  gold: [
    { start: 11, end: 16, type: 'HCPName' },
    { start: 20, end: 27, type: 'Location' },
    { start: 28, end: 32, type: 'Date' },
  ],
};

test('PhysioNet overlap rule: inclusive ends, any overlap finds a gold span', () => {
  // system: "Smith" exactly, "Calvert 7" (covers two gold spans), a false positive "Seen"
  const s = scoreDeid([note], () => [
    { start: 11, end: 16, type: 'NAME' },
    { start: 20, end: 29, type: 'LOCATION' },
    { start: 0, end: 4, type: 'NAME' },
  ]);
  assert.equal(s.overlap.tp, 3);
  assert.equal(s.overlap.fp, 1);
  assert.equal(s.overlap.recall, 1);
  assert.equal(s.overlap.precision, 2 / 3);
  assert.equal(s.exact.tp, 1);
  assert.equal(s.byType.Location!.exactRecall, 0);
  // touching spans count as overlapping, as in stat.pm
  const touch = scoreDeid([note], () => [{ start: 16, end: 18, type: 'NAME' }]);
  assert.equal(touch.overlap.tp, 1);
});

test('the PhysioNet and presidio formats parse', () => {
  const raw =
    'START_OF_RECORD=1||||1||||\nSeen by Dr Smith.\n||||END_OF_RECORD\nSTART_OF_RECORD=2||||1||||\nX\n||||END_OF_RECORD\n';
  const notes = parsePhysionetText(raw);
  assert.equal(notes.get('1-1')!.text.slice(11, 16), 'Smith');
  assert.equal(notes.size, 2);
  const gold = parsePhiPhrase('1 1 11 16 HCPName Smith\n');
  assert.deepEqual(gold.get('1-1'), [{ start: 11, end: 16, type: 'HCPName', text: 'Smith' }]);
  const p = parsePresidio(
    JSON.stringify([
      { full_text: 'I am Ann', spans: [{ entity_type: 'PERSON', entity_value: 'Ann', start_position: 5, end_position: 8 }] },
    ]),
  );
  assert.equal(p[0]!.gold[0]!.type, 'PERSON');
  assert.ok(inSplit('82', 'dev') && inSplit('83', 'test') && !inSplit('83', 'dev'));
});

test('the staged PhysioNet corpus loads with offsets that match its phrases', { skip: !physionetAvailable() }, () => {
  const notes = loadPhysionetDeid();
  // id.text holds 1,624 records (the package README's 2,434 counts a different release)
  assert.equal(notes.length, 1624);
  let exact = 0;
  let total = 0;
  for (const n of notes)
    for (const g of n.gold) {
      total++;
      if (n.text.slice(g.start, g.end) === g.text?.trimEnd()) exact++;
    }
  assert.equal(total, 1243); // the staged id-phi.phrase has 1,243 lines (SOURCE.md's 1,779 is the full release)
  assert.ok(exact >= 1235);
});
