/** A note with NLP concept highlighting: colour by type, negated struck through, historical dotted. */
import { useMemo } from 'react';
import { segmentText, type Span } from '../lib/highlight';
import { describeMark, type ConceptMark } from '../lib/nlp-view';

export function HighlightedText({ text, marks }: { text: string; marks: Span<ConceptMark>[] }) {
  const segments = useMemo(() => segmentText(text, marks), [text, marks]);
  return (
    <div className="note-text">
      {segments.map((s) => {
        const m = s.spans[0]?.data;
        if (!m) return <span key={s.start}>{s.text}</span>;
        const cls = [
          'concept',
          `kind-${m.kind.replace(/[^a-z-]/gi, '')}`,
          m.negated && 'negated',
          m.historical && 'historical',
          (m.uncertain || m.hypothetical) && 'uncertain',
          m.family && 'family',
        ]
          .filter(Boolean)
          .join(' ');
        const label = describeMark(m);
        return (
          <mark key={s.start} className={cls} title={label} aria-label={`${s.text} (${label})`} tabIndex={0}>
            {s.text}
          </mark>
        );
      })}
    </div>
  );
}

export function ConceptLegend() {
  return (
    <p className="legend small" aria-label="Highlight legend">
      <mark className="concept kind-problem">problem</mark> <mark className="concept kind-medication">medication</mark>{' '}
      <mark className="concept kind-procedure">procedure</mark> <mark className="concept kind-lab">lab / finding</mark>{' '}
      <mark className="concept kind-problem negated">negated</mark>{' '}
      <mark className="concept kind-problem historical">historical</mark>{' '}
      <span className="muted">Hover or focus a highlight for its code, context and cue.</span>
    </p>
  );
}
