import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateNegex, loadNegexKit, locateConcept, parseNegexAnnotations, predictNegex, scoreNegex, splitNegex } from './negex';

const KIT = fileURLToPath(new URL('../../../../shared/data/negex', import.meta.url));

test('parses the kit layouts: ConText (6 columns), NegEx (4), genConText (7), quoted sentences', () => {
  const text = [
    'line number\tCondition\tsentence\tnegation_status\ttemporality\texperiencer',
    '1\tedema\tExtremities reveal no peripheral cyanosis or EDEMA.\tNegated\tRecent\tPatient',
    '2\tfever\t"Return if FEVER."\tAffirmed\tNot particular\tOther',
    '3\tnote\tcough\tHas COUGH.\tAffirmed\tHistorical\tPatient',
    '4\tpain\tDenies PAIN.\tNegated',
    'junk line',
  ].join('\r\n');
  const items = parseNegexAnnotations(text);
  assert.equal(items.length, 4);
  assert.deepEqual(items[0], {
    id: '1',
    concept: 'edema',
    sentence: 'Extremities reveal no peripheral cyanosis or EDEMA.',
    negation: 'negated',
    temporality: 'recent',
    experiencer: 'patient',
  });
  assert.equal(items[1]!.sentence, 'Return if FEVER.');
  assert.equal(items[1]!.temporality, 'hypothetical');
  assert.equal(items[1]!.experiencer, 'other');
  assert.equal(items[2]!.concept, 'cough');
  assert.equal(items[3]!.temporality, undefined);
  assert.deepEqual(
    splitNegex(items, 'dev').map((i) => i.id),
    ['1', '3'],
  );
});

test('locates the target: capitalised occurrence, spacing, truncated concept', () => {
  const s = 'Edema noted; no EDEMA   TODAY.';
  const span = locateConcept(s, 'edema today');
  assert.equal(s.slice(span.start, span.end), 'EDEMA   TODAY');
  const t = 'shows no FREE AIR OR OBSTRUCTION.';
  const u = locateConcept(t, 'free air o');
  assert.equal(t.slice(u.start, u.end).trim(), 'FREE AIR OR OBSTRUCTION');
});

test('scoring: negated is the positive class; accuracy for temporality and experiencer', () => {
  const items = parseNegexAnnotations(
    ['1\ta\tA.\tNegated\tRecent\tPatient', '2\tb\tB.\tAffirmed\tHistorical\tPatient', '3\tc\tC.\tNegated\tRecent\tOther'].join(
      '\n',
    ),
  );
  const s = scoreNegex(items, [
    { negated: true, temporality: 'recent', experiencer: 'patient' },
    { negated: true, temporality: 'recent', experiencer: 'patient' },
    { negated: false, temporality: 'recent', experiencer: 'family' },
  ]);
  assert.deepEqual([s.negation.tp, s.negation.fp, s.negation.fn, s.negation.tn], [1, 1, 1, 0]);
  assert.equal(s.negation.precision, 0.5);
  assert.equal(s.negation.recall, 0.5);
  assert.equal(s.negation.f1, 0.5);
  assert.equal(s.temporality.accuracy, 2 / 3);
  assert.equal(s.experiencer.accuracy, 1); // family counts as "other" when the gold has no family label
});

test('ConText prediction on kit-style sentences', () => {
  const p = predictNegex({ id: '1', concept: 'edema', sentence: 'Extremities reveal no peripheral cyanosis or EDEMA.' });
  assert.equal(p.negated, true);
  const h = predictNegex({ id: '2', concept: 'diabetes', sentence: 'PAST MEDICAL HISTORY:  DIABETES.' });
  assert.equal(h.temporality, 'historical');
});

test('the NegEx kit scores near published ConText (skipped without the data)', { skip: !existsSync(KIT) }, () => {
  const { items } = loadNegexKit(KIT);
  assert.ok(items.length > 1000);
  const s = evaluateNegex(items);
  assert.ok(s.negation.f1 >= 0.97, `negation F1 ${s.negation.f1}`);
  assert.ok(s.temporality.accuracy >= 0.85, `temporality ${s.temporality.accuracy}`);
  assert.ok(s.experiencer.accuracy >= 0.99, `experiencer ${s.experiencer.accuracy}`);
});
