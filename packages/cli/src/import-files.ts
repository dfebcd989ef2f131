/**
 * Reading FHIR files for `galen import`: bundles (.json) and NDJSON (.ndjson), one file or a folder.
 * Every bundle becomes one all-or-nothing transaction. POST entries that carry an id (Synthea's
 * `urn:uuid` bundles do) become PUTs to that id, so re-running an import updates rather than
 * duplicates.
 */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { isValidId } from '@galen/fhir';

/** Make a bundle safe to import twice: POST with a known id → PUT to that id. */
export function toIdempotentTransaction(bundle: Bundle): Bundle {
  const entries: BundleEntry[] = (bundle.entry ?? []).map((e) => {
    const r = e.resource;
    if (!r) return e;
    const method = e.request?.method ?? 'POST';
    const urnId = e.fullUrl?.startsWith('urn:uuid:') ? e.fullUrl.slice('urn:uuid:'.length) : undefined;
    const id = r.id ?? urnId;
    if (method === 'POST' && !e.request?.ifNoneExist && id && isValidId(id)) {
      return { ...e, resource: { ...r, id }, request: { method: 'PUT', url: `${r.resourceType}/${id}` } };
    }
    if (!e.request) return { ...e, request: { method: 'POST', url: r.resourceType } };
    return e;
  });
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

/** Wrap loose resources (NDJSON lines, a collection bundle) into a transaction. */
export function resourcesToTransaction(resources: Resource[]): Bundle {
  return toIdempotentTransaction({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({ resource, ...(resource.id ? { fullUrl: `urn:uuid:${resource.id}` } : {}) })),
  });
}

/** Parse an NDJSON text into resources; throws with the line number on a bad line. */
export function parseNdjson(text: string): Resource[] {
  const out: Resource[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not valid JSON`);
    }
    if (!v || typeof v !== 'object' || typeof (v as Resource).resourceType !== 'string')
      throw new Error(`line ${i + 1}: not a FHIR resource`);
    out.push(v as Resource);
  });
  return out;
}

/** Turn a parsed .json file into the transactions to run. */
export function jsonToTransactions(value: unknown): Bundle[] {
  if (!value || typeof value !== 'object' || typeof (value as Resource).resourceType !== 'string') {
    throw new Error('not a FHIR resource or Bundle');
  }
  const r = value as Resource;
  if (r.resourceType === 'Bundle') {
    const b = r as Bundle;
    if (b.type === 'transaction' || b.type === 'batch') return [toIdempotentTransaction(b)];
    return [resourcesToTransaction((b.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])))];
  }
  return [resourcesToTransaction([r])];
}

/** Does this buffer look like text (no NUL bytes, valid UTF-8)? */
export function isProbablyText(buf: Buffer): boolean {
  if (buf.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}
