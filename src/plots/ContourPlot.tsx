/**
 * The loss-surface map, a frame of layers (as observablehq/plot composes marks): a canvas
 * heatmap and SVG contours of the field, axes and a colour legend, the surface's critical
 * points, live trajectories (lines on a canvas, markers and arrows in SVG), and a draggable,
 * keyboard-movable start point; wheel / drag / button zoom and pan (usePanZoom), "fit to the
 * trajectories", and an f(x, y) readout.
 *
 * The field layers are recomputed only when the surface, the view or the size change; the
 * trajectories are drawn imperatively from a LiveSource, at most once per animation frame.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Surface, ViewBox } from '../core/surfaces/surface.ts';
import { useT } from '../i18n/index.ts';
import { gradientArrowScale } from './arrows.ts';
import { setVectorLayer } from './canvasLayer.ts';
import { computeFieldLayers } from './field.ts';
import { PLOT_FONT, useElementSize, useLiveDraw, usePlotFontPx, visuallyHidden } from './hooks.ts';
import { ContourLayer } from './map/ContourLayer.tsx';
import { describeMap } from './map/describeMap.ts';
import { HeatmapLayer } from './map/HeatmapLayer.tsx';
import { MapGuides } from './map/MapGuides.tsx';
import { MapToolbar } from './map/MapToolbar.tsx';
import { contourMargin, roundTransform } from './map/margins.ts';
import { MarkersLayer } from './map/MarkersLayer.tsx';
import { drawRunMarks } from './map/runMarks.ts';
import { StartPoint } from './map/StartPoint.tsx';
import { paintTrajectories, trajectoryStrokes } from './map/trajectoryLines.ts';
import type { HighlightPoint, TrajectoryView } from './map/types.ts';
import { useMapPointer } from './map/useMapPointer.ts';
import { usePanZoom } from './map/usePanZoom.ts';
import { heatmapMap } from './palette.ts';
import type { LiveSource } from './source.ts';
import { boundsOfTracks, fitViewBox, layerTransform, type Size } from './viewport.ts';

export type { HighlightPoint, TrajectoryArrows, TrajectoryView } from './map/types.ts';
export { currentPoint } from './map/types.ts';
export { CONTOUR_MARGIN, contourMargin } from './map/margins.ts';

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
  /** When set, a click on the map calls this instead of moving the start (a map prediction). */
  readonly onPick?: ((point: [number, number]) => void) | undefined;
  readonly highlight?: readonly HighlightPoint[];
  /**
   * How the plot sizes itself: 'width' (default) takes its container's width and a height from
   * the surface's aspect ratio; 'box' fills its container's width and height (the container
   * must have a definite height, e.g. a grid cell).
   */
  readonly fit?: 'width' | 'box';
  /** Total width in CSS pixels; default: measured from the container (560 before that). */
  readonly width?: number;
  /** Total height in CSS pixels; default: see `fit`. */
  readonly height?: number;
  /** Number of contour levels; default 14. */
  readonly levelCount?: number;
  /** Pixels per sampled grid cell; default 4 (smaller is finer and slower). */
  readonly resolution?: number;
  /**
   * Data units of the −∇f arrow per unit of gradient; default: |∇f| equal to the view's median
   * gradient is drawn 40 px long (see gradientArrowScale), so lengths compare across runs.
   */
  readonly gradientScale?: number;
  /** Magnification of velocity and step arrows; default 1 (true displacement). */
  readonly vectorScale?: number;
  /** Axis names; default "x" and "y". */
  readonly xLabel?: string;
  readonly yLabel?: string;
}

export function ContourPlot(props: ContourPlotProps) {
  const t = useT();
  const { surface, viewBox, onViewBoxChange, trajectories, start, onStartChange } = props;
  const { levelCount = 14, resolution = 4, vectorScale = 1, xLabel = 'x', yLabel = 'y' } = props;
  const title = props.title ?? surface.title;
  const fillBox = props.fit === 'box';
  const frameRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const runsRef = useRef<SVGGElement>(null);
  const linesRef = useRef<HTMLCanvasElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const measured = useElementSize(frameRef);
  const fontPx = usePlotFontPx(frameRef, measured);
  const M = useMemo(() => contourMargin(fontPx), [fontPx]);
  const width = Math.max(160, props.width ?? measured?.width ?? 560);
  const innerW = width - M.left - M.right;
  const sv = surface.viewBox;
  const aspect = Math.min(1, Math.max(0.5, (sv.yMax - sv.yMin) / (sv.xMax - sv.xMin)));
  const fromBox = fillBox ? measured?.height : undefined;
  const height = Math.max(
    120,
    props.height ?? fromBox ?? Math.round(innerW * aspect) + M.top + M.bottom,
  );
  const innerH = height - M.top - M.bottom;
  const size = useMemo<Size>(() => ({ width: innerW, height: innerH }), [innerW, innerH]);
  const { xMin, xMax, yMin, yMax } = viewBox;
  const box = useMemo(
    () => fitViewBox({ xMin, xMax, yMin, yMax }, size),
    [xMin, xMax, yMin, yMax, size],
  );

  const panZoom = usePanZoom({ svgRef, margin: M, box, size, onViewBoxChange });
  const fieldBox = panZoom.fieldBox;
  const field = useMemo(
    () => ({
      box: fieldBox,
      size,
      ...computeFieldLayers((x, y) => surface.value(x, y), fieldBox, size.width, size.height, {
        resolution,
        levelCount,
        colorMapRgb: heatmapMap.rgb,
      }),
    }),
    [surface, fieldBox, size, resolution, levelCount],
  );
  const shift = roundTransform(layerTransform(field.box, field.size, box, size));
  const unitsPerPx = (box.xMax - box.xMin) / size.width;
  const gradientScale =
    props.gradientScale ?? gradientArrowScale(field.typicalGradient, unitsPerPx);

  // What the line canvas shows, for drawing it again as vectors in an exported picture.
  const painted = useRef({ views: [] as readonly TrajectoryView[], box, size });
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
      if (linesRef.current) paintTrajectories(linesRef.current, views, box, size);
      const layer = runsRef.current;
      if (!layer) return;
      const fontPx = parseFloat(getComputedStyle(layer).fontSize) || 11;
      drawRunMarks(layer, views, { box, size, surface, gradientScale, vectorScale, fontPx, t });
    },
    [box, size, surface, gradientScale, vectorScale, t],
  );
  useLiveDraw(trajectories, drawRuns, frameRef);

  const fitToTrajectories = () => {
    const views = trajectories?.getState() ?? [];
    const tracks = views.map((v) => ({ points: v.points, count: v.count, extra: v.current }));
    const bounds = boundsOfTracks(tracks, (box.xMax - box.xMin) / 20);
    if (bounds) onViewBoxChange(bounds);
  };

  const pointer = useMapPointer({
    svgRef,
    readoutRef,
    margin: M,
    box,
    size,
    panZoom,
    onStartChange,
    onPick: props.onPick,
    value: (x, y) => surface.value(x, y),
    xLabel,
    yLabel,
  });

  const description = describeMap({ surface, title, xLabel, yLabel, box, field, t });
  const clipId = `dl-clip-${uid}`;
  const fontStyle = { fontSize: PLOT_FONT };
  const [announced, setAnnounced] = useState('');

  return (
    <div
      className={`dl-contour-plot${props.onPick ? ' dl-map-picking' : ''}`}
      role="group"
      aria-label={t('map.label', { title })}
      style={{
        width: props.width ?? '100%',
        ...(fillBox ? { height: '100%', display: 'flex', flexDirection: 'column' } : {}),
      }}
    >
      <MapToolbar
        onZoom={panZoom.zoomBy}
        onFit={fitToTrajectories}
        onReset={() => onViewBoxChange(surface.viewBox)}
      />
      <div ref={frameRef} style={fillBox ? { flex: '1 1 auto', minHeight: 0 } : undefined}>
        <div
          data-testid="loss-map"
          data-x-domain={`${box.xMin} ${box.xMax}`}
          data-y-domain={`${box.yMin} ${box.yMax}`}
          style={{ position: 'relative', width, height }}
        >
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
            <HeatmapLayer field={field} size={field.size} shift={shift} />
            <ContourLayer paths={field.paths} size={size} shift={shift} />
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
            {...pointer}
          >
            <defs>
              <clipPath id={clipId}>
                <rect width={innerW} height={innerH} />
              </clipPath>
            </defs>
            <MapGuides
              box={box}
              size={size}
              margin={M}
              xLabel={xLabel}
              yLabel={yLabel}
              scale={field.scale}
              colorMap={heatmapMap}
              uid={uid}
              description={description}
            />
            <g transform={`translate(${M.left},${M.top})`}>
              <g clipPath={`url(#${clipId})`}>
                <MarkersLayer
                  criticalPoints={surface.criticalPoints}
                  highlight={props.highlight}
                  box={box}
                  size={size}
                />
                <g ref={runsRef} className="dl-runs" pointerEvents="none" />
              </g>
              <StartPoint
                start={start}
                value={(x, y) => surface.value(x, y)}
                onStartChange={onStartChange}
                box={box}
                size={size}
                xLabel={xLabel}
                yLabel={yLabel}
                announce={setAnnounced}
              />
            </g>
          </svg>
        </div>
      </div>
      <div
        ref={readoutRef}
        className="dl-plot-readout"
        style={{ minHeight: '1.3em', ...fontStyle }}
      />
      <div aria-live="polite" style={visuallyHidden}>
        {announced}
      </div>
    </div>
  );
}
