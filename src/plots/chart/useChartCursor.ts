/**
 * A line chart's cursor: hover with the pointer, or focus the chart and use ←/→ (Home/End,
 * PageUp/PageDown); a vertical line marks it and the readout lists every series' exact value at
 * the nearest x. Drawn imperatively; never causes a React render.
 */
import { useCallback, useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { useT } from '../../i18n/index.ts';
import { nearestIndex, type ChartScale } from '../scales.ts';
import { formatReadout } from '../../core/numbers.ts';

/** A series as the cursor reads it: points (x[i], y[i]) for i < count, x ascending. */
export interface CursorSeries {
  readonly label: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly count: number;
}

/** What the chart last drew. */
export interface ChartDrawn {
  readonly views: readonly CursorSeries[];
  readonly xs: ChartScale;
  readonly ys: ChartScale;
}

interface Cursor {
  x: number;
  by: 'pointer' | 'keyboard';
}

/** The series with the furthest last x: its points are the stops of the keyboard cursor. */
function referenceSeries(views: readonly CursorSeries[]): CursorSeries | undefined {
  let best: CursorSeries | undefined;
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

export interface ChartCursor {
  /** Draws the cursor line and the readout again (after new data). */
  readonly drawCursor: () => void;
  readonly handlers: {
    onPointerMove(event: PointerEvent<SVGSVGElement>): void;
    onPointerLeave(): void;
    onKeyDown(event: KeyboardEvent<SVGSVGElement>): void;
    onFocus(): void;
    onBlur(): void;
  };
}

export function useChartCursor(options: {
  readonly drawn: RefObject<ChartDrawn | null>;
  readonly lineRef: RefObject<SVGLineElement | null>;
  readonly readoutRef: RefObject<HTMLElement | null>;
  readonly margin: { readonly left: number; readonly top: number };
  readonly size: { readonly width: number; readonly height: number };
  readonly xLabel: string;
}): ChartCursor {
  const t = useT();
  const { drawn, lineRef, readoutRef, margin: M, xLabel } = options;
  const innerW = options.size.width;
  const innerH = options.size.height;
  const cursor = useRef<Cursor | null>(null);
  /** Updates the cursor line and the readout from `cursor` and the last drawn data. */
  const drawCursor = useCallback(() => {
    const line = lineRef.current;
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
      const value = formatReadout(v.y[i] as number);
      return at === c.x
        ? `${v.label} ${value}`
        : t('chart.valueAt', { label: v.label, value, xLabel, x: formatReadout(at) });
    });
    const text = t('chart.readout', {
      xLabel,
      x: formatReadout(c.x),
      values: parts.join(t('punctuation.listSeparator')),
    });
    if (readout.textContent !== text) readout.textContent = text;
  }, [drawn, lineRef, readoutRef, xLabel, t]);

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

  const onFocus = () => {
    if (cursor.current) return;
    const ref = drawn.current && referenceSeries(drawn.current.views);
    if (!ref) return;
    const n = Math.min(ref.count, ref.x.length);
    setCursorAt(ref.x[n - 1] as number, 'keyboard');
  };

  const onBlur = () => {
    if (cursor.current?.by === 'keyboard') setCursorAt(null, 'keyboard');
  };

  return {
    drawCursor,
    handlers: { onPointerMove, onPointerLeave, onKeyDown, onFocus, onBlur },
  };
}
