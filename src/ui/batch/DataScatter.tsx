/**
 * The batch lab's data: a scatter of (xᵢ, yᵢ) with the line the data were drawn from, each
 * run's current fit y = w·x + b, and the selected run's current mini-batch ringed. The lines
 * and the ring follow training imperatively (at most once per animation frame).
 */
import { useT } from '../../i18n/index.ts';
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import type { RegressionProblem } from '../../core/config/experiment.ts';
import { REGRESSION_X_RANGE, type RegressionData } from '../../core/problems/regression.ts';
import { Axis } from '../../plots/Axis.tsx';
import { prepareCanvas } from '../../plots/canvasLayer.ts';
import { PLOT_FONT, useElementWidth, useLiveDraw } from '../../plots/hooks.ts';
import { chartScale } from '../../plots/scales.ts';
import { formatReadout } from '../../core/numbers.ts';
import type { LiveSource } from '../../plots/source.ts';
import { svgEl, syncChildren } from '../../plots/svg.ts';
import type { LabStore } from '../../store/labStore.ts';
import { shownRecord, styleOfRun } from '../liveViews.ts';
import { shallow } from 'zustand/vanilla/shallow';

/** One run's current fit. */
export interface FitLine {
  readonly label: string;
  readonly color: string;
  readonly dash: string;
  readonly w: number;
  readonly b: number;
}

/** What the scatter draws live: every run's line and one run's current mini-batch. */
export interface ScatterLive {
  readonly lines: readonly FitLine[];
  /**
   * Indices of the samples in the highlighted run's current mini-batch: the one its next step
   * uses at the current fit (a run that cannot step: its last one); null for the full batch.
   */
  readonly batch: readonly number[] | null;
  readonly batchColor: string;
  readonly batchLabel: string;
}

/** The live fits of every run and the mini-batch of run `highlight`. */
export function scatterSource(store: LabStore, highlight: string): LiveSource<ScatterLive> {
  return {
    getState() {
      const state = store.getState();
      const lines: FitLine[] = [];
      let batch: readonly number[] | null = null;
      let batchColor = '#000';
      state.experiment.runs.forEach((run, index) => {
        const style = styleOfRun(state, index);
        // Where the run is (or was, at the scrubber's step), and the mini-batch of that step.
        const now = shownRecord(store, run);
        const params = now?.params;
        if (params && params.length >= 2 && params.every(Number.isFinite)) {
          lines.push({
            label: run.label,
            color: style.color,
            dash: style.dash,
            w: params[0]!,
            b: params[1]!,
          });
        }
        if (run.label === highlight) {
          batch = now?.batch ?? null;
          batchColor = style.color;
        }
      });
      return { lines, batch, batchColor, batchLabel: highlight };
    },
    subscribe: (listener) =>
      store.subscribe((s) => [s.pulse.map, s.experiment, s.shownStep, s.branches], listener, {
        equalityFn: shallow,
      }),
  };
}

const MARGIN = { top: 10, right: 14, bottom: 34, left: 44 } as const;

interface DataScatterProps {
  readonly problem: RegressionProblem;
  readonly data: RegressionData;
  readonly live: LiveSource<ScatterLive>;
  readonly height?: number;
}

export function DataScatter(props: DataScatterProps) {
  const { problem, data, live } = props;
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const linesRef = useRef<SVGGElement>(null);
  const batchRef = useRef<SVGGElement>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const titleId = useId();
  const width = Math.max(200, useElementWidth(containerRef, 420));
  const height = props.height ?? 260;
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;

  const [x0, x1] = REGRESSION_X_RANGE;
  const scales = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const y of data.y) {
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
    const pad = 0.1 * (hi - lo || 1);
    return {
      x: chartScale('linear', [x0 - 0.2, x1 + 0.2], [0, innerW]),
      y: chartScale('linear', [lo - pad, hi + pad], [innerH, 0]),
    };
  }, [data, innerW, innerH, x0, x1]);

  // Samples on a canvas under the SVG: an element per sample would cost the main thread
  // about half a second at 10,000 samples; the canvas draws them in a few milliseconds.
  const pointsRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = pointsRef.current;
    const context = canvas && prepareCanvas(canvas, innerW, innerH);
    if (context)
      drawSamples(context, data, scales.x.map, scales.y.map, getComputedStyle(canvas).color);
  }, [data, scales, innerW, innerH]);

  const draw = useCallback(
    (value: ScatterLive) => {
      const lines = linesRef.current;
      const ring = batchRef.current;
      if (!lines || !ring) return;
      syncChildren(lines, value.lines.length, () => {
        const path = svgEl('line');
        path.setAttribute('stroke-width', '2');
        return path;
      });
      const [dx0, dx1] = scales.x.domain;
      value.lines.forEach((line, k) => {
        const el = lines.children[k] as SVGLineElement;
        el.setAttribute('x1', String(scales.x.map(dx0)));
        el.setAttribute('x2', String(scales.x.map(dx1)));
        el.setAttribute('y1', String(clampPx(scales.y.map(line.w * dx0 + line.b))));
        el.setAttribute('y2', String(clampPx(scales.y.map(line.w * dx1 + line.b))));
        el.setAttribute('stroke', line.color);
        if (line.dash) el.setAttribute('stroke-dasharray', line.dash);
        else el.removeAttribute('stroke-dasharray');
      });
      const batch = value.batch ?? [];
      syncChildren(ring, batch.length, () => {
        const c = svgEl('circle');
        c.setAttribute('r', '6.5');
        c.setAttribute('fill', 'none');
        c.setAttribute('stroke-width', '2.5');
        return c;
      });
      batch.forEach((i, k) => {
        const c = ring.children[k] as SVGCircleElement;
        c.setAttribute('cx', String(scales.x.map(data.x[i] ?? NaN)));
        c.setAttribute('cy', String(scales.y.map(data.y[i] ?? NaN)));
        c.setAttribute('stroke', value.batchColor);
      });
      const summary = summaryRef.current;
      if (summary) {
        const fits = value.lines
          .map((l) => `${l.label}: y = ${lineFormula(l.w, l.b)}`)
          .join(t('punctuation.listSeparator'));
        const batchText = value.batch
          ? t('scatter.ringed', { count: value.batch.length, label: value.batchLabel })
          : t('scatter.everySample', { label: value.batchLabel });
        summary.textContent = t('scatter.summary', { fits, batch: batchText });
      }
    },
    [scales, data, t],
  );
  useLiveDraw(live, draw, containerRef);

  const truth = {
    y0: problem.trueW * scales.x.domain[0] + problem.trueB,
    y1: problem.trueW * scales.x.domain[1] + problem.trueB,
  };
  return (
    <figure className="dl-panel dl-scatter" ref={containerRef}>
      <figcaption id={titleId}>
        {t('scatter.caption', {
          count: data.x.length,
          line: lineFormula(problem.trueW, problem.trueB),
        })}
      </figcaption>
      <div className="dl-scatter-plot">
        <canvas
          ref={pointsRef}
          className="dl-scatter-points"
          aria-hidden="true"
          style={{ left: MARGIN.left, top: MARGIN.top, width: innerW, height: innerH }}
        />
        <svg
          width={width}
          height={height}
          role="img"
          aria-labelledby={titleId}
          style={{ fontSize: PLOT_FONT }}
        >
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            <rect
              width={innerW}
              height={innerH}
              fill="none"
              stroke="currentColor"
              strokeOpacity={0.4}
            />
            <Axis
              className="dl-axis-x"
              orient="bottom"
              transform={`translate(0,${innerH})`}
              ticks={scales.x.ticks(6)}
              length={innerW}
              label="x"
              labelOffset={30}
              overhang={[MARGIN.left, MARGIN.right]}
            />
            <Axis
              className="dl-axis-y"
              orient="left"
              ticks={scales.y.ticks(5)}
              length={innerH}
              overhang={[MARGIN.bottom, MARGIN.top]}
            />
            <line
              className="dl-true-line"
              x1={0}
              x2={innerW}
              y1={clampPx(scales.y.map(truth.y0))}
              y2={clampPx(scales.y.map(truth.y1))}
              stroke="currentColor"
              strokeOpacity={0.45}
              strokeDasharray="6 4"
            />
            <g ref={linesRef} className="dl-fit-lines" />
            <g ref={batchRef} className="dl-batch-ring" />
          </g>
        </svg>
      </div>
      <p ref={summaryRef} className="dl-hint dl-scatter-summary" aria-live="off" />
      <p className="dl-hint">
        {t('scatter.legend')}
        {data.outlier.some((o) => o === 1) && ` ${t('scatter.outliers')}`}
      </p>
    </figure>
  );
}

/** Keeps a pixel coordinate of a far-off line within what SVG draws reliably. */
function clampPx(v: number): number {
  return Number.isFinite(v) ? Math.max(-1e5, Math.min(1e5, v)) : 0;
}

/** "2·x − 1", "−2·x + 3": the signs as a mathematician writes them (a true minus, no "+ -"). */
export function lineFormula(w: number, b: number): string {
  const minus = (v: number) => formatReadout(Math.abs(v));
  const slope = `${w < 0 ? '−' : ''}${minus(w)}·x`;
  return b === 0 ? slope : `${slope} ${b < 0 ? '−' : '+'} ${minus(b)}`;
}

/**
 * Draws the samples: a dot of radius 3 at 55 % opacity per ordinary sample, a white 6 × 6
 * square outlined in `color` per outlier, at pixel positions `px(x)`, `py(y)`.
 */
export function drawSamples(
  context: CanvasRenderingContext2D,
  data: RegressionData,
  px: (x: number) => number,
  py: (y: number) => number,
  color: string,
): void {
  context.fillStyle = color;
  context.globalAlpha = 0.55;
  for (let i = 0; i < data.x.length; i++) {
    if (data.outlier[i]) continue;
    context.beginPath();
    context.arc(px(data.x[i]!), py(data.y[i]!), 3, 0, 2 * Math.PI);
    context.fill();
  }
  context.globalAlpha = 1;
  context.strokeStyle = color;
  context.lineWidth = 1;
  for (let i = 0; i < data.x.length; i++) {
    if (!data.outlier[i]) continue;
    const x = px(data.x[i]!) - 3;
    const y = py(data.y[i]!) - 3;
    context.fillStyle = '#fff';
    context.fillRect(x, y, 6, 6);
    context.strokeRect(x, y, 6, 6);
  }
}
