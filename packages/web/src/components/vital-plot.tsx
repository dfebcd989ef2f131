/** One vital sign over time, hand-drawn in SVG: normal band, NEWS2 red thresholds, values. */
import { downsample, linearScale, niceTicks, paddedExtent } from '../lib/scale';
import type { Point } from '../lib/fhir-view';
import type { VitalDef } from '../lib/vitals';

const W = 460;
const H = 150;
const M = { top: 10, right: 12, bottom: 22, left: 38 };

export function VitalPlot({ def, points }: { def: VitalDef; points: Point[] }) {
  const last = points[points.length - 1];
  const drawn = downsample(points, 600, (p) => p.v);
  const thresholds = [def.red.low, def.red.high].filter((x): x is number => x !== undefined);
  const [lo, hi] = paddedExtent(
    points.map((p) => p.v),
    [...def.normal, ...thresholds],
  );
  const yLo = Math.max(lo, def.axis[0]);
  const yHi = Math.min(hi, def.axis[1]);
  const t0 = points[0]?.t ?? 0;
  const t1 = last?.t ?? 1;
  const x = linearScale([t0, t1 === t0 ? t0 + 1 : t1], [M.left, W - M.right]);
  const y = linearScale([yLo, yHi], [H - M.bottom, M.top]);
  const clampY = (v: number) => y(Math.min(Math.max(v, yLo), yHi));
  const path = drawn.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${clampY(p.v).toFixed(1)}`).join('');
  const titleId = `plot-${def.key}-title`;
  const descId = `plot-${def.key}-desc`;
  return (
    <figure className="plot">
      <figcaption>
        <strong>{def.label}</strong>{' '}
        {last ? (
          <span className={last.v < def.normal[0] || last.v > def.normal[1] ? 'abnormal' : ''}>
            {last.v} {def.unit}
          </span>
        ) : (
          <span className="muted">no values</span>
        )}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} preserveAspectRatio="none">
        <title id={titleId}>{def.label}</title>
        <desc id={descId}>
          {points.length} values; normal {def.normal[0]}–{def.normal[1]} {def.unit}
          {last ? `; latest ${last.v}` : ''}
        </desc>
        <rect
          x={M.left}
          width={W - M.left - M.right}
          y={clampY(def.normal[1])}
          height={Math.max(0, clampY(def.normal[0]) - clampY(def.normal[1]))}
          className="normal-band"
        />
        {thresholds.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={clampY(t)} y2={clampY(t)} className="threshold" />
            <text x={W - M.right - 2} y={clampY(t) - 3} className="threshold-label" textAnchor="end">
              NEWS2 3 · {t}
            </text>
          </g>
        ))}
        {niceTicks(yLo, yHi, 4).map((t) => (
          <g key={t}>
            <line x1={M.left - 4} x2={M.left} y1={y(t)} y2={y(t)} className="axis" />
            <text x={M.left - 6} y={y(t) + 3} textAnchor="end" className="tick">
              {t}
            </text>
          </g>
        ))}
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} className="axis" />
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="axis" />
        {points.length > 0 && (
          <>
            <text x={M.left} y={H - 6} className="tick">
              {new Date(t0).toISOString().slice(5, 16).replace('T', ' ')}
            </text>
            <text x={W - M.right} y={H - 6} className="tick" textAnchor="end">
              {new Date(t1).toISOString().slice(5, 16).replace('T', ' ')}
            </text>
          </>
        )}
        <path d={path} className="series" />
        {drawn.length <= 80 &&
          drawn.map((p, i) => (
            <circle
              key={i}
              cx={x(p.t)}
              cy={clampY(p.v)}
              r={2.5}
              className={p.v < def.normal[0] || p.v > def.normal[1] ? 'dot abnormal' : 'dot'}
            />
          ))}
      </svg>
    </figure>
  );
}

/** A tiny trend line for a lab row. */
export function Sparkline({ points, label }: { points: Point[]; label: string }) {
  if (points.length < 2) return null;
  const w = 80;
  const h = 20;
  const [lo, hi] = paddedExtent(points.map((p) => p.v));
  const x = linearScale([points[0]?.t ?? 0, points[points.length - 1]?.t ?? 1], [1, w - 1]);
  const y = linearScale([lo, hi], [h - 1, 1]);
  const d = downsample(points, 60, (p) => p.v)
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`)
    .join('');
  return (
    <svg width={w} height={h} role="img" aria-label={`${label} trend over ${points.length} values`}>
      <path d={d} className="series" />
    </svg>
  );
}
