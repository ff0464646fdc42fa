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
import { levelSpacing, valueScale, type LevelSpacing, type ValueScale } from './levels.ts';
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
  /**
   * The median of |∇f| over the view (central differences between samples, in units of f per
   * data unit; NaN when it has none): the map's yardstick for how long a gradient arrow is.
   */
  readonly typicalGradient: number;
}

/**
 * The median of |∇f| over a sampled field (see the module comment), from central differences
 * at the interior samples of a grid over `box`; NaN when no interior sample has finite ones.
 */
export function medianGradient(
  values: ArrayLike<number>,
  nx: number,
  ny: number,
  box: ViewBox,
): number {
  const hx = (2 * (box.xMax - box.xMin)) / nx;
  const hy = (2 * (box.yMax - box.yMin)) / ny;
  const norms: number[] = [];
  for (let j = 1; j < ny - 1; j++) {
    for (let i = 1; i < nx - 1; i++) {
      const k = j * nx + i;
      const gx = ((values[k + 1] as number) - (values[k - 1] as number)) / hx;
      const gy = ((values[k - nx] as number) - (values[k + nx] as number)) / hy;
      const norm = Math.hypot(gx, gy);
      if (Number.isFinite(norm)) norms.push(norm);
    }
  }
  if (norms.length === 0) return NaN;
  norms.sort((a, b) => a - b);
  const mid = norms.length >> 1;
  return norms.length % 2 === 1
    ? (norms[mid] as number)
    : ((norms[mid - 1] as number) + (norms[mid] as number)) / 2;
}

/**
 * Samples f over `box` at one cell per `resolution` pixels (default 3) of a width × height plot
 * area and derives the value scale, `levelCount` contour levels (default 14, spaced by
 * `spacing`, default {@link levelSpacing} of the samples) in pixel coordinates, heatmap pixels
 * coloured by `colorMapRgb(t)` at the scale's t, and the typical gradient.
 */
export function computeFieldLayers(
  f: (x: number, y: number) => number,
  box: ViewBox,
  width: number,
  height: number,
  options: {
    spacing?: LevelSpacing;
    resolution?: number;
    levelCount?: number;
    colorMapRgb: (t: number) => Rgb;
  },
): FieldLayers {
  const resolution = Math.max(1, options.resolution ?? 3);
  const nx = Math.max(2, Math.round(width / resolution));
  const ny = Math.max(2, Math.round(height / resolution));
  const values = sampleGrid(f, box, nx, ny);
  const scale = valueScale(values, options.spacing ?? levelSpacing(values, nx, ny));
  const levels = scale.levels(options.levelCount ?? 14);
  const paths = contourPaths(values, nx, ny, levels, gridToPixels(nx, ny, width, height));
  const colorMapRgb = options.colorMapRgb;
  const pixels = heatmapPixels(values, nx, ny, (v) => colorMapRgb(scale.normalize(v)));
  const typicalGradient = medianGradient(values, nx, ny, box);
  return { nx, ny, values, scale, levels, paths, pixels, typicalGradient };
}
