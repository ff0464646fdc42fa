/**
 * Line-chart geometry: linear and log scales with ticks (d3-scale), nearest-point lookup for
 * hover, min/max decimation of long series to the pixel width, and path strings.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { roundPx } from './svg.ts';

/** Kind of a chart axis. */
export type ScaleKind = 'linear' | 'log';

/** A tick of an axis: its value, its pixel position and its label. */
export interface Tick {
  readonly value: number;
  readonly px: number;
  readonly label: string;
}

/** A one-dimensional map from data values to pixels. */
export interface ChartScale {
  readonly kind: ScaleKind;
  /** The data interval shown, [low, high] (positive for log). */
  readonly domain: readonly [number, number];
  /** The pixel interval it is drawn on, [start, end] (end < start for a y axis). */
  readonly range: readonly [number, number];
  /** Pixel of a value; NaN for values a log axis cannot show (≤ 0) or NaN. */
  map(value: number): number;
  /** Value at a pixel. */
  invert(px: number): number;
  /** About `count` (default 5) round values inside the domain, with labels. */
  ticks(count?: number): Tick[];
  /** Whether the axis can show `value` at all (finite, and positive for log). */
  accepts(value: number): boolean;
}

/**
 * A scale of `kind` from `domain` onto `range`. A log domain that is not positive and finite is
 * replaced by [1, 10]; a linear one that is not finite by [0, 1]; an empty domain is widened
 * (±1 linear, ×/÷ √10 log) so a constant series still draws as a flat line in the middle.
 */
export function chartScale(
  kind: ScaleKind,
  domain: readonly [number, number],
  range: readonly [number, number],
): ChartScale {
  let [lo, hi] = domain;
  if (kind === 'log') {
    if (!(lo > 0 && hi > 0 && Number.isFinite(lo) && Number.isFinite(hi))) [lo, hi] = [1, 10];
    if (lo === hi) [lo, hi] = [lo / Math.sqrt(10), hi * Math.sqrt(10)];
    const s = scaleLog().domain([lo, hi]).range([range[0], range[1]]);
    return {
      kind,
      domain: [lo, hi],
      range,
      map: (v) => (v > 0 ? s(v) : NaN),
      invert: (px) => s.invert(px),
      accepts: (v) => v > 0 && v < Infinity,
      ticks(count = 5) {
        return logTicks(lo, hi, count).map((v) => ({ value: v, px: s(v), label: formatTick(v) }));
      },
    };
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const s = scaleLinear().domain([lo, hi]).range([range[0], range[1]]);
  return {
    kind,
    domain: [lo, hi],
    range,
    map: (v) => s(v),
    invert: (px) => s.invert(px),
    accepts: (v) => Number.isFinite(v),
    ticks(count = 5) {
      const format = s.tickFormat(count);
      return s.ticks(count).map((v) => ({ value: v, px: s(v), label: format(v) }));
    },
  };
}

/**
 * Log ticks: powers of ten when the domain spans at least one decade (thinned to about `count`),
 * otherwise d3's 1-2-5 subdivision.
 */
function logTicks(lo: number, hi: number, count: number): number[] {
  const e0 = Math.ceil(Math.log10(lo) - 1e-12);
  const e1 = Math.floor(Math.log10(hi) + 1e-12);
  if (e1 - e0 >= 1) {
    const stride = Math.max(1, Math.ceil((e1 - e0 + 1) / Math.max(1, count)));
    const out: number[] = [];
    for (let e = e0; e <= e1; e += stride) out.push(Number(`1e${e}`));
    return out;
  }
  return scaleLog()
    .domain([lo, hi])
    .ticks(count)
    .filter((v, i, all) => {
      // d3 returns every 1…9 multiple inside a decade; keep about `count` of them.
      const stride = Math.max(1, Math.ceil(all.length / Math.max(1, count)));
      return i % stride === 0;
    });
}

/**
 * Extends [lo, hi] to round values: linear via d3's nice(); log to whole decades (when the data
 * span at least a decade) or to d3's nice() otherwise.
 */
export function niceDomain(kind: ScaleKind, lo: number, hi: number): [number, number] {
  if (kind === 'log') {
    if (!(lo > 0 && hi > 0)) return [lo, hi];
    if (Math.log10(hi / lo) >= 1) {
      return [10 ** Math.floor(Math.log10(lo) + 1e-12), 10 ** Math.ceil(Math.log10(hi) - 1e-12)];
    }
    const d = scaleLog().domain([lo, hi]).nice().domain();
    return [d[0] as number, d[1] as number];
  }
  if (!(lo < hi)) return [lo, hi];
  const d = scaleLinear().domain([lo, hi]).nice().domain();
  return [d[0] as number, d[1] as number];
}

/**
 * A tick label: 3 significant digits ("0.0159", "7.64"), whole numbers from 1000 ("2416"),
 * exponent form outside [1e-3, 1e5) ("2.5e5", "1e-4").
 */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return exponential(v, 2);
  if (a >= 1e3) return String(Math.round(v));
  return trimZeros(v.toPrecision(3));
}

/** v as mantissa with `digits` decimals (trailing zeros trimmed) and a plain exponent: "1.5e-7". */
function exponential(v: number, digits: number): string {
  const [m, e] = v.toExponential(digits).split('e') as [string, string];
  return `${trimZeros(m)}e${e.replace('+', '')}`;
}

/**
 * A value for a readout: 6 significant digits (exponent form outside [1e-4, 1e6)), "∞", "−∞"
 * or "NaN" for non-finite values. Integers below 1e6 are printed in full.
 */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e6) return String(v);
  if (a >= 1e6 || a < 1e-4) return exponential(v, 5);
  const p = v.toPrecision(6);
  // toPrecision switches to exponent form itself when rounding reaches 1e6 (999999.7).
  return p.includes('e') ? exponential(v, 5) : trimZeros(p);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * Index of the element of x[0 … count−1] (sorted ascending) nearest to `target`; ties go to the
 * lower index. −1 when count is 0 or target is NaN.
 */
export function nearestIndex(x: ArrayLike<number>, count: number, target: number): number {
  const n = Math.min(count, x.length);
  if (n <= 0 || Number.isNaN(target)) return -1;
  let lo = 0;
  let hi = n - 1;
  if (target <= (x[0] as number)) return 0;
  if (target >= (x[hi] as number)) return hi;
  // Invariant: x[lo] < target < x[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= target) lo = mid;
    else hi = mid;
  }
  return target - (x[lo] as number) <= (x[hi] as number) - target ? lo : hi;
}

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
