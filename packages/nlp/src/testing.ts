/**
 * A tiny in-memory `ConceptIndex` for tests and examples (a few synthetic-use concepts with real
 * codes: ICD-10-CM, RxNorm, LOINC). Not a lexicon: use `@galen/terminology` for real work.
 */
import type { Abbreviation, Concept, ConceptIndex, ConceptKind } from '@galen/terminology/concept';

const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';

const c = (system: string, code: string, display: string, kind: ConceptKind, synonyms: string[] = []): Concept => ({
  id: `${system}|${code}`,
  system,
  code,
  display,
  kind,
  synonyms,
  source: 'test',
});

/** Concepts of the test index (ICD-10-CM 2024, RxNorm ingredient ids). */
export const TEST_CONCEPTS: readonly Concept[] = [
  c(ICD, 'R07.9', 'Chest pain, unspecified', 'finding', ['chest pain']),
  c(ICD, 'R50.9', 'Fever, unspecified', 'finding', ['fever', 'fevers', 'febrile']),
  c(ICD, 'R06.02', 'Shortness of breath', 'finding', ['shortness of breath', 'SOB', 'dyspnea']),
  c(ICD, 'R11.0', 'Nausea', 'finding', ['nausea']),
  c(ICD, 'R11.10', 'Vomiting, unspecified', 'finding', ['vomiting', 'emesis']),
  c(ICD, 'R60.0', 'Localized edema', 'finding', ['edema', 'swelling']),
  c(ICD, 'I10', 'Essential (primary) hypertension', 'problem', ['hypertension', 'HTN', 'high blood pressure']),
  c(ICD, 'E11.9', 'Type 2 diabetes mellitus without complications', 'problem', [
    'Diabetes mellitus, type 2',
    'type 2 diabetes',
    'T2DM',
    'diabetes',
  ]),
  c(ICD, 'I21.9', 'Acute myocardial infarction, unspecified', 'problem', ['myocardial infarction', 'heart attack']),
  c(ICD, 'J18.9', 'Pneumonia, unspecified organism', 'problem', ['pneumonia']),
  c(ICD, 'C50.919', 'Malignant neoplasm of unspecified site of unspecified female breast', 'problem', ['breast cancer']),
  c(ICD, 'G35', 'Multiple sclerosis', 'problem', ['multiple sclerosis']),
  c(ICD, 'I50.9', 'Heart failure, unspecified', 'problem', ['heart failure', 'CHF', 'congestive heart failure']),
  c(ICD, 'I48.91', 'Unspecified atrial fibrillation', 'problem', ['atrial fibrillation', 'afib', 'AF']),
  c(ICD, 'I34.0', 'Nonrheumatic mitral (valve) insufficiency', 'problem', ['mitral regurgitation', 'mitral stenosis']),
  c(RX, '29046', 'lisinopril', 'medication', ['Zestril', 'Prinivil']),
  c(RX, '6809', 'metformin', 'medication', ['Glucophage']),
  c(RX, '1191', 'aspirin', 'medication', ['ASA']),
  c(RX, '7052', 'morphine', 'medication', []),
  c(RX, '161', 'acetaminophen', 'medication', ['Tylenol', 'paracetamol']),
  c(RX, '7646', 'omeprazole', 'medication', ['Prilosec']),
  c(RX, '11289', 'warfarin', 'medication', ['Coumadin']),
  c(RX, '7980', 'penicillin G', 'medication', ['penicillin']),
  c(RX, '5224', 'heparin', 'medication', []),
  c(RX, '2670', 'codeine', 'medication', []),
  c(RX, '6918', 'metoprolol', 'medication', ['Lopressor', 'Toprol']),
  c(RX, '5640', 'ibuprofen', 'medication', ['Motrin', 'Advil']),
  c(RX, '7804', 'oxycodone', 'medication', []),
];

/** Abbreviations of the test index: `MS` (multiple sclerosis vs morphine sulfate), `MR`. */
export const TEST_ABBREVIATIONS: readonly Abbreviation[] = [
  {
    abbr: 'MS',
    senses: [
      {
        expansion: 'multiple sclerosis',
        conceptId: `${ICD}|G35`,
        sections: ['past-medical-history', 'assessment', 'history-present-illness'],
        cues: ['relapsing', 'demyelinating', 'neurology', 'lesions', 'history'],
      },
      {
        expansion: 'morphine sulfate',
        conceptId: `${RX}|7052`,
        sections: ['medications', 'plan'],
        cues: ['mg', 'iv', 'po', 'prn', 'pain', 'dose', 'q4h'],
      },
      { expansion: 'mitral stenosis', conceptId: `${ICD}|I34.0`, sections: [], cues: ['murmur', 'valve', 'echo', 'mitral'] },
    ],
  },
];

/** A small `ConceptIndex` over `TEST_CONCEPTS` and `TEST_ABBREVIATIONS`. */
export function createTestIndex(
  concepts: readonly Concept[] = TEST_CONCEPTS,
  abbreviations: readonly Abbreviation[] = TEST_ABBREVIATIONS,
): ConceptIndex {
  const byId = new Map(concepts.map((x) => [x.id, x]));
  return {
    size: concepts.length,
    get: (system, code) => byId.get(`${system}|${code}`),
    byId: (id) => byId.get(id),
    all: () => concepts,
    search: (text) => {
      const q = text.toLowerCase();
      return concepts.filter((x) => [x.display, ...x.synonyms].some((n) => n.toLowerCase().includes(q)));
    },
    abbreviations: () => abbreviations,
  };
}
