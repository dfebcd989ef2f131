/** The review queue: every preliminary AI output awaiting a human, with accept / edit / reject. */
import { useState } from 'react';
import { op } from '../lib/api';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { formatDateTime } from '../lib/fhir-view';
import { Empty, ErrorBanner, Loading } from '../components/status';
import type { ReviewItem } from '@galen/operations/review/items';
import type { EngineQuality } from '@galen/operations/review/quality';

const KIND_LABEL = { 'draft-note': 'Draft note', 'extracted-condition': 'Extracted problem', alert: 'Alert' } as const;

export function Review() {
  const list = useAsync((signal) => op<ReviewItem[]>('review.list', {}, signal), []);
  const quality = useAsync((signal) => op<EngineQuality[]>('review.quality', {}, signal), []);
  const reload = () => {
    list.reload();
    quality.reload();
  };
  return (
    <section>
      <h1>Review queue</h1>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading what="the queue" />}
      {list.data && list.data.length === 0 && <Empty>Nothing is waiting for review.</Empty>}
      {list.data?.map((item) => (
        <ReviewCard key={item.reference} item={item} onDone={reload} />
      ))}
      <h2>Quality by engine</h2>
      <p className="small muted">
        Word edit distance between each engine's draft and the text a clinician signed (0 = signed unchanged).
      </p>
      <ErrorBanner error={quality.error} />
      {quality.data && quality.data.length === 0 && <Empty>No decisions yet.</Empty>}
      {quality.data && quality.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Engine</th>
              <th scope="col">Decisions</th>
              <th scope="col">Accepted</th>
              <th scope="col">Edited</th>
              <th scope="col">Rejected</th>
              <th scope="col">Mean edit distance (words)</th>
              <th scope="col">Per draft word</th>
            </tr>
          </thead>
          <tbody>
            {quality.data.map((q) => (
              <tr key={q.engine}>
                <td>{q.engine}</td>
                <td>{q.decisions}</td>
                <td>{q.accepted}</td>
                <td>{q.edited}</td>
                <td>{q.rejected}</td>
                <td>{q.meanEditDistance === null ? '—' : q.meanEditDistance.toFixed(1)}</td>
                <td>{q.meanNormalizedEditDistance === null ? '—' : q.meanNormalizedEditDistance.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReviewCard({ item, onDone }: { item: ReviewItem; onDone: () => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.text ?? item.title);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  const [result, setResult] = useState<string>();
  const decide = async (decision: 'accept' | 'edit' | 'reject') => {
    setError(undefined);
    try {
      const r = await op<{ editDistance?: number }>('review.decide', {
        reference: item.reference,
        decision,
        ...(decision === 'edit' ? { text } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setResult(
        `${decision === 'accept' ? 'Accepted' : decision === 'edit' ? 'Edited and accepted' : 'Rejected'}${r.editDistance !== undefined ? ` (edit distance ${r.editDistance} words)` : ''}`,
      );
      onDone();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <article className="review-card" data-ref={item.reference}>
      <header>
        <span className="badge muted-badge">{KIND_LABEL[item.kind]}</span> <strong>{item.title}</strong>{' '}
        <span className="muted small">
          {item.engine ?? 'unknown engine'} · {formatDateTime(item.created)}
        </span>{' '}
        {item.patientId && (
          <a
            href={`/patients/${item.patientId}`}
            onClick={(e) => (e.preventDefault(), navigate(`/patients/${encodeURIComponent(item.patientId ?? '')}`))}
          >
            chart
          </a>
        )}
      </header>
      {item.text && !editing && <pre className="prose clamp">{item.text}</pre>}
      {editing && (
        <label className="block">
          Edited text
          <textarea rows={10} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
      )}
      {result ? (
        <p className="banner ok" role="status">
          {result}
        </p>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => decide(editing ? 'edit' : 'accept')}>
            {editing ? 'Save and accept' : 'Accept'}
          </button>
          {(item.kind === 'draft-note' || item.kind === 'extracted-condition') && !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          <label>
            Reason <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="optional" />
          </label>
          <button type="button" onClick={() => decide('reject')}>
            Reject
          </button>
        </div>
      )}
      <ErrorBanner error={error} />
    </article>
  );
}
