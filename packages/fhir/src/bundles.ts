/**
 * Bundle helpers.
 * @see https://hl7.org/fhir/R4/bundle.html
 */
import type { Bundle, BundleEntry, Reference, Resource } from '@medplum/fhirtypes';

/** The resources of a bundle, in entry order. */
export function bundleResources(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

/** A searchset bundle around resources. */
export function searchSet<T extends Resource>(resources: T[], total?: number): Bundle<T> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: total ?? resources.length,
    entry: resources.map((resource) => ({
      fullUrl: `${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

/** A transaction bundle that creates every resource, with `urn:uuid` fullUrls. */
export function transactionOf(
  resources: Resource[],
  fullUrl: (r: Resource, i: number) => string = (r, i) => `urn:uuid:${r.id ?? i}`,
): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource, i): BundleEntry => ({
      fullUrl: fullUrl(resource, i),
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
}

/** `Type/id` for a resource. */
export function referenceTo(resource: Resource, display?: string): Reference {
  const ref: Reference = { reference: `${resource.resourceType}/${resource.id}` };
  if (display) ref.display = display;
  return ref;
}

/** Parse `Type/id` (relative, absolute URL or with `_history`) into its parts. */
export function parseReference(ref: string | Reference | undefined): { resourceType: string; id: string } | undefined {
  const s = typeof ref === 'string' ? ref : ref?.reference;
  if (!s) return undefined;
  const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(s);
  return m ? { resourceType: m[1]!, id: m[2]! } : undefined;
}

/** Walk every `reference` string in a value, calling `fn` with the holder object. */
export function visitReferences(value: unknown, fn: (ref: { reference?: string }) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) visitReferences(v, fn);
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof obj.reference === 'string') fn(obj as { reference?: string });
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (v && typeof v === 'object') visitReferences(v, fn);
    }
  }
}
