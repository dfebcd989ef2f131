/**
 * Normalise alerts from `cds.alerts` (plain objects or FHIR DetectedIssues) into what the alert
 * cards show: score, components, the observations behind it, the reason and the state.
 */
export interface AlertComponent {
  name: string;
  value?: string;
  points?: number;
}
export interface AlertView {
  id: string;
  patientId?: string;
  patientName?: string;
  title: string;
  score?: number;
  severity?: string;
  reason: string;
  components: AlertComponent[];
  observations: string[];
  status: string;
  time?: string;
  snoozedUntil?: string;
}

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (typeof x === 'object' && x !== null ? (x as Obj) : {});
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

export function alertsFrom(raw: unknown): AlertView[] {
  const r = obj(raw);
  const list = Array.isArray(raw) ? raw : arr(r.alerts ?? r.items ?? (r.entry ? arr(r.entry).map((e) => obj(e).resource) : []));
  return list.map(normalizeAlert).filter((a): a is AlertView => !!a);
}

export function normalizeAlert(x: unknown): AlertView | undefined {
  const a = obj(x);
  const ref = str(a.reference);
  const id = ref ?? (str(a.id) ? `DetectedIssue/${str(a.id)}` : undefined) ?? str(a.alertId);
  if (!id) return undefined;
  const patientRef = str(obj(a.patient).reference) ?? str(obj(a.subject).reference);
  const patientId = str(a.patientId) ?? (patientRef?.startsWith('Patient/') ? patientRef.slice(8) : undefined);
  const code = obj(a.code);
  const score = num(a.score) ?? num(obj(a.score).value) ?? num(obj(a.score).total);
  const comps = arr(a.components ?? obj(a.score).components).map((c) => {
    const co = obj(c);
    return {
      name: str(co.name) ?? str(co.parameter) ?? str(co.label) ?? str(co.param) ?? '?',
      value: str(co.value) ?? str(co.display),
      points: num(co.points) ?? num(co.score),
    };
  });
  const evidenceRefs = arr(a.evidence).flatMap((e) => arr(obj(e).detail).map((d) => str(obj(d).reference)));
  const observations = [
    ...arr(a.observations ?? a.observationIds ?? a.basis).map((o) =>
      typeof o === 'string' ? o : (str(obj(o).reference) ?? str(obj(o).id)),
    ),
    ...evidenceRefs,
  ].filter((o): o is string => !!o);
  return {
    id,
    patientId,
    patientName: str(a.patientName) ?? str(obj(a.patient).display),
    title: str(a.title) ?? str(code.text) ?? KIND_TITLE[str(a.kind) ?? ''] ?? str(a.kind) ?? 'Alert',
    score,
    severity: str(a.severity) ?? str(a.indicator) ?? str(a.band),
    reason: str(a.reason) ?? str(a.summary) ?? str(a.detail) ?? str(a.explanation) ?? '',
    components: comps,
    observations,
    status: str(a.state) ?? str(a.status) ?? 'open',
    time: str(a.time) ?? str(a.identified) ?? str(a.createdAt) ?? str(a.identifiedDateTime) ?? str(a.date),
    snoozedUntil: str(a.snoozedUntil),
  };
}

const KIND_TITLE: Record<string, string> = { news2: 'NEWS2 alert', 'sepsis-risk': 'Sepsis risk alert' };

/** Still awaiting a decision (snoozed alerts count as open once the snooze has passed). */
export function isOpen(a: AlertView, now = Date.now()): boolean {
  if (!['open', 'active', 'preliminary', 'new', 'firing'].includes(a.status.toLowerCase())) return false;
  return !isSnoozed(a, now);
}

export function isSnoozed(a: AlertView, now = Date.now()): boolean {
  return !!a.snoozedUntil && Date.parse(a.snoozedUntil) > now;
}

/** The FHIR id of the DetectedIssue behind an alert. */
export function alertResourceId(a: AlertView): string | undefined {
  return a.id.startsWith('DetectedIssue/') ? a.id.slice('DetectedIssue/'.length) : undefined;
}
