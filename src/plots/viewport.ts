/**
 * Viewport math of a 2D plot: the data rectangle shown (a ViewBox, y up) mapped onto a pixel
 * rectangle of the plot area (origin top-left, y down). Pure functions, no DOM.
 */
import type { ViewBox } from '../core/surfaces/surface.ts';

/** Width and height of a plot area in CSS pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A point or vector: [x, y] in data units or pixels, as the name of the parameter says. */
export type Vec2 = readonly [number, number];

/** Smallest span (data units) a view may shrink to, relative to max(1, |centre|). */
const MIN_RELATIVE_SPAN = 1e-9;
/** Largest span (data units) a view may grow to. */
const MAX_SPAN = 1e9;

/** Data point (x, y) → pixel [px, py] within the plot area; y grows downwards in pixels. */
export function dataToPixel(box: ViewBox, size: Size, x: number, y: number): [number, number] {
  return [
    ((x - box.xMin) / (box.xMax - box.xMin)) * size.width,
    ((box.yMax - y) / (box.yMax - box.yMin)) * size.height,
  ];
}

/** Pixel [px, py] within the plot area → data point (x, y); the inverse of {@link dataToPixel}. */
export function pixelToData(box: ViewBox, size: Size, px: number, py: number): [number, number] {
  return [
    box.xMin + (px / size.width) * (box.xMax - box.xMin),
    box.yMax - (py / size.height) * (box.yMax - box.yMin),
  ];
}

/**
 * A displacement (vx, vy) in data units → the same displacement in pixels (y flipped). Under an
 * equal-aspect view ({@link fitViewBox}) angles are preserved, so −∇f stays perpendicular to
 * the contour lines on screen.
 */
export function vectorToPixels(box: ViewBox, size: Size, vx: number, vy: number): [number, number] {
  return [(vx * size.width) / (box.xMax - box.xMin), (-vy * size.height) / (box.yMax - box.yMin)];
}

/**
 * The smallest box containing `box`, with the same centre, whose data units per pixel are equal
 * in x and y on a plot area of `size` (one unit of x is as long on screen as one unit of y).
 */
export function fitViewBox(box: ViewBox, size: Size): ViewBox {
  const spanX = box.xMax - box.xMin;
  const spanY = box.yMax - box.yMin;
  if (!(size.width > 0 && size.height > 0 && spanX > 0 && spanY > 0)) return box;
  const unitsPerPx = Math.max(spanX / size.width, spanY / size.height);
  const halfX = (unitsPerPx * size.width) / 2;
  const halfY = (unitsPerPx * size.height) / 2;
  const cx = (box.xMin + box.xMax) / 2;
  const cy = (box.yMin + box.yMax) / 2;
  return { xMin: cx - halfX, xMax: cx + halfX, yMin: cy - halfY, yMax: cy + halfY };
}

/**
 * Zooms by `factor` (> 1 zooms in: spans shrink by that factor) about the pixel `centerPx` of
 * the plot area, so the data point under `centerPx` stays under it. Returns `box` unchanged
 * for a non-positive or non-finite factor, or when the new span would leave
 * [1e-9·max(1, |centre|), 1e9] (zooming stops rather than losing all precision).
 */
export function zoomViewBox(box: ViewBox, centerPx: Vec2, factor: number, size: Size): ViewBox {
  if (!(factor > 0 && Number.isFinite(factor))) return box;
  const [cx, cy] = pixelToData(box, size, centerPx[0], centerPx[1]);
  const next: ViewBox = {
    xMin: cx - (cx - box.xMin) / factor,
    xMax: cx + (box.xMax - cx) / factor,
    yMin: cy - (cy - box.yMin) / factor,
    yMax: cy + (box.yMax - cy) / factor,
  };
  const minX = MIN_RELATIVE_SPAN * Math.max(1, Math.abs(cx));
  const minY = MIN_RELATIVE_SPAN * Math.max(1, Math.abs(cy));
  const spanX = next.xMax - next.xMin;
  const spanY = next.yMax - next.yMin;
  if (!(spanX >= minX && spanY >= minY && spanX <= MAX_SPAN && spanY <= MAX_SPAN)) return box;
  return next;
}

/**
 * Pans by a pointer drag of `deltaPx` = [dx, dy] pixels: the content follows the pointer, so
 * the view moves the opposite way in x and (because pixel y points down) the same way in y.
 */
export function panViewBox(box: ViewBox, deltaPx: Vec2, size: Size): ViewBox {
  const dx = (-deltaPx[0] / size.width) * (box.xMax - box.xMin);
  const dy = (deltaPx[1] / size.height) * (box.yMax - box.yMin);
  if (!(Number.isFinite(dx) && Number.isFinite(dy))) return box;
  return { xMin: box.xMin + dx, xMax: box.xMax + dx, yMin: box.yMin + dy, yMax: box.yMax + dy };
}

/** Whether two view boxes are the same rectangle (exact comparison). */
export function sameViewBox(a: ViewBox, b: ViewBox): boolean {
  return a.xMin === b.xMin && a.xMax === b.xMax && a.yMin === b.yMin && a.yMax === b.yMax;
}

/** An axis-aligned affine map of pixels: p ↦ (sx·px + tx, sy·py + ty). */
export interface PixelTransform {
  readonly sx: number;
  readonly sy: number;
  readonly tx: number;
  readonly ty: number;
}

/**
 * The pixel transform that moves a layer drawn for view `from` on a `fromSize` area onto view
 * `to` on a `toSize` area, so every data point lands where the current view puts it. Lets a
 * stale heatmap follow a pan or zoom exactly until it is recomputed.
 */
export function layerTransform(
  from: ViewBox,
  fromSize: Size,
  to: ViewBox,
  toSize: Size,
): PixelTransform {
  const toX = toSize.width / (to.xMax - to.xMin);
  const toY = toSize.height / (to.yMax - to.yMin);
  return {
    sx: toX / (fromSize.width / (from.xMax - from.xMin)),
    sy: toY / (fromSize.height / (from.yMax - from.yMin)),
    tx: (from.xMin - to.xMin) * toX,
    ty: (to.yMax - from.yMax) * toY,
  };
}

/** Trajectory coordinates beyond this magnitude (a run flying off) are left out of a fit. */
const FIT_LIMIT = 1e8;

/**
 * The smallest box around every finite point of `tracks` (each flattened as x0, y0, x1, y1, …
 * with its first `count` points read, plus an optional extra point), widened by `padding`
 * (default 8%) of its span on each side; a span of zero is widened to `minSpan`. Null when no
 * point is finite and within ±10⁸.
 */
export function boundsOfTracks(
  tracks: readonly {
    readonly points: ArrayLike<number>;
    readonly count: number;
    readonly extra?: Vec2 | undefined;
  }[],
  minSpan: number,
  padding = 0.08,
): ViewBox | null {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  const add = (x: number, y: number) => {
    if (!(Math.abs(x) <= FIT_LIMIT && Math.abs(y) <= FIT_LIMIT)) return;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  };
  for (const track of tracks) {
    const n = Math.min(track.count, Math.floor(track.points.length / 2));
    for (let i = 0; i < n; i++)
      add(track.points[2 * i] as number, track.points[2 * i + 1] as number);
    if (track.extra) add(track.extra[0], track.extra[1]);
  }
  if (!(xMin <= xMax)) return null;
  const padX = Math.max((xMax - xMin) * padding, (minSpan - (xMax - xMin)) / 2, 0);
  const padY = Math.max((yMax - yMin) * padding, (minSpan - (yMax - yMin)) / 2, 0);
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}
