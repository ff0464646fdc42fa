/**
 * A sweep's points against η on a log axis: final loss (solid line, a focusable marker per η
 * that loads that η when clicked or pressed), best loss (dashed), diverged replays as ✕ on the
 * top edge; or, for CNNs, held-out accuracy. Few points (≤ 40 per series): React draws the SVG.
 */
import { useRef } from 'react';
import type { SweepPoint } from '../../core/analysis/sweep.ts';
import { useT } from '../../i18n/index.ts';
import { PLOT_FONT, useElementWidth } from '../../plots/hooks.ts';
import { LINE_CHART_MARGIN as M } from '../../plots/LineChart.tsx';
import { markerPath, type RunStyle } from '../../plots/palette.ts';
import { formatReadout } from '../../core/numbers.ts';
import { chartScale } from '../../plots/scales.ts';

/** The points of one series (a run, or a momentum run's SGD twin), η ascending. */
export interface SweepSeries {
  readonly label: string;
  /** The run whose η a click loads. */
  readonly runLabel: string;
  readonly style: RunStyle;
  /** An SGD twin: drawn with hollow markers. */
  readonly twin: boolean;
  readonly points: readonly SweepPoint[];
}

interface SweepChartProps {
  readonly title: string;
  readonly series: readonly SweepSeries[];
  readonly range: readonly [number, number];
  readonly measure: 'loss' | 'accuracy';
  readonly onPick: (runLabel: string, lr: number) => void;
  readonly testId?: string;
}

const HEIGHT = 240;

/** An ✕ centred at (cx, cy), half-width r: a diverged replay. */
function xMark(cx: number, cy: number, r: number): string {
  return `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`;
}

export function SweepChart(props: SweepChartProps) {
  const t = useT();
  const { series, range, measure, onPick } = props;
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 480);
  const x = chartScale('log', range, [M.left, width - M.right]);
  const values = series.flatMap((s) =>
    s.points.flatMap((p) =>
      measure === 'accuracy'
        ? p.testAccuracy === undefined
          ? []
          : [p.testAccuracy]
        : p.diverged
          ? [p.bestLoss]
          : [p.finalLoss, p.bestLoss],
    ),
  );
  const finite = values.filter(Number.isFinite);
  // Log when no loss is negative; a loss of exactly 0 (underflow on a bowl) sits on the bottom.
  const positive = finite.filter((v) => v > 0);
  const log = measure === 'loss' && positive.length > 0 && finite.every((v) => v >= 0);
  const lo = measure === 'accuracy' ? 0 : Math.min(...(log ? positive : finite));
  const hi = measure === 'accuracy' ? 1 : Math.max(...finite);
  const y = chartScale(log ? 'log' : 'linear', finite.length > 0 ? [lo, hi] : [0, 1], [
    HEIGHT - M.bottom,
    M.top + 12,
  ]);
  const top = M.top + 4;
  const valueOf = (p: SweepPoint, which: 'final' | 'best') =>
    measure === 'accuracy' ? (p.testAccuracy ?? NaN) : which === 'final' ? p.finalLoss : p.bestLoss;
  const py = (v: number) => (y.accepts(v) ? y.map(v) : log && v === 0 ? HEIGHT - M.bottom : NaN);
  const path = (points: readonly SweepPoint[], which: 'final' | 'best') => {
    let d = '';
    let pen = false;
    for (const p of points) {
      const v = valueOf(p, which);
      const drawable = Number.isFinite(py(v)) && !(which === 'final' && p.diverged);
      if (!drawable) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x.map(p.lr).toFixed(1)},${py(v).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const describe = (s: SweepSeries, p: SweepPoint) =>
    measure === 'accuracy'
      ? t('sweep.accuracyPoint', {
          run: s.label,
          lr: formatReadout(p.lr),
          accuracy: formatReadout(p.testAccuracy ?? NaN),
        })
      : t('sweep.point', {
          run: s.label,
          lr: formatReadout(p.lr),
          final: formatReadout(p.finalLoss),
          best: formatReadout(p.bestLoss),
          diverged: p.diverged ? t('sweep.divergedSuffix') : '',
        });

  return (
    <figure className="dl-sweep-chart" ref={box}>
      <figcaption className="dl-chart-title">{props.title}</figcaption>
      <svg
        width={width}
        height={HEIGHT}
        role="group"
        aria-label={props.title}
        data-testid={props.testId}
        style={{ fontSize: PLOT_FONT }}
      >
        <g aria-hidden="true">
          {x.ticks(6).map((tick) => (
            <g key={`x${tick.value}`}>
              <line
                x1={tick.px}
                x2={tick.px}
                y1={M.top}
                y2={HEIGHT - M.bottom}
                className="dl-sweep-grid"
              />
              <text x={tick.px} y={HEIGHT - M.bottom + 14} textAnchor="middle" fill="currentColor">
                {tick.label}
              </text>
            </g>
          ))}
          {y.ticks(4).map((tick) => (
            <g key={`y${tick.value}`}>
              <line
                x1={M.left}
                x2={width - M.right}
                y1={tick.px}
                y2={tick.px}
                className="dl-sweep-grid"
              />
              <text x={M.left - 6} y={tick.px + 4} textAnchor="end" fill="currentColor">
                {tick.label}
              </text>
            </g>
          ))}
          <text
            x={(M.left + width - M.right) / 2}
            y={HEIGHT - 4}
            textAnchor="middle"
            fill="currentColor"
          >
            {t('sweep.xLabel')}
          </text>
          {series.map((s) => (
            <g key={s.label} stroke={s.style.color} fill="none" strokeWidth={2}>
              <path d={path(s.points, 'final')} strokeDasharray={s.twin ? '6 3' : ''} />
              {measure === 'loss' && (
                <path
                  d={path(s.points, 'best')}
                  strokeDasharray="2 3"
                  strokeWidth={1.5}
                  opacity={0.8}
                />
              )}
            </g>
          ))}
        </g>
        {series.map((s) =>
          s.points.map((p) => {
            const diverged = measure === 'loss' && p.diverged;
            const v = valueOf(p, 'final');
            const cy = diverged ? top : py(v);
            if (!Number.isFinite(cy)) return null;
            const cx = x.map(p.lr);
            const pick = () => onPick(s.runLabel, p.lr);
            return (
              <g
                key={`${s.label}@${p.lr}`}
                className="dl-sweep-point"
                role="button"
                tabIndex={0}
                aria-label={describe(s, p)}
                data-lr={p.lr}
                data-run={s.runLabel}
                data-diverged={diverged ? 'true' : undefined}
                onClick={pick}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    pick();
                  }
                }}
              >
                <title>{describe(s, p)}</title>
                {/* A larger transparent target, easier to hit than the marker. */}
                <circle cx={cx} cy={cy} r={9} fill="transparent" />
                <path
                  d={diverged ? xMark(cx, cy, 5) : markerPath(s.style.marker, cx, cy, 4)}
                  className={
                    diverged ? 'dl-sweep-diverged' : s.twin ? 'dl-sweep-hollow' : undefined
                  }
                  fill={s.style.color}
                  stroke={s.style.color}
                  strokeWidth={diverged ? 2.5 : 1.5}
                />
              </g>
            );
          }),
        )}
      </svg>
      <ul className="dl-sweep-legend">
        {series.map((s) => (
          <li key={s.label}>
            <svg width={28} height={12} aria-hidden="true">
              <line
                x1={2}
                x2={26}
                y1={6}
                y2={6}
                stroke={s.style.color}
                strokeWidth={2}
                strokeDasharray={s.twin ? '6 3' : ''}
              />
            </svg>
            {s.label}
          </li>
        ))}
        {measure === 'loss' && <li className="dl-hint">{t('sweep.legend')}</li>}
      </ul>
    </figure>
  );
}
