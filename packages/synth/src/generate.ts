/**
 * The synthetic patient generator: pure and seeded. Patient `i` of seed `s` depends only on
 * (s, i, options), so the same inputs always give the same bytes and any slice can be regenerated.
 * Each patient is a FHIR R4 transaction bundle (`urn:uuid` fullUrls, POST entries) plus the ground
 * truth that real records lack.
 *
 * The floor plan: this file decides who gets which care (options, the admission mix); the
 * patient's record and its resource ids live in record.ts; demographics.ts and history.ts write
 * the patient and their past; encounters/{office,ed,admission}.ts one kind of encounter each;
 * trajectory.ts the hour-by-hour physiology of a stay (parameters in data/trajectories.ts);
 * fhir-builders.ts every resource literal; notes.ts the notes; scores.ts the label definitions.
 * @see https://hl7.org/fhir/R4/http.html#transaction
 */
import { ADMISSION_MIX, ED_VISIT } from './data/trajectories';
import { addDemographics } from './demographics';
import { addAdmission } from './encounters/admission';
import { addEdVisit } from './encounters/ed';
import { addOfficeVisits } from './encounters/office';
import { addHistory } from './history';
import { TRAJECTORIES, type SyntheticPatient, type Trajectory } from './labels';
import { hashSeed } from './prng';
import { DAY, HOUR, MINUTE, PatientRecord } from './record';

export { MRN_SYSTEM, SYNTH_ID_SYSTEM } from './fhir-builders';
export { TRAJECTORIES } from './labels';
export type { AdmissionLabel, NoteLabel, PatientLabels, SyntheticPatient, Trajectory } from './labels';

export const DEFAULT_NOW = '2025-01-01T12:00:00.000Z';

export interface GenerateOptions {
  /** Number of patients (0..1,000,000). */
  count: number;
  seed: number | string;
  /** The dataset's "now" (ISO 8601): every event happens at or before it. Default 2025-01-01T12:00Z. */
  now?: string;
  /** Only office visits: no ED visits, no admissions (the fast path). */
  officeOnly?: boolean;
  /** Share of patients given a hospital admission (default 0.1; 1 for inpatient-only sets). */
  inpatientShare?: number;
  /** Write notes and dialogues (default true). */
  notes?: boolean;
  /** Index of the first patient (default 0). */
  offset?: number;
  /**
   * Patients `offset .. offset + currentInpatients.length - 1` are admitted right now with these
   * trajectories (hourly vitals up to `now`), for demos.
   */
  currentInpatients?: readonly Trajectory[];
}

/** Validate and normalise options; throws RangeError on bad input. */
export function checkGenerateOptions(options: GenerateOptions): { now: number } {
  const { count } = options;
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
    throw new RangeError(`count must be an integer from 0 to 1,000,000 (got ${String(count)})`);
  }
  const now = Date.parse(options.now ?? DEFAULT_NOW);
  if (!Number.isFinite(now)) throw new RangeError(`now must be an ISO 8601 date-time (got ${String(options.now)})`);
  const share = options.inpatientShare ?? 0.1;
  if (!(share >= 0 && share <= 1)) throw new RangeError('inpatientShare must be between 0 and 1');
  if (options.offset !== undefined && (!Number.isInteger(options.offset) || options.offset < 0))
    throw new RangeError('offset must be a non-negative integer');
  for (const t of options.currentInpatients ?? [])
    if (!TRAJECTORIES.includes(t)) throw new RangeError(`unknown trajectory ${String(t)}`);
  return { now };
}

/**
 * Generate one patient. Patient `index` of `seed` is the same whatever `count` is.
 * @example
 *   const { bundle, labels } = generatePatient({ seed: 42, now: '2025-01-01T12:00:00Z' }, 0);
 */
export function generatePatient(options: Omit<GenerateOptions, 'count'>, index: number): SyntheticPatient {
  const { now } = checkGenerateOptions({ ...options, count: 0 });
  const offset = options.offset ?? 0;
  const currentList = options.currentInpatients ?? [];
  const currentTrajectory = index - offset >= 0 ? currentList[index - offset] : undefined;
  const r = new PatientRecord(hashSeed(options.seed, index), now, options.notes ?? true);
  const rng = r.rng;
  const share = options.officeOnly ? 0 : (options.inpatientShare ?? 0.1);
  // Decide on hospital care first so that inpatients are drawn from an older population.
  const admitDraw = rng.next();
  const forceInpatient = currentTrajectory !== undefined || share >= 1;
  const admit = forceInpatient || (share > 0 && admitDraw < share);
  addDemographics(r, admit);
  addHistory(r);
  addOfficeVisits(r);
  if (!options.officeOnly) {
    const f = ED_VISIT.ageFactor;
    const ageFactor = r.ageYears >= 65 ? f.from65 : r.ageYears >= 40 ? f.from40 : f.younger;
    if (rng.chance(ED_VISIT.chance * ageFactor)) addEdVisit(r);
    if (currentTrajectory) addCurrentAdmission(r, currentTrajectory);
    else if (admit && r.ageYears >= 1) addPastAdmissions(r);
  }
  const admissions = r.admissions;
  const first = (k: 'sepsisOnset' | 'akiOnset') =>
    admissions
      .map((a) => a[k])
      .filter((x): x is string => !!x)
      .sort()[0] ?? null;
  return {
    index,
    bundle: { resourceType: 'Bundle', type: 'transaction', entry: r.entries },
    labels: {
      index,
      patient: r.subject.reference!,
      mrn: r.person.mrn,
      sex: r.person.sex,
      ageYears: r.ageYears,
      conditions: r.conditions.map((c) => c.def.key),
      admissions,
      sepsisOnset: first('sepsisOnset'),
      akiOnset: first('akiOnset'),
      readmission30d: admissions.some((a) => a.readmission30d),
      notes: r.notes,
    },
  };
}

/** Admitted right now, some hours ago (starting at a random minute), with hourly vitals up to now. */
function addCurrentAdmission(r: PatientRecord, trajectory: Trajectory): void {
  const rng = r.rng;
  const hours = rng.int(ADMISSION_MIX.currentStayHours[0], ADMISSION_MIX.currentStayHours[1]);
  const start = Math.floor((r.now - hours * HOUR) / HOUR) * HOUR + rng.int(0, 59) * MINUTE;
  addAdmission(r, trajectory, start, hours, true, false);
}

/** A past admission with a trajectory from the mix, sometimes followed by a readmission within 30 days. */
function addPastAdmissions(r: PatientRecord): void {
  const rng = r.rng;
  const M = ADMISSION_MIX;
  const trajectory = rng.weighted(TRAJECTORIES, (t) => M.trajectoryWeights[t]);
  const los = rng.int(M.stayHours[0], M.stayHours[1]);
  const start = Math.floor((r.now - rng.int(M.daysAgo[0], M.daysAgo[1]) * DAY) / HOUR) * HOUR + rng.int(0, 59) * MINUTE;
  const end = addAdmission(r, trajectory, start, los, false, false);
  if (rng.chance(M.readmissionChance)) {
    const start2 = end + rng.int(M.readmissionGapDays[0], M.readmissionGapDays[1]) * DAY + rng.int(0, 23) * HOUR;
    const los2 = rng.int(M.readmissionStayHours[0], M.readmissionStayHours[1]);
    if (start2 + los2 * HOUR < r.now)
      addAdmission(r, rng.chance(M.readmissionStableChance) ? 'stable' : 'aki', start2, los2, false, true);
  }
}

/**
 * Generate `count` patients lazily.
 * @example
 *   for (const p of generatePatients({ count: 10, seed: 1, officeOnly: true })) console.log(p.bundle.entry?.length);
 */
export function* generatePatients(options: GenerateOptions): Generator<SyntheticPatient> {
  checkGenerateOptions(options);
  const offset = options.offset ?? 0;
  for (let i = 0; i < options.count; i++) yield generatePatient(options, offset + i);
}
