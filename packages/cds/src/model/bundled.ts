/**
 * Explicit loader for the model file that ships with Galen (`packages/cds/models/`). The only
 * file read in this package; everything else takes the parsed model as an argument.
 */
import { readFileSync } from 'node:fs';
import { loadSepsisModel, type SepsisModel } from './sepsis-model';

export const SEPSIS_MODEL_URL = new URL('../../models/sepsis-gbt-v2.json', import.meta.url);

let cached: SepsisModel | undefined;

/** The bundled sepsis model (read once). */
export function loadBundledSepsisModel(): SepsisModel {
  cached ??= loadSepsisModel(JSON.parse(readFileSync(SEPSIS_MODEL_URL, 'utf8')));
  return cached;
}
