/**
 * Operations of the terminology area: code look-up and validation as the FHIR CodeSystem
 * operations, and a text search over the loaded concepts. The index comes from the `terminology`
 * service (the composition root registers `terminologyService(config.dataDir)` under that name).
 */
import { z } from 'zod';
import { ROLES } from '@galen/store';
import { badRequest, notFound } from '@galen/fhir';
import type { Parameters, ParametersParameter } from '@galen/fhir';
import { SYSTEM_NAMES, resolveSystem, type Concept, type ConceptIndex } from '@galen/terminology';
import { defineOperation, type Operation, type OperationContext } from '../registry';

const SNOMED_SYNONYM = { system: 'http://snomed.info/sct', code: '900000000000013009', display: 'Synonym' };

const codingInput = z.object({ system: z.string().max(300), code: z.string().max(100) });

/** `system` + `code`, or a `coding`, as both operations accept. @see https://hl7.org/fhir/R4/codesystem-operation-lookup.html */
const codeInput = {
  system: z.string().max(300).optional(),
  code: z.string().max(100).optional(),
  coding: codingInput.optional(),
  version: z.string().max(100).optional(),
};

function target(input: { system?: string; code?: string; coding?: { system: string; code: string }; url?: string }): {
  system: string;
  code: string;
} {
  const system = input.coding?.system ?? input.system ?? input.url;
  const code = input.coding?.code ?? input.code;
  if (!system || !code) throw badRequest('Give "system" and "code" (or a "coding")');
  return { system: resolveSystem(system), code: code.trim() };
}

async function indexOf(ctx: OperationContext): Promise<ConceptIndex> {
  return ctx.services.get('terminology');
}

/** The FHIR `$lookup` response for a concept. */
export function lookupParameters(c: Concept): Parameters {
  const parameter: ParametersParameter[] = [
    { name: 'name', valueString: SYSTEM_NAMES[c.system] ?? c.system },
    { name: 'display', valueString: c.display },
  ];
  for (const s of c.synonyms) {
    parameter.push({
      name: 'designation',
      part: [
        { name: 'use', valueCoding: SNOMED_SYNONYM },
        { name: 'value', valueString: s },
      ],
    });
  }
  const property = (code: string, value: ParametersParameter) =>
    parameter.push({ name: 'property', part: [{ name: 'code', valueCode: code }, value] });
  property('kind', { name: 'value', valueCode: c.kind });
  if (c.notSelectable) property('notSelectable', { name: 'value', valueBoolean: true });
  if (c.unit) property('unit', { name: 'value', valueString: c.unit });
  if (c.termType) property('tty', { name: 'value', valueCode: c.termType });
  for (const k of c.classes ?? []) property('class', { name: 'value', valueCode: k });
  for (const m of c.mappings ?? []) property('equivalent', { name: 'value', valueCoding: { system: m.system, code: m.code } });
  for (const i of c.ingredients ?? []) property('ingredient', { name: 'value', valueString: i });
  property('source', { name: 'value', valueString: c.source });
  return { resourceType: 'Parameters', parameter };
}

export const terminologyLookup = defineOperation({
  name: 'terminology.lookup',
  description: 'Look up a code: display, synonyms and properties (FHIR CodeSystem/$lookup).',
  input: z.object(codeInput),
  roles: ROLES,
  fhir: { code: 'lookup', resourceType: 'CodeSystem' },
  async handler(input, ctx): Promise<Parameters> {
    const { system, code } = target(input);
    const c = (await indexOf(ctx)).get(system, code);
    if (!c) throw notFound(`Code "${code}" not found in ${SYSTEM_NAMES[system] ?? system}`);
    return lookupParameters(c);
  },
});

export const terminologyValidateCode = defineOperation({
  name: 'terminology.validate-code',
  description: 'Check that a code exists in a code system, optionally with its display (FHIR CodeSystem/$validate-code).',
  input: z.object({ ...codeInput, url: z.string().max(300).optional(), display: z.string().max(500).optional() }),
  roles: ROLES,
  fhir: { code: 'validate-code', resourceType: 'CodeSystem' },
  async handler(input, ctx): Promise<Parameters> {
    const { system, code } = target(input);
    const index = await indexOf(ctx);
    const c = index.get(system, code);
    const name = SYSTEM_NAMES[system] ?? system;
    const out = (result: boolean, message: string, display?: string): Parameters => ({
      resourceType: 'Parameters',
      parameter: [
        { name: 'result', valueBoolean: result },
        { name: 'message', valueString: message },
        ...(display ? [{ name: 'display', valueString: display }] : []),
      ],
    });
    if (!c) return out(false, `Unknown code "${code}" in ${name}`);
    if (input.display) {
      const want = input.display.trim().toLowerCase();
      if (![c.display, ...c.synonyms].some((d) => d.toLowerCase() === want)) {
        return out(
          false,
          `The display "${input.display}" is not a name of ${code} in ${name}; expected "${c.display}"`,
          c.display,
        );
      }
    }
    if (c.notSelectable) return out(true, `${code} is a valid ${name} code but a category header, not billable`, c.display);
    return out(true, `${code} is a valid ${name} code`, c.display);
  },
});

const KINDS = [
  'problem',
  'finding',
  'medication',
  'drug-class',
  'lab',
  'vital-sign',
  'procedure',
  'anatomy',
  'allergen',
] as const;

export const terminologySearch = defineOperation({
  name: 'terminology.search',
  description: 'Search concepts by text (names, synonyms, abbreviations, codes), ranked.',
  input: z.object({
    text: z.string().min(1).max(200),
    kind: z.enum(KINDS).optional(),
    system: z.string().max(300).optional(),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  roles: ROLES,
  async handler(input, ctx) {
    const index = await indexOf(ctx);
    const results = index.search(input.text, {
      kind: input.kind,
      system: input.system ? resolveSystem(input.system) : undefined,
      limit: input.limit,
    });
    return {
      text: input.text,
      results: results.map((c) => ({
        id: c.id,
        system: c.system,
        code: c.code,
        display: c.display,
        kind: c.kind,
        source: c.source,
        ...(c.unit ? { unit: c.unit } : {}),
        ...(c.classes?.length ? { classes: c.classes } : {}),
      })),
    };
  },
});

export const terminologyOperations: Operation[] = [terminologyLookup, terminologyValidateCode, terminologySearch] as Operation[];
