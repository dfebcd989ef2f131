/**
 * Names imported from public-domain lists (US Census name lists, SSA baby names) by
 * `galen deid import-names`. This file is rewritten by the importer; the default is empty so the
 * runtime needs no external data. The detector gates imported names by word class
 * (`name-lists.ts`) with the settings in `IMPORTED_NAME_GATE`.
 */
import type { NameGateOptions } from '../name-lists';

export const IMPORTED_NAME_GATE: NameGateOptions = {};
export const IMPORTED_FIRST_NAMES: readonly string[] = [];
export const IMPORTED_SURNAMES: readonly string[] = [];
