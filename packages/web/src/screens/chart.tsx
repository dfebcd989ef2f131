/**
 * The patient chart: header (demographics, allergies, code status), encounters, vital-sign plots,
 * labs with flags and trends, problems, medications, notes with NLP highlighting, open alerts.
 */
import { useMemo, useState } from 'react';
import { fhirGet, op } from '../lib/api';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';
import {
  ageYears,
  codeStatus,
  conceptText,
  documentText,
  entries,
  formatDateTime,
  isLab,
  isVital,
  labRows,
  patientName,
  vitalSeries,
  type Bundle,
  type CodeableConcept,
  type FhirResource,
  type Observation,
} from '../lib/fhir-view';
import { VITALS } from '../lib/vitals';
import { mentionSpans } from '../lib/nlp-view';
import { VitalPlot, Sparkline } from '../components/vital-plot';
import { ConceptLegend, HighlightedText } from '../components/highlighted-text';
import { Empty, ErrorBanner, Loading } from '../components/status';
import { AlertCard } from './alerts';
import { alertsFrom, isOpen, isSnoozed } from '../lib/alert-view';

/** Notes longer than this are shown without highlighting first (NLP on demand). */
const AUTO_NLP_LIMIT = 60_000;

function byType(all: FhirResource[]) {
  const m = new Map<string, FhirResource[]>();
  for (const r of all) {
    const l = m.get(r.resourceType) ?? [];
    l.push(r);
    m.set(r.resourceType, l);
  }
  return (t: string) => m.get(t) ?? [];
}

export function Chart({ patientId }: { patientId: string }) {
  const everything = useAsync(
    (signal) => fhirGet<Bundle>(`Patient/${encodeURIComponent(patientId)}/$everything`, signal),
    [patientId],
  );
  const alerts = useAsync((signal) => op<unknown>('cds.alerts', { patientId }, signal), [patientId]);
  const view = useMemo(() => {
    const all = entries(everything.data);
    const of = byType(all);
    const observations = of('Observation') as Observation[];
    return {
      patient: of('Patient')[0],
      observations,
      vitals: vitalSeries(observations.filter(isVital)),
      labs: labRows(observations.filter(isLab)),
      encounters: of('Encounter').sort((a, b) => String(periodStart(b)).localeCompare(String(periodStart(a)))),
      conditions: of('Condition'),
      meds: [...of('MedicationRequest'), ...of('MedicationStatement')],
      allergies: of('AllergyIntolerance'),
      notes: of('DocumentReference').sort((a, b) => String(b.date ?? '').localeCompare(String(a.date ?? ''))),
      codeStatus: codeStatus([...observations, ...of('Flag')]),
    };
  }, [everything.data]);

  if (everything.error) return <ErrorBanner error={everything.error} onRetry={everything.reload} />;
  if (!everything.data) return <Loading what="the chart" />;
  const { patient } = view;
  if (!patient) return <Empty>This patient was not found.</Empty>;
  const age = ageYears(patient.birthDate as string | undefined, new Date());
  const openAlerts = alertsFrom(alerts.data).filter((a) => isOpen(a) || isSnoozed(a));

  return (
    <article className="chart" aria-labelledby="chart-title">
      <header className="chart-header">
        <div>
          <h1 id="chart-title">{patientName(patient)}</h1>
          <p>
            {String(patient.gender ?? 'gender unknown')} · {age !== undefined ? `${age} y` : 'age unknown'} · born{' '}
            {String(patient.birthDate ?? '—')} · id {patient.id}
          </p>
        </div>
        <dl className="header-facts">
          <div>
            <dt>Allergies</dt>
            <dd>
              {view.allergies.length
                ? view.allergies.map((a) => conceptText(a.code as CodeableConcept)).join(', ')
                : 'No allergies recorded'}
            </dd>
          </div>
          <div>
            <dt>Code status</dt>
            <dd>{view.codeStatus ?? 'Not documented'}</dd>
          </div>
        </dl>
        <button type="button" className="primary" onClick={() => navigate(`/scribe/${encodeURIComponent(patient.id ?? '')}`)}>
          Open scribe for this patient
        </button>
      </header>

      {openAlerts.length > 0 && (
        <section aria-labelledby="alerts-h" className="panel alert-panel">
          <h2 id="alerts-h">Alerts awaiting a decision</h2>
          {openAlerts.map((a) => (
            <AlertCard key={a.id} alert={a} onChanged={alerts.reload} />
          ))}
        </section>
      )}
      <ErrorBanner error={alerts.error && (alerts.error as { status?: number }).status !== 404 ? alerts.error : undefined} />

      <section aria-labelledby="vitals-h" className="panel">
        <h2 id="vitals-h">Vital signs</h2>
        {view.observations.filter(isVital).length === 0 ? (
          <Empty>No vital signs recorded.</Empty>
        ) : (
          <div className="plots">
            {VITALS.map((d) => (
              <VitalPlot key={d.key} def={d} points={view.vitals.get(d.key) ?? []} />
            ))}
          </div>
        )}
        <p className="small muted">Green band: NEWS2 0-point range. Dashed red: values that score 3 (RCP NEWS2, 2017).</p>
      </section>

      <div className="two-col">
        <section aria-labelledby="labs-h" className="panel">
          <h2 id="labs-h">Labs</h2>
          {view.labs.length === 0 ? (
            <Empty>No lab results.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Test</th>
                  <th scope="col">Latest</th>
                  <th scope="col">Flag</th>
                  <th scope="col">Range</th>
                  <th scope="col">Trend</th>
                </tr>
              </thead>
              <tbody>
                {view.labs.map((l) => (
                  <tr key={l.name + (l.latest.id ?? '')} className={l.flag ? 'abnormal-row' : ''}>
                    <td>{l.name}</td>
                    <td>{l.value}</td>
                    <td>{l.flag ? <span className="badge flag">{l.flag}</span> : ''}</td>
                    <td className="muted">{l.range ?? ''}</td>
                    <td>
                      <Sparkline points={l.history} label={l.name} /> {l.trend === 'up' ? '↑' : l.trend === 'down' ? '↓' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <div>
          <section aria-labelledby="problems-h" className="panel">
            <h2 id="problems-h">Problems</h2>
            {view.conditions.length === 0 ? (
              <Empty>No problems recorded.</Empty>
            ) : (
              <ul>
                {view.conditions.map((c) => {
                  const vs = conceptText(c.verificationStatus as CodeableConcept);
                  return (
                    <li key={c.id}>
                      {conceptText(c.code as CodeableConcept)}{' '}
                      {vs && vs !== 'confirmed' && <span className="badge muted-badge">{vs}</span>}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <section aria-labelledby="meds-h" className="panel">
            <h2 id="meds-h">Medications</h2>
            {view.meds.length === 0 ? (
              <Empty>No medications recorded.</Empty>
            ) : (
              <ul>
                {view.meds.map((m) => (
                  <li key={m.id}>
                    {conceptText(m.medicationCodeableConcept as CodeableConcept) || 'Medication'}{' '}
                    <span className="muted small">{String(m.status ?? '')}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="enc-h" className="panel">
            <h2 id="enc-h">Encounters</h2>
            {view.encounters.length === 0 ? (
              <Empty>No encounters.</Empty>
            ) : (
              <ol className="timeline">
                {view.encounters.map((e) => (
                  <li key={e.id}>
                    <time>{formatDateTime(periodStart(e))}</time>{' '}
                    {conceptText((e.type as CodeableConcept[] | undefined)?.[0]) || String(obj(e.class).code ?? 'Encounter')}{' '}
                    <span className="muted small">{String(e.status ?? '')}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>

      <section aria-labelledby="notes-h" className="panel">
        <h2 id="notes-h">Notes</h2>
        {view.notes.length === 0 ? <Empty>No notes.</Empty> : view.notes.map((n) => <NoteView key={n.id} doc={n} />)}
      </section>
    </article>
  );
}

const obj = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {});
function periodStart(e: FhirResource): string | undefined {
  return obj(e.period).start as string | undefined;
}

function NoteView({ doc }: { doc: FhirResource }) {
  const text = useMemo(() => documentText(doc), [doc]);
  const [open, setOpen] = useState(false);
  const [nlpOn, setNlpOn] = useState(text.length <= AUTO_NLP_LIMIT);
  const nlp = useAsync(
    async (signal) => (open && nlpOn && text ? op<unknown>('nlp.extract', { text }, signal) : undefined),
    [open, nlpOn, text],
  );
  const marks = useMemo(() => mentionSpans(nlp.data), [nlp.data]);
  const status = String(doc.docStatus ?? doc.status ?? '');
  const title = String(doc.description ?? '') || conceptText(doc.type as CodeableConcept) || 'Note';
  return (
    <div className="note" data-doc={doc.id}>
      <button type="button" className="note-title" aria-expanded={open} onClick={() => setOpen(!open)}>
        {title} <span className="muted small">{formatDateTime(doc.date as string | undefined)}</span>{' '}
        <span className={`badge ${status === 'final' ? 'ok' : 'muted-badge'}`}>{status}</span>
      </button>
      {open && (
        <div>
          {!text && <Empty>This note has no text.</Empty>}
          {text && !nlpOn && (
            <p className="banner info">
              This note is long ({Math.round(text.length / 1000)}k characters).{' '}
              <button type="button" onClick={() => setNlpOn(true)}>
                Highlight concepts
              </button>
            </p>
          )}
          {nlp.error && <ErrorBanner error={nlp.error} />}
          {nlpOn && nlp.loading && <Loading what="concepts" />}
          {nlpOn && marks.length > 0 && <ConceptLegend />}
          {text && <HighlightedText text={text} marks={marks} />}
        </div>
      )}
    </div>
  );
}
