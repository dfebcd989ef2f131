/**
 * `@galen/nlp`: clinical text → sections, sentences, tokens, concept mentions with ConText,
 * medication signatures and measurements, with character offsets; and those as FHIR resources.
 */
export * from './types';
export {
  extract,
  createPipeline,
  pipelineFor,
  defaultIndex,
  EMPTY_INDEX,
  ENGINE,
  type Pipeline,
  type ExtractOptions,
} from './pipeline';
export { toFhir, TEXT_SPAN_URL, GALEN_TAG_SYSTEM, type ToFhirOptions } from './fhir';
export { tokenize, normalizeWord, normalizePhrase } from './tokens';
export { detectSections, categorizeHeader, normalizeHeader } from './sections';
export { splitSentences, type SplitOptions } from './sentences';
export { buildMatcher, type Matcher, type ConceptMatch } from './matcher';
export { createContextEngine, assessContext, type ContextEngine, type ContextOptions } from './context';
export { CONTEXT_RULES, DEFAULT_SCOPE, type ContextRule, type RuleDirection } from './data/context-rules';
export { parseSig } from './sig';
export { extractMeasurements } from './measurements';
export { isValidUcum, convertUcum } from './ucum';
export { checkText, decodeUtf8 } from './text-check';
