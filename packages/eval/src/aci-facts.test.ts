import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreConceptF1 } from './aci-facts';
import { divideAciNote } from './aci-bench';

test('concept F1 with an extractor distinguishes negated facts', () => {
  const extract = (t: string): string[] => {
    const out: string[] = [];
    for (const m of t.toLowerCase().matchAll(/(no |denies )?(chest pain|cough|fever)/g)) out.push((m[1] ? '-' : '') + m[2]);
    return out;
  };
  const s = scoreConceptF1('Denies chest pain. Has cough.', 'Chest pain. Has cough.', extract);
  assert.equal(s.method, 'concepts');
  assert.equal(s.precision, 0.5);
  assert.equal(s.recall, 0.5);
  assert.equal(scoreConceptF1('fever', 'fever', extract).f1, 1);
  assert.equal(scoreConceptF1('Hypertension controlled.', 'Diabetes.').method, 'lexical');
});

test('ACI notes divide into subjective, exam, results, assessment and plan', () => {
  const d = divideAciNote(
    'CHIEF COMPLAINT\n\nCough.\n\nPHYSICAL EXAM\n\nLungs clear.\n\nRESULTS\n\nX-ray normal.\n\nASSESSMENT AND PLAN\n\nBronchitis.',
  );
  assert.match(d.subjective, /Cough/);
  assert.match(d.objective_exam, /Lungs clear/);
  assert.match(d.objective_results, /X-ray/);
  assert.match(d.assessment_and_plan, /Bronchitis/);
});
