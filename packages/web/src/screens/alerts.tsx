/** Alerts: score, components, observations behind it; acknowledge / snooze / override with a reason. */
import { useState } from 'react';
import { op } from '../lib/api';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { alertResourceId, alertsFrom, isOpen, isSnoozed, type AlertView } from '../lib/alert-view';
import {
  conceptText,
  entries,
  formatDateTime,
  formatValue,
  obsTime,
  type Bundle,
  type FhirResource,
  type Observation,
} from '../lib/fhir-view';
import { fhirGet } from '../lib/api';
import { Empty, ErrorBanner, Loading } from '../components/status';

export function Alerts() {
  const [showAll, setShowAll] = useState(false);
  const { data, error, loading, reload } = useAsync(
    (signal) => op<unknown>('cds.alerts', showAll ? { includeClosed: true } : {}, signal),
    [showAll],
  );
  const alerts = alertsFrom(data).filter((a) => showAll || isOpen(a) || isSnoozed(a));
  return (
    <section>
      <div className="toolbar">
        <h1>Alerts</h1>
        <label className="check">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Include handled alerts
        </label>
      </div>
      <ErrorBanner error={error} onRetry={reload} />
      {loading && !data && <Loading what="alerts" />}
      {data !== undefined && alerts.length === 0 && <Empty>No open alerts.</Empty>}
      {alerts.map((a) => (
        <AlertCard key={a.id} alert={a} onChanged={reload} showPatient />
      ))}
    </section>
  );
}

export function AlertCard({ alert, onChanged, showPatient }: { alert: AlertView; onChanged: () => void; showPatient?: boolean }) {
  const [mode, setMode] = useState<'none' | 'snooze' | 'override'>('none');
  const [hours, setHours] = useState(1);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();

  const act = async (action: 'acknowledge' | 'snooze' | 'override') => {
    if (action === 'override' && !reason.trim()) {
      setError(new Error('Give a reason to override the alert.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await op('cds.alert-action', {
        alert: alert.id,
        action,
        ...(action === 'snooze' ? { snoozeHours: hours } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setDone(
        action === 'snooze'
          ? `Snoozed for ${hours} hour${hours === 1 ? '' : 's'}`
          : action === 'override'
            ? 'Overridden'
            : 'Acknowledged',
      );
      setMode('none');
      onChanged();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const titleId = `alert-${alert.id}`;
  return (
    <article className={`alert-card sev-${alert.severity ?? 'unknown'}`} aria-labelledby={titleId} data-alert={alert.id}>
      <header>
        <h3 id={titleId}>
          {alert.title}
          {alert.score !== undefined && <span className="badge alert"> score {alert.score}</span>}
        </h3>
        <span className="muted small">
          {alert.status} {alert.time ? `· ${formatDateTime(alert.time)}` : ''}
        </span>
      </header>
      {showPatient && alert.patientId && (
        <p>
          <a
            href={`/patients/${encodeURIComponent(alert.patientId)}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/patients/${encodeURIComponent(alert.patientId ?? '')}`);
            }}
          >
            {alert.patientName ?? `Patient ${alert.patientId}`}
          </a>
        </p>
      )}
      {alert.reason && <p className="reason">{alert.reason}</p>}
      {isSnoozed(alert) && <p className="small">Snoozed until {formatDateTime(alert.snoozedUntil)}</p>}
      <AlertEvidence alert={alert} />
      {alert.components.length > 0 && (
        <table className="components">
          <caption className="small muted">Score components</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Value</th>
              <th scope="col">Points</th>
            </tr>
          </thead>
          <tbody>
            {alert.components.map((c, i) => (
              <tr key={i} className={c.points ? 'abnormal-row' : ''}>
                <td>{c.name}</td>
                <td>{c.value ?? ''}</td>
                <td>{c.points ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {alert.observations.length > 0 && (
        <p className="small muted">
          Based on: {alert.observations.slice(0, 12).join(', ')}
          {alert.observations.length > 12 ? ` and ${alert.observations.length - 12} more` : ''}
        </p>
      )}
      {done && (
        <p className="banner ok" role="status">
          {done}
        </p>
      )}
      <ErrorBanner error={error} />
      {(isOpen(alert) || isSnoozed(alert)) && !done && (
        <div className="actions">
          <button type="button" onClick={() => act('acknowledge')} disabled={busy}>
            Acknowledge
          </button>
          <button type="button" onClick={() => setMode(mode === 'snooze' ? 'none' : 'snooze')} aria-expanded={mode === 'snooze'}>
            Snooze…
          </button>
          <button
            type="button"
            onClick={() => setMode(mode === 'override' ? 'none' : 'override')}
            aria-expanded={mode === 'override'}
          >
            Override…
          </button>
          {mode === 'snooze' && (
            <span className="inline-form">
              <label>
                For
                <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                  <option value={1}>1 hour</option>
                  <option value={4}>4 hours</option>
                  <option value={8}>8 hours</option>
                </select>
              </label>
              <button type="button" className="primary" onClick={() => act('snooze')} disabled={busy}>
                Confirm snooze
              </button>
            </span>
          )}
          {mode === 'override' && (
            <span className="inline-form">
              <label>
                Reason
                <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. known chronic tachycardia" />
              </label>
              <button type="button" className="primary" onClick={() => act('override')} disabled={busy}>
                Confirm override
              </button>
            </span>
          )}
        </div>
      )}
    </article>
  );
}

interface Evidence {
  scores: { name: string; value?: number; band?: string; explanation?: string }[];
  observations: Observation[];
}

/** Load what an alert rests on: its RiskAssessments (score, band, explanation) and their basis observations. */
async function loadEvidence(id: string, signal: AbortSignal): Promise<Evidence> {
  const di = await fhirGet<FhirResource>(`DetectedIssue/${encodeURIComponent(id)}`, signal);
  const refs = ((di.evidence as { detail?: { reference?: string }[] }[] | undefined) ?? [])
    .flatMap((e) => e.detail ?? [])
    .map((d) => d.reference ?? '');
  const ras = await Promise.all(
    refs
      .filter((r) => r.startsWith('RiskAssessment/'))
      .slice(0, 4)
      .map((r) => fhirGet<FhirResource>(r, signal).catch(() => undefined)),
  );
  const scores: Evidence['scores'] = [];
  const basis = new Set<string>();
  for (const ra of ras) {
    if (!ra) continue;
    const ext = (ra.extension as { valueDecimal?: number; valueInteger?: number }[] | undefined)?.[0];
    const pred = (
      ra.prediction as { probabilityDecimal?: number; qualitativeRisk?: { text?: string }; rationale?: string }[] | undefined
    )?.[0];
    scores.push({
      name: String((ra.method as { text?: string } | undefined)?.text ?? 'Score'),
      value: ext?.valueDecimal ?? ext?.valueInteger ?? pred?.probabilityDecimal,
      band: pred?.qualitativeRisk?.text,
      explanation: pred?.rationale,
    });
    for (const b of (ra.basis as { reference?: string }[] | undefined) ?? [])
      if (b.reference?.startsWith('Observation/')) basis.add(b.reference.slice(12));
  }
  let observations: Observation[] = [];
  if (basis.size) {
    const ids = [...basis].slice(0, 40).join(',');
    observations = entries(
      await fhirGet<Bundle<Observation>>(`Observation?_id=${encodeURIComponent(ids)}&_count=40`, signal).catch(() => undefined),
    );
  }
  return { scores, observations };
}

function AlertEvidence({ alert }: { alert: AlertView }) {
  const id = alertResourceId(alert);
  const ev = useAsync((signal) => (id ? loadEvidence(id, signal) : Promise.resolve(undefined)), [id]);
  if (!id || ev.error) return null;
  if (!ev.data) return <Loading what="the evidence" />;
  const { scores, observations } = ev.data;
  return (
    <div className="evidence-block">
      {scores.map((s, i) => (
        <p key={i}>
          <strong>{s.name}</strong>
          {s.value !== undefined && (
            <span className="badge alert">
              {s.value <= 1 && s.name.toLowerCase().includes('sepsis') ? `${(s.value * 100).toFixed(0)}%` : s.value}
            </span>
          )}{' '}
          {s.band && <span className="muted">({s.band})</span>} {s.explanation && <span className="small">{s.explanation}</span>}
        </p>
      ))}
      {observations.length > 0 && (
        <table className="components">
          <caption className="small muted">Observations behind the score</caption>
          <thead>
            <tr>
              <th scope="col">Observation</th>
              <th scope="col">Value</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {observations
              .sort((a, b) => (obsTime(b) ?? '').localeCompare(obsTime(a) ?? ''))
              .map((o) => (
                <tr key={o.id}>
                  <td>{conceptText(o.code)}</td>
                  <td>{formatValue(o)}</td>
                  <td>{formatDateTime(obsTime(o))}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
