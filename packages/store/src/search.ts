/**
 * FHIR search → SQL over the `resources` table's extracted columns.
 * @see https://hl7.org/fhir/R4/search.html
 */
import { badRequest, isResourceType, parseReference } from '@galen/fhir';
import type { SearchParam, SearchRequest } from './repository';
import { dateRange, splitPrefix } from './dates';
import { CONTROL_PARAMS, paramKind } from './search-params';

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 1000;

export interface SqlSearch {
  /** `WHERE` clause body (without `WHERE`). */
  where: string;
  params: unknown[];
  orderBy: string;
  count: number;
  offset: number;
  total: boolean;
  summaryCount: boolean;
  /** Include the Patients of the matches. */
  includePatients: boolean;
}

/** Split a search value on unescaped commas (OR). */
function orValues(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((v) => v.replace(/\\,/g, ','))
    .filter((v) => v.length > 0);
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

function int(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw badRequest(`${name} must be a non-negative integer`, name);
  const n = Number(value);
  if (n < min || n > max) throw badRequest(`${name} must be between ${min} and ${max}`, name);
  return n;
}

/** Turn a search request into SQL pieces. Unknown parameters and modifiers are 400. */
export function buildSearch(request: SearchRequest): SqlSearch {
  const { resourceType } = request;
  if (!isResourceType(resourceType)) throw badRequest(`Unknown resource type "${resourceType.slice(0, 64)}"`);
  const params: unknown[] = [resourceType];
  const where: string[] = ['resource_type = $1', 'NOT deleted'];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  let count = DEFAULT_COUNT;
  let offset = 0;
  let total = false;
  let summaryCount = false;
  let includePatients = false;
  const order: string[] = [];

  for (const { name: rawName, value } of request.params) {
    const [name, modifier] = splitModifier(rawName);
    if (CONTROL_PARAMS.has(name)) {
      if (modifier) throw badRequest(`Modifier not supported on ${name}`, rawName);
      switch (name) {
        case '_count':
          count = int('_count', value, 0, MAX_COUNT);
          if (count === 0) summaryCount = true;
          break;
        case '_offset':
          offset = int('_offset', value, 0, 1_000_000);
          break;
        case '_total':
          if (!['accurate', 'none', 'estimate'].includes(value))
            throw badRequest('_total must be none, estimate or accurate', '_total');
          total = value !== 'none';
          break;
        case '_summary':
          // count: no resources, only the total. true/text/data subset each resource: the caller's
          // presentation (the REST layer), like _elements; the store returns whole resources.
          if (value === 'count') summaryCount = true;
          else if (!['true', 'text', 'data', 'false'].includes(value))
            throw badRequest('_summary must be true, text, data, count or false', '_summary');
          break;
        case '_sort':
          for (const key of value.split(',')) order.push(sortKey(resourceType, key));
          break;
        case '_include':
          includePatients = includePatients || checkInclude(resourceType, value);
          break;
        default:
          break; // _format, _pretty, _elements: presentation only
      }
      continue;
    }
    const kind = paramKind(resourceType, name);
    if (!kind) throw badRequest(`Unknown search parameter "${rawName.slice(0, 64)}" for ${resourceType}`, rawName);
    const values = orValues(value);
    if (!values.length) throw badRequest(`Empty value for search parameter ${name}`, rawName);
    switch (kind) {
      case 'id':
        noModifier(rawName, modifier);
        where.push(`id = ANY(${p(values)}::text[])`);
        break;
      case 'patient': {
        if (modifier && modifier !== 'Patient') throw badRequest(`Modifier :${modifier} not supported on ${name}`, rawName);
        const ids = values.map((v) => {
          if (!v.includes('/')) return v;
          const ref = parseReference(v);
          return ref?.resourceType === 'Patient' ? ref.id : undefined;
        });
        const ok = ids.filter((x): x is string => !!x);
        where.push(ok.length ? `patient_id = ANY(${p(ok)}::text[])` : 'false');
        break;
      }
      case 'token': {
        if (modifier && modifier !== 'not') throw badRequest(`Modifier :${modifier} not supported on ${name}`, rawName);
        const exact: string[] = [];
        const systems: string[] = [];
        for (const v of values) {
          if (v.endsWith('|') && v.indexOf('|') === v.length - 1) systems.push(`${name}=${likeEscape(v)}%`);
          else exact.push(`${name}=${v}`);
        }
        const ors: string[] = [];
        if (exact.length) ors.push(`tokens && ${p(exact)}::text[]`);
        for (const s of systems) ors.push(`EXISTS (SELECT 1 FROM unnest(tokens) t WHERE t LIKE ${p(s)})`);
        const cond = ors.length === 1 ? ors[0]! : `(${ors.join(' OR ')})`;
        where.push(modifier === 'not' ? `NOT ${cond}` : cond);
        break;
      }
      case 'reference': {
        noModifier(rawName, modifier);
        const target = name === 'encounter' ? 'Encounter' : '';
        const refs = values.map((v) => {
          const ref = parseReference(v);
          return `${name}=${ref ? `${ref.resourceType}/${ref.id}` : `${target}/${v}`}`;
        });
        where.push(`tokens && ${p(refs)}::text[]`);
        break;
      }
      case 'string': {
        if (modifier && modifier !== 'exact' && modifier !== 'contains') {
          throw badRequest(`Modifier :${modifier} not supported on ${name}`, rawName);
        }
        const ors = values.map((v) => {
          const lower = v.toLowerCase();
          if (modifier === 'exact') return `strings @> ${p([`${name}=${lower}`])}::text[]`;
          const pattern = modifier === 'contains' ? `${name}=%${likeEscape(lower)}%` : `${name}=${likeEscape(lower)}%`;
          return `EXISTS (SELECT 1 FROM unnest(strings) s WHERE s LIKE ${p(pattern)})`;
        });
        where.push(ors.length === 1 ? ors[0]! : `(${ors.join(' OR ')})`);
        break;
      }
      case 'date':
      case 'lastUpdated': {
        noModifier(rawName, modifier);
        const [lo, hi] = kind === 'date' ? ['date_start', 'date_end'] : ['last_updated', 'last_updated'];
        const ors = values.map((v) => dateCondition(rawName, v, lo, hi, p));
        where.push(ors.length === 1 ? ors[0]! : `(${ors.join(' OR ')})`);
        break;
      }
    }
  }
  if (!order.length) order.push('id');
  else if (!order.includes('id') && !order.includes('id DESC')) order.push('id');
  return { where: where.join(' AND '), params, orderBy: order.join(', '), count, offset, total, summaryCount, includePatients };
}

function splitModifier(name: string): [string, string | undefined] {
  const i = name.indexOf(':');
  return i < 0 ? [name, undefined] : [name.slice(0, i), name.slice(i + 1)];
}

function noModifier(rawName: string, modifier: string | undefined): void {
  if (modifier) throw badRequest(`Modifier :${modifier} not supported on ${rawName.split(':')[0]}`, rawName);
}

function sortKey(resourceType: string, key: string): string {
  const desc = key.startsWith('-');
  const k = desc ? key.slice(1) : key;
  let col: string;
  if (k === '_lastUpdated') col = 'last_updated';
  else if (k === '_id') col = 'id';
  else if (k === 'date' || k === 'birthdate') {
    if (paramKind(resourceType, k) !== 'date') throw badRequest(`Cannot sort ${resourceType} by ${k}`, '_sort');
    col = 'date_start';
  } else throw badRequest(`Unsupported _sort key "${k.slice(0, 64)}" (use _lastUpdated, _id, date)`, '_sort');
  return desc ? `${col} DESC NULLS LAST` : `${col} ASC NULLS LAST`;
}

/** Only includes that pull in the Patient are supported. */
function checkInclude(resourceType: string, value: string): boolean {
  const [src, param, target] = value.split(':');
  const okSource = src === '*' || src === resourceType;
  const okParam = param === undefined ? src === '*' : param === 'patient' || param === 'subject' || param === '*';
  const okTarget = target === undefined || target === 'Patient';
  if (!okSource || !okParam || !okTarget) {
    throw badRequest(
      `Unsupported _include "${value.slice(0, 64)}" (supported: ${resourceType}:patient, ${resourceType}:subject, *)`,
      '_include',
    );
  }
  return true;
}

function dateCondition(rawName: string, value: string, lo: string, hi: string, p: (v: unknown) => string): string {
  const { prefix, value: v } = splitPrefix(value);
  const range = dateRange(v);
  if (!range) throw badRequest(`Invalid date "${value.slice(0, 64)}" for ${rawName}`, rawName);
  const s = () => `${p(range.start)}::timestamptz`;
  const e = () => `${p(range.end)}::timestamptz`;
  switch (prefix) {
    case 'eq': {
      // `lo <= end` is implied (lo <= hi <= end); stating it bounds the index range scan on lo.
      const end = e();
      return `(${lo} >= ${s()} AND ${lo} <= ${end} AND ${hi} <= ${end})`;
    }
    case 'ne':
      return `NOT (${lo} >= ${s()} AND ${hi} <= ${e()})`;
    case 'gt':
    case 'sa':
      return `${hi} > ${e()}`;
    case 'lt':
    case 'eb':
      return `${lo} < ${s()}`;
    case 'ge':
      return `${hi} >= ${s()}`;
    case 'le':
      return `${lo} <= ${e()}`;
    case 'ap':
      throw badRequest('The ap prefix is not supported', rawName);
  }
}

/** Parse a query string (`a=1&b=2`) into search params. */
export function parseQuery(query: string): SearchParam[] {
  const out: SearchParam[] = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    out.push(i < 0 ? { name: dec(part), value: '' } : { name: dec(part.slice(0, i)), value: dec(part.slice(i + 1)) });
  }
  return out;
}
