/**
 * Turn possibly overlapping concept spans over a text into a flat list of segments for rendering:
 * each segment is a run of text and the spans covering it (innermost/shortest first).
 */
export interface Span<T = unknown> {
  start: number;
  end: number;
  data: T;
}

export interface Segment<T = unknown> {
  start: number;
  end: number;
  text: string;
  spans: Span<T>[];
}

export function segmentText<T>(text: string, spans: Span<T>[]): Segment<T>[] {
  const valid = spans
    .map((s) => ({ ...s, start: Math.max(0, Math.floor(s.start)), end: Math.min(text.length, Math.floor(s.end)) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment<T>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const covering = valid.filter((s) => s.start <= start && s.end >= end).sort((a, b) => a.end - a.start - (b.end - b.start));
    const prev = out[out.length - 1];
    // Merge neighbours covered by exactly the same spans (keeps the DOM small for long notes).
    if (prev && sameSpans(prev.spans, covering)) {
      prev.end = end;
      prev.text = text.slice(prev.start, end);
    } else out.push({ start, end, text: text.slice(start, end), spans: covering });
  }
  return out;
}

function sameSpans<T>(a: Span<T>[], b: Span<T>[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
