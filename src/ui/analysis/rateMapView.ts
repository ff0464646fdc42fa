/**
 * Geometry of the (η, γ) rate map: the grid of ρ over a log η axis and a linear γ axis from 0
 * to 0.99, its colours, contour lines and the stability boundary ρ = 1, and the conversions
 * between pixels and settings. Pure functions; the arithmetic of ρ is the core's.
 */
import {
  MAX_MAP_MOMENTUM,
  defaultLrRange,
  iterationRate,
  methodOptimum,
  type LinearMethod,
} from '../../core/analysis/rateMap.ts';
import { contourPaths, gridToPixels, heatmapPixels, sampleGrid } from '../../plots/field.ts';
import { heatmapMap, type Rgb } from '../../plots/palette.ts';

/** Grid cells along η and along γ. */
export const RATE_GRID = { nx: 96, ny: 60 } as const;

/** Contour levels of ρ drawn as thin lines (ρ = 1 is drawn on its own, bold). */
export const RATE_LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99] as const;

/** ρ at or above 1 (no convergence): a neutral grey, apart from every colour of the scale. */
export const DIVERGED_RGB: Rgb = [200, 200, 200];

/** Decades of ρ's distance from 1 that the colour scale spans: ρ from 0 to 1 − 10⁻³. */
const COLOR_DECADES = 3;

/**
 * Where ρ < 1 sits on the colour scale, t ∈ [0, 1]: by log₁₀(1 − ρ), so the slow settings near
 * the boundary (ρ = 0.9, 0.99, 0.999) are told apart; t = 0 (dark) is the fastest.
 */
export function rateScalePosition(rate: number): number {
  if (!(rate < 1)) return 1;
  const t = Math.log10(1 - rate) / -COLOR_DECADES;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** The colour of a cell with rate ρ: cividis by speed, grey where it does not converge. */
export function rateColor(rate: number): Rgb {
  return rate < 1 ? heatmapMap.rgb(rateScalePosition(rate)) : DIVERGED_RGB;
}

/** A computed map: its axes, ρ on the grid, the heatmap and the method's optimum. */
export interface RateMapModel {
  readonly method: LinearMethod;
  readonly lambdas: readonly number[];
  /** The η axis [low, high] (log scale). */
  readonly lrDomain: readonly [number, number];
  readonly nx: number;
  readonly ny: number;
  /** ρ at the centres of the cells, row-major, row 0 at γ = 0.99 (field.ts's convention). */
  readonly rates: Float64Array;
  /** nx × ny RGBA. */
  readonly pixels: Uint8ClampedArray;
  /** (η*, γ*) and its ρ, when the method has a closed form and λmin > 0. */
  readonly optimum: {
    readonly lr: number;
    readonly momentum: number;
    readonly rate: number;
  } | null;
}

/** Most decades the η axis spans, however far apart the runs' rates are. */
const MAX_DECADES = 8;

/**
 * The map of `method` on curvatures `lambdas`, its η axis widened to show every rate in
 * `lrsShown` (the runs' current η). Null when no curvature scales η.
 */
export function rateMapModel(
  method: LinearMethod,
  lambdas: readonly number[],
  lrsShown: readonly number[],
): RateMapModel | null {
  const range = defaultLrRange(method, lambdas);
  if (!range) return null;
  let [low, high] = range;
  for (const lr of lrsShown) {
    if (!(lr > 0 && Number.isFinite(lr))) continue;
    low = Math.min(low, lr / 2);
    high = Math.max(high, lr * 2);
  }
  low = Math.max(low, high * 10 ** -MAX_DECADES);
  const { nx, ny } = RATE_GRID;
  const box = { xMin: Math.log10(low), xMax: Math.log10(high), yMin: 0, yMax: MAX_MAP_MOMENTUM };
  const rates = sampleGrid(
    (logLr, momentum) => iterationRate(method, 10 ** logLr, momentum, lambdas),
    box,
    nx,
    ny,
  );
  const sorted = [...lambdas].sort((a, b) => a - b);
  return {
    method,
    lambdas,
    lrDomain: [low, high],
    nx,
    ny,
    rates,
    pixels: heatmapPixels(rates, nx, ny, rateColor),
    optimum: methodOptimum(method, sorted[0] ?? NaN, sorted[sorted.length - 1] ?? NaN),
  };
}

/** Pixel ↔ setting conversions of a plot area of width × height showing `model`. */
export interface RateMapFrame {
  readonly x: (lr: number) => number;
  readonly y: (momentum: number) => number;
  readonly lr: (x: number) => number;
  readonly momentum: (y: number) => number;
}

export function rateMapFrame(
  lrDomain: readonly [number, number],
  width: number,
  height: number,
): RateMapFrame {
  const a = Math.log10(lrDomain[0]);
  const b = Math.log10(lrDomain[1]);
  return {
    x: (lr) => ((Math.log10(lr) - a) / (b - a)) * width,
    y: (momentum) => (1 - momentum / MAX_MAP_MOMENTUM) * height,
    lr: (x) => 10 ** (a + (x / width) * (b - a)),
    momentum: (y) => (1 - y / height) * MAX_MAP_MOMENTUM,
  };
}

/** Contour lines at {@link RATE_LEVELS} and the boundary ρ = 1, as SVG paths in pixels. */
export function rateContours(
  model: RateMapModel,
  width: number,
  height: number,
): { readonly levels: readonly { level: number; d: string }[]; readonly boundary: string } {
  const toPixels = gridToPixels(model.nx, model.ny, width, height);
  const paths = contourPaths(model.rates, model.nx, model.ny, [...RATE_LEVELS, 1], toPixels);
  return {
    levels: paths.filter((p) => p.level < 1),
    boundary: paths.find((p) => p.level === 1)?.d ?? '',
  };
}

/**
 * A setting picked on the map, rounded as a person would type it: η to three significant
 * digits, γ to hundredths within [0, 0.99].
 */
export function roundedSetting(lr: number, momentum: number): { lr: number; momentum: number } {
  const gamma = Math.min(MAX_MAP_MOMENTUM, Math.max(0, Math.round(momentum * 100) / 100));
  return { lr: Number(lr.toPrecision(3)), momentum: gamma };
}
