/**
 * Loader for presidio-research's synthetic PII sentences (`data/synth_dataset_v2.json`, MIT):
 * `[{ full_text, spans: [{ entity_type, entity_value, start_position, end_position }] }]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeidNote } from './deid-physionet';

export const PRESIDIO_DIR = fileURLToPath(new URL('../../../../shared/data/presidio-synth-pii', import.meta.url));

interface PresidioRecord {
  full_text: string;
  spans?: Array<{ entity_type: string; entity_value?: string; start_position: number; end_position: number }>;
}

export function presidioAvailable(dir = PRESIDIO_DIR): boolean {
  return existsSync(join(dir, 'data', 'synth_dataset_v2.json'));
}

/** Parse the JSON array into notes (each sentence its own "patient"). */
export function parsePresidio(raw: string): DeidNote[] {
  const recs = JSON.parse(raw) as PresidioRecord[];
  return recs.map((r, i) => ({
    id: String(i),
    patientId: String(i),
    text: r.full_text,
    gold: (r.spans ?? []).map((s) => ({
      start: s.start_position,
      end: s.end_position,
      type: s.entity_type,
      text: s.entity_value,
    })),
  }));
}

export function loadPresidio(dir = PRESIDIO_DIR): DeidNote[] {
  return parsePresidio(readFileSync(join(dir, 'data', 'synth_dataset_v2.json'), 'utf8'));
}

/**
 * Presidio entity types that are HIPAA identifiers. TITLE (Mr., Dr.), NRP (nationality, religion,
 * politics), ORGANIZATION and CREDIT_CARD/IBAN are not PHI under Safe Harbor's 18 categories in a
 * clinical note (organisations are not, unless they name a place; account numbers are, and are
 * scored); they are reported but excluded from the "phi" total.
 */
export const PRESIDIO_NON_PHI = new Set(['TITLE', 'NRP', 'ORGANIZATION']);
