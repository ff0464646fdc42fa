/**
 * The loss-surface map: a canvas heatmap under SVG contour lines, minima, axes, a colour legend,
 * live trajectories with gradient / velocity / step arrows at their current points, a draggable
 * and keyboard-movable start point, wheel / drag / button zoom and pan, and an f(x, y) readout.
 *
 * The field layers are recomputed only when the surface, the view or the size change; the
 * trajectories are drawn imperatively from a LiveSource, at most once per animation frame: their
 * lines on a canvas (long paths are cheap there), markers and arrows as a few SVG elements.
 */
import { useT, type Translate } from '../i18n/index.ts';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import { scaleLinear } from 'd3-scale';
import type { CriticalPoint, Surface, ViewBox } from '../core/surfaces/surface.ts';
import { arrowPath } from './arrows.ts';
import { computeFieldLayers } from './field.ts';
import { PLOT_FONT, useElementWidth, useLiveDraw, visuallyHidden } from './hooks.ts';
import { heatmapMap, markerPath, type MarkerShape } from './palette.ts';
import { lineDash, prepareCanvas, setVectorLayer, type VectorStroke } from './canvasLayer.ts';
import {
  formatTick,
  formatValue,
  SvgPathBuilder,
  tracePolyline,
  type PathSink,
  type PixelRect,
} from './scales.ts';
import type { LiveSource } from './source.ts';
import { svgEl, syncChildren } from './svg.ts';
import {
  dataToPixel,
  fitViewBox,
  panViewBox,
  layerTransform,
  pixelToData,
  vectorToPixels,
  zoomViewBox,
  type PixelTransform,
  type Size,
} from './viewport.ts';

/** Vectors drawn at a run's current point, in data units. */
export interface TrajectoryArrows {
  /** ∇f at the current point; drawn as −∇f (the descent direction), labelled "−∇f". */
  readonly gradient?: readonly [number, number];
  /**
   * The mini-batch gradient g_B the optimizer used, drawn as −g_B on the same scale as −∇f
   * so their lengths and directions compare (the batch lab's noise); labelled "−g_B".
   */
  readonly batchGradient?: readonly [number, number];
  /** The velocity's displacement of θ (e.g. −v for classic momentum), labelled "v". */
  readonly velocity?: readonly [number, number];
  /** The actual step θ_{t+1} − θ_t, labelled "Δθ". */
  readonly step?: readonly [number, number];
}

/** One run's path on the map. */
export interface TrajectoryView {
  readonly label: string;
  /** CSS colour (see RUN_STYLES). */
  readonly color: string;
  /** SVG stroke-dasharray; '' for solid. */
  readonly dash: string;
  /** Marker at the current point; default 'circle'. */
  readonly marker?: MarkerShape;
  /** θ_0, θ_1, … flattened as (x0, y0, x1, y1, …); only the first `count` points are read. */
  readonly points: Float64Array;
  /** Number of points in use. */
  readonly count: number;
  /**
   * Where the run is now, θ_t, when it is not the last of `points` (which then hold the
   * completed steps θ_0 … θ_{t−1}): the line continues to it and the marker and arrows sit at it.
   */
  readonly current?: readonly [number, number];
  readonly arrows?: TrajectoryArrows;
  /** The run stopped on a non-finite value: its last finite point is marked with ✕. */
  readonly diverged?: boolean;
}

/** An extra point to ring on the map (e.g. the nearest minimum), with a name. */
export interface HighlightPoint {
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

export interface ContourPlotProps {
  readonly surface: Surface;
  /** The surface's name in the UI language; default `surface.title` (the core's English name). */
  readonly title?: string;
  /** The data rectangle to show (controlled); widened to equal x and y scales when drawn. */
  readonly viewBox: ViewBox;
  readonly onViewBoxChange: (viewBox: ViewBox) => void;
  /** Runs to draw; read on every change, at most once per animation frame. */
  readonly trajectories?: LiveSource<readonly TrajectoryView[]>;
  /** The shared start point θ_0 (data units). */
  readonly start: readonly [number, number];
  /** Called with a new start on click, drag of the start marker, or arrow keys on it. */
  readonly onStartChange: (start: [number, number]) => void;
  readonly highlight?: readonly HighlightPoint[];
  /** Total width in CSS pixels; default: the container's width (560 before it is measured). */
  readonly width?: number;
  /** Total height in CSS pixels; default: from the surface's aspect ratio. */
  readonly height?: number;
  /** Number of contour levels; default 14. */
  readonly levelCount?: number;
  /** Pixels per sampled grid cell; default 4 (smaller is finer and slower). */
  readonly resolution?: number;
  /**
   * Data units of the −∇f arrow per unit of gradient; default: undefined, which draws −∇f at a
   * fixed 40 px length (direction only; the magnitude is in its tooltip).
   */
  readonly gradientScale?: number;
  /** Magnification of velocity and step arrows; default 1 (true displacement). */
  readonly vectorScale?: number;
  /** Axis names; default "x" and "y". */
  readonly xLabel?: string;
  readonly yLabel?: string;
}

/** Plot-area margins in CSS pixels (left: y ticks; right: colour legend; bottom: x ticks). */
export const CONTOUR_MARGIN = { top: 10, right: 78, bottom: 36, left: 48 } as const;
const FIXED_GRADIENT_PX = 40;
const DRAG_THRESHOLD_PX = 3;
const WHEEL_ZOOM_PER_PX = 0.0015;
/** Quiet time after the last wheel event before the field is recomputed. */
const WHEEL_SETTLE_MS = 150;
const BUTTON_ZOOM = 1.5;

type Drag =
  | { mode: 'pan'; pointerId: number; x0: number; y0: number; box0: ViewBox; moved: boolean }
  | { mode: 'start'; pointerId: number };

function criticalLabel(p: CriticalPoint, t: Translate): string {
  const kind =
    p.kind === 'global' ? t('map.global') : p.kind === 'local' ? t('map.local') : t('map.saddle');
  return t('map.criticalAt', {
    kind,
    x: formatValue(p.x),
    y: formatValue(p.y),
    value: formatValue(p.value),
  });
}

const CRITICAL_SHAPE: Record<CriticalPoint['kind'], MarkerShape> = {
  global: 'star',
  local: 'diamond',
  saddle: 'cross',
};

export function ContourPlot(props: ContourPlotProps) {
  const t = useT();
  const {
    surface,
    viewBox,
    onViewBoxChange,
    trajectories,
    start,
    onStartChange,
    highlight,
    levelCount = 14,
    resolution = 4,
    gradientScale,
    vectorScale = 1,
    xLabel = 'x',
    yLabel = 'y',
  } = props;
  const title = props.title ?? surface.title;
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const runsRef = useRef<SVGGElement>(null);
  const linesRef = useRef<HTMLCanvasElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const announceRef = useRef<HTMLDivElement>(null);
  const dragRef = useRef<Drag | null>(null);
  const suppressClickRef = useRef(false);
  const [startFocused, setStartFocused] = useState(false);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const M = CONTOUR_MARGIN;
  const measured = useElementWidth(containerRef, 560);
  const width = Math.max(160, props.width ?? measured);
  const innerW = width - M.left - M.right;
  const sv = surface.viewBox;
  const aspect = Math.min(1, Math.max(0.5, (sv.yMax - sv.yMin) / (sv.xMax - sv.xMin)));
  const height = Math.max(120, props.height ?? Math.round(innerW * aspect) + M.top + M.bottom);
  const innerH = height - M.top - M.bottom;

  const size = useMemo<Size>(() => ({ width: innerW, height: innerH }), [innerW, innerH]);
  const { xMin, xMax, yMin, yMax } = viewBox;
  const box = useMemo(
    () => fitViewBox({ xMin, xMax, yMin, yMax }, size),
    [xMin, xMax, yMin, yMax, size],
  );

  // During a pan or wheel gesture the field stays computed for the view it was frozen at and is
  // moved by an exact pixel transform; it is recomputed once when the gesture ends.
  const [frozen, setFrozen] = useState<ViewBox | null>(null);
  const fieldBox = frozen ?? box;
  const field = useMemo(
    () => ({
      box: fieldBox,
      size,
      ...computeFieldLayers((x, y) => surface.value(x, y), fieldBox, size.width, size.height, {
        log: surface.logLevels,
        resolution,
        levelCount,
        colorMapRgb: heatmapMap.rgb,
      }),
    }),
    [surface, fieldBox, size, resolution, levelCount],
  );
  const shift = roundTransform(layerTransform(field.box, field.size, box, size));
  const wheelTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (wheelTimer.current !== null) clearTimeout(wheelTimer.current);
    },
    [],
  );

  // Paint the heatmap; jsdom and some locked-down browsers have no 2D context.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    canvas.width = field.nx;
    canvas.height = field.ny;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(field.nx, field.ny);
    image.data.set(field.pixels);
    ctx.putImageData(image, 0, 0);
  }, [field]);

  // Latest values for native and pointer handlers, which outlive a render.
  const latest = useRef({ box, size, onViewBoxChange });
  useLayoutEffect(() => {
    latest.current = { box, size, onViewBoxChange };
  });

  // What the line canvas shows, for drawing it again as vectors in an exported picture.
  const painted = useRef<{ views: readonly TrajectoryView[]; box: ViewBox; size: Size }>({
    views: [],
    box,
    size,
  });
  useEffect(() => {
    const canvas = linesRef.current;
    if (!canvas) return;
    setVectorLayer(canvas, () => {
      const { views, box: b, size: s } = painted.current;
      return trajectoryStrokes(views, b, s);
    });
  }, []);

  const drawRuns = useCallback(
    (views: readonly TrajectoryView[]) => {
      painted.current = { views, box, size };
      const canvas = linesRef.current;
      if (canvas) paintTrajectories(canvas, views, box, size);
      const layer = runsRef.current;
      if (!layer) return;
      syncChildren(layer, views.length, createRunGroup);
      views.forEach((view, k) => {
        const group = layer.children[k] as SVGGElement;
        drawRun(group, view, box, size, surface, gradientScale, vectorScale, t);
      });
    },
    [box, size, surface, gradientScale, vectorScale, t],
  );
  useLiveDraw(trajectories, drawRuns, containerRef);

  // Wheel zoom needs a non-passive native listener to keep the page from scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const onWheel = (event: WheelEvent) => {
      const { box: b, size: s, onViewBoxChange: change } = latest.current;
      const rect = svg.getBoundingClientRect();
      const px = event.clientX - rect.left - M.left;
      const py = event.clientY - rect.top - M.top;
      if (px < 0 || py < 0 || px > s.width || py > s.height) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? s.height : 1;
      const factor = Math.exp(-event.deltaY * unit * WHEEL_ZOOM_PER_PX);
      setFrozen((current) => current ?? b);
      if (wheelTimer.current !== null) clearTimeout(wheelTimer.current);
      wheelTimer.current = setTimeout(() => {
        wheelTimer.current = null;
        setFrozen(null);
      }, WHEEL_SETTLE_MS);
      change(zoomViewBox(b, [px, py], factor, s));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [M.left, M.top]);

  const toPlot = (event: { clientX: number; clientY: number }): [number, number] => {
    const rect = svgRef.current?.getBoundingClientRect();
    return [event.clientX - (rect?.left ?? 0) - M.left, event.clientY - (rect?.top ?? 0) - M.top];
  };
  const inside = (px: number, py: number) =>
    px >= 0 && py >= 0 && px <= size.width && py <= size.height;

  const showReadout = (px: number, py: number) => {
    const el = readoutRef.current;
    if (!el) return;
    if (!inside(px, py)) {
      el.textContent = '';
      return;
    }
    const [x, y] = pixelToData(box, size, px, py);
    el.textContent = `${xLabel} = ${formatValue(x)}, ${yLabel} = ${formatValue(y)}: f = ${formatValue(surface.value(x, y))}`;
  };

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    const [px, py] = toPlot(event);
    const onStart = (event.target as Element).closest?.('[data-start-marker]');
    if (onStart) {
      dragRef.current = { mode: 'start', pointerId: event.pointerId };
    } else if (inside(px, py)) {
      dragRef.current = {
        mode: 'pan',
        pointerId: event.pointerId,
        x0: px,
        y0: py,
        box0: box,
        moved: false,
      };
    } else return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const [px, py] = toPlot(event);
    showReadout(px, py);
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    if (drag.mode === 'start') {
      onStartChange(pixelToData(box, size, px, py));
      return;
    }
    const dx = px - drag.x0;
    const dy = py - drag.y0;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
    if (!drag.moved) setFrozen((current) => current ?? drag.box0);
    drag.moved = true;
    onViewBoxChange(panViewBox(drag.box0, [dx, dy], size));
  };

  const endDrag = (event: PointerEvent<SVGSVGElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    suppressClickRef.current = drag.mode === 'start' || drag.moved;
    if (drag.mode === 'pan' && drag.moved) setFrozen(null);
    dragRef.current = null;
    if (event.currentTarget.hasPointerCapture?.(event.pointerId)) {
      event.currentTarget.releasePointerCapture(event.pointerId);
    }
  };

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    if (suppressClickRef.current) {
      suppressClickRef.current = false;
      return;
    }
    const [px, py] = toPlot(event);
    if (!inside(px, py)) return;
    onStartChange(pixelToData(box, size, px, py));
  };

  const onStartKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    const stepX = ((box.xMax - box.xMin) / 50) * (event.shiftKey ? 5 : 1);
    const stepY = ((box.yMax - box.yMin) / 50) * (event.shiftKey ? 5 : 1);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-stepX, 0],
      ArrowRight: [stepX, 0],
      ArrowUp: [0, stepY],
      ArrowDown: [0, -stepY],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const next: [number, number] = [start[0] + move[0], start[1] + move[1]];
    onStartChange(next);
    // Screen readers do not reliably re-read a changed label of the focused element.
    if (announceRef.current) {
      announceRef.current.textContent = t('map.startAnnounce', {
        xLabel,
        x: formatValue(next[0]),
        yLabel,
        y: formatValue(next[1]),
        value: formatValue(surface.value(next[0], next[1])),
      });
    }
  };

  const zoomBy = (factor: number) =>
    onViewBoxChange(zoomViewBox(box, [size.width / 2, size.height / 2], factor, size));

  // Axes.
  const xTicks = scaleLinear()
    .domain([box.xMin, box.xMax])
    .ticks(Math.max(2, Math.floor(innerW / 70)));
  const yTicks = scaleLinear()
    .domain([box.yMin, box.yMax])
    .ticks(Math.max(2, Math.floor(innerH / 50)));
  const legendTs = [0, 0.25, 0.5, 0.75, 1];
  const [sx, sy] = dataToPixel(box, size, start[0], start[1]);
  const startValue = surface.value(start[0], start[1]);
  const minimaText = surface.criticalPoints
    .map((p) => criticalLabel(p, t))
    .join(t('punctuation.listSeparator'));
  const mapText = t(surface.logLevels ? 'map.descriptionLog' : 'map.description', {
    title,
    xLabel,
    yLabel,
    formula: surface.formula,
    xMin: formatTick(box.xMin),
    xMax: formatTick(box.xMax),
    yMin: formatTick(box.yMin),
    yMax: formatTick(box.yMax),
    levels: field.levels.length,
  });
  const description = minimaText
    ? t('map.descriptionMinima', { description: mapText, minima: minimaText })
    : mapText;
  const clipId = `dl-clip-${uid}`;
  const gradientId = `dl-legend-${uid}`;
  const fontStyle = { fontSize: PLOT_FONT };

  return (
    <div
      ref={containerRef}
      className="dl-contour-plot"
      role="group"
      aria-label={t('map.label', { title })}
      style={{ width: props.width ?? '100%' }}
    >
      <div className="dl-plot-toolbar" role="toolbar" aria-label={t('map.view')}>
        <button type="button" onClick={() => zoomBy(BUTTON_ZOOM)}>
          {t('map.zoomIn')}
        </button>
        <button type="button" onClick={() => zoomBy(1 / BUTTON_ZOOM)}>
          {t('map.zoomOut')}
        </button>
        <button type="button" onClick={() => onViewBoxChange(surface.viewBox)}>
          {t('map.resetView')}
        </button>
      </div>
      <div data-testid="loss-map" style={{ position: 'relative', width, height }}>
        <div
          style={{
            position: 'absolute',
            left: M.left,
            top: M.top,
            width: innerW,
            height: innerH,
            overflow: 'hidden',
          }}
        >
          <canvas
            ref={canvasRef}
            className="dl-heatmap"
            aria-hidden="true"
            style={{
              display: 'block',
              width: field.size.width,
              height: field.size.height,
              transformOrigin: '0 0',
              transform: `translate(${shift.tx}px, ${shift.ty}px) scale(${shift.sx}, ${shift.sy})`,
            }}
          />
          {/* Contours get their own layer: live trajectories redraw above without repainting them. */}
          <svg
            className="dl-contour-layer"
            aria-hidden="true"
            width={innerW}
            height={innerH}
            style={{ position: 'absolute', left: 0, top: 0, willChange: 'transform' }}
          >
            <g
              className="dl-contours"
              transform={`translate(${shift.tx},${shift.ty}) scale(${shift.sx},${shift.sy})`}
              fill="none"
              stroke="rgba(0,0,0,0.4)"
              strokeWidth={0.8}
            >
              {field.paths.map((p) => (
                <path
                  key={p.level}
                  d={p.d}
                  data-level={p.level}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
            </g>
          </svg>
          <canvas
            ref={linesRef}
            className="dl-trajectory-lines"
            aria-hidden="true"
            style={{ position: 'absolute', left: 0, top: 0, width: innerW, height: innerH }}
          />
        </div>
        <svg
          ref={svgRef}
          width={width}
          height={height}
          style={{
            position: 'absolute',
            left: 0,
            top: 0,
            touchAction: 'none',
            userSelect: 'none',
            willChange: 'transform',
            ...fontStyle,
          }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          onPointerLeave={() => showReadout(-1, -1)}
          onClick={onClick}
        >
          <defs>
            <clipPath id={clipId}>
              <rect width={innerW} height={innerH} />
            </clipPath>
            <linearGradient id={gradientId} x1="0" y1="1" x2="0" y2="0">
              {legendTs
                .concat([0.125, 0.375, 0.625, 0.875])
                .sort()
                .map((t) => (
                  <stop key={t} offset={t} stopColor={heatmapMap.css(t)} />
                ))}
            </linearGradient>
          </defs>
          <g role="img" aria-label={description}>
            <rect
              x={M.left}
              y={M.top}
              width={innerW}
              height={innerH}
              fill="none"
              stroke="currentColor"
              strokeOpacity={0.5}
            />
            <g className="dl-axis dl-axis-x" transform={`translate(${M.left},${M.top + innerH})`}>
              {xTicks.map((v) => {
                const px = dataToPixel(box, size, v, 0)[0];
                return (
                  <g key={v} transform={`translate(${px},0)`}>
                    <line y2={5} stroke="currentColor" />
                    <text y={16} textAnchor="middle" fill="currentColor">
                      {formatTick(v)}
                    </text>
                  </g>
                );
              })}
              <text x={innerW / 2} y={31} textAnchor="middle" fill="currentColor">
                {xLabel}
              </text>
            </g>
            <g className="dl-axis dl-axis-y" transform={`translate(${M.left},${M.top})`}>
              {yTicks.map((v) => {
                const py = dataToPixel(box, size, 0, v)[1];
                return (
                  <g key={v} transform={`translate(0,${py})`}>
                    <line x2={-5} stroke="currentColor" />
                    <text x={-8} dy="0.32em" textAnchor="end" fill="currentColor">
                      {formatTick(v)}
                    </text>
                  </g>
                );
              })}
              <text
                transform={`translate(${-36},${innerH / 2}) rotate(-90)`}
                textAnchor="middle"
                fill="currentColor"
              >
                {yLabel}
              </text>
            </g>
            <g className="dl-legend" transform={`translate(${M.left + innerW + 14},${M.top})`}>
              <text y={-1} fill="currentColor">
                {surface.logLevels ? t('map.legendLog') : 'f'}
              </text>
              <rect
                y={6}
                width={12}
                height={innerH - 6}
                fill={`url(#${gradientId})`}
                stroke="currentColor"
                strokeOpacity={0.4}
              />
              {legendTs.map((t) => (
                <g
                  key={t}
                  className="dl-legend-tick"
                  transform={`translate(12,${6 + (1 - t) * (innerH - 6)})`}
                >
                  <line x2={4} stroke="currentColor" />
                  <text x={6} dy="0.32em" fill="currentColor">
                    {formatTick(field.scale.invert(t))}
                  </text>
                </g>
              ))}
            </g>
          </g>
          <g transform={`translate(${M.left},${M.top})`}>
            <g clipPath={`url(#${clipId})`}>
              <g className="dl-critical-points" aria-label={t('map.critical')}>
                {surface.criticalPoints.map((p) => {
                  const [px, py] = dataToPixel(box, size, p.x, p.y);
                  const name = criticalLabel(p, t);
                  return (
                    <g
                      key={`${p.x},${p.y}`}
                      className={`dl-critical dl-critical-${p.kind}`}
                      role="img"
                      aria-label={name}
                    >
                      <title>{name}</title>
                      <path
                        d={markerPath(CRITICAL_SHAPE[p.kind], px, py, p.kind === 'global' ? 7 : 5)}
                        fill={p.kind === 'saddle' ? '#000' : '#fff'}
                        stroke="#000"
                        strokeWidth={1.2}
                      />
                    </g>
                  );
                })}
              </g>
              {highlight && highlight.length > 0 && (
                <g className="dl-highlights">
                  {highlight.map((h, k) => {
                    const [px, py] = dataToPixel(box, size, h.x, h.y);
                    return (
                      <circle
                        key={k}
                        cx={px}
                        cy={py}
                        r={9}
                        fill="none"
                        stroke="#000"
                        strokeWidth={2}
                        strokeDasharray="3 2"
                      >
                        <title>{`${h.label} (${formatValue(h.x)}, ${formatValue(h.y)})`}</title>
                      </circle>
                    );
                  })}
                </g>
              )}
              <g ref={runsRef} className="dl-runs" pointerEvents="none" />
            </g>
            <g
              className="dl-start"
              data-start-marker=""
              tabIndex={0}
              role="button"
              aria-roledescription={t('map.movableStart')}
              aria-label={t('map.startLabel', {
                xLabel,
                x: formatValue(start[0]),
                yLabel,
                y: formatValue(start[1]),
                value: formatValue(startValue),
              })}
              transform={`translate(${Number.isFinite(sx) ? sx : -100},${Number.isFinite(sy) ? sy : -100})`}
              style={{ cursor: 'move', outline: 'none' }}
              onKeyDown={onStartKeyDown}
              onFocus={() => setStartFocused(true)}
              onBlur={() => setStartFocused(false)}
            >
              <title>{t('map.startPoint')}</title>
              <circle r={12} fill="transparent" />
              {startFocused && (
                <circle r={11} fill="none" stroke="#000" strokeWidth={2} strokeDasharray="2 2" />
              )}
              <circle r={6} fill="none" stroke="#fff" strokeWidth={4} />
              <circle r={6} fill="none" stroke="#000" strokeWidth={2} />
              <path d="M-9,0H9M0,-9V9" stroke="#000" strokeWidth={1} />
            </g>
          </g>
        </svg>
      </div>
      <div
        ref={readoutRef}
        className="dl-plot-readout"
        style={{ minHeight: '1.3em', ...fontStyle }}
      />
      <div ref={announceRef} aria-live="polite" style={visuallyHidden} />
    </div>
  );
}

/** Rounds a layer transform (0.01 px, 1e-6 scale) so attribute strings stay short and stable. */
function roundTransform(t: PixelTransform): PixelTransform {
  const r = (v: number, k: number) => Math.round(v * k) / k;
  return { sx: r(t.sx, 1e6), sy: r(t.sy, 1e6), tx: r(t.tx, 100), ty: r(t.ty, 100) };
}

/** Segments are cut one plot-size beyond the edges: far enough that joins stay off screen. */
function trajectoryClip(size: Size): PixelRect {
  return { x0: -size.width, y0: -size.height, x1: 2 * size.width, y1: 2 * size.height };
}

/** Traces one run's line: vertices closer than a pixel add nothing visible but cost drawing. */
function traceTrajectory(view: TrajectoryView, box: ViewBox, size: Size, sink: PathSink): void {
  const toPx = (x: number, y: number) => dataToPixel(box, size, x, y);
  tracePolyline(view.points, view.count, toPx, sink, {
    minDistancePx: 1,
    clip: trajectoryClip(size),
    ...(view.current ? { then: view.current } : {}),
  });
}

/** How every run's line is painted: a white halo under it, then the line in the run's style. */
const HALO = { color: '#fff', width: 4.5, opacity: 0.8 } as const;
const LINE_WIDTH = 2;

/** Paints the runs' lines (halo, then line, run by run) on the line canvas. */
function paintTrajectories(
  canvas: HTMLCanvasElement,
  views: readonly TrajectoryView[],
  box: ViewBox,
  size: Size,
): void {
  const ctx = prepareCanvas(canvas, size.width, size.height);
  if (!ctx) return;
  ctx.lineJoin = 'round';
  for (const view of views) {
    ctx.beginPath();
    traceTrajectory(view, box, size, ctx);
    ctx.setLineDash([]);
    ctx.globalAlpha = HALO.opacity;
    ctx.strokeStyle = HALO.color;
    ctx.lineWidth = HALO.width;
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.setLineDash(lineDash(view.dash));
    ctx.strokeStyle = view.color;
    ctx.lineWidth = LINE_WIDTH;
    ctx.stroke();
  }
}

/** The same lines as vector strokes, for exported pictures. */
function trajectoryStrokes(
  views: readonly TrajectoryView[],
  box: ViewBox,
  size: Size,
): VectorStroke[] {
  return views.flatMap((view) => {
    const path = new SvgPathBuilder();
    traceTrajectory(view, box, size, path);
    return [
      { d: path.d, ...HALO },
      { d: path.d, color: view.color, width: LINE_WIDTH, dash: view.dash },
    ];
  });
}

/** The elements of one run: title, arrows, current-point marker (its line is on the canvas). */
function createRunGroup(): SVGGElement {
  const g = svgEl('g', 'dl-run');
  g.append(svgEl('title'));
  for (const kind of ARROW_KINDS) {
    const arrow = svgEl('g', `dl-arrow dl-arrow-${kind}`);
    const shaft = svgEl('path', 'dl-arrow-shaft');
    const head = svgEl('path', 'dl-arrow-head');
    const text = svgEl('text', 'dl-arrow-label');
    for (const p of [shaft, head]) {
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke-width', kind === 'gradient' ? '2' : '1.6');
      p.setAttribute('stroke-linecap', 'round');
    }
    if (kind === 'velocity') shaft.setAttribute('stroke-dasharray', '5 3');
    if (kind === 'batchGradient') shaft.setAttribute('stroke-dasharray', '8 2 2 2');
    if (kind === 'step') shaft.setAttribute('stroke-dasharray', '1.5 2.5');
    text.setAttribute('paint-order', 'stroke');
    text.setAttribute('stroke', '#fff');
    text.setAttribute('stroke-width', '3');
    arrow.append(svgEl('title'), shaft, head, text);
    g.append(arrow);
  }
  const marker = svgEl('path', 'dl-run-marker');
  marker.setAttribute('stroke', '#fff');
  marker.setAttribute('stroke-width', '1.5');
  g.append(marker);
  return g;
}

/**
 * Where a run is now: its `current` point when finite, else the last finite one of `points` (a
 * diverged run's last good position); NaNs when it has none.
 */
export function currentPoint(view: TrajectoryView): readonly [number, number] {
  const c = view.current;
  if (c && Number.isFinite(c[0]) && Number.isFinite(c[1])) return c;
  for (let i = Math.min(view.count, view.points.length >> 1) - 1; i >= 0; i--) {
    const x = view.points[2 * i] as number;
    const y = view.points[2 * i + 1] as number;
    if (Number.isFinite(x) && Number.isFinite(y)) return [x, y];
  }
  return [NaN, NaN];
}

const ARROW_KINDS = ['gradient', 'batchGradient', 'velocity', 'step'] as const;
const ARROW_TEXT = { gradient: '−∇f', batchGradient: '−g_B', velocity: 'v', step: 'Δθ' } as const;
/** Each arrow's tooltip: the drawn vector's components and its length. */
const ARROW_TOOLTIP = {
  gradient: 'map.arrowGradient',
  batchGradient: 'map.arrowBatchGradient',
  velocity: 'map.arrowVelocity',
  step: 'map.arrowStep',
} as const;

function drawRun(
  g: SVGGElement,
  view: TrajectoryView,
  box: ViewBox,
  size: Size,
  surface: Surface,
  gradientScale: number | undefined,
  vectorScale: number,
  t: Translate,
): void {
  g.dataset.run = view.label;
  const title = g.children[0] as SVGTitleElement;
  const [cx, cy] = currentPoint(view);
  const found = Number.isFinite(cx) && Number.isFinite(cy);
  const marker = g.querySelector('.dl-run-marker') as SVGPathElement;
  const from = dataToPixel(box, size, cx, cy);
  if (found) {
    marker.setAttribute(
      'd',
      markerPath(view.diverged ? 'cross' : (view.marker ?? 'circle'), from[0], from[1], 5.5),
    );
    marker.setAttribute('fill', view.color);
    if (view.diverged) marker.setAttribute('transform', `rotate(45 ${from[0]} ${from[1]})`);
    else marker.removeAttribute('transform');
  } else marker.setAttribute('d', '');
  // With a separate current point, `points` are the completed steps; else the last is θ_t.
  const steps = view.current ? view.count : Math.max(0, view.count - 1);
  title.textContent = found
    ? t(view.diverged ? 'map.runDiverged' : 'map.runAt', {
        label: view.label,
        steps,
        x: formatValue(cx),
        y: formatValue(cy),
        value: formatValue(surface.value(cx, cy)),
      })
    : t('map.runEmpty', { label: view.label });

  // Both gradient arrows share one scale, so the mini-batch one compares with the full one.
  let gradientPxScale: number | undefined = gradientScale;
  for (const kind of ARROW_KINDS) {
    const group = g.querySelector(`.dl-arrow-${kind}`) as SVGGElement;
    const [arrowTitle, shaft, head, text] = group.children as unknown as [
      SVGTitleElement,
      SVGPathElement,
      SVGPathElement,
      SVGTextElement,
    ];
    const vector = view.arrows?.[kind];
    if (!vector || !found) {
      group.setAttribute('display', 'none');
      continue;
    }
    const isGradient = kind === 'gradient' || kind === 'batchGradient';
    const sign = isGradient ? -1 : 1;
    const pxVec = vectorToPixels(box, size, sign * vector[0], sign * vector[1]);
    let scale = vectorScale;
    if (isGradient) {
      if (gradientPxScale === undefined) {
        const len = Math.hypot(pxVec[0], pxVec[1]);
        gradientPxScale = len > 0 ? FIXED_GRADIENT_PX / len : 1;
      }
      scale = gradientPxScale;
    }
    const arrow = arrowPath(from, pxVec, scale);
    if (!arrow.visible) {
      group.setAttribute('display', 'none');
      continue;
    }
    group.removeAttribute('display');
    shaft.setAttribute('d', arrow.shaft);
    head.setAttribute('d', arrow.head);
    shaft.setAttribute('stroke', view.color);
    head.setAttribute('stroke', view.color);
    text.setAttribute('x', String(arrow.tip[0] + 4));
    text.setAttribute('y', String(arrow.tip[1] - 4));
    text.setAttribute('fill', view.color);
    text.textContent = ARROW_TEXT[kind];
    // The components of the vector as drawn: −∇f and −g_B for gradients, v and Δθ as they are.
    const shown = t(ARROW_TOOLTIP[kind], {
      label: view.label,
      x: formatValue(sign * vector[0]),
      y: formatValue(sign * vector[1]),
      length: formatValue(Math.hypot(vector[0], vector[1])),
    });
    arrowTitle.textContent = arrow.clipped ? t('map.arrowShortened', { arrow: shown }) : shown;
  }
}
