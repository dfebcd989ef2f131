import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFacts } from '../../facts';
import { parseTranscript } from '../../transcript/parse';
import { reviewOfSystems, rosSystem } from './ros';

test('the ROS system follows the ICD-10-CM block of the symptom', () => {
  assert.equal(rosSystem('R07.9'), 'Cardiovascular');
  assert.equal(rosSystem('R07.0'), 'Ears, Nose, Mouth and Throat');
  assert.equal(rosSystem('R05.9'), 'Respiratory');
  assert.equal(rosSystem('R09.81'), 'Ears, Nose, Mouth and Throat');
  assert.equal(rosSystem('R09.89'), undefined, 'crackles are an exam sign');
  assert.equal(rosSystem('R11.0'), 'Gastrointestinal');
  assert.equal(rosSystem('R20.2'), 'Neurological');
  assert.equal(rosSystem('R21'), 'Integumentary');
  assert.equal(rosSystem('R50.9'), 'Constitutional');
  assert.equal(rosSystem('R51.9'), 'Neurological');
  assert.equal(rosSystem('M54.9'), 'Musculoskeletal');
  assert.equal(rosSystem('R01.1'), undefined, 'a murmur is an exam sign');
  assert.equal(rosSystem('I10'), undefined, 'a diagnosis is not a review-of-systems symptom');
});

test('ROS lines deny and endorse from facts, with the turns as evidence', () => {
  const t = parseTranscript(
    [
      '[doctor] any chest pain or palpitations ?',
      '[patient] no .',
      '[doctor] any fever or chills ?',
      '[patient] yes , sometimes .',
      "[patient] and i've had a cough , but no nausea .",
      '[patient] my sister has headaches .',
    ].join('\n'),
  );
  const lines = reviewOfSystems(extractFacts(t.turns), new Map(t.turns.map((x, i) => [x.id, i])));
  const text = lines.map((l) => l.text);
  assert.ok(text.includes('Cardiovascular: Denies chest pain or palpitations.'), text.join(' | '));
  assert.ok(text.includes('Constitutional: Endorses fever or chills.'), text.join(' | '));
  assert.ok(text.includes('Respiratory: Endorses cough.'), text.join(' | '));
  assert.ok(text.includes('Gastrointestinal: Denies nausea.'), text.join(' | '));
  assert.ok(!text.some((x) => /headache/.test(x)), "a relative's symptom is not the patient's");
  assert.deepEqual(lines.find((l) => l.text.startsWith('Cardiovascular'))!.evidence, ['t1', 't2']);
  assert.deepEqual(lines.find((l) => l.text.startsWith('Respiratory'))!.evidence, ['t5']);
});
