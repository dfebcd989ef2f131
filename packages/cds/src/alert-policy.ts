/**
 * Alert policy (pure): when a score or risk crosses a threshold, whether to raise an alert now,
 * given what was raised before. An alert fires on crossing into the positive range; while the
 * condition persists it is de-duplicated and re-raised only after `realertHours` or when the level
 * escalates; a clinician's snooze silences it until `snoozedUntil`. This bounds the alert burden,
 * which the evaluator measures in alerts per 100 patient-days.
 */
export interface AlertPolicy {
  /** e.g. `sepsis-risk`, `news2`. */
  kind: string;
  /** Value at or above which the condition is positive. */
  threshold: number;
  /** Higher levels that re-alert at once when reached (e.g. NEWS2 7 after 5). */
  escalateAt?: number[];
  /** While still positive, re-alert no sooner than this (hours). */
  realertHours: number;
  /** Default snooze length (hours) for `snooze` actions. */
  snoozeHours: number;
}

export interface AlertMemory {
  /** The condition was positive at the last evaluation. */
  active: boolean;
  lastAlertAt?: number;
  /** Highest escalation level alerted in the current episode (index into escalateAt + 1). */
  level: number;
  snoozedUntil?: number;
}

export const NO_ALERTS: AlertMemory = { active: false, level: 0 };

export interface AlertDecision {
  fire: boolean;
  reason: 'new' | 'escalated' | 'realert' | 'duplicate' | 'snoozed' | 'negative' | 'insufficient-data';
  memory: AlertMemory;
}

/** Default policies. Sepsis threshold comes from the model file. */
export const DEFAULT_POLICIES: Record<string, Omit<AlertPolicy, 'threshold'> & { threshold?: number }> = {
  'sepsis-risk': { kind: 'sepsis-risk', realertHours: 12, snoozeHours: 4 },
  // RCP NEWS2 2017 chart 2: 5–6 urgent response, ≥ 7 emergency response.
  news2: { kind: 'news2', threshold: 5, escalateAt: [7], realertHours: 12, snoozeHours: 4 },
  qsofa: { kind: 'qsofa', threshold: 2, realertHours: 12, snoozeHours: 4 },
};

/** Decide for one new value (`null` = insufficient data: never an alert, memory unchanged). */
export function decideAlert(policy: AlertPolicy, memory: AlertMemory, value: number | null, nowMs: number): AlertDecision {
  if (value === null || Number.isNaN(value)) return { fire: false, reason: 'insufficient-data', memory };
  if (value < policy.threshold) return { fire: false, reason: 'negative', memory: { ...memory, active: false, level: 0 } };
  const level = 1 + (policy.escalateAt ?? []).filter((x) => value >= x).length;
  const snoozed = memory.snoozedUntil !== undefined && nowMs < memory.snoozedUntil;
  if (!memory.active) {
    if (snoozed) return { fire: false, reason: 'snoozed', memory: { ...memory, active: true, level } };
    return { fire: true, reason: 'new', memory: { ...memory, active: true, level, lastAlertAt: nowMs } };
  }
  if (level > memory.level) return { fire: true, reason: 'escalated', memory: { ...memory, level, lastAlertAt: nowMs } };
  if (snoozed) return { fire: false, reason: 'snoozed', memory };
  if (memory.lastAlertAt === undefined || nowMs - memory.lastAlertAt >= policy.realertHours * 3600_000) {
    return { fire: true, reason: 'realert', memory: { ...memory, level, lastAlertAt: nowMs } };
  }
  return { fire: false, reason: 'duplicate', memory };
}

/** Apply a clinician's snooze. */
export function snooze(memory: AlertMemory, nowMs: number, hours: number): AlertMemory {
  return { ...memory, snoozedUntil: nowMs + hours * 3600_000 };
}

/** Replay a policy over an hourly series; returns the hours (indices) at which alerts fire. */
export function replayAlerts(policy: AlertPolicy, values: ArrayLike<number | null>): number[] {
  let m: AlertMemory = NO_ALERTS;
  const fired: number[] = [];
  for (let h = 0; h < values.length; h++) {
    const d = decideAlert(policy, m, values[h] ?? null, h * 3600_000);
    m = d.memory;
    if (d.fire) fired.push(h);
  }
  return fired;
}
