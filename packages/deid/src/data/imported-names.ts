/**
 * Names imported from public-domain lists (US Census surname file, SSA baby names) by
 * `galen deid import-names`. This file is rewritten by the importer; the default is empty so the
 * runtime needs no external data.
 */
export const IMPORTED_FIRST_NAMES: readonly string[] = [];
export const IMPORTED_SURNAMES: readonly string[] = [];
