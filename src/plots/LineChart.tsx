/**
 * A live multi-series line chart (loss, accuracy, η(t), per-layer norms). Everything that depends
 * on the data — axes, lines, event markers, legend, readout — is drawn imperatively from the
 * LiveSources at most once per animation frame; React renders only the fixed frame.
 *
 * Reading values: hover with the pointer, or focus the chart and use ←/→ (Home/End, PageUp/
 * PageDown); the readout lists every series' exact value at the nearest x.
 */
import { useT } from '../i18n/index.ts';
import {
  useCallback,
  useId,
  useMemo,
  useRef,
  type FocusEvent,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { PLOT_FONT, useElementWidth, useLiveDraw } from './hooks.ts';
import { markerPath, type MarkerShape } from './palette.ts';
import { decimateIndices, linePath } from './paths.ts';
import {
  chartScale,
  formatValue,
  nearestIndex,
  niceDomain,
  type ChartScale,
  type ScaleKind,
  type Tick,
} from './scales.ts';
import type { LiveSource } from './source.ts';
import { SVG_NS, svgEl, syncChildren } from './svg.ts';

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

/** A vertical marker at x (e.g. "η → 0.05" when a learning rate changed mid-run). */
export interface ChartEvent {
  readonly x: number;
  readonly label: string;
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
  /** data-testid of the plotting area (its SVG, axes included), e.g. "loss-chart". */
  readonly testId?: string;
}

/** Plot-area margins in CSS pixels. */
export const LINE_CHART_MARGIN = { top: 8, right: 14, bottom: 34, left: 56 } as const;

interface Cursor {
  x: number;
  by: 'pointer' | 'keyboard';
}

interface Drawn {
  views: readonly LineSeriesView[];
  xs: ChartScale;
  ys: ChartScale;
}

/** The series with the furthest last x: its points are the stops of the keyboard cursor. */
function referenceSeries(views: readonly LineSeriesView[]): LineSeriesView | undefined {
  let best: LineSeriesView | undefined;
  let bestX = -Infinity;
  for (const v of views) {
    const n = Math.min(v.count, v.x.length);
    if (n > 0 && (v.x[n - 1] as number) > bestX) {
      bestX = v.x[n - 1] as number;
      best = v;
    }
  }
  return best;
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
  const cursor = useRef<Cursor | null>(null);
  const drawn = useRef<Drawn | null>(null);
  const buffers = useRef<Int32Array[]>([]);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const M = LINE_CHART_MARGIN;
  const measured = useElementWidth(containerRef, 480);
  const width = Math.max(160, props.width ?? measured);
  const height = Math.max(100, props.height ?? 220);
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;

  /** Updates the cursor line and the readout from `cursor` and the last drawn data. */
  const drawCursor = useCallback(() => {
    const line = cursorRef.current;
    const readout = readoutRef.current;
    const state = drawn.current;
    const c = cursor.current;
    if (!line || !readout) return;
    if (!c || !state) {
      line.setAttribute('display', 'none');
      if (readout.textContent !== '') readout.textContent = '';
      return;
    }
    const px = state.xs.map(c.x);
    line.removeAttribute('display');
    line.setAttribute('x1', String(px));
    line.setAttribute('x2', String(px));
    const parts = state.views.map((v) => {
      const i = nearestIndex(v.x, v.count, c.x);
      if (i < 0) return `${v.label} —`;
      const at = v.x[i] as number;
      const value = formatValue(v.y[i] as number);
      return at === c.x
        ? `${v.label} ${value}`
        : t('chart.valueAt', { label: v.label, value, xLabel, x: formatValue(at) });
    });
    const text = t('chart.readout', {
      xLabel,
      x: formatValue(c.x),
      values: parts.join(t('punctuation.listSeparator')),
    });
    if (readout.textContent !== text) readout.textContent = text;
  }, [xLabel, t]);

  const combined = useMemo<LiveSource<null>>(
    () => ({
      get: () => null,
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
    const views = series.get();
    const marks = events?.get() ?? [];
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
    if (xAxisRef.current)
      drawTicks(xAxisRef.current, xs.ticks(Math.max(2, Math.floor(innerW / 80))), 'x', innerH);
    if (yAxisRef.current)
      drawTicks(yAxisRef.current, ys.ticks(Math.max(2, Math.floor(innerH / 40))), 'y', innerW);

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

    const eventLayer = eventsRef.current;
    if (eventLayer) {
      const visible = marks.filter((e) => e.x >= xs.domain[0] && e.x <= xs.domain[1]);
      syncChildren(eventLayer, visible.length, () => {
        const g = svgEl('g', 'dl-event');
        const hit = svgEl('line', 'dl-event-hit');
        hit.setAttribute('stroke', 'transparent');
        hit.setAttribute('stroke-width', '8');
        const mark = svgEl('line', 'dl-event-line');
        mark.setAttribute('stroke', 'currentColor');
        mark.setAttribute('stroke-opacity', '0.6');
        mark.setAttribute('stroke-dasharray', '3 3');
        g.append(svgEl('title'), hit, mark);
        return g;
      });
      visible.forEach((e, k) => {
        const g = eventLayer.children[k] as SVGGElement;
        const px = String(xs.map(e.x));
        (g.children[0] as SVGTitleElement).textContent = t('chart.eventAt', {
          label: e.label,
          xLabel,
          x: formatValue(e.x),
        });
        for (const line of [g.children[1], g.children[2]] as SVGLineElement[]) {
          line.setAttribute('x1', px);
          line.setAttribute('x2', px);
          line.setAttribute('y1', '0');
          line.setAttribute('y2', String(innerH));
        }
      });
    }

    const legend = legendRef.current;
    if (legend) {
      syncChildren(legend, views.length, () => {
        const li = document.createElement('li');
        li.style.display = 'inline-flex';
        li.style.alignItems = 'center';
        li.style.marginRight = '12px';
        const swatch = document.createElementNS(SVG_NS, 'svg');
        swatch.setAttribute('width', '28');
        swatch.setAttribute('height', '12');
        swatch.setAttribute('aria-hidden', 'true');
        const l = svgEl('line');
        l.setAttribute('x1', '1');
        l.setAttribute('x2', '27');
        l.setAttribute('y1', '6');
        l.setAttribute('y2', '6');
        l.setAttribute('stroke-width', '2');
        swatch.append(l, svgEl('path'));
        li.append(swatch, document.createElement('span'));
        return li;
      });
      views.forEach((v, k) => {
        const li = legend.children[k] as HTMLLIElement;
        const swatch = li.children[0] as SVGSVGElement;
        const l = swatch.children[0] as SVGLineElement;
        const marker = swatch.children[1] as SVGPathElement;
        l.setAttribute('stroke', v.color);
        if (v.dash) l.setAttribute('stroke-dasharray', v.dash);
        else l.removeAttribute('stroke-dasharray');
        marker.setAttribute('d', v.marker ? markerPath(v.marker, 14, 6, 4) : '');
        marker.setAttribute('fill', v.color);
        const span = li.children[1] as HTMLSpanElement;
        if (span.textContent !== v.label) span.textContent = v.label;
      });
    }
    drawCursor();
  }, [series, events, yScale, innerW, innerH, xLabel, drawCursor, t]);

  useLiveDraw(combined, draw, containerRef);

  const setCursorAt = (x: number | null, by: Cursor['by']) => {
    cursor.current = x === null ? null : { x, by };
    drawCursor();
  };

  /** Snaps a data x to the nearest point of the reference series. */
  const snap = (x: number): number | null => {
    const ref = drawn.current && referenceSeries(drawn.current.views);
    if (!ref) return null;
    const i = nearestIndex(ref.x, ref.count, x);
    return i < 0 ? null : (ref.x[i] as number);
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const state = drawn.current;
    if (!state) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left - M.left;
    const py = event.clientY - rect.top - M.top;
    if (px < 0 || px > innerW || py < 0 || py > innerH) return;
    setCursorAt(snap(state.xs.invert(px)), 'pointer');
  };

  const onPointerLeave = () => {
    if (cursor.current?.by === 'pointer') setCursorAt(null, 'pointer');
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const state = drawn.current;
    const ref = state && referenceSeries(state.views);
    if (!ref) return;
    const n = Math.min(ref.count, ref.x.length);
    const current = cursor.current ? nearestIndex(ref.x, n, cursor.current.x) : n - 1;
    const page = Math.max(1, Math.round(n / 10));
    const target: Record<string, number> = {
      ArrowLeft: current - 1,
      ArrowRight: current + 1,
      Home: 0,
      End: n - 1,
      PageUp: current - page,
      PageDown: current + page,
    };
    if (event.key === 'Escape') {
      setCursorAt(null, 'keyboard');
      return;
    }
    const next = target[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const i = Math.min(n - 1, Math.max(0, next));
    setCursorAt(ref.x[i] as number, 'keyboard');
  };

  const onFocus = (_event: FocusEvent<SVGSVGElement>) => {
    if (cursor.current) return;
    const ref = drawn.current && referenceSeries(drawn.current.views);
    if (!ref) return;
    const n = Math.min(ref.count, ref.x.length);
    setCursorAt(ref.x[n - 1] as number, 'keyboard');
  };

  const onBlur = () => {
    if (cursor.current?.by === 'keyboard') setCursorAt(null, 'keyboard');
  };

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
        data-testid={props.testId}
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
        style={{ display: 'block', fontSize: PLOT_FONT, touchAction: 'pan-y', userSelect: 'none' }}
        onPointerMove={onPointerMove}
        onPointerLeave={onPointerLeave}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={onBlur}
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
          <text x={innerW / 2} y={innerH + 30} textAnchor="middle" fill="currentColor">
            {xLabel}
          </text>
          <text
            transform={`translate(${-44},${innerH / 2}) rotate(-90)`}
            textAnchor="middle"
            fill="currentColor"
          >
            {yScale === 'log' ? t('chart.axisLog', { label: yLabel }) : yLabel}
          </text>
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

/** Rebuilds an axis's ticks and grid lines (a handful of elements, reused). */
function drawTicks(g: SVGGElement, ticks: readonly Tick[], axis: 'x' | 'y', across: number): void {
  syncChildren(g, ticks.length, () => {
    const t = svgEl('g', 'dl-tick');
    const grid = svgEl('line', 'dl-grid');
    grid.setAttribute('stroke', 'currentColor');
    grid.setAttribute('stroke-opacity', '0.1');
    const mark = svgEl('line');
    mark.setAttribute('stroke', 'currentColor');
    const text = svgEl('text');
    text.setAttribute('fill', 'currentColor');
    t.append(grid, mark, text);
    return t;
  });
  ticks.forEach((tick, k) => {
    const t = g.children[k] as SVGGElement;
    const [grid, mark, text] = t.children as unknown as [
      SVGLineElement,
      SVGLineElement,
      SVGTextElement,
    ];
    if (axis === 'x') {
      t.setAttribute('transform', `translate(${tick.px},0)`);
      grid.setAttribute('y2', String(-across));
      mark.setAttribute('y2', '5');
      text.setAttribute('y', '16');
      text.setAttribute('text-anchor', 'middle');
    } else {
      t.setAttribute('transform', `translate(0,${tick.px})`);
      grid.setAttribute('x2', String(across));
      mark.setAttribute('x2', '-5');
      text.setAttribute('x', '-8');
      text.setAttribute('dy', '0.32em');
      text.setAttribute('text-anchor', 'end');
    }
    if (text.textContent !== tick.label) text.textContent = tick.label;
  });
}
