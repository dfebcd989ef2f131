/**
 * The clinician's worklist: every patient with the latest NEWS2, sepsis risk and its trend, open
 * alerts and location. Reading every resource on each call took ~4 s at 10,000 patients, so the
 * figures are kept per patient in `galen_worklist` (migration 110 in `@galen/store`): a trigger on
 * the resources table marks a patient stale when one of their Patient, RiskAssessment,
 * DetectedIssue or Encounter resources is written, and each `worklist.list` call first recomputes
 * the stale rows (usually a handful) from the resources, then reads the table.
 */
import { z } from 'zod';
import type { DetectedIssue, Encounter, Patient, Resource, RiskAssessment } from '@galen/fhir';
import type { SqlClient } from '@galen/store';
import { defineOperation } from './registry';

/** One worklist row: the patient and their latest scores. */
export interface WorklistRow {
  patientId: string;
  name: string;
  birthDate?: string;
  gender?: string;
  location?: string;
  news2?: number;
  news2Time?: string;
  sepsisRisk?: number;
  sepsisTrend?: 'up' | 'down' | 'flat';
  openAlerts: number;
}

/** What is stored per patient: the row's figures plus the sepsis time and previous value. */
export interface WorklistSummary {
  patientId: string;
  name: string;
  birthDate?: string;
  gender?: string;
  location?: string;
  news2?: number;
  news2Time?: string;
  sepsisRisk?: number;
  sepsisTime?: string;
  sepsisPrevious?: number;
  openAlerts: number;
}

/** Sepsis risk changes smaller than this (probability units) count as flat. */
const TREND_TOLERANCE = 0.02;

const patientOfRef = (ref: string | undefined) => (ref?.startsWith('Patient/') ? ref.slice(8) : undefined);

function riskText(r: RiskAssessment): string {
  const parts = [
    r.code?.text,
    r.method?.text,
    ...(r.code?.coding ?? []).flatMap((c) => [c.code, c.display]),
    ...(r.method?.coding ?? []).flatMap((c) => [c.code, c.display]),
  ];
  return parts.filter(Boolean).join(' ');
}

/** The number a RiskAssessment carries: a score extension, else the first prediction's probability or relative risk. */
export function riskValue(r: RiskAssessment): number | undefined {
  for (const e of (r as { extension?: { valueInteger?: number; valueDecimal?: number }[] }).extension ?? []) {
    if (typeof e.valueInteger === 'number') return e.valueInteger;
    if (typeof e.valueDecimal === 'number') return e.valueDecimal;
  }
  const p = r.prediction?.[0];
  if (typeof p?.probabilityDecimal === 'number') return p.probabilityDecimal;
  if (typeof p?.relativeRisk === 'number') return p.relativeRisk;
  const m = /(-?\d+(?:\.\d+)?)/.exec(p?.outcome?.text ?? '');
  return m ? Number(m[1]) : undefined;
}

/** `up` / `down` when the latest sepsis risk moved by more than the tolerance since the previous one. */
export function sepsisTrend(latest: number | undefined, previous: number | undefined): WorklistRow['sepsisTrend'] {
  if (latest === undefined || previous === undefined) return undefined;
  return latest > previous + TREND_TOLERANCE ? 'up' : latest < previous - TREND_TOLERANCE ? 'down' : 'flat';
}

function patientName(p: Patient): string {
  const name = p.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || `Patient ${p.id}`);
}

/**
 * One patient's summary from their resources (any mix of their RiskAssessments, DetectedIssues and
 * Encounters; others are ignored). Latest = greatest occurrence time (else lastUpdated); only
 * preliminary DetectedIssues count as open alerts; the location is the last location of the most
 * recent in-progress or arrived Encounter.
 */
export function summarizePatient(patient: Patient, resources: Resource[]): WorklistSummary {
  const news: { t: string; v: number }[] = [];
  const sepsis: { t: string; v: number }[] = [];
  let openAlerts = 0;
  let location: { t: string; display: string } | undefined;
  for (const r of resources) {
    if (r.resourceType === 'RiskAssessment') {
      const v = riskValue(r);
      if (v === undefined || r.status === 'entered-in-error') continue;
      const text = riskText(r);
      const t = r.occurrenceDateTime ?? r.meta?.lastUpdated ?? '';
      if (/news/i.test(text)) news.push({ t, v });
      else if (/sepsis|qsofa|sofa/i.test(text)) sepsis.push({ t, v });
    } else if (r.resourceType === 'DetectedIssue') {
      if (r.status === 'preliminary') openAlerts++;
    } else if (r.resourceType === 'Encounter') {
      if (r.status !== 'in-progress' && r.status !== 'arrived') continue;
      const display = r.location?.[r.location.length - 1]?.location?.display;
      const t = r.period?.start ?? r.meta?.lastUpdated ?? '';
      if (display && (!location || t >= location.t)) location = { t, display };
    }
  }
  const byTime = (a: { t: string }, b: { t: string }) => a.t.localeCompare(b.t);
  news.sort(byTime);
  sepsis.sort(byTime);
  const last = news[news.length - 1];
  const sl = sepsis[sepsis.length - 1];
  const sp = sepsis[sepsis.length - 2];
  const s: WorklistSummary = { patientId: patient.id ?? '', name: patientName(patient), openAlerts };
  if (patient.birthDate) s.birthDate = patient.birthDate;
  if (patient.gender) s.gender = patient.gender;
  if (location) s.location = location.display;
  if (last) {
    s.news2 = last.v;
    if (last.t) s.news2Time = last.t;
  }
  if (sl) {
    s.sepsisRisk = sl.v;
    if (sl.t) s.sepsisTime = sl.t;
  }
  if (sp) s.sepsisPrevious = sp.v;
  return s;
}

/** The row the web app reads. */
export function toWorklistRow(s: WorklistSummary): WorklistRow {
  const row: WorklistRow = { patientId: s.patientId, name: s.name, openAlerts: s.openAlerts };
  if (s.birthDate !== undefined) row.birthDate = s.birthDate;
  if (s.gender !== undefined) row.gender = s.gender;
  if (s.location !== undefined) row.location = s.location;
  if (s.news2 !== undefined) row.news2 = s.news2;
  if (s.news2Time !== undefined) row.news2Time = s.news2Time;
  if (s.sepsisRisk !== undefined) row.sepsisRisk = s.sepsisRisk;
  const trend = sepsisTrend(s.sepsisRisk, s.sepsisPrevious);
  if (trend) row.sepsisTrend = trend;
  return row;
}

/** Build worklist rows from patients and their risk assessments, alerts and encounters (in memory). */
export function buildWorklist(
  patients: Patient[],
  risks: RiskAssessment[],
  alerts: DetectedIssue[],
  encounters: Encounter[],
): WorklistRow[] {
  const byPatient = new Map<string, Resource[]>();
  for (const r of [...risks, ...alerts, ...encounters]) {
    const pid = patientOfRef(
      r.resourceType === 'DetectedIssue' ? r.patient?.reference : (r as { subject?: { reference?: string } }).subject?.reference,
    );
    if (!pid) continue;
    const list = byPatient.get(pid);
    if (list) list.push(r);
    else byPatient.set(pid, [r]);
  }
  return patients.map((p) => toWorklistRow(summarizePatient(p, byPatient.get(p.id ?? '') ?? [])));
}

/** Resource types whose writes change a worklist row (the migration's trigger lists the same). */
const SOURCE_TYPES = ['Patient', 'RiskAssessment', 'DetectedIssue', 'Encounter'];
/** Patients recomputed per query. */
const REFRESH_CHUNK = 500;

/** Recompute the summary rows of `patientIds` from their current resources (deleting rows of patients gone). */
export async function refreshWorklistRows(sql: SqlClient, patientIds: string[]): Promise<void> {
  for (let i = 0; i < patientIds.length; i += REFRESH_CHUNK) {
    const ids = patientIds.slice(i, i + REFRESH_CHUNK);
    // One aggregated string instead of one result row per resource: PGlite decodes rows slowly.
    const { rows: agg } = await sql.query<{ j: string | null }>(
      `SELECT string_agg(json_build_array(patient_id, last_updated, content)::text, ',') AS j FROM resources
        WHERE patient_id = ANY($1::text[]) AND NOT deleted AND resource_type = ANY($2::text[])`,
      [ids, SOURCE_TYPES],
    );
    const rows = (JSON.parse(`[${agg[0]?.j ?? ''}]`) as [string, string, Resource][]).map(
      ([patient_id, last_updated, content]) => ({ patient_id, last_updated, content }),
    );
    const byPatient = new Map<string, { patient?: Patient; resources: Resource[]; lastUpdated: number }>();
    for (const r of rows) {
      const content = r.content;
      let e = byPatient.get(r.patient_id);
      if (!e) byPatient.set(r.patient_id, (e = { resources: [], lastUpdated: 0 }));
      e.lastUpdated = Math.max(e.lastUpdated, new Date(r.last_updated).getTime());
      if (content.resourceType === 'Patient') e.patient = content;
      else e.resources.push(content);
    }
    const summaries: (WorklistSummary & { lastUpdated: string })[] = [];
    for (const [, e] of byPatient) {
      if (!e.patient) continue;
      summaries.push({ ...summarizePatient(e.patient, e.resources), lastUpdated: new Date(e.lastUpdated).toISOString() });
    }
    const keep = new Set(summaries.map((s) => s.patientId));
    const gone = ids.filter((id) => !keep.has(id));
    if (gone.length) await sql.query('DELETE FROM galen_worklist WHERE patient_id = ANY($1::text[])', [gone]);
    if (!summaries.length) continue;
    await sql.query(
      `INSERT INTO galen_worklist (patient_id, name, birth_date, gender, location, news2, news2_time, sepsis_risk,
                                   sepsis_time, sepsis_prev, open_alerts, last_updated, row_json, refreshed_at)
       SELECT patient_id, name, birth_date, gender, location, news2, news2_time, sepsis_risk, sepsis_time, sepsis_prev,
              open_alerts, last_updated, row_json, now()
         FROM json_to_recordset($1::json) AS x(patient_id text, name text, birth_date text, gender text, location text,
              news2 double precision, news2_time text, sepsis_risk double precision, sepsis_time text,
              sepsis_prev double precision, open_alerts integer, last_updated timestamptz, row_json text)
       ON CONFLICT (patient_id) DO UPDATE SET name = EXCLUDED.name, birth_date = EXCLUDED.birth_date,
         gender = EXCLUDED.gender, location = EXCLUDED.location, news2 = EXCLUDED.news2,
         news2_time = EXCLUDED.news2_time, sepsis_risk = EXCLUDED.sepsis_risk, sepsis_time = EXCLUDED.sepsis_time,
         sepsis_prev = EXCLUDED.sepsis_prev, open_alerts = EXCLUDED.open_alerts,
         last_updated = EXCLUDED.last_updated, row_json = EXCLUDED.row_json, refreshed_at = now()`,
      [
        JSON.stringify(
          summaries.map((s) => ({
            patient_id: s.patientId,
            name: s.name,
            birth_date: s.birthDate ?? null,
            gender: s.gender ?? null,
            location: s.location ?? null,
            news2: s.news2 ?? null,
            news2_time: s.news2Time ?? null,
            sepsis_risk: s.sepsisRisk ?? null,
            sepsis_time: s.sepsisTime ?? null,
            sepsis_prev: s.sepsisPrevious ?? null,
            open_alerts: s.openAlerts,
            last_updated: s.lastUpdated,
            row_json: JSON.stringify(toWorklistRow(s)),
          })),
        ),
      ],
    );
  }
}

/** Recompute one patient's row now (e.g. right after writing their resources). */
export function refreshWorklistRow(sql: SqlClient, patientId: string): Promise<void> {
  return refreshWorklistRows(sql, [patientId]);
}

/**
 * Recompute every row marked stale by the trigger. The markers are removed and the rows rewritten
 * in one transaction: a write that commits meanwhile leaves a new marker for the next call.
 * Returns how many patients were recomputed.
 */
export async function refreshStaleWorklist(sql: SqlClient): Promise<number> {
  // The usual case, nothing stale, without opening a transaction.
  if (!(await sql.query('SELECT 1 FROM galen_worklist_stale LIMIT 1')).rows.length) return 0;
  return sql.transaction(async (tx) => {
    const { rows } = await tx.query<{ patient_id: string }>('DELETE FROM galen_worklist_stale RETURNING patient_id');
    await refreshWorklistRows(
      tx,
      rows.map((r) => r.patient_id),
    );
    return rows.length;
  });
}

/**
 * Read the summary table (after refreshing stale rows), ordered by patient id. The rows are stored
 * as JSON text and fetched as one string: decoding 10,000 result rows of 11 columns costs PGlite
 * ~0.5 s, one string ~20 ms.
 */
export async function readWorklist(sql: SqlClient, opts: { limit: number; offset?: number }): Promise<WorklistRow[]> {
  await refreshStaleWorklist(sql);
  const { rows } = await sql.query<{ j: string | null }>(
    `SELECT string_agg(row_json, ',' ORDER BY patient_id) AS j
       FROM (SELECT patient_id, row_json FROM galen_worklist ORDER BY patient_id LIMIT $1 OFFSET $2) t`,
    [opts.limit, opts.offset ?? 0],
  );
  return JSON.parse(`[${rows[0]?.j ?? ''}]`) as WorklistRow[];
}

export const worklistList = defineOperation({
  name: 'worklist.list',
  description: "The clinician's worklist: every patient with latest NEWS2, sepsis risk and trend, open alerts and location",
  input: z.object({
    limit: z.number().int().min(1).max(50_000).default(20_000),
    offset: z.number().int().min(0).default(0),
  }),
  roles: ['admin', 'clinician', 'reviewer'],
  // Every patient's row: refused for patient-scoped callers (it reads the worklist table, not their chart).
  scope: 'all-patients',
  handler: (input, ctx): Promise<WorklistRow[]> => readWorklist(ctx.services.store.sql, input),
});
