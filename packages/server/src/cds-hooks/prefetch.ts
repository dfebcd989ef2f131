/**
 * Gathering a hook's prefetch: what the caller sent, then what is missing from the client's
 * configured FHIR server (with its token) or, when none is named, from Galen's store through the
 * caller's scoped repository (`CdsHooksService.readPrefetch`). The network half of the CDS Hooks
 * surface; what the values mean is `@galen/cds`'s (`contextOf`).
 * @see https://cds-hooks.hl7.org/2.0/#prefetch-template
 * @see https://cds-hooks.hl7.org/2.0/#passing-the-access-token-to-the-cds-service
 */
import { badRequest, outcome, OperationOutcomeError } from '@galen/fhir';
import { contextOf, fillTemplate, patientNotFound, type HookRequest, type PatientContext, type ServiceDef } from '@galen/cds';
import type { Logger } from '@galen/operations';

/** The largest prefetch answer Galen reads from a CDS client's FHIR server. */
const MAX_REMOTE_BYTES = 32 * 1024 * 1024;

/** The one answer for any failure to read from a client's FHIR server. */
const remoteFailed = () =>
  new OperationOutcomeError(outcome('transient', 'The FHIR server named in fhirServer could not be read', { status: 502 }));

/** A response body as text, refused past `max` bytes (a FHIR server of a client is still another host). */
async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) throw new Error('too large');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
    size += r.value.byteLength;
    if (size > max) {
      await reader!.cancel();
      throw new Error('too large');
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Fetch one prefetch query from a configured FHIR server (`base`, already checked by
 * `authorizeHookRequest`) with the client's `fhirAuthorization` token, and only that: the spec has
 * the service use the token only against the `fhirServer` it came with. No redirects are followed
 * (they would take the token elsewhere). Every failure (refused connection, timeout, DNS, an error
 * status, a body that is not JSON) is the same 502 without the address, so answers cannot be used
 * to probe the network; the log keeps the host and the reason.
 */
async function fetchRemote(base: string, auth: HookRequest['fhirAuthorization'], query: string, log: Logger): Promise<unknown> {
  const url = new URL(`${base}/${query}`);
  // A FHIR id may be `..`: the resolved URL must still be under the configured base.
  if (`${url.protocol}//${url.host}${url.pathname}`.indexOf(`${base}/`) !== 0)
    throw badRequest('context.patientId does not make a URL under fhirServer', 'context.patientId');
  const headers: Record<string, string> = { accept: 'application/fhir+json' };
  if (auth) headers.authorization = `${auth.token_type} ${auth.access_token}`;
  let status: number | undefined;
  try {
    const res = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(10_000) });
    status = res.status;
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw new Error(`status ${res.status}`);
    return JSON.parse(await readCapped(res, MAX_REMOTE_BYTES)) as unknown;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    log.warn({ host: url.host, status, why: e.cause?.code ?? e.name }, 'cds-hooks fhirServer read failed');
    throw remoteFailed();
  }
}

/**
 * The patient context of a hook request: prefetch values, filling gaps from `fhirServer` or, when
 * none is named, with `readLocal` (Galen's store as the caller). `fromStore`: every value was read
 * here from Galen's store (none supplied by the caller, no remote server), so the result is
 * Galen's own and may be persisted.
 */
export async function gatherPrefetch(
  def: ServiceDef,
  hr: HookRequest,
  fhirServer: string | undefined,
  readLocal: (query: string) => Promise<unknown>,
  log: Logger,
): Promise<{ ctx: PatientContext; fromStore: boolean }> {
  const out: Record<string, unknown> = {};
  let supplied = false;
  let found = false;
  for (const [key, template] of Object.entries(def.prefetch)) {
    if (hr.prefetch && key in hr.prefetch) {
      out[key] = hr.prefetch[key];
      supplied = true;
      continue;
    }
    const q = fillTemplate(template, hr.context);
    if (fhirServer) out[key] = await fetchRemote(fhirServer, hr.fhirAuthorization, q, log);
    else {
      out[key] = await readLocal(q);
      if (key === 'patient' && out[key]) found = true;
    }
  }
  // Nothing from the caller and not in Galen's store.
  if (!found && !fhirServer && !hr.prefetch?.patient) throw patientNotFound(String(hr.context.patientId));
  return { ctx: contextOf(out, String(hr.context.patientId)), fromStore: found && !supplied && !fhirServer };
}
