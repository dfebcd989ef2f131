/**
 * Demo data for `npm start`: patients loaded into an empty store, with several inpatients admitted
 * right now (some deteriorating, some septic, with hourly vital signs up to `now`) so that the
 * worklist and alerts have something to show.
 */
import type { Bundle } from '@galen/fhir';
import { generatePatients, type Trajectory } from './generate';

/** What `loadDemoPatients` needs of a store (a `Store` from `@galen/store` fits). */
export interface DemoStore {
  fhir: { transaction(bundle: Bundle): Promise<Bundle> };
}

export interface DemoOptions {
  /** Number of patients (default 200). */
  count?: number;
  /** Default 1. */
  seed?: number | string;
  /** The current time (ISO 8601 or a Date); hourly vitals of current inpatients run up to it. */
  now: string | Date;
  /** Called after each patient is loaded. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  patients: number;
  resources: number;
  /** Trajectories of the patients admitted right now (first in the set). */
  currentInpatients: Trajectory[];
}

/**
 * The trajectories of the demo's current inpatients: 12 patients for the default 200
 * (3 septic, 4 deteriorating, 2 AKI, 3 stable), scaled down for smaller sets.
 */
export function demoInpatients(count: number): Trajectory[] {
  const plan: Trajectory[] = [
    'sepsis',
    'deteriorating',
    'stable',
    'sepsis',
    'deteriorating',
    'aki',
    'stable',
    'deteriorating',
    'sepsis',
    'aki',
    'deteriorating',
    'stable',
  ];
  return plan.slice(0, Math.max(0, Math.min(plan.length, Math.round(count * 0.06))));
}

/**
 * Load demo patients into a store, one transaction per patient.
 * @example
 *   const store = await openStore({ dataDir: '.galen-data' });
 *   await loadDemoPatients(store, { count: 200, seed: 1, now: new Date().toISOString() });
 */
export async function loadDemoPatients(store: DemoStore, options: DemoOptions): Promise<DemoResult> {
  const count = options.count ?? 200;
  const now = typeof options.now === 'string' ? options.now : options.now.toISOString();
  const currentInpatients = demoInpatients(count);
  let resources = 0;
  let done = 0;
  for (const p of generatePatients({ count, seed: options.seed ?? 1, now, currentInpatients, inpatientShare: 0.08 })) {
    await store.fhir.transaction(p.bundle);
    resources += p.bundle.entry?.length ?? 0;
    done++;
    options.onProgress?.(done, count);
  }
  return { patients: count, resources, currentInpatients };
}
