/**
 * Operations of the deid area: `deid.text` and `deid.resource` (FHIR `$deidentify`).
 * The secret for surrogates is read here, from the file named by `config.deidKeyFile`
 * (GALEN_DEID_KEY_FILE); `@galen/deid` itself never reads files. Redact and tag need no key.
 * The site's own names and places are read here too, once, from `config.deidSiteLists`
 * (GALEN_DEID_SITE_LISTS).
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { badRequest, serverError, unprocessable } from '@galen/fhir';
import {
  deidentifyText,
  deidentifyResource,
  parseSiteLists,
  DeidKeyError,
  MIN_KEY_BYTES,
  MAX_SITE_LIST_BYTES,
  SiteListError,
  type SiteLists,
} from '@galen/deid';
import { defineOperation, type Operation, type OperationContext } from './registry';

const modeSchema = z.enum(['redact', 'surrogate', 'tag']).default('redact');

/** Read the de-identification key (only needed for surrogate mode or a mapping). */
export async function loadDeidKey(ctx: Pick<OperationContext, 'services'>): Promise<Buffer> {
  const file = ctx.services.config.deidKeyFile;
  if (!file)
    throw badRequest(
      'Surrogate de-identification needs a secret key: set GALEN_DEID_KEY_FILE to a file of at least 32 bytes (e.g. `openssl rand -out deid.key 32`).',
    );
  let key: Buffer;
  try {
    key = await readFile(file);
  } catch {
    throw badRequest('The de-identification key file named by GALEN_DEID_KEY_FILE cannot be read.');
  }
  if (key.length < MIN_KEY_BYTES)
    throw badRequest(
      `The de-identification key file is too short (${key.length} bytes; at least ${MIN_KEY_BYTES} are required).`,
    );
  return key;
}

const siteListsCache = new Map<string, Promise<SiteLists>>();

async function readSiteLists(file: string): Promise<SiteLists> {
  let content: Buffer;
  try {
    if ((await stat(file)).size > MAX_SITE_LIST_BYTES)
      throw new SiteListError(`site lists file is larger than ${MAX_SITE_LIST_BYTES / 1024 / 1024} MB`);
    content = await readFile(file);
  } catch (err) {
    if (err instanceof SiteListError) throw serverError(`GALEN_DEID_SITE_LISTS: ${err.message}.`);
    throw serverError('The de-identification site lists file named by GALEN_DEID_SITE_LISTS cannot be read.');
  }
  try {
    return parseSiteLists(content);
  } catch (err) {
    // The message names the problem and the line, never the file's content.
    if (err instanceof SiteListError) throw serverError(`GALEN_DEID_SITE_LISTS: ${err.message}.`);
    throw err;
  }
}

/**
 * The site's names and places as detection options (`extraNames`, `extraLocations`), read once per
 * file and cached (a failed read is not cached, so a fixed file is picked up by the next call).
 * Empty when GALEN_DEID_SITE_LISTS is not set.
 */
export async function loadSiteLists(
  ctx: Pick<OperationContext, 'services'>,
): Promise<{ extraNames?: readonly string[]; extraLocations?: readonly string[] }> {
  const file = ctx.services.config.deidSiteLists;
  if (!file) return {};
  let p = siteListsCache.get(file);
  if (!p) {
    p = readSiteLists(file);
    siteListsCache.set(file, p);
    p.catch(() => siteListsCache.delete(file));
  }
  const lists = await p;
  return { extraNames: lists.names, extraLocations: lists.places };
}

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof DeidKeyError) throw badRequest(err.message);
    if (err instanceof TypeError) throw unprocessable(err.message);
    throw err;
  }
}

const textOp = defineOperation({
  name: 'deid.text',
  description:
    'De-identify clinical text (HIPAA Safe Harbor identifiers): redact, tag, or replace with key-derived surrogates and per-patient date shifts',
  input: z.object({
    text: z.string().max(20 * 1024 * 1024),
    mode: modeSchema,
    patientId: z.string().max(128).optional(),
    years: z.boolean().optional(),
    mapping: z.boolean().optional(),
  }),
  roles: ['admin', 'clinician', 'reviewer', 'service'],
  async handler(input, ctx) {
    const key = input.mode === 'surrogate' || input.mapping ? await loadDeidKey(ctx) : undefined;
    const site = await loadSiteLists(ctx);
    const r = wrap(() =>
      deidentifyText(input.text, {
        ...site,
        mode: input.mode,
        key,
        patientId: input.patientId,
        years: input.years,
        mapping: input.mapping,
      }),
    );
    return {
      text: r.text,
      mode: r.mode,
      spans: r.spans.map((s) => ({
        start: s.start,
        end: s.end,
        type: s.type,
        ...(input.mode === 'tag' ? { text: s.text } : {}),
        replacement: s.replacement,
      })),
      ...(r.mapping ? { mapping: r.mapping } : {}),
    };
  },
});

const resourceOp = defineOperation({
  name: 'deid.resource',
  description: 'De-identify a FHIR resource or Bundle ($everything): names, telecom, addresses, identifiers, dates and free text',
  input: z.object({
    resource: z.object({ resourceType: z.string() }).passthrough(),
    mode: modeSchema,
    patientId: z.string().max(128).optional(),
    now: z.string().datetime({ offset: true }).optional(),
    mapping: z.boolean().optional(),
  }),
  roles: ['admin', 'clinician', 'reviewer', 'service'],
  fhir: { code: 'deidentify', resourceBody: true },
  async handler(input, ctx) {
    const key = input.mode === 'surrogate' || input.mapping ? await loadDeidKey(ctx) : undefined;
    const site = await loadSiteLists(ctx);
    const r = wrap(() =>
      deidentifyResource(input.resource, {
        ...site,
        mode: input.mode,
        key,
        patientId: input.patientId,
        now: input.now ?? new Date().toISOString(),
        mapping: input.mapping,
      }),
    );
    if (input.mode === 'tag') return { resource: r.resource, findings: r.findings };
    // Without the findings' original text: the response must not carry PHI back out.
    return {
      resource: r.resource,
      findings: r.findings.map((f) => ({ path: f.path, type: f.type })),
      ...(r.mapping ? { mapping: r.mapping } : {}),
    };
  },
});

const patientOp = defineOperation({
  name: 'deid.patient',
  description: "De-identify a patient's whole record (Patient/$everything) as one Bundle, with consistent surrogates and dates",
  input: z.object({
    id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id'),
    mode: z.enum(['redact', 'surrogate']).default('redact'),
  }),
  roles: ['admin', 'clinician', 'reviewer', 'service'],
  fhir: { code: 'deidentify', resourceType: 'Patient', instance: true },
  async handler(input, ctx) {
    const key = input.mode === 'surrogate' ? await loadDeidKey(ctx) : undefined;
    const site = await loadSiteLists(ctx);
    const bundle = await ctx.repo.everything(input.id);
    return wrap(() =>
      deidentifyResource(bundle, { ...site, mode: input.mode, key, patientId: input.id, now: new Date().toISOString() }),
    ).resource;
  },
});

export const deidOperations: Operation[] = [textOp as Operation, resourceOp as Operation, patientOp as Operation];
