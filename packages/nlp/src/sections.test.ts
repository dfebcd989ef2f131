import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categorizeHeader, detectSections } from './sections';
import { splitSentences } from './sentences';

test('headers at line starts, inline after a sentence, and in transcription style are found', () => {
  const text =
    'CHIEF COMPLAINT: Cough.\nHISTORY OF PRESENT ILLNESS: Three days of cough. Past medical history: asthma.\n' +
    'MEDICATIONS:,  Albuterol.,ALLERGIES: , None.\nThe time was 10:30 today.';
  const sections = detectSections(text);
  assert.deepEqual(
    sections.map((s) => s.category),
    ['chief-complaint', 'history-present-illness', 'past-medical-history', 'medications', 'allergies'],
  );
  for (const s of sections) {
    assert.equal(text.slice(s.header!.start, s.header!.end).replace(/:$/, '').trim(), s.title);
  }
  // sections tile the text
  for (let i = 1; i < sections.length; i++) assert.equal(sections[i - 1]!.end, sections[i]!.start);
  assert.equal(sections.at(-1)!.end, text.length);
});

test('unknown headers count only in capitals at a line start; prose colons are not headers', () => {
  const sections = detectSections('He said the following: nothing.\nWOUND CARE: dressing changed.');
  assert.equal(sections.length, 2);
  assert.equal(sections[1]!.title, 'WOUND CARE');
  assert.equal(sections[1]!.category, 'other');
  assert.equal(categorizeHeader('Assessment and Plan'), 'assessment-plan');
  assert.equal(categorizeHeader('FH'), 'family-history');
});

test('sentences survive abbreviations, decimals, vitals and lists', () => {
  const text =
    'Pt seen by Dr. Smith at 9 a.m. today. Temp 38.5, BP 120/80. Given ASA 81 mg p.o. daily.\n' +
    '1. Hypertension.\n2. Diabetes\n\nNew paragraph here';
  const spans = splitSentences(text);
  assert.deepEqual(
    spans.map((s) => text.slice(s.start, s.end)),
    [
      'Pt seen by Dr. Smith at 9 a.m. today.',
      'Temp 38.5, BP 120/80.',
      'Given ASA 81 mg p.o. daily.',
      '1. Hypertension.',
      '2. Diabetes',
      'New paragraph here',
    ],
  );
});

test('ALL-CAPS nursing text and huge unpunctuated text split into bounded sentences', () => {
  const nursing = 'O: PT ALERT. NO DISTRESS; VS STABLE.\nA: STABLE. P: CONTINUE.';
  const spans = splitSentences(nursing, detectSections(nursing));
  assert.ok(spans.length >= 4);
  const long = 'word '.repeat(5000);
  for (const s of splitSentences(long)) assert.ok(s.end - s.start <= 2100);
});
