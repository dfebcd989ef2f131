/**
 * Reading the machine-readable cards of shipped models (`packages/cds/models/<name>.card.json`,
 * written by `bench/cds-model-card.ts`). The cds service is handed a reader (`CdsIo.modelCards`).
 */
import { readFile } from 'node:fs/promises';
import { notFound } from '@galen/fhir';
import { SEPSIS_MODEL_URL } from '@galen/cds/model/bundled';

export interface ModelCardReader {
  /** The card as JSON; 404 for an unknown or malformed name. */
  read(name: string): Promise<unknown>;
}

/** `sepsis-gbt-v2` for `.../models/sepsis-gbt-v2.json`: the model the service runs. */
export const BUNDLED_MODEL_NAME = SEPSIS_MODEL_URL.pathname.replace(/^.*\//, '').replace(/\.json$/, '');

const modelCards = new Map<string, Promise<unknown>>();

/**
 * The card of a shipped model, read once and cached (a failed read is not cached).
 * @example await bundledModelCards.read('sepsis-gbt-v2')
 */
export const bundledModelCards: ModelCardReader = {
  read(name) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) return Promise.reject(notFound(`No model card for "${name.slice(0, 64)}"`));
    let card = modelCards.get(name);
    if (!card) {
      // Resolved next to the bundled model file (packages/cds/models/), wherever the package lives.
      card = readFile(new URL(`${name}.card.json`, SEPSIS_MODEL_URL), 'utf8').then(
        (text) => JSON.parse(text) as unknown,
        (err: NodeJS.ErrnoException) => {
          throw err.code === 'ENOENT' ? notFound(`No model card for "${name}"`) : err;
        },
      );
      modelCards.set(name, card);
      card.catch(() => modelCards.delete(name));
    }
    return card;
  },
};
