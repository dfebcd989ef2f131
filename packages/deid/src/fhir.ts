/**
 * De-identification of FHIR R4 resources and Bundles (e.g. a Patient `$everything`): structured
 * identifiers by their datatype (HumanName, ContactPoint, Address, Identifier, Attachment), dates by
 * shape (every date/dateTime/instant is shifted with the same per-patient offset as the text), ids
 * and references pseudonymised, and free text (narrative, notes, valueString, CodeableConcept.text,
 * Reference.display, attachments) through `deidentifyText`.
 *
 * Safe Harbor (45 CFR 164.514(b)(2)(i)): names, geographic units smaller than a state (the state
 * is kept; ZIP codes become their first three digits, or 000 for the 17 restricted prefixes), all
 * date elements except the year, telecom, identifiers and URLs are removed or replaced.
 * @see https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/
 */
import type { DeidMode, PhiSpan, PhiType } from './types';
import { deidentifyText, redactionTag, surrogateContext, type DeidOptions } from './deidentify';
import { createPhiMemory, type PhiMemory } from './detect';
import { assertDeidKey, deriveKeys, hmac } from './key';
import { shiftFhirDate } from './dates';
import { surrogateFor, type SurrogateContext } from './surrogate';
import { safeHarborZip } from './data/restricted-zip3';
import { encryptMapping, type MappingEntry } from './mapping';

export interface FhirDeidOptions extends DeidOptions {
  /** Today, for ages: a birthDate more than 89 years before it is removed (Safe Harbor's 90+). */
  now?: string;
  /**
   * Pseudonyms of resource ids when there is no key (redact mode): pass one Map for a whole export
   * so references stay consistent between calls. With a key, ids are HMAC pseudonyms.
   */
  ids?: Map<string, string>;
}

export interface FhirFinding {
  path: string;
  type: PhiType;
  text: string;
}

export interface FhirDeidResult<T> {
  resource: T;
  findings: FhirFinding[];
  mapping?: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Keys whose string values are free text to run through the text de-identifier. */
const FREE_TEXT_KEYS = new Set([
  'text',
  'valueString',
  'valueMarkdown',
  'comment',
  'description',
  'conclusion',
  'summary',
  'display',
  'title',
  'note',
  'patientInstruction',
  'instruction',
  'purpose',
  'reason',
  'statusReason',
  'detail',
  'outcome',
  'details',
  'diagnosis',
  'answer',
  'valueAnnotation',
  'payload',
  'contentString',
  'name',
  'alias',
  'justification',
  'rationale',
  'message',
  'notes',
  'label',
]);
const FHIR_DATE = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;
/** String leaves that look like dates but are not (versions, codes). */
const NOT_DATE_KEYS = new Set(['version', 'code', 'system', 'value', 'id', 'reference', 'versionId', 'url']);
const DATE_KEY =
  /date|time|instant|period|start|end|issued|recorded|authored|onset|abatement|birth|death|created|when|lastUpdated/i;
const DROP_KEYS = new Set(['photo']);

interface Walk {
  mode: DeidMode;
  sctx?: SurrogateContext;
  options: FhirDeidOptions;
  findings: FhirFinding[];
  mapping: MappingEntry[];
  memory: PhiMemory;
  knownNames: string[];
  ids: Map<string, string>;
  patientId: string;
  idKey?: Buffer;
}

function record(w: Walk, path: string, type: PhiType, text: string, replacement: string): void {
  w.findings.push({ path, type, text });
  if (w.options.mapping) w.mapping.push({ type, original: text, replacement, patientId: w.patientId });
}

function replaceValue(w: Walk, path: string, type: PhiType, value: string, subtype?: string): string {
  let out: string;
  if (w.mode === 'tag') out = value;
  else if (w.mode === 'redact' || !w.sctx) out = redactionTag(type);
  else {
    const span: PhiSpan = { start: 0, end: value.length, type, text: value, source: 'fhir', ...(subtype ? { subtype } : {}) };
    out = surrogateFor(span, w.sctx) ?? redactionTag(type);
  }
  record(w, path, type, value, out);
  return out;
}

function text(w: Walk, path: string, value: string): string {
  const r = deidentifyText(value, {
    ...w.options,
    mode: w.mode,
    memory: w.memory,
    knownNames: w.knownNames,
    patientId: w.patientId,
    mapping: false,
  });
  for (const s of r.spans) record(w, path, s.type, s.text, s.replacement);
  return r.text;
}

/** De-identify XHTML narrative: only the text between tags. */
function xhtml(w: Walk, path: string, div: string): string {
  return div.replace(/>([^<]+)</g, (_m, inner: string) => `>${text(w, path, inner)}<`);
}

function pseudoId(w: Walk, type: string, id: string): string {
  if (w.mode === 'tag') return id;
  const k = `${type}/${id}`;
  let v = w.ids.get(k);
  if (!v) {
    v = w.idKey ? hmac(w.idKey, 'id', k).toString('hex').slice(0, 24) : `deid-${w.ids.size + 1}`;
    w.ids.set(k, v);
  }
  return v;
}

function date(w: Walk, path: string, key: string, value: string): string | undefined {
  if (w.mode === 'tag') {
    if (value.length > 4) w.findings.push({ path, type: 'DATE', text: value });
    return value;
  }
  if (key === 'birthDate' && w.options.now) {
    const age = (Date.parse(w.options.now) - Date.parse(value.length === 4 ? `${value}-01-01` : value)) / (365.2425 * 86_400_000);
    if (age >= 90) {
      record(w, path, 'AGE', value, '');
      return undefined;
    }
  }
  let out: string;
  if (w.mode === 'surrogate' && w.sctx) out = shiftFhirDate(value, w.sctx.offsetDays) ?? value.slice(0, 4);
  else out = value.slice(0, 4); // redact: the year is all Safe Harbor allows
  if (out !== value) record(w, path, 'DATE', value, out);
  return out;
}

function isHumanName(o: Obj): boolean {
  return 'family' in o || 'given' in o;
}
function isContactPoint(o: Obj): boolean {
  return (
    typeof o.value === 'string' &&
    typeof o.system === 'string' &&
    ['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other'].includes(o.system)
  );
}
function isAddress(o: Obj): boolean {
  return 'line' in o || 'city' in o || 'postalCode' in o || 'district' in o;
}

function walkName(w: Walk, path: string, o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'family' && typeof v === 'string') out[k] = replaceValue(w, `${path}.family`, 'NAME', v);
    else if (k === 'given' && Array.isArray(v))
      out[k] = v.map((g, i) => (typeof g === 'string' ? replaceValue(w, `${path}.given[${i}]`, 'NAME', g) : g));
    else if (k === 'text' && typeof v === 'string')
      out[k] = v
        .split(/(\s+)/)
        .map((p, i) => (p.trim() && !/^(?:dr|mr|mrs|ms)\.?$/i.test(p) ? replaceValue(w, `${path}.text[${i}]`, 'NAME', p) : p))
        .join('');
    else if (k === 'period' && v && typeof v === 'object') out[k] = walk(w, `${path}.period`, k, v);
    else out[k] = v;
  }
  return out;
}

function walkAddress(w: Walk, path: string, o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'line' && Array.isArray(v))
      out[k] = v.map((l, i) => (typeof l === 'string' ? replaceValue(w, `${path}.line[${i}]`, 'LOCATION', l, 'street') : l));
    else if ((k === 'city' || k === 'district') && typeof v === 'string')
      out[k] = replaceValue(w, `${path}.${k}`, 'LOCATION', v, 'city');
    else if (k === 'postalCode' && typeof v === 'string') {
      const z = w.mode === 'tag' ? v : safeHarborZip(v);
      record(w, `${path}.postalCode`, 'ZIP', v, z);
      out[k] = z;
    } else if (k === 'text' && typeof v === 'string') out[k] = text(w, `${path}.text`, v);
    else out[k] = walk(w, `${path}.${k}`, k, v);
  }
  return out;
}

function walkAttachment(w: Walk, path: string, o: Obj): Obj {
  const out: Obj = { ...o };
  const ct = typeof o.contentType === 'string' ? o.contentType : '';
  if (typeof o.data === 'string') {
    if (/^text\/|json|xml/.test(ct) || ct === '') {
      const decoded = Buffer.from(o.data, 'base64').toString('utf8');
      const clean = /html|xml/.test(ct) ? xhtml(w, `${path}.data`, decoded) : text(w, `${path}.data`, decoded);
      out.data = w.mode === 'tag' ? o.data : Buffer.from(clean, 'utf8').toString('base64');
      if (w.mode !== 'tag') {
        delete out.hash;
        delete out.size;
      }
    } else if (w.mode !== 'tag') {
      // Images, PDFs, audio: PHI cannot be found in them here, so they do not leave.
      delete out.data;
      delete out.hash;
      record(w, `${path}.data`, 'ID', `[${ct} attachment]`, '');
    }
  }
  if (typeof o.url === 'string' && w.mode !== 'tag') {
    record(w, `${path}.url`, 'URL', o.url, '');
    delete out.url;
  }
  if (typeof o.title === 'string') out.title = text(w, `${path}.title`, o.title);
  if (typeof o.creation === 'string') {
    const d = date(w, `${path}.creation`, 'creation', o.creation);
    if (d === undefined) delete out.creation;
    else out.creation = d;
  }
  return out;
}

function walk(w: Walk, path: string, key: string, node: Json): Json {
  if (node === null || typeof node === 'number' || typeof node === 'boolean') return node;
  if (typeof node === 'string') {
    if (FHIR_DATE.test(node) && !NOT_DATE_KEYS.has(key)) {
      // a bare "1987" is a date only in a date-named element (it may be a count elsewhere)
      const yearOnly = /^\d{4}$/.test(node);
      if (!yearOnly || DATE_KEY.test(key)) return date(w, path, key, node) ?? null;
    }
    if (key === 'reference' && /^[A-Z][A-Za-z]+\/[^/]+$/.test(node)) {
      const [t, id] = node.split('/') as [string, string];
      return `${t}/${pseudoId(w, t, id)}`;
    }
    if (key === 'fullUrl' || key === 'reference') {
      const m = /^(urn:uuid:|urn:oid:)(.+)$/.exec(node);
      if (m) return `${m[1]}${w.mode === 'tag' ? m[2] : pseudoUuid(pseudoId(w, 'urn', m[2]!))}`;
      const r = /^(.*\/)?([A-Z][A-Za-z]+)\/([^/]+)$/.exec(node);
      if (r) return `${r[2]}/${pseudoId(w, r[2]!, r[3]!)}`;
      return w.mode === 'tag' ? node : '';
    }
    if (key === 'div') return xhtml(w, path, node);
    if (FREE_TEXT_KEYS.has(key)) return text(w, path, node);
    return node;
  }
  if (Array.isArray(node)) return node.map((v, i) => walk(w, `${path}[${i}]`, key, v));
  const o = node;
  if (key === 'name' || key === 'contact' || path.endsWith('.name')) {
    if (isHumanName(o)) return walkName(w, path, o);
  }
  if (isHumanName(o) && !('resourceType' in o)) return walkName(w, path, o);
  if (isContactPoint(o)) {
    const sys = o.system as string;
    const type: PhiType = sys === 'email' ? 'EMAIL' : sys === 'url' ? 'URL' : sys === 'other' ? 'ID' : 'PHONE';
    return {
      ...o,
      value: replaceValue(w, `${path}.value`, type, o.value as string),
      ...(o.period ? { period: walk(w, `${path}.period`, 'period', o.period) } : {}),
    };
  }
  if (key === 'address' || (isAddress(o) && !('resourceType' in o))) return walkAddress(w, path, o);
  if (
    key === 'identifier' ||
    (typeof o.value === 'string' && ('system' in o || 'type' in o) && key.toLowerCase().includes('identifier'))
  ) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(o)) {
      if (k === 'value' && typeof v === 'string') out[k] = replaceValue(w, `${path}.value`, 'ID', v);
      else out[k] = walk(w, `${path}.${k}`, k, v);
    }
    return out;
  }
  if ('contentType' in o && ('data' in o || 'url' in o)) return walkAttachment(w, path, o);
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (DROP_KEYS.has(k) && w.mode !== 'tag') continue;
    if (k === 'id' && typeof v === 'string' && typeof o.resourceType === 'string') {
      out[k] = pseudoId(w, o.resourceType, v);
      continue;
    }
    if (k === 'meta' && v && typeof v === 'object' && !Array.isArray(v) && w.mode !== 'tag') {
      const { versionId: _v, source: _s, ...rest } = v;
      out[k] = walk(w, `${path}.meta`, k, rest as Json);
      continue;
    }
    if (
      k === 'url' &&
      typeof v === 'string' &&
      !/^https?:\/\/(?:hl7\.org|terminology\.hl7\.org|loinc\.org|snomed\.info|www\.nlm\.nih\.gov)/.test(v) &&
      o.resourceType === undefined &&
      !('extension' in o) &&
      key !== 'extension'
    ) {
      out[k] = v;
      continue;
    }
    const r = walk(w, `${path}.${k}`, k, v);
    if (r !== null || v === null) out[k] = r;
  }
  return out;
}

function pseudoUuid(hex: string): string {
  const h = (hex + '0'.repeat(32)).slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The patient a resource belongs to: a Patient's id, a subject/patient reference, or a Bundle's Patient. */
export function fhirPatientId(resource: unknown): string | undefined {
  return resource && typeof resource === 'object' && !Array.isArray(resource) ? patientIdOf(resource as Obj) : undefined;
}

function patientIdOf(resource: Obj): string | undefined {
  if (resource.resourceType === 'Patient' && typeof resource.id === 'string') return resource.id;
  for (const k of ['subject', 'patient', 'beneficiary']) {
    const r = resource[k] as Obj | undefined;
    if (r && typeof r.reference === 'string') {
      const m = /(?:^|\/)Patient\/([^/]+)$/.exec(r.reference);
      if (m) return m[1];
    }
  }
  if (resource.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
    for (const e of resource.entry as Obj[]) {
      const r = e?.resource as Obj | undefined;
      if (r && r.resourceType === 'Patient' && typeof r.id === 'string') return r.id;
    }
    for (const e of resource.entry as Obj[]) {
      const r = e?.resource as Obj | undefined;
      const id = r && patientIdOf(r);
      if (id) return id;
    }
  }
  return undefined;
}

function collectNames(node: Json, out: string[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) collectNames(n, out);
    return;
  }
  if (['Patient', 'RelatedPerson', 'Practitioner', 'Person'].includes(node.resourceType as string) && Array.isArray(node.name)) {
    for (const n of node.name as Obj[]) {
      if (typeof n.family === 'string') out.push(n.family);
      if (Array.isArray(n.given)) for (const g of n.given) if (typeof g === 'string') out.push(g);
    }
  }
  if (node.resourceType === 'Bundle' && Array.isArray(node.entry))
    for (const e of node.entry as Obj[]) collectNames(e.resource ?? null, out);
  if (Array.isArray(node.contained)) collectNames(node.contained, out);
}

/**
 * De-identify a FHIR resource or Bundle. The patient id (for consistent surrogates and the date
 * offset) is `options.patientId`, else the Patient in the bundle, else the subject reference.
 *
 * @example
 * const { resource } = deidentifyResource(bundle, { mode: 'surrogate', key });
 */
export function deidentifyResource<T>(resource: T, options: FhirDeidOptions = {}): FhirDeidResult<T> {
  const mode = options.mode ?? 'redact';
  if (mode === 'surrogate' || options.mapping) assertDeidKey(options.key);
  if (!resource || typeof resource !== 'object' || Array.isArray(resource))
    throw new TypeError('deidentifyResource expects a FHIR resource object');
  const r = resource as unknown as Obj;
  const patientId = options.patientId ?? patientIdOf(r) ?? '';
  const knownNames: string[] = [...(options.knownNames ?? [])];
  collectNames(r, knownNames);
  const w: Walk = {
    mode,
    sctx: mode === 'surrogate' ? surrogateContext({ ...options, patientId }) : undefined,
    options,
    findings: [],
    mapping: [],
    // pass the same memory for all of a patient's resources (e.g. an NDJSON export) so that names
    // learnt from the Patient are found in later notes
    memory: options.memory ?? createPhiMemory(),
    knownNames,
    ids: options.ids ?? new Map(),
    patientId,
    idKey: options.key ? deriveKeys(options.key).id : undefined,
  };
  for (const n of knownNames) for (const part of n.toLowerCase().split(/[\s,]+/)) if (part.length >= 2) w.memory.names.add(part);
  const out = walk(w, r.resourceType ? String(r.resourceType) : '$', '', r) as unknown as T;
  const result: FhirDeidResult<T> = { resource: out, findings: w.findings };
  if (options.mapping && options.key && mode !== 'tag') result.mapping = encryptMapping(w.mapping, options.key);
  return result;
}
