/**
 * A CDS Hooks request as the service receives it: the body parsed (text, bounded depth) and
 * validated, and checked against what the caller may ask (patient scope, FHIR servers), before
 * anything is read or fetched. Pure: no store, no HTTP; it runs on the server's thread or in a
 * scoring worker.
 * @see https://cds-hooks.hl7.org/2.0/#http-request-1
 */
import type { Bundle, Resource } from '@galen/fhir';
import { badRequest, decodeUtf8Strict, forbidden, jsonTextDepth, MAX_JSON_DEPTH, notFound } from '@galen/fhir';
import type { ServiceDef } from './services';

export interface HookRequest {
  hook: string;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: {
    access_token: string;
    token_type: string;
    expires_in?: number;
    scope?: string;
    subject?: string;
    patient?: string;
  };
  context: Record<string, unknown>;
  prefetch?: Record<string, unknown>;
}

/** Parse a request body (JSON bytes) into a value, or a 400. */
export function parseJsonBody(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const text = typeof body === 'string' ? body : decodeUtf8Strict(body);
    if (!text.length) return undefined;
    // The server's CDS Hooks plugin takes bodies as text, decoded with replacement characters: one in
    // the text is refused, as invalid UTF-8 is by the rest of the server (a genuine U+FFFD in a hook
    // request is refused too; it has no place in one). Depth is checked before parsing, without
    // recursion, so that what reads the value later cannot overflow the stack.
    if (text.includes('\uFFFD')) throw badRequest('The body is not valid UTF-8 (or holds U+FFFD)');
    if (jsonTextDepth(text, MAX_JSON_DEPTH) < 0) throw badRequest(`The body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw badRequest('The body is not valid JSON');
    }
  }
  return body;
}

/** Validate the hook request body (throws 400 with the reason). */
export function parseHookRequest(body: unknown, def: ServiceDef): HookRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('Hook request body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.hook !== 'string') throw badRequest('hook is required', 'hook');
  if (b.hook !== def.hook) throw badRequest(`Service ${def.id} answers ${def.hook}, not ${b.hook.slice(0, 40)}`, 'hook');
  if (typeof b.hookInstance !== 'string' || !b.hookInstance) throw badRequest('hookInstance is required', 'hookInstance');
  if (typeof b.context !== 'object' || b.context === null || Array.isArray(b.context))
    throw badRequest('context must be an object', 'context');
  const ctx = b.context as Record<string, unknown>;
  if (typeof ctx.patientId !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(ctx.patientId))
    throw badRequest('context.patientId must be a FHIR id', 'context.patientId');
  if (typeof ctx.userId !== 'string') throw badRequest('context.userId is required', 'context.userId');
  if (def.hook !== 'patient-view') {
    const d = ctx.draftOrders as { resourceType?: string; entry?: unknown } | undefined;
    if (!d || d.resourceType !== 'Bundle' || (d.entry !== undefined && !Array.isArray(d.entry)))
      throw badRequest('context.draftOrders must be a Bundle', 'context.draftOrders');
  }
  if (b.fhirServer !== undefined && (typeof b.fhirServer !== 'string' || !/^https?:\/\//.test(b.fhirServer)))
    throw badRequest('fhirServer must be an http(s) URL', 'fhirServer');
  if (b.fhirAuthorization !== undefined) {
    const a = b.fhirAuthorization as Record<string, unknown> | null;
    if (!a || typeof a.access_token !== 'string' || typeof a.token_type !== 'string')
      throw badRequest('fhirAuthorization needs access_token and token_type', 'fhirAuthorization');
    if (b.fhirServer === undefined) throw badRequest('fhirAuthorization without fhirServer', 'fhirAuthorization');
  }
  if (b.prefetch !== undefined) {
    if (typeof b.prefetch !== 'object' || b.prefetch === null || Array.isArray(b.prefetch))
      throw badRequest('prefetch must be an object', 'prefetch');
    for (const [k, v] of Object.entries(b.prefetch)) {
      if (v === null) continue;
      if (typeof v !== 'object' || typeof (v as { resourceType?: unknown }).resourceType !== 'string')
        throw badRequest(`prefetch.${k.slice(0, 40)} must be a FHIR resource, a Bundle or null`, `prefetch.${k.slice(0, 40)}`);
      if ((v as Resource).resourceType === 'Bundle') {
        const entry = (v as Bundle).entry as unknown;
        if (entry !== undefined && !Array.isArray(entry))
          throw badRequest(`prefetch.${k.slice(0, 40)}.entry must be an array`, `prefetch.${k.slice(0, 40)}.entry`);
        (entry as unknown[] | undefined)?.forEach((e, i) => {
          if (typeof e !== 'object' || e === null) throw badRequest(`prefetch.${k.slice(0, 40)}.entry[${i}] must be an object`);
          const r = (e as { resource?: unknown }).resource;
          if (r !== undefined && (typeof r !== 'object' || r === null || typeof (r as Resource).resourceType !== 'string'))
            throw badRequest(`prefetch.${k.slice(0, 40)}.entry[${i}].resource must be a FHIR resource`);
        });
      }
    }
  }
  return b as unknown as HookRequest;
}

/** The resources in a prefetch value: a Bundle's entries, or the resource itself. */
export function resourcesOf(x: unknown): Resource[] {
  if (!x || typeof x !== 'object') return [];
  const r = x as Resource;
  if (r.resourceType === 'Bundle') return ((r as Bundle).entry ?? []).map((e) => e.resource).filter((e): e is Resource => !!e);
  return [r];
}

/**
 * A FHIR server base URL in the one form Galen compares and fetches: http or https, no user info,
 * query or fragment, host lower-cased and default port dropped (WHATWG URL parsing), no trailing
 * slash. Undefined when `url` is not such a base.
 * @example normalizeFhirBase('https://EHR.example.org:443/fhir/') // 'https://ehr.example.org/fhir'
 */
export function normalizeFhirBase(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.username || u.password || u.search || u.hash || url.includes('?') || url.includes('#')) return undefined;
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/** What a caller may ask about: its patient scope and the FHIR servers it may have Galen fetch from. */
export interface CallerScope {
  /** A patient-scoped key: this patient only. */
  limitedToPatient?: string;
  /**
   * Normalised bases of the FHIR servers the caller may name (a trusted JWT client's `fhirServers`);
   * undefined for API-key callers, who may name none.
   */
  fhirServers?: readonly string[];
}

/** The answer for a patient Galen does not have, and for any other patient to a patient-scoped key. */
export function patientNotFound(patientId: string) {
  return notFound(`Patient/${patientId} not found`);
}

/**
 * Check a hook request against what the caller may ask, before anything is read or fetched:
 * - a patient-scoped key asking about another patient gets the answer for a patient that does not
 *   exist (404), so it learns nothing of other patients, not even that they exist;
 * - a `fhirServer` is honoured only for a trusted CDS client (signed JWT) whose configuration lists
 *   it: the spec has the service use `fhirAuthorization` only against the `fhirServer` named, and
 *   leaves it to the service to decide which clients it trusts. Anyone else naming one is refused,
 *   so Galen never fetches an address a caller chose (its network is not the caller's to map) and
 *   never sends a token to a server nobody configured.
 * Returns the patient and the normalised FHIR server base (the configured string, not the caller's).
 * @see https://cds-hooks.hl7.org/2.0/#fhir-resource-access
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
export function authorizeHookRequest(hr: HookRequest, scope: CallerScope): { patientId: string; fhirServer?: string } {
  const patientId = String(hr.context.patientId);
  if (scope.limitedToPatient !== undefined && scope.limitedToPatient !== patientId) throw patientNotFound(patientId);
  if (hr.fhirServer === undefined) return { patientId };
  if (!scope.fhirServers)
    throw forbidden(
      "Only trusted CDS clients (signed JWT, GALEN_CDS_CLIENTS) may name a fhirServer; API-key calls are answered from Galen's store",
      'fhirServer',
    );
  const base = normalizeFhirBase(hr.fhirServer);
  if (!base || !scope.fhirServers.includes(base))
    throw forbidden('fhirServer is not one of the FHIR servers configured for this CDS client', 'fhirServer');
  return { patientId, fhirServer: base };
}

/** True when the request's prefetch answers every template of the service (nothing to fetch). */
export function prefetchComplete(def: ServiceDef, hr: HookRequest): boolean {
  return !!hr.prefetch && Object.keys(def.prefetch).every((k) => k in hr.prefetch!);
}
