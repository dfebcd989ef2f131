import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessContext, createContextEngine } from './context';
import { tokenize } from './tokens';

const at = (sentence: string, target: string) => {
  const start = sentence.indexOf(target);
  assert.ok(start >= 0, `${target} in ${sentence}`);
  return assessContext(sentence, { start, end: start + target.length });
};

test('forward and backward negation, with the cue and its span', () => {
  const s = 'Patient denies chest pain, fever or chills.';
  const c = at(s, 'chills');
  assert.equal(c.negated, true);
  const cue = c.cues.find((x) => x.category === 'negated')!;
  assert.equal(s.slice(cue.start, cue.end), 'denies');
  assert.equal(cue.text, 'denies');
  assert.equal(at('Her nausea has resolved.', 'nausea').negated, true);
  assert.equal(at('No acute fracture.', 'acute fracture').negated, true);
  assert.equal(at('Chest pain.', 'Chest pain').negated, false);
});

test('pseudo-triggers and terminations stop negation', () => {
  assert.equal(at('No increase in edema.', 'edema').negated, false);
  assert.equal(at('Gram negative rods in the blood.', 'rods').negated, false);
  assert.equal(at('No fever but has cough.', 'cough').negated, false);
  assert.equal(at('No fever; cough present.', 'cough').negated, false);
  assert.equal(at('Pneumonia cannot be ruled out.', 'Pneumonia').negated, false);
  assert.equal(at('Pneumonia cannot be ruled out.', 'Pneumonia').uncertain, true);
});

test('scope is limited in words', () => {
  const far = 'No ' + 'word '.repeat(30) + 'edema.';
  assert.equal(at(far, 'edema').negated, false);
});

test('uncertainty, history, hypothetical and family experiencer', () => {
  assert.equal(at('Possible pneumonia.', 'pneumonia').uncertain, true);
  assert.equal(at('History of myocardial infarction.', 'myocardial infarction').historical, true);
  assert.equal(at('Two-day history of fever.', 'fever').historical, false);
  assert.equal(at('Return to the ED if fever develops.', 'fever').hypothetical, true);
  const fam = at('Mother had breast cancer.', 'breast cancer');
  assert.equal(fam.experiencer, 'family');
  assert.equal(fam.relation, 'MTH');
  assert.equal(at('Mother states the patient has fever.', 'fever').experiencer, 'patient');
});

test('section context: history and family history sections', () => {
  const engine = createContextEngine();
  const s = 'Diabetes.';
  const [h] = engine.analyze(s, tokenize(s), [{ start: 0, end: 8 }], { section: 'past-medical-history' });
  assert.equal(h!.historical, true);
  assert.equal(h!.cues[0]!.source, 'section');
  const [f] = engine.analyze(s, tokenize(s), [{ start: 0, end: 8 }], { section: 'family-history' });
  assert.equal(f!.experiencer, 'family');
});

test('custom rules replace the defaults', () => {
  const engine = createContextEngine([{ phrase: 'sans', category: 'negated', direction: 'forward' }]);
  const s = 'sans fever, no cough';
  const [a, b] = engine.analyze(s, tokenize(s), [
    { start: 5, end: 10 },
    { start: 15, end: 20 },
  ]);
  assert.equal(a!.negated, true);
  assert.equal(b!.negated, true); // "sans" still in scope; "no" is not a rule here
  const [c] = engine.analyze('no cough', tokenize('no cough'), [{ start: 3, end: 8 }]);
  assert.equal(c!.negated, false);
});

test('conversational doubt and denial: "not sure if", "does not think she has", a spouse', () => {
  const unsure = at('She is not sure if she had a fever.', 'fever');
  assert.equal(unsure.uncertain, true);
  assert.equal(unsure.negated, false, '"not sure if" is doubt, not denial');
  const denied = at('She does not think she has a fever.', 'fever');
  assert.equal(denied.negated, true);
  assert.equal(denied.cues.find((x) => x.category === 'negated')!.text, 'does not think she has');
  // Without the denial, "she has" still ends an earlier negation's scope.
  assert.equal(at('No chest pain, she has a cough.', 'cough').negated, false);
  assert.equal(at('Their husband has a cough.', 'cough').experiencer, 'other');
});

test('doubt keeps its scope over a clause that opens with a termination term ("not sure if it is")', () => {
  for (const s of [
    'She is not sure if it is pneumonia.',
    'Not sure whether there was pneumonia.',
    'Unsure if he has pneumonia.',
  ]) {
    const c = at(s, 'pneumonia');
    assert.equal(c.uncertain, true, s);
    assert.equal(c.negated, false, s);
  }
  // The same clause opening still ends the scope of a trigger it does not follow directly.
  assert.equal(at('Possible fever, it is pneumonia.', 'pneumonia').uncertain, false);
});
