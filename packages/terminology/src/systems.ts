/** Code system names and the short aliases accepted on the command line and in operations. */
import { SYSTEMS } from './concept';

/** Human names of the code systems, for FHIR `$lookup` `name`. */
export const SYSTEM_NAMES: Record<string, string> = {
  [SYSTEMS.icd10cm]: 'ICD-10-CM',
  [SYSTEMS.snomed]: 'SNOMED CT',
  [SYSTEMS.rxnorm]: 'RxNorm',
  [SYSTEMS.loinc]: 'LOINC',
  [SYSTEMS.ucum]: 'UCUM',
  [SYSTEMS.hpo]: 'Human Phenotype Ontology',
  [SYSTEMS.doid]: 'Human Disease Ontology',
  [SYSTEMS.umls]: 'UMLS',
  [SYSTEMS.cpt]: 'CPT',
  [SYSTEMS.galen]: 'Galen',
};

const ALIASES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(SYSTEMS).map(([k, v]) => [k.toLowerCase(), v])),
  'icd-10-cm': SYSTEMS.icd10cm,
  icd10: SYSTEMS.icd10cm,
  sct: SYSTEMS.snomed,
  'snomed-ct': SYSTEMS.snomed,
  hp: SYSTEMS.hpo,
  do: SYSTEMS.doid,
  'urn:oid:2.16.840.1.113883.6.90': SYSTEMS.icd10cm,
  'urn:oid:2.16.840.1.113883.6.96': SYSTEMS.snomed,
  'urn:oid:2.16.840.1.113883.6.88': SYSTEMS.rxnorm,
  'urn:oid:2.16.840.1.113883.6.1': SYSTEMS.loinc,
};

/** A system URI from a URI, an OID URN or a short alias (`icd10cm`, `rxnorm`, `loinc`, `snomed`, `hpo`, `doid`, `galen`). */
export function resolveSystem(system: string): string {
  const s = system.trim();
  return ALIASES[s.toLowerCase()] ?? s;
}
