import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../transcript/parse';
import { renderDraftText } from '../../note';
import { draftOffline } from './engine';
import { labelExamSentence } from './exam';
import { extractVitals, spokenNumber } from './vitals';
import { splitRunOn } from './features';

test('spoken numbers: digits, "one twenty eight", "a hundred and ten", "seventy two"', () => {
  assert.equal(spokenNumber('128'), 128);
  assert.equal(spokenNumber('one twenty eight'), 128);
  assert.equal(spokenNumber('one eighteen'), 118);
  assert.equal(spokenNumber('a hundred and ten'), 110);
  assert.equal(spokenNumber('seventy two'), 72);
  assert.equal(spokenNumber('banana'), undefined);
});

test('vital signs only from numbers the clinician said', () => {
  assert.deepEqual(
    extractVitals('your blood pressure looks good today at one twenty eight over seventy two and your heart rate is seventy two'),
    ['Blood Pressure: 128/72 mmHg.', 'Heart Rate: 72 beats per minute.'],
  );
  assert.deepEqual(extractVitals('o2 saturation of ninety nine percent'), ['Oxygen Saturation: 99%.']);
  assert.deepEqual(extractVitals('your blood pressure has been running high at home'), []);
  // Implausible pairs are not reported.
  assert.deepEqual(extractVitals('blood pressure is 70 over 120'), []);
});

test('exam findings are labelled by body system with the spoken words kept', () => {
  const lines = labelExamSentence(
    'On his heart exam, I do appreciate a three out of six systolic ejection murmur, his lungs are clear.',
  );
  assert.deepEqual(lines, ['Cardiovascular: 3/6 systolic ejection murmur.', 'Respiratory: His lungs are clear.']);
  // Negation survives labelling.
  assert.match(
    labelExamSentence('He does not have any lower extremity edema.').join(' '),
    /does not have any lower extremity edema/,
  );
});

test('run-on transcripts without punctuation split at discourse markers and questions', () => {
  const runOn =
    'it happens when i walk so i hold on to the grocery cart and that helps a lot do you have any pain in the knee now that you mention it the knee gives out when i go down stairs';
  const pieces = splitRunOn(runOn);
  assert.ok(pieces.length >= 3, pieces.join(' | '));
  assert.ok(pieces.some((p) => p.startsWith('do you have')));
  assert.deepEqual(splitRunOn('short sentence, with punctuation.'), ['short sentence, with punctuation.']);
});

test('volunteered symptoms: negated or someone else\'s never become "Endorses"', () => {
  const d = draftOffline(
    parseTranscript(
      [
        '[doctor] so tell me what brings you in today .',
        "[patient] i don't have any chest pain , but my mother has headaches .",
        '[patient] i have been coughing and i have a cough at night .',
        '[doctor] okay , we will order a chest x-ray and follow up next week , does that sound okay ?',
        '[patient] okay , sounds good .',
      ].join('\n'),
    ),
  );
  const text = renderDraftText(d).toLowerCase();
  assert.doesNotMatch(text, /endorses chest pain/);
  assert.doesNotMatch(text, /endorses headache/);
  assert.match(text, /respiratory: endorses cough/);
  assert.match(text, /understands and agrees/);
  for (const s of d.sections) for (const x of s.sentences) assert.ok(x.evidence.length > 0, x.text);
});
