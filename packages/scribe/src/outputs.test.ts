import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateResource } from '@galen/fhir';
import type { Concept } from '@galen/terminology/concept';
import { parseTranscript } from './transcript/parse';
import { draftOffline } from './engines/offline/engine';
import { draftToFhir, signDraft, wordEditDistance, SCRIBE_EXT } from './fhir';
import { countSyllables, fleschKincaid } from './readability';
import { buildAfterVisitSummary } from './summary';
import { buildReferralLetter } from './letter';
import { suggestCodes } from './codes';
import type { Draft } from './note';

const VISIT = `[doctor] so mary is a 64-year-old female with a past medical history significant for hypertension who presents today with knee pain .
[patient] my right knee has been hurting for 3 weeks , worse when i walk .
[doctor] any fever ?
[patient] no .
[doctor] on exam , there is swelling of the right knee with tenderness over the medial joint line .
[doctor] the x-ray of the right knee shows mild osteoarthritis .
[doctor] my assessment is osteoarthritis of the right knee . i'm going to refer you to physical therapy . continue lisinopril 10 mg daily . follow up in 6 weeks .
[doctor] she denies diabetes and her mother had asthma .`;

const draft = draftOffline(parseTranscript(VISIT));
const NOW = '2026-01-02T10:00:00Z';

test('draft as Composition + preliminary DocumentReference + Provenance, all valid FHIR', () => {
  const r = draftToFhir(draft, {
    now: NOW,
    ids: { composition: 'c1', documentReference: 'd1', provenance: 'p1' },
    subject: { reference: 'Patient/123' },
  });
  validateResource(r.composition);
  validateResource(r.documentReference);
  validateResource(r.provenance);
  assert.equal(r.documentReference.docStatus, 'preliminary');
  assert.equal(r.composition.status, 'preliminary');
  const codes = r.composition.section!.map((s) => s.code!.coding![0]!.code);
  assert.ok(codes.includes('10164-2'));
  assert.ok(r.provenance.agent[0]!.who.display!.startsWith('galen-offline'));
  assert.ok(r.provenance.entity!.length > 0);
  const sentenceExt = r.composition.section![0]!.extension![0]!;
  assert.equal(sentenceExt.url, SCRIBE_EXT.sentence);
  assert.ok(sentenceExt.extension!.some((e) => e.url === 'evidence'));
});

test('signing makes the document final with the signer Provenance and the edit distance', () => {
  const r = draftToFhir(draft, { now: NOW, ids: { composition: 'c1', documentReference: 'd1', provenance: 'p1' } });
  const original = Buffer.from(r.documentReference.content[0]!.attachment.data!, 'base64').toString('utf8');
  const s = signDraft(r.documentReference, {
    signer: { reference: 'Practitioner/dr1' },
    now: NOW,
    provenanceId: 'p2',
    signedText: original + '\nAddendum: reviewed with patient.',
  });
  validateResource(s.documentReference);
  validateResource(s.provenance);
  assert.equal(s.documentReference.docStatus, 'final');
  const dist = s.provenance.extension!.find((e) => e.url === SCRIBE_EXT.editDistance)!.valueInteger;
  assert.equal(dist, 4);
  assert.throws(() =>
    signDraft(s.documentReference, { signer: { reference: 'Practitioner/dr1' }, now: NOW, provenanceId: 'p3' }),
  );
  assert.equal(wordEditDistance('a b c', 'a x c d'), 2);
});

test('syllables and Flesch–Kincaid grade', () => {
  assert.equal(countSyllables('cat'), 1);
  assert.equal(countSyllables('table'), 2);
  assert.equal(countSyllables('medicine'), 3);
  assert.equal(countSyllables('walked'), 1);
  assert.equal(countSyllables('wanted'), 2);
  assert.equal(countSyllables('hypertension'), 4);
  const easy = fleschKincaid('The cat sat on the mat. The dog ran.');
  assert.ok(easy.grade < 2, String(easy.grade));
  const hard = fleschKincaid(
    'Hypertensive cardiovascular pathophysiology necessitates comprehensive pharmacological intervention and longitudinal monitoring.',
  );
  assert.ok(hard.grade > 14, String(hard.grade));
});

test('after-visit summary is plain language at grade 6 or below, with evidence', () => {
  const s = buildAfterVisitSummary(draft);
  assert.ok(s.readability.grade <= 6, `${s.readability.grade}: ${s.text}`);
  assert.match(s.text, /high blood pressure/);
  assert.ok(s.lines.some((l) => l.evidence.length > 0));
});

test('referral letter names the patient and the reason', () => {
  const l = buildReferralLetter(draft, { to: 'Dr. Lee, Orthopedics', date: '2026-01-02' });
  assert.match(l.text, /Dear Dr\. Lee/);
  assert.match(l.text, /64-year-old female/);
  assert.ok(l.evidence.length > 0);
});

/** An ICD-10-CM concept for a test index. */
const c = (code: string, display: string, synonyms: string[] = []): Concept => ({
  id: `icd|${code}`,
  system: 'http://hl7.org/fhir/sid/icd-10-cm',
  code,
  display,
  kind: 'problem',
  synonyms,
  source: 'test',
});

test('ICD-10-CM suggestions come only from the index and skip negated/family mentions', () => {
  const index = {
    all: () => [
      c('I10', 'Essential (primary) hypertension', ['hypertension']),
      c('M17.11', 'Unilateral primary osteoarthritis, right knee', ['osteoarthritis of the right knee']),
      c('M17.9', 'Osteoarthritis of knee, unspecified', ['osteoarthritis']),
      c('E11.9', 'Type 2 diabetes mellitus without complications', ['diabetes']),
      c('J45.909', 'Unspecified asthma, uncomplicated', ['asthma']),
    ],
  };
  const s = suggestCodes(draft, index);
  const codes = s.map((x) => x.code);
  assert.ok(codes.includes('I10'));
  assert.ok(codes.includes('M17.11'), codes.join());
  assert.ok(!codes.includes('E11.9'), 'negated diabetes suggested');
  assert.ok(!codes.includes('J45.909'), 'family asthma suggested');
  for (const x of s) assert.ok(x.evidence.length > 0);
});

test('ICD-10-CM suggestions read context with ConText: doubt, hypotheticals and family are not coded', () => {
  const index = {
    all: () => [
      c('J45.909', 'Unspecified asthma, uncomplicated', ['asthma']),
      c('J18.9', 'Pneumonia, unspecified organism', ['pneumonia']),
      c('I10', 'Essential (primary) hypertension', ['hypertension']),
      c('E11.9', 'Type 2 diabetes mellitus without complications', ['diabetes']),
      c('R05.9', 'Cough, unspecified', ['cough']),
    ],
  };
  const d: Draft = {
    engine: { name: 'test', version: '0' },
    patient: {},
    problems: [],
    warnings: [],
    partial: false,
    sections: [
      {
        code: 'assessmentPlan',
        title: 'ASSESSMENT AND PLAN',
        sentences: [
          { text: 'Cough, possibly early pneumonia.', evidence: ['t1'] },
          { text: 'Her mother has diabetes.', evidence: ['t2'] },
          { text: 'Return if she develops asthma symptoms.', evidence: ['t3'] },
          { text: 'Hypertension, well controlled.', evidence: ['t4'] },
        ],
      },
    ],
  };
  const codes = suggestCodes(d, index).map((x) => x.code);
  assert.deepEqual(codes.sort(), ['I10', 'R05.9']);
});
