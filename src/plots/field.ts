/**
 * Scalar fields on a grid: sampling f over a view box, contour levels, contour paths
 * (d3-contour) and heatmap pixels. Pure functions, testable in Node.
 *
 * Grid convention (the one d3-contour uses): a grid of nx × ny samples, row-major, row 0 at the
 * top. Sample (i, j) is the value at the centre of cell (i, j), i.e. at grid coordinates
 * (i + ½, j + ½) where grid coordinates run over [0, nx] × [0, ny]; data x = xMin + u·(xMax −
 * xMin)/nx and data y = yMax − v·(yMax − yMin)/ny at grid coordinates (u, v). Drawing the nx × ny
 * heatmap stretched over the plot area therefore puts each pixel exactly on its cell.
 */
import { contours } from 'd3-contour';
import type { ViewBox } from '../core/surfaces/surface.ts';
import type { Rgb } from './palette.ts';
import { roundPx } from './svg.ts';

/** Samples f at the centres of an nx × ny grid over `box` (row-major, row 0 = top = yMax). */
export function sampleGrid(
  f: (x: number, y: number) => number,
  box: ViewBox,
  nx: number,
  ny: number,
): Float64Array {
  const values = new Float64Array(nx * ny);
  const dx = (box.xMax - box.xMin) / nx;
  const dy = (box.yMax - box.yMin) / ny;
  for (let j = 0; j < ny; j++) {
    const y = box.yMax - (j + 0.5) * dy;
    for (let i = 0; i < nx; i++) values[j * nx + i] = f(box.xMin + (i + 0.5) * dx, y);
  }
  return values;
}

/**
 * A monotone map between field values and t ∈ [0, 1], shared by contour levels, heatmap colours
 * and the colour legend so all three agree.
 */
export interface ValueScale {
  /** Smallest and largest finite value of the field (0 and 1 when it has none). */
  readonly min: number;
  readonly max: number;
  /** Whether t is linear in log(f − min + ε) rather than in f. */
  readonly log: boolean;
  /** ε of the log mapping, in units of f (0 when linear). */
  readonly epsilon: number;
  /** t of a value, clamped to [0, 1]; +∞ ↦ 1, −∞ ↦ 0, NaN ↦ NaN. */
  normalize(value: number): number;
  /** Value at t ∈ [0, 1]: the inverse of {@link normalize}. */
  invert(t: number): number;
  /**
   * `count` levels evenly spaced in t strictly inside (0, 1): t_k = k/(count + 1), k = 1…count,
   * so neither the extreme sample nor a degenerate contour is a level. Empty when the field is
   * constant or has no finite value.
   */
  levels(count: number): number[];
}

/** ε of the log mapping relative to the field's range: levels span five decades below max − min. */
export const DEFAULT_LOG_EPSILON = 1e-5;

/**
 * The value scale of a field. Non-finite values (NaN, ±∞, e.g. a custom formula's log of a
 * negative number) are ignored when finding the range; negative values are fine (log mode
 * shifts by the minimum). Options: `log` (default false); `epsilon` of log(f − min + ε) in
 * units of f (default 1e-5·(max − min)).
 */
export function valueScale(
  values: ArrayLike<number>,
  options: { log?: boolean; epsilon?: number } = {},
): ValueScale {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > -Infinity && v < Infinity) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const empty = !(min <= max);
  if (empty) {
    min = 0;
    max = 1;
  }
  const range = max - min;
  const degenerate = empty || !(range > 0);
  const log = options.log ?? false;
  if (!log) {
    return {
      min,
      max,
      log: false,
      epsilon: 0,
      normalize(v) {
        if (Number.isNaN(v)) return NaN;
        if (degenerate) return v > max ? 1 : v < min ? 0 : 0.5;
        const t = (v - min) / range;
        return t < 0 ? 0 : t > 1 ? 1 : t;
      },
      invert: (t) => min + t * range,
      levels: (count) => (degenerate ? [] : evenLevels(count).map((t) => min + t * range)),
    };
  }
  const epsilon = options.epsilon ?? DEFAULT_LOG_EPSILON * (degenerate ? 1 : range);
  const g0 = Math.log(epsilon);
  const g1 = Math.log(range + epsilon);
  const span = g1 - g0;
  const invert = (t: number) => min + Math.exp(g0 + t * span) - epsilon;
  return {
    min,
    max,
    log: true,
    epsilon,
    normalize(v) {
      if (Number.isNaN(v)) return NaN;
      if (degenerate) return v > max ? 1 : v < min ? 0 : 0.5;
      if (v <= min) return 0;
      const t = (Math.log(v - min + epsilon) - g0) / span;
      return t > 1 ? 1 : t;
    },
    invert,
    levels: (count) => (degenerate ? [] : evenLevels(count).map(invert)),
  };
}

function evenLevels(count: number): number[] {
  const n = Math.max(0, Math.floor(count));
  const ts: number[] = [];
  for (let k = 1; k <= n; k++) ts.push(k / (n + 1));
  return ts;
}

/**
 * `count` contour levels of a sampled field: evenly spaced in f (linear) or in
 * log(f − fmin + ε) and mapped back (`log: true`, for surfaces like Rosenbrock whose valley
 * would otherwise get no contour at all). See {@link valueScale} for robustness and defaults.
 */
export function contourLevels(
  values: ArrayLike<number>,
  count: number,
  options: { log?: boolean; epsilon?: number } = {},
): number[] {
  return valueScale(values, options).levels(count);
}

/** Maps grid coordinates (u, v) ∈ [0, nx] × [0, ny] to pixels [px, py]. */
export type GridToPixels = (u: number, v: number) => readonly [number, number];

/** The grid → pixel map of a grid of nx × ny cells stretched over a width × height area. */
export function gridToPixels(nx: number, ny: number, width: number, height: number): GridToPixels {
  const sx = width / nx;
  const sy = height / ny;
  return (u, v) => [u * sx, v * sy];
}

/** One contour level's outline as an SVG path in pixels ('' when the level has no contour). */
export interface ContourPath {
  readonly level: number;
  readonly d: string;
}

/**
 * Contour outlines of a sampled field (see the module comment for the grid convention) at
 * `levels`, as SVG path strings in the pixel coordinates given by `toPixels`: closed rings, or
 * open polylines where the grid's edge cuts a ring; coordinates rounded to 0.01 px. NaN samples
 * count as below every level; non-finite levels are skipped.
 */
export function contourPaths(
  values: ArrayLike<number>,
  nx: number,
  ny: number,
  levels: readonly number[],
  toPixels: GridToPixels,
): ContourPath[] {
  if (nx < 2 || ny < 2) return [];
  const generator = contours().size([nx, ny]);
  const grid = values as unknown as number[]; // d3-contour only indexes it
  const out: ContourPath[] = [];
  for (const level of levels) {
    if (!Number.isFinite(level)) continue;
    const polygons = generator.contour(grid, level).coordinates;
    let d = '';
    for (const polygon of polygons) {
      for (const ring of polygon) d += ringPath(ring as [number, number][], nx, ny, toPixels);
    }
    out.push({ level, d });
  }
  return out;
}

/**
 * One d3 ring (closed: its last point repeats the first) as SVG commands. Where a region is cut
 * by the grid's edge, d3 closes the ring along the edge through points on the boundary
 * (u ∈ {0, nx} or v ∈ {0, ny}); segments touching those points are not level lines — the last
 * one even leans half a cell sideways — so they are skipped and the ring becomes open polylines
 * that end at the outermost sample row or column, half a cell from the edge.
 */
function ringPath(
  ring: readonly [number, number][],
  nx: number,
  ny: number,
  toPixels: GridToPixels,
): string {
  const onBoundary = (p: readonly [number, number]) =>
    p[0] === 0 || p[0] === nx || p[1] === 0 || p[1] === ny;
  const point = (p: readonly [number, number]) => {
    const [px, py] = toPixels(p[0], p[1]);
    return `${roundPx(px)},${roundPx(py)}`;
  };
  let d = '';
  let pen = false;
  let cut = false;
  for (let k = 1; k < ring.length; k++) {
    const a = ring[k - 1] as [number, number];
    const b = ring[k] as [number, number];
    if (onBoundary(a) || onBoundary(b)) {
      pen = false;
      cut = true;
      continue;
    }
    if (!pen) d += `M${point(a)}`;
    d += `L${point(b)}`;
    pen = true;
  }
  return cut || d === '' ? d : `${d}Z`;
}

/**
 * RGBA pixels (nx × ny, row-major, 4 bytes each) of a sampled field: colorFn gives the colour
 * of a finite value; NaN and ±∞ samples are left transparent (alpha 0) so "undefined here"
 * shows as the page background rather than as a misleading colour.
 */
export function heatmapPixels(
  values: ArrayLike<number>,
  nx: number,
  ny: number,
  colorFn: (value: number) => Rgb,
): Uint8ClampedArray {
  const n = nx * ny;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!(v > -Infinity && v < Infinity)) continue;
    const c = colorFn(v);
    out[4 * i] = c[0];
    out[4 * i + 1] = c[1];
    out[4 * i + 2] = c[2];
    out[4 * i + 3] = 255;
  }
  return out;
}

/** Everything ContourPlot draws of a field: computed once per surface, view and size. */
export interface FieldLayers {
  /** Grid size in cells. */
  readonly nx: number;
  readonly ny: number;
  /** nx·ny samples, see the module comment. */
  readonly values: Float64Array;
  readonly scale: ValueScale;
  readonly levels: readonly number[];
  /** Contour outlines in plot-area pixels. */
  readonly paths: readonly ContourPath[];
  /** nx × ny RGBA heatmap. */
  readonly pixels: Uint8ClampedArray;
}

/**
 * Samples f over `box` at one cell per `resolution` pixels (default 3) of a width × height plot
 * area and derives the value scale, `levelCount` contour levels (default 14, log-spaced when
 * `log`) in pixel coordinates, and heatmap pixels coloured by `colorMapRgb(t)` at the scale's t.
 */
export function computeFieldLayers(
  f: (x: number, y: number) => number,
  box: ViewBox,
  width: number,
  height: number,
  options: {
    log?: boolean;
    resolution?: number;
    levelCount?: number;
    colorMapRgb: (t: number) => Rgb;
  },
): FieldLayers {
  const resolution = Math.max(1, options.resolution ?? 3);
  const nx = Math.max(2, Math.round(width / resolution));
  const ny = Math.max(2, Math.round(height / resolution));
  const values = sampleGrid(f, box, nx, ny);
  const scale = valueScale(values, { log: options.log ?? false });
  const levels = scale.levels(options.levelCount ?? 14);
  const paths = contourPaths(values, nx, ny, levels, gridToPixels(nx, ny, width, height));
  const colorMapRgb = options.colorMapRgb;
  const pixels = heatmapPixels(values, nx, ny, (v) => colorMapRgb(scale.normalize(v)));
  return { nx, ny, values, scale, levels, paths, pixels };
}
