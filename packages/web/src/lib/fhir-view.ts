/** Plain functions that turn FHIR resources into what the screens show. No DOM, testable. */
import { BP_PANEL, VITALS, type VitalDef } from './vitals';

/* Minimal structural FHIR types: the app only reads these fields. */
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Quantity {
  value?: number;
  unit?: string;
  code?: string;
}
export interface Reference {
  reference?: string;
  display?: string;
}
export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: { lastUpdated?: string; versionId?: string };
  [key: string]: unknown;
}
export interface Observation extends FhirResource {
  resourceType: 'Observation';
  status?: string;
  category?: CodeableConcept[];
  code?: CodeableConcept;
  effectiveDateTime?: string;
  issued?: string;
  valueQuantity?: Quantity;
  valueString?: string;
  valueCodeableConcept?: CodeableConcept;
  interpretation?: CodeableConcept[];
  referenceRange?: { low?: Quantity; high?: Quantity; text?: string }[];
  component?: { code?: CodeableConcept; valueQuantity?: Quantity }[];
}
export interface Bundle<T = FhirResource> {
  resourceType: 'Bundle';
  total?: number;
  entry?: { resource?: T }[];
  link?: { relation: string; url: string }[];
}

export function entries<T = FhirResource>(b: Bundle<T> | undefined): T[] {
  return (b?.entry ?? []).map((e) => e.resource).filter((r): r is T => !!r);
}

export function conceptText(c: CodeableConcept | undefined): string {
  return c?.text ?? c?.coding?.find((x) => x.display)?.display ?? c?.coding?.[0]?.code ?? '';
}

export function patientName(p: FhirResource | undefined): string {
  const names = (p?.name as { text?: string; given?: string[]; family?: string; use?: string }[] | undefined) ?? [];
  const n = names.find((x) => x.use === 'official') ?? names[0];
  if (!n) return p?.id ? `Patient ${p.id}` : 'Unknown patient';
  return n.text ?? [...(n.given ?? []), n.family].filter(Boolean).join(' ') ?? 'Unnamed';
}

export function ageYears(birthDate: string | undefined, now: Date): number | undefined {
  if (!birthDate) return undefined;
  const b = new Date(birthDate);
  if (Number.isNaN(b.getTime())) return undefined;
  let a = now.getUTCFullYear() - b.getUTCFullYear();
  const m = now.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && now.getUTCDate() < b.getUTCDate())) a--;
  return a;
}

export function obsTime(o: Observation): string | undefined {
  return o.effectiveDateTime ?? (o.effectivePeriod as { start?: string } | undefined)?.start ?? o.issued;
}

const hasLoinc = (c: CodeableConcept | undefined, codes: string[]) => !!c?.coding?.some((x) => x.code && codes.includes(x.code));

export interface Point {
  t: number;
  v: number;
  id?: string;
}

/** Time series per vital sign (oldest first), including systolic from BP panels. */
export function vitalSeries(observations: Observation[]): Map<string, Point[]> {
  const out = new Map<string, Point[]>(VITALS.map((v) => [v.key, []]));
  const sbp = VITALS.find((v) => v.key === 'sbp') as VitalDef;
  for (const o of observations) {
    if (o.status === 'entered-in-error' || o.status === 'cancelled') continue;
    const time = obsTime(o);
    const t = time ? Date.parse(time) : NaN;
    if (!Number.isFinite(t)) continue;
    for (const v of VITALS) {
      if (hasLoinc(o.code, v.loinc) && typeof o.valueQuantity?.value === 'number')
        out.get(v.key)?.push({ t, v: o.valueQuantity.value, id: o.id });
    }
    if (hasLoinc(o.code, [BP_PANEL])) {
      const c = o.component?.find((x) => hasLoinc(x.code, sbp.loinc));
      if (typeof c?.valueQuantity?.value === 'number') out.get('sbp')?.push({ t, v: c.valueQuantity.value, id: o.id });
    }
  }
  for (const s of out.values()) s.sort((a, b) => a.t - b.t);
  return out;
}

export function isVital(o: Observation): boolean {
  if (o.category?.some((c) => c.coding?.some((x) => x.code === 'vital-signs'))) return true;
  return VITALS.some((v) => hasLoinc(o.code, v.loinc)) || hasLoinc(o.code, [BP_PANEL]);
}

export function isLab(o: Observation): boolean {
  return !!o.category?.some((c) => c.coding?.some((x) => x.code === 'laboratory'));
}

export type Flag = 'H' | 'L' | 'HH' | 'LL' | 'A' | undefined;

/** Abnormal flag from `interpretation`, else from the reference range. */
export function abnormalFlag(o: Observation): Flag {
  const code = o.interpretation?.flatMap((i) => i.coding ?? []).find((c) => c.code)?.code;
  if (code && ['H', 'L', 'HH', 'LL', 'A'].includes(code)) return code as Flag;
  if (code === 'N') return undefined;
  const v = o.valueQuantity?.value;
  const rr = o.referenceRange?.[0];
  if (typeof v !== 'number' || !rr) return undefined;
  if (typeof rr.high?.value === 'number' && v > rr.high.value) return 'H';
  if (typeof rr.low?.value === 'number' && v < rr.low.value) return 'L';
  return undefined;
}

export interface LabRow {
  name: string;
  latest: Observation;
  value: string;
  flag: Flag;
  trend: 'up' | 'down' | 'flat' | undefined;
  history: Point[];
  range?: string;
}

export function formatValue(o: Observation): string {
  if (typeof o.valueQuantity?.value === 'number')
    return `${o.valueQuantity.value}${o.valueQuantity.unit ? ' ' + o.valueQuantity.unit : ''}`;
  if (o.valueString) return o.valueString;
  if (o.valueCodeableConcept) return conceptText(o.valueCodeableConcept);
  return '—';
}

/** Latest value per lab test with flag and trend against the previous value. */
export function labRows(observations: Observation[]): LabRow[] {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = o.code?.coding?.[0]?.code ?? conceptText(o.code);
    if (!key) continue;
    const g = groups.get(key) ?? [];
    g.push(o);
    groups.set(key, g);
  }
  const rows: LabRow[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => (obsTime(a) ?? '').localeCompare(obsTime(b) ?? ''));
    const latest = g[g.length - 1] as Observation;
    const prev = g[g.length - 2];
    const lv = latest.valueQuantity?.value;
    const pv = prev?.valueQuantity?.value;
    const trend =
      typeof lv === 'number' && typeof pv === 'number' ? (lv > pv * 1.02 ? 'up' : lv < pv * 0.98 ? 'down' : 'flat') : undefined;
    const rr = latest.referenceRange?.[0];
    const range = rr ? (rr.text ?? `${rr.low?.value ?? ''}–${rr.high?.value ?? ''}`) : undefined;
    rows.push({
      name: conceptText(latest.code),
      latest,
      value: formatValue(latest),
      flag: abnormalFlag(latest),
      trend,
      history: g
        .filter((o) => typeof o.valueQuantity?.value === 'number')
        .map((o) => ({ t: Date.parse(obsTime(o) ?? ''), v: o.valueQuantity?.value as number, id: o.id })),
      range,
    });
  }
  return rows.sort((a, b) => (b.flag ? 1 : 0) - (a.flag ? 1 : 0) || a.name.localeCompare(b.name));
}

/** Decode a DocumentReference's text attachment (base64) or return its inline text. */
export function documentText(doc: FhirResource): string {
  const content = (doc.content as { attachment?: { data?: string; contentType?: string } }[] | undefined) ?? [];
  for (const c of content) {
    const a = c.attachment;
    if (a?.data && (!a.contentType || a.contentType.startsWith('text/'))) return decodeBase64Utf8(a.data);
  }
  return '';
}

export function decodeBase64Utf8(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** Code status (resuscitation) from an observation or flag text, e.g. "DNR" or "Full code". */
export function codeStatus(resources: FhirResource[]): string | undefined {
  for (const r of resources) {
    const text = conceptText((r as { code?: CodeableConcept }).code);
    if (/code status|resuscitation|dnr|dnacpr/i.test(text)) {
      const v = (r as Observation).valueCodeableConcept ?? undefined;
      return v ? conceptText(v) : text;
    }
  }
  return undefined;
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
