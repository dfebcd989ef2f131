/**
 * The deid area's I/O: the secret for surrogates, read from the file named by
 * `config.deidKeyFile` (GALEN_DEID_KEY_FILE), the site's own names and places, read once from
 * `config.deidSiteLists` (GALEN_DEID_SITE_LISTS), and a patient's record from the repository.
 * Both files are read through `DeidIo` (default `files.ts`, which the CLI uses too);
 * `@galen/deid` itself never reads files. Redact and tag need no key.
 */
import { badRequest, serverError, unprocessable } from '@galen/fhir';
import {
  deidentifyText,
  deidentifyResource,
  DeidKeyError,
  MIN_KEY_BYTES,
  MAX_SITE_LIST_BYTES,
  type DeidMode,
  type SiteLists,
} from '@galen/deid';
import { now } from '../clock';
import type { OperationContext } from '../registry';
import { DeidFileError, readDeidKeyFile, readSiteListsFile } from './files';

type Ctx = Pick<OperationContext, 'services'>;

/** The files the service reads, handed in (tests, other storage). */
export interface DeidIo {
  readKey(file: string): Promise<Buffer>;
  readSiteLists(file: string): Promise<SiteLists>;
}

export const fileDeidIo: DeidIo = { readKey: readDeidKeyFile, readSiteLists: readSiteListsFile };

/** Read the de-identification key (only needed for surrogate mode or a mapping). */
export async function loadDeidKey(ctx: Ctx, io: DeidIo = fileDeidIo): Promise<Buffer> {
  const file = ctx.services.config.deidKeyFile;
  if (!file)
    throw badRequest(
      'Surrogate de-identification needs a secret key: set GALEN_DEID_KEY_FILE to a file of at least 32 bytes (e.g. `openssl rand -out deid.key 32`).',
    );
  try {
    return await io.readKey(file);
  } catch (err) {
    if (!(err instanceof DeidFileError)) throw err;
    if (err.problem.kind === 'too-short')
      throw badRequest(
        `The de-identification key file is too short (${err.problem.bytes} bytes; at least ${MIN_KEY_BYTES} are required).`,
      );
    throw badRequest('The de-identification key file named by GALEN_DEID_KEY_FILE cannot be read.');
  }
}

const siteListsCache = new Map<string, Promise<SiteLists>>();

async function readSiteLists(file: string, io: DeidIo): Promise<SiteLists> {
  try {
    return await io.readSiteLists(file);
  } catch (err) {
    if (!(err instanceof DeidFileError)) throw err;
    // The message names the problem and the line, never the file's content.
    if (err.problem.kind === 'invalid') throw serverError(`GALEN_DEID_SITE_LISTS: ${err.problem.error.message}.`);
    if (err.problem.kind === 'too-large')
      throw serverError(`GALEN_DEID_SITE_LISTS: site lists file is larger than ${MAX_SITE_LIST_BYTES / 1024 / 1024} MB.`);
    throw serverError('The de-identification site lists file named by GALEN_DEID_SITE_LISTS cannot be read.');
  }
}

/**
 * The site's names and places as detection options (`extraNames`, `extraLocations`), read once per
 * file and cached (a failed read is not cached, so a fixed file is picked up by the next call).
 * Empty when GALEN_DEID_SITE_LISTS is not set.
 */
export async function loadSiteLists(
  ctx: Ctx,
  io: DeidIo = fileDeidIo,
): Promise<{ extraNames?: readonly string[]; extraLocations?: readonly string[] }> {
  const file = ctx.services.config.deidSiteLists;
  if (!file) return {};
  let p = siteListsCache.get(file);
  if (!p) {
    p = readSiteLists(file, io);
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

/** De-identify text; the spans carry the original text in tag mode only. */
export async function deidText(
  ctx: Ctx,
  input: { text: string; mode: DeidMode; patientId?: string; years?: boolean; mapping?: boolean },
  io: DeidIo = fileDeidIo,
) {
  const key = input.mode === 'surrogate' || input.mapping ? await loadDeidKey(ctx, io) : undefined;
  const site = await loadSiteLists(ctx, io);
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
}

/** De-identify a FHIR resource or Bundle; outside tag mode the findings do not carry the original text. */
export async function deidResource(
  ctx: Ctx,
  input: { resource: { resourceType: string }; mode: DeidMode; patientId?: string; now?: string; mapping?: boolean },
  io: DeidIo = fileDeidIo,
) {
  const key = input.mode === 'surrogate' || input.mapping ? await loadDeidKey(ctx, io) : undefined;
  const site = await loadSiteLists(ctx, io);
  const r = wrap(() =>
    deidentifyResource(input.resource, {
      ...site,
      mode: input.mode,
      key,
      patientId: input.patientId,
      now: input.now ?? now(ctx.services).toISOString(),
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
}

/** A patient's whole record (`$everything` through the caller's repository), de-identified as one Bundle. */
export async function deidPatient(
  ctx: Pick<OperationContext, 'repo' | 'services'>,
  input: { id: string; mode: 'redact' | 'surrogate' },
  io: DeidIo = fileDeidIo,
) {
  const key = input.mode === 'surrogate' ? await loadDeidKey(ctx, io) : undefined;
  const site = await loadSiteLists(ctx, io);
  const bundle = await ctx.repo.everything(input.id);
  return wrap(() =>
    deidentifyResource(bundle, {
      ...site,
      mode: input.mode,
      key,
      patientId: input.id,
      now: now(ctx.services).toISOString(),
    }),
  ).resource;
}
