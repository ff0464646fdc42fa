/**
 * The runs' lines on the map, painted on a canvas (long paths are cheap there) and given to
 * picture export as the same strokes in vector form.
 */
import type { ViewBox } from '../../core/surfaces/surface.ts';
import { lineDash, prepareCanvas, type VectorStroke } from '../canvasLayer.ts';
import { SvgPathBuilder, tracePolyline, type PathSink, type PixelRect } from '../paths.ts';
import { dataToPixel, type Size } from '../viewport.ts';
import type { TrajectoryView } from './types.ts';

/** How every run's line is painted: a white halo under it, then the line in the run's style. */
const HALO = { color: '#fff', width: 4.5, opacity: 0.8 } as const;
const LINE_WIDTH = 2;

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

/** Paints the runs' lines (halo, then line, run by run) on the line canvas. */
export function paintTrajectories(
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
export function trajectoryStrokes(
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
