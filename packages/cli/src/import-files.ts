/**
 * Reading FHIR files for `galen import`: bundles (.json) and NDJSON (.ndjson), one file or a folder.
 * Every bundle becomes one all-or-nothing transaction, run with `preserveIds` so that resources keep
 * their ids and a re-run skips what is already stored.
 */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

/** A transaction of the bundle's entries; entries without a request become POSTs of their resource. */
export function toImportTransaction(bundle: Bundle): Bundle {
  const entries: BundleEntry[] = (bundle.entry ?? []).map((e) =>
    e.request || !e.resource ? e : { ...e, request: { method: 'POST', url: e.resource.resourceType } },
  );
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

/** Wrap loose resources (NDJSON lines, a collection bundle) into a transaction. */
export function resourcesToTransaction(resources: Resource[]): Bundle {
  return toImportTransaction({
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
    if (b.type === 'transaction' || b.type === 'batch') return [toImportTransaction(b)];
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
