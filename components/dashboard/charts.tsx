import { useId, type ReactNode } from 'react';

// Hand-made SVG charts (the README says why: no library, nothing to load, and
// these few shapes are a handful of lines each). Colours follow currentColor
// and the pages' dark theme (components/theme-dark.css); each chart's figures are also given as text.

/** A chart with its text alternative: the SVG is described by the sentence, which sighted readers see too. */
export function Figure({ title, summary, children, table }: { title: string; summary: string; children: ReactNode; table?: ReactNode }) {
  const id = useId();
  return (
    <figure aria-labelledby={`${id}-t`} aria-describedby={`${id}-s`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`${id}-t`} className="text-sm font-semibold">
        {title}
      </h3>
      {children}
      <figcaption id={`${id}-s`} className="text-xs text-slate-600">
        {summary}
      </figcaption>
      {table}
    </figure>
  );
}

export interface Bar {
  label: string;
  value: number;
  /** The value as shown (formatted). */
  text: string;
  color?: string;
}

/** Horizontal bars, longest = full width: a funnel, reasons, sources. */
export function HBars({ bars, label }: { bars: Bar[]; label: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelW = 150;
  const width = 520;
  return (
    // The image's name carries every bar's figure: a screen reader hears the chart, not just its title.
    <svg role="img" aria-label={`${label}: ${bars.map((b) => `${b.label} ${b.text}`).join('; ')}`} viewBox={`0 0 ${width} ${bars.length * row}`} className="w-full max-w-2xl text-slate-700" style={{ height: bars.length * row }}>
      {bars.map((b, i) => {
        const w = Math.max(2, ((width - labelW - 90) * b.value) / max);
        return (
          <g key={i} transform={`translate(0 ${i * row})`}>
            <text x={labelW - 8} y={row / 2 + 4} textAnchor="end" fontSize="12" fill="currentColor">
              {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
            </text>
            <rect x={labelW} y={4} width={w} height={row - 8} rx={3} fill={b.color ?? '#0284c7'} />
            <text x={labelW + w + 6} y={row / 2 + 4} fontSize="12" fill="currentColor">
              {b.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A line over time (the velocity trend), with its lowest and highest value marked on the axis. */
export function LineChart({ points, label, format }: { points: { x: number; y: number }[]; label: string; format: (y: number) => string }) {
  const width = 640;
  const height = 180;
  const pad = { l: 80, r: 12, t: 10, b: 22 };
  if (points.length === 0) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys, 1e-9)];
  const sx = (x: number) => pad.l + (x1 === x0 ? (width - pad.l - pad.r) / 2 : ((x - x0) / (x1 - x0)) * (width - pad.l - pad.r));
  const sy = (y: number) => height - pad.b - ((y - y0) / (y1 - y0)) * (height - pad.t - pad.b);
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join('');
  return (
    // Named with its range (the figure's caption and table give the rest).
    <svg role="img" aria-label={`${label}: ${format(y0)} – ${format(y1)}`} viewBox={`0 0 ${width} ${height}`} className="w-full max-w-3xl text-slate-700">
      <line x1={pad.l} x2={width - pad.r} y1={sy(y0)} y2={sy(y0)} stroke="currentColor" strokeOpacity="0.3" />
      <line x1={pad.l} x2={width - pad.r} y1={sy(y1)} y2={sy(y1)} stroke="currentColor" strokeOpacity="0.15" strokeDasharray="4 4" />
      <text x={pad.l - 6} y={sy(y1) + 4} textAnchor="end" fontSize="11" fill="currentColor">
        {format(y1)}
      </text>
      <text x={pad.l - 6} y={sy(y0) + 4} textAnchor="end" fontSize="11" fill="currentColor">
        {format(y0)}
      </text>
      <path d={d} fill="none" stroke="#0284c7" strokeWidth="2" />
      {points.length === 1 && <circle cx={sx(points[0]!.x)} cy={sy(points[0]!.y)} r={3} fill="#0284c7" />}
    </svg>
  );
}
