/**
 * The clinician's worklist, per patient: the latest NEWS2, the sepsis risk and its trend, open
 * alerts and the current location, read from their RiskAssessments, DetectedIssues and
 * Encounters. Pure: the caller reads the resources (`@galen/operations` keeps the figures in a
 * table, refreshed when a patient's resources change).
 */
import type { DetectedIssue, Encounter, Patient, Resource, RiskAssessment } from '@galen/fhir';

/** One worklist row: the patient and their latest scores (the stored summary, with a trend). */
export type WorklistRow = Omit<WorklistSummary, 'sepsisTime' | 'sepsisPrevious'> & { sepsisTrend?: 'up' | 'down' | 'flat' };

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
