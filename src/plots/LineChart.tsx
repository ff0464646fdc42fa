/**
 * A live multi-series line chart (loss, accuracy, η(t), per-layer norms). Everything that depends
 * on the data — axes, lines, event markers, legend, readout — is drawn imperatively from the
 * LiveSources at most once per animation frame; React renders only the fixed frame.
 *
 * Reading values: hover with the pointer, or focus the chart and use ←/→ (Home/End, PageUp/
 * PageDown); the readout lists every series' exact value at the nearest x.
 */
import { useT } from '../i18n/index.ts';
import { useCallback, useId, useMemo, useRef } from 'react';
import { PLOT_FONT, useElementWidth, useLiveDraw } from './hooks.ts';
import { drawAxis } from './Axis.tsx';
import { drawEvents, type ChartEvent } from './chart/events.ts';
import { drawLegend } from './chart/legend.ts';
import { useChartCursor, type ChartDrawn } from './chart/useChartCursor.ts';
import type { MarkerShape } from './palette.ts';
import { decimateIndices, linePath } from './paths.ts';
import { chartScale, niceDomain, type ScaleKind } from './scales.ts';
import { formatReadout } from '../core/numbers.ts';
import type { LiveSource } from './source.ts';
import { svgEl, syncChildren } from './svg.ts';

export type { ChartEvent } from './chart/events.ts';

/** One series of a line chart: points (x[i], y[i]) for i < count, x ascending. */
export interface LineSeriesView {
  readonly label: string;
  /** CSS colour. */
  readonly color: string;
  /** SVG stroke-dasharray; '' for solid. */
  readonly dash: string;
  /** Legend marker; default none. */
  readonly marker?: MarkerShape;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly count: number;
}

export interface LineChartProps {
  /** Heading and accessible name, e.g. "Loss". */
  readonly title: string;
  readonly series: LiveSource<readonly LineSeriesView[]>;
  readonly yScale: ScaleKind;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly events?: LiveSource<readonly ChartEvent[]>;
  /** Total height in CSS pixels; default 220. */
  readonly height?: number;
  /** Total width in CSS pixels; default: the container's width (480 before it is measured). */
  readonly width?: number;
  /** `data-testid` of the plotting area (axes included), e.g. "loss-chart". */
  readonly testId?: string;
}

/** Plot-area margins in CSS pixels. */
export const LINE_CHART_MARGIN = { top: 8, right: 14, bottom: 34, left: 56 } as const;
const M = LINE_CHART_MARGIN;

/** What the chart last drew, for the cursor. */
interface Drawn extends ChartDrawn {
  readonly views: readonly LineSeriesView[];
}

export function LineChart(props: LineChartProps) {
  const t = useT();
  const { title, series, yScale, xLabel, yLabel, events } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const eventsRef = useRef<SVGGElement>(null);
  const linesRef = useRef<SVGGElement>(null);
  const cursorRef = useRef<SVGLineElement>(null);
  const emptyRef = useRef<SVGTextElement>(null);
  const legendRef = useRef<HTMLUListElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const buffers = useRef<Int32Array[]>([]);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const measured = useElementWidth(containerRef, 480);
  const width = Math.max(160, props.width ?? measured);
  const height = Math.max(100, props.height ?? 220);
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;

  const { drawCursor, handlers } = useChartCursor({
    drawn,
    lineRef: cursorRef,
    readoutRef,
    margin: M,
    size: { width: innerW, height: innerH },
    xLabel,
  });

  const combined = useMemo<LiveSource<null>>(
    () => ({
      getState: () => null,
      subscribe(listener) {
        const a = series.subscribe(listener);
        const b = events?.subscribe(listener);
        return () => {
          a();
          b?.();
        };
      },
    }),
    [series, events],
  );

  const draw = useCallback(() => {
    const views = series.getState();
    const marks = events?.getState() ?? [];
    // Domains from the data: x exact, y rounded out to nice values.
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    const yOk = (v: number) => (yScale === 'log' ? v > 0 && v < Infinity : Number.isFinite(v));
    for (const v of views) {
      const n = Math.min(v.count, v.x.length, v.y.length);
      for (let i = 0; i < n; i++) {
        const xv = v.x[i] as number;
        const yv = v.y[i] as number;
        if (!Number.isFinite(xv) || !yOk(yv)) continue;
        if (xv < x0) x0 = xv;
        if (xv > x1) x1 = xv;
        if (yv < y0) y0 = yv;
        if (yv > y1) y1 = yv;
      }
    }
    const empty = !(x0 <= x1);
    const xs = chartScale('linear', empty ? [0, 1] : [x0, x1], [0, innerW]);
    const ys = chartScale(yScale, empty ? [NaN, NaN] : niceDomain(yScale, y0, y1), [innerH, 0]);
    drawn.current = { views, xs, ys };

    const emptyText = emptyRef.current;
    if (emptyText) emptyText.setAttribute('display', empty ? 'inline' : 'none');
    if (xAxisRef.current) {
      drawAxis(xAxisRef.current, {
        orient: 'bottom',
        ticks: xs.ticks(Math.max(2, Math.floor(innerW / 80))),
        length: innerW,
        grid: innerH,
        label: xLabel,
        labelOffset: 30,
        overhang: [M.left, M.right],
      });
    }
    if (yAxisRef.current) {
      drawAxis(yAxisRef.current, {
        orient: 'left',
        ticks: ys.ticks(Math.max(2, Math.floor(innerH / 40))),
        length: innerH,
        grid: innerW,
        label: yScale === 'log' ? t('chart.axisLog', { label: yLabel }) : yLabel,
        labelOffset: 44,
        overhang: [M.bottom, M.top],
      });
    }

    const lines = linesRef.current;
    if (lines) {
      syncChildren(lines, views.length, () => {
        const p = svgEl('path', 'dl-series');
        p.setAttribute('fill', 'none');
        p.setAttribute('stroke-width', '1.8');
        p.setAttribute('stroke-linejoin', 'round');
        return p;
      });
      views.forEach((v, k) => {
        const path = lines.children[k] as SVGPathElement;
        const decimation = decimateIndices(
          v.x,
          v.y,
          v.count,
          xs.map,
          ys.accepts,
          buffers.current[k],
        );
        buffers.current[k] = decimation.indices;
        path.setAttribute('d', linePath(v.x, v.y, decimation, xs.map, ys.map));
        path.setAttribute('stroke', v.color);
        path.dataset.series = v.label;
        if (v.dash) path.setAttribute('stroke-dasharray', v.dash);
        else path.removeAttribute('stroke-dasharray');
      });
    }

    if (eventsRef.current) {
      drawEvents(eventsRef.current, marks, xs, innerH, (e) =>
        t('chart.eventAt', { label: e.label, xLabel, x: formatReadout(e.x) }),
      );
    }
    if (legendRef.current) drawLegend(legendRef.current, views);
    drawCursor();
  }, [series, events, yScale, innerW, innerH, xLabel, yLabel, drawCursor, t]);

  useLiveDraw(combined, draw, containerRef);

  const titleId = `dl-chart-title-${uid}`;
  const readoutId = `dl-chart-readout-${uid}`;
  const clipId = `dl-chart-clip-${uid}`;
  return (
    <figure
      ref={containerRef}
      className="dl-line-chart"
      aria-labelledby={titleId}
      style={{ margin: 0, width: props.width ?? '100%' }}
    >
      <figcaption id={titleId} className="dl-chart-title">
        {title}
      </figcaption>
      <ul
        ref={legendRef}
        className="dl-chart-legend"
        style={{ listStyle: 'none', padding: 0, margin: '2px 0', fontSize: PLOT_FONT }}
      />
      <svg
        ref={svgRef}
        width={width}
        height={height}
        tabIndex={0}
        role="group"
        aria-roledescription={t('chart.role')}
        aria-label={t(yScale === 'log' ? 'chart.labelLog' : 'chart.label', {
          title,
          yLabel,
          xLabel,
        })}
        aria-describedby={readoutId}
        data-testid={props.testId}
        style={{ display: 'block', fontSize: PLOT_FONT, touchAction: 'pan-y', userSelect: 'none' }}
        {...handlers}
      >
        <defs>
          <clipPath id={clipId}>
            <rect width={innerW} height={innerH} />
          </clipPath>
        </defs>
        <g transform={`translate(${M.left},${M.top})`}>
          <g ref={yAxisRef} className="dl-axis dl-axis-y" />
          <g ref={xAxisRef} className="dl-axis dl-axis-x" transform={`translate(0,${innerH})`} />
          <rect
            width={innerW}
            height={innerH}
            fill="none"
            stroke="currentColor"
            strokeOpacity={0.35}
          />
          <text
            ref={emptyRef}
            x={innerW / 2}
            y={innerH / 2}
            textAnchor="middle"
            fill="currentColor"
            opacity={0.6}
          >
            {t('chart.noData')}
          </text>
          <g ref={eventsRef} className="dl-events" />
          <g ref={linesRef} className="dl-lines" clipPath={`url(#${clipId})`} />
          <line
            ref={cursorRef}
            className="dl-cursor"
            y1={0}
            y2={innerH}
            stroke="currentColor"
            strokeWidth={1}
            display="none"
          />
        </g>
      </svg>
      <div
        id={readoutId}
        ref={readoutRef}
        className="dl-plot-readout"
        aria-live="polite"
        style={{ minHeight: '1.3em', fontSize: PLOT_FONT }}
      />
    </figure>
  );
}
