/**
 * Paths of long series and trajectories: min/max decimation to the pixel width, clipping to a
 * rectangle, and tracing into a canvas, a Path2D or an SVG path string.
 */
import { roundPx } from './svg.ts';

/** Indices chosen by {@link decimateIndices}; −1 entries mark a break in the line. */
export interface Decimation {
  readonly indices: Int32Array;
  readonly length: number;
}

/**
 * Chooses which points of a long series to draw: per pixel column (floor of `pixelOf(x)`) the
 * first, lowest, highest and last valid point in index order (the "M4" rule), so every
 * extreme survives and the drawn line is the same as the full one at that width. Points whose
 * x or y is rejected by `valid` (default: finite) break the line: a −1 is emitted. At most
 * 4 indices per column plus breaks. `out` is reused when it is large enough.
 */
export function decimateIndices(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  count: number,
  pixelOf: (x: number) => number,
  valid: (y: number) => boolean = Number.isFinite,
  out?: Int32Array,
): Decimation {
  const n = Math.min(count, x.length, y.length);
  const indices = out && out.length >= 2 * n + 1 ? out : new Int32Array(Math.max(1, 2 * n + 1));
  let length = 0;
  let column = NaN;
  let first = -1;
  let low = -1;
  let high = -1;
  let last = -1;
  const push = (i: number) => {
    if (length > 0 && indices[length - 1] === i) return;
    indices[length++] = i;
  };
  const flush = () => {
    if (first < 0) return;
    // The column's chosen points in index order, without duplicates.
    const a = low < high ? low : high;
    const b = low < high ? high : low;
    push(first);
    if (a > first) push(a);
    if (b > a && b > first) push(b);
    if (last > b && last > first) push(last);
    first = low = high = last = -1;
  };
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    if (!Number.isFinite(xi) || !valid(yi)) {
      flush();
      column = NaN;
      if (length > 0 && indices[length - 1] !== -1) indices[length++] = -1;
      continue;
    }
    const c = Math.floor(pixelOf(xi));
    if (c !== column) {
      flush();
      column = c;
      first = low = high = last = i;
      continue;
    }
    last = i;
    if (yi < (y[low] as number)) low = i;
    if (yi > (y[high] as number)) high = i;
  }
  flush();
  if (length > 0 && indices[length - 1] === -1) length--;
  return { indices, length };
}

/** Where traced lines go: a canvas context, a Path2D, or an {@link SvgPathBuilder}. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

/** A PathSink that writes an SVG path `d` string, coordinates rounded to 0.01 px. */
export class SvgPathBuilder implements PathSink {
  d = '';
  moveTo(x: number, y: number): void {
    this.d += `M${roundPx(x)},${roundPx(y)}`;
  }
  lineTo(x: number, y: number): void {
    this.d += `L${roundPx(x)},${roundPx(y)}`;
  }
}

/**
 * SVG path through the points `indices[0 … length−1]` of (x, y) mapped by `xPx` and `yPx`; a −1
 * index or a point mapping to a non-finite pixel starts a new sub-path.
 */
export function linePath(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  decimation: Decimation,
  xPx: (x: number) => number,
  yPx: (y: number) => number,
): string {
  let d = '';
  let pen = false;
  for (let k = 0; k < decimation.length; k++) {
    const i = decimation.indices[k] as number;
    if (i < 0) {
      pen = false;
      continue;
    }
    const px = xPx(x[i] as number);
    const py = yPx(y[i] as number);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${roundPx(px)},${roundPx(py)}`;
    pen = true;
  }
  return d;
}

/** A rectangle in pixels: x0 ≤ x ≤ x1, y0 ≤ y ≤ y1. */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * The part of segment a→b inside `r` as parameters [t0, t1] ⊆ [0, 1] along it (Liang–Barsky),
 * or null when it misses the rectangle.
 */
export function clipSegment(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r: PixelRect,
): [number, number] | null {
  const dx = bx - ax;
  const dy = by - ay;
  // Each edge: p·t ≤ q keeps the point inside. Unrolled: this runs for every drawn segment.
  const t = [0, 1] as [number, number];
  if (
    !clipEdge(-dx, ax - r.x0, t) ||
    !clipEdge(dx, r.x1 - ax, t) ||
    !clipEdge(-dy, ay - r.y0, t) ||
    !clipEdge(dy, r.y1 - ay, t)
  )
    return null;
  return t;
}

/** Narrows [t[0], t[1]] to where p·t ≤ q; false when nothing is left. */
function clipEdge(p: number, q: number, t: [number, number]): boolean {
  if (p === 0) return q >= 0;
  const v = q / p;
  if (p < 0) {
    if (v > t[1]) return false;
    if (v > t[0]) t[0] = v;
  } else {
    if (v < t[0]) return false;
    if (v < t[1]) t[1] = v;
  }
  return true;
}

/** How {@link tracePolyline} thins and cuts a trajectory. */
export interface PolylineOptions {
  /** Points closer than this (px) to the last drawn one are skipped, except the final one; default 0.5. */
  readonly minDistancePx?: number;
  /** Every segment is cut to this rectangle (px). */
  readonly clip?: PixelRect;
  /** One more point (data units) after the first `count`, e.g. where the run is now. */
  readonly then?: readonly [number, number];
}

/**
 * Traces a 2D trajectory stored as (x0, y0, x1, y1, …) in `points`, its first `count` points
 * (and `options.then`) mapped to pixels by `toPx`, into `sink`. Points closer than
 * `minDistancePx` to the last drawn one are skipped, except the final point; non-finite points
 * break the line. With `clip`, every segment is cut to that rectangle: a diverging run's
 * segments can be 10⁶ px long, and a browser dashes (rasterises) the whole length it is given.
 */
export function tracePolyline(
  points: ArrayLike<number>,
  count: number,
  toPx: (x: number, y: number) => readonly [number, number],
  sink: PathSink,
  options: PolylineOptions = {},
): void {
  const { minDistancePx = 0.5, clip, then } = options;
  const stored = Math.min(count, Math.floor(points.length / 2));
  const n = stored + (then ? 1 : 0);
  const min2 = minDistancePx * minDistancePx;
  let pen = false;
  let lastX = NaN; // last emitted vertex
  let lastY = NaN;
  let prevX = NaN; // previous finite point, emitted or not
  let prevY = NaN;
  let hasPrev = false;
  const moveTo = (x: number, y: number) => {
    sink.moveTo(x, y);
    lastX = x;
    lastY = y;
    pen = true;
  };
  const lineTo = (x: number, y: number) => {
    sink.lineTo(x, y);
    lastX = x;
    lastY = y;
  };
  for (let i = 0; i < n; i++) {
    const [px, py] =
      i < stored
        ? toPx(points[2 * i] as number, points[2 * i + 1] as number)
        : toPx((then as readonly [number, number])[0], (then as readonly [number, number])[1]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      hasPrev = false;
      continue;
    }
    const final = i === n - 1;
    if (!clip) {
      if (!pen) moveTo(px, py);
      else {
        const dx = px - lastX;
        const dy = py - lastY;
        if (final || dx * dx + dy * dy >= min2) lineTo(px, py);
      }
    } else if (!hasPrev) {
      pen = false;
      if (px >= clip.x0 && px <= clip.x1 && py >= clip.y0 && py <= clip.y1) moveTo(px, py);
    } else {
      const part = clipSegment(prevX, prevY, px, py, clip);
      if (!part) pen = false;
      else {
        const [t0, t1] = part;
        const sx = prevX + t0 * (px - prevX);
        const sy = prevY + t0 * (py - prevY);
        const ex = t1 === 1 ? px : prevX + t1 * (px - prevX);
        const ey = t1 === 1 ? py : prevY + t1 * (py - prevY);
        if (!pen || t0 > 0) moveTo(sx, sy);
        const dx = ex - lastX;
        const dy = ey - lastY;
        if (final || t1 < 1 || dx * dx + dy * dy >= min2) lineTo(ex, ey);
        pen = t1 === 1;
      }
    }
    prevX = px;
    prevY = py;
    hasPrev = true;
  }
}

/** {@link tracePolyline} as an SVG path string. */
export function polylinePath(
  points: ArrayLike<number>,
  count: number,
  toPx: (x: number, y: number) => readonly [number, number],
  minDistancePx = 0.5,
  clip?: PixelRect,
): string {
  const builder = new SvgPathBuilder();
  tracePolyline(points, count, toPx, builder, clip ? { minDistancePx, clip } : { minDistancePx });
  return builder.d;
}
