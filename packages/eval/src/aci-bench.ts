/**
 * Loader for ACI-Bench (Yim et al., Sci Data 2023, CC BY 4.0; https://github.com/wyim/aci-bench):
 * CSV files `data/challenge_data/<split>.csv` with columns `dataset, encounter_id, dialogue, note`.
 * Reads files only when called; the data lives in `../shared/data/aci-bench`, never in the repo.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from './csv';

export interface AciEncounter {
  dataset: string;
  encounterId: string;
  dialogue: string;
  note: string;
}

/** Split names and their files; aliases `test1`/`test2`/`test3` follow the paper. */
export const ACI_SPLITS: Record<string, string> = {
  train: 'train.csv',
  valid: 'valid.csv',
  test1: 'clinicalnlp_taskB_test1.csv',
  test2: 'clinicalnlp_taskC_test2.csv',
  test3: 'clef_taskC_test3.csv',
};

/** Default location of the shared copy, resolved from the repository root. */
export const DEFAULT_ACI_DIR = fileURLToPath(new URL('../../../../shared/data/aci-bench', import.meta.url));

/** Does the data folder exist (tests skip when it does not)? */
export function hasAciBench(dir: string = DEFAULT_ACI_DIR): boolean {
  return existsSync(join(dir, 'data', 'challenge_data', 'train.csv'));
}

/** Read one split. `split` is a name from `ACI_SPLITS` or a CSV file name under `data/challenge_data`. */
export function loadAciBench(split: string, dir: string = DEFAULT_ACI_DIR): AciEncounter[] {
  const file = ACI_SPLITS[split] ?? (split.endsWith('.csv') ? split : `${split}.csv`);
  const path = join(dir, 'data', 'challenge_data', file);
  if (!existsSync(path)) throw new Error(`ACI-Bench split not found: ${path}`);
  return parseCsvRecords(readFileSync(path, 'utf8')).map((r) => ({
    dataset: r.dataset ?? '',
    encounterId: r.encounter_id ?? '',
    dialogue: r.dialogue ?? '',
    note: r.note ?? '',
  }));
}

/** Published predictions (`reference_predictions/<file>`): encounter id → predicted note. */
export function loadAciPredictions(file: string, dir: string = DEFAULT_ACI_DIR): Map<string, string> {
  const rows = parseCsvRecords(readFileSync(join(dir, 'reference_predictions', file), 'utf8'));
  return new Map(rows.map((r) => [r.encounter_id ?? '', r.note ?? '']));
}

/** The note's sections as ACI-Bench divides them (MEDIQA-Chat section headers). */
export const ACI_SECTION_DIVISIONS = ['subjective', 'objective_exam', 'objective_results', 'assessment_and_plan'] as const;
export type AciDivision = (typeof ACI_SECTION_DIVISIONS)[number];

const DIVISION_HEADERS: [AciDivision, RegExp][] = [
  ['objective_exam', /^(PHYSICAL EXAM(INATION)?|EXAM(INATION)?|VITALS( REVIEWED)?|VITAL SIGNS)\b/],
  ['objective_results', /^(RESULTS|FINDINGS|LABS?|IMAGING)\b/],
  ['assessment_and_plan', /^(ASSESSMENT( AND PLAN)?|PLAN|IMPRESSION|INSTRUCTIONS|SURGICAL PLAN)\b/],
  [
    'subjective',
    /^(CHIEF COMPLAINT|CC|HISTORY|HPI|REVIEW OF SYSTEMS|ROS|PAST|MEDICATIONS|ALLERGIES|SOCIAL|FAMILY|CURRENT|PROBLEM)/,
  ],
];

/** Split a note into the four ACI-Bench divisions by its upper-case section headers. */
export function divideAciNote(note: string): Record<AciDivision, string> {
  const out: Record<AciDivision, string[]> = {
    subjective: [],
    objective_exam: [],
    objective_results: [],
    assessment_and_plan: [],
  };
  let cur: AciDivision = 'subjective';
  for (const line of note.split('\n')) {
    const t = line.trim();
    if (t && t === t.toUpperCase() && /[A-Z]/.test(t) && t.length < 60) {
      for (const [div, re] of DIVISION_HEADERS) {
        if (re.test(t)) {
          cur = div;
          break;
        }
      }
    }
    out[cur].push(line);
  }
  return {
    subjective: out.subjective.join('\n').trim(),
    objective_exam: out.objective_exam.join('\n').trim(),
    objective_results: out.objective_results.join('\n').trim(),
    assessment_and_plan: out.assessment_and_plan.join('\n').trim(),
  };
}
