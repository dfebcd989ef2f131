/**
 * `@galen/deid`: PHI detection and de-identification of clinical text and FHIR resources (HIPAA
 * Safe Harbor identifiers), with redaction, tagging, key-derived surrogates and per-patient date
 * shifts, an encrypted re-identification mapping, and the PHI guard used before text leaves the
 * process.
 */
export * from './types';
export { detectPhi, resolveOverlaps, createPhiMemory, type DetectOptions, type PhiMemory } from './detect';
export {
  deidentifyText,
  redactionTag,
  applyReplacements,
  type DeidOptions,
  type DeidResult,
  type ReplacedSpan,
} from './deidentify';
export { deidentifyResource, fhirPatientId, type FhirDeidOptions, type FhirDeidResult, type FhirFinding } from './fhir';
export { phiGuard, type PhiGuardOptions, type PhiGuardResult } from './guard';
export { assertDeidKey, DeidKeyError, MIN_KEY_BYTES } from './key';
export { patientDateOffset, shiftDateText, shiftFhirDate, MIN_SHIFT_DAYS, MAX_SHIFT_DAYS } from './dates';
export { encryptMapping, decryptMapping, type MappingEntry } from './mapping';
export {
  gateNameLists,
  nameGateReason,
  type NameLists,
  type NameGateOptions,
  type GateWords,
  type GatedNames,
} from './name-lists';
export { parseSiteLists, SiteListError, MAX_SITE_LIST_BYTES, MAX_SITE_LIST_LINE, type SiteLists } from './site-lists';
export { parseNameList, renderImportedNames, type NameListFormat, type ParseNamesOptions } from './import-names';
export { safeHarborZip, RESTRICTED_ZIP3 } from './data/restricted-zip3';
