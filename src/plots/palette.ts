/**
 * Colours of Descent Lab's plots. Runs get Okabe–Ito colours (distinguishable under the common
 * colour-vision deficiencies) and, in addition, a dash pattern and a marker shape each, so no
 * information is carried by colour alone. Fields use perceptually uniform maps.
 */
import { roundPx } from './svg.ts';
import { interpolateCividis, interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

/** An sRGB colour as [red, green, blue], each 0–255. */
export type Rgb = readonly [number, number, number];

/** Shape of the marker drawn at a run's current point and in legends. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star';

/** How one run is drawn: stroke colour, SVG `stroke-dasharray` ('' = solid) and marker. */
export interface RunStyle {
  /** CSS colour. */
  readonly color: string;
  /** SVG stroke-dasharray in pixels; '' draws a solid line. */
  readonly dash: string;
  readonly marker: MarkerShape;
  /** The colour's name, for legends and descriptions ("blue", "vermillion"). */
  readonly colorName: string;
}

/**
 * Six run styles: Okabe–Ito colours without yellow and black (yellow vanishes on a light
 * background; black is kept for axes), each paired with its own dash pattern and marker.
 */
export const RUN_STYLES: readonly RunStyle[] = [
  { color: '#0072B2', colorName: 'blue', dash: '', marker: 'circle' },
  { color: '#D55E00', colorName: 'vermillion', dash: '7 3', marker: 'square' },
  { color: '#009E73', colorName: 'bluish green', dash: '2 2', marker: 'triangle' },
  { color: '#CC79A7', colorName: 'reddish purple', dash: '9 3 2 3', marker: 'diamond' },
  { color: '#E69F00', colorName: 'orange', dash: '4 4', marker: 'cross' },
  { color: '#56B4E9', colorName: 'sky blue', dash: '1 3', marker: 'star' },
];

/** The style of the run at `index` (0-based); cycles after six runs. */
export function runStyle(index: number): RunStyle {
  const n = RUN_STYLES.length;
  const i = ((Math.trunc(index) % n) + n) % n;
  return RUN_STYLES[i] as RunStyle;
}

/**
 * SVG path of a marker of `shape` centred at (cx, cy) pixels with "radius" r pixels (half
 * the width of its bounding box; default markers use r ≈ 4–5).
 */
export function markerPath(shape: MarkerShape, cx: number, cy: number, r: number): string {
  const p = (x: number, y: number) => `${roundPx(cx + x)},${roundPx(cy + y)}`;
  switch (shape) {
    case 'circle':
      return `M${p(-r, 0)}A${roundPx(r)},${roundPx(r)} 0 1,0 ${p(r, 0)}A${roundPx(r)},${roundPx(r)} 0 1,0 ${p(-r, 0)}Z`;
    case 'square': {
      const s = r * 0.85;
      return `M${p(-s, -s)}L${p(s, -s)}L${p(s, s)}L${p(-s, s)}Z`;
    }
    case 'triangle':
      return `M${p(0, -r)}L${p(r * 0.95, r * 0.7)}L${p(-r * 0.95, r * 0.7)}Z`;
    case 'diamond':
      return `M${p(0, -r)}L${p(r, 0)}L${p(0, r)}L${p(-r, 0)}Z`;
    case 'cross': {
      const t = r * 0.35;
      return (
        `M${p(-t, -r)}L${p(t, -r)}L${p(t, -t)}L${p(r, -t)}L${p(r, t)}L${p(t, t)}` +
        `L${p(t, r)}L${p(-t, r)}L${p(-t, t)}L${p(-r, t)}L${p(-r, -t)}L${p(-t, -t)}Z`
      );
    }
    case 'star': {
      let d = '';
      for (let k = 0; k < 10; k++) {
        const radius = k % 2 === 0 ? r : r * 0.45;
        const angle = -Math.PI / 2 + (k * Math.PI) / 5;
        d += `${k === 0 ? 'M' : 'L'}${p(radius * Math.cos(angle), radius * Math.sin(angle))}`;
      }
      return `${d}Z`;
    }
    default: {
      const unreachable: never = shape;
      return unreachable;
    }
  }
}

/**
 * Parses the colour strings d3-scale-chromatic returns ("#rrggbb" or "rgb(r, g, b)").
 * Returns black for anything else.
 */
export function parseRgb(css: string): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(css.trim());
  if (hex) {
    const n = parseInt(hex[1] as string, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(css.trim());
  if (fn) return [Math.round(Number(fn[1])), Math.round(Number(fn[2])), Math.round(Number(fn[3]))];
  return [0, 0, 0];
}

/** "#rrggbb" of an {@link Rgb}. */
export function rgbToCss(c: Rgb): string {
  return `#${((1 << 24) | (c[0] << 16) | (c[1] << 8) | c[2]).toString(16).slice(1)}`;
}

/**
 * A colour map t ∈ [0, 1] → colour, tabulated once so a heatmap of 10⁵ cells costs a table
 * lookup per cell instead of a colour-string parse.
 */
export interface ColorMap {
  /** Colour at t, clamped to [0, 1]; the returned tuple is shared, do not mutate it. */
  rgb(t: number): Rgb;
  /** CSS colour at t. */
  css(t: number): string;
  /** A CSS linear-gradient(…) of `n` stops (default 11) from t = 0 to t = 1, for legends. */
  gradient(direction?: string, n?: number): string;
}

/**
 * Tabulates `interpolator` at `size` points (default 257: odd, so t = ½ — zero on a diverging
 * scale — has an entry of its own). `whiten` ∈ [0, 1] (default 0) mixes
 * in that fraction of white, to lighten a heatmap under coloured trajectories.
 */
export function colorMap(
  interpolator: (t: number) => string,
  options: { size?: number; whiten?: number } = {},
): ColorMap {
  const size = Math.max(2, Math.floor(options.size ?? 257));
  const whiten = Math.min(1, Math.max(0, options.whiten ?? 0));
  const table: Rgb[] = [];
  for (let i = 0; i < size; i++) {
    const c = parseRgb(interpolator(i / (size - 1)));
    table.push([
      Math.round(c[0] + (255 - c[0]) * whiten),
      Math.round(c[1] + (255 - c[1]) * whiten),
      Math.round(c[2] + (255 - c[2]) * whiten),
    ]);
  }
  const rgb = (t: number): Rgb => {
    const clamped = t > 1 ? 1 : t > 0 ? t : 0; // NaN → 0
    return table[Math.round(clamped * (size - 1))] as Rgb;
  };
  return {
    rgb,
    css: (t) => rgbToCss(rgb(t)),
    gradient(direction = 'to right', n = 11) {
      const stops: string[] = [];
      for (let i = 0; i < n; i++) {
        stops.push(`${rgbToCss(rgb(i / (n - 1)))} ${((100 * i) / (n - 1)).toFixed(1)}%`);
      }
      return `linear-gradient(${direction}, ${stops.join(', ')})`;
    },
  };
}

/** Sequential map for non-negative fields (activation maps, matrices): viridis. */
export const sequentialMap: ColorMap = colorMap(interpolateViridis);

/**
 * Sequential map under contour lines and trajectories: cividis (readable with any colour-vision
 * deficiency), lightened by 20% white: dark valleys against light walls, the runs on top still prominent.
 */
export const heatmapMap: ColorMap = colorMap(interpolateCividis, { whiten: 0.2 });

/**
 * Diverging map for signed weights: t = 0 blue (most negative), t = ½ white (zero), t = 1 red
 * (most positive) — ColorBrewer RdBu reversed.
 */
export const divergingMap: ColorMap = colorMap((t) => interpolateRdBu(1 - t));

/**
 * Position t ∈ [0, 1] of a signed value on a symmetric diverging scale [−maxAbs, +maxAbs]:
 * 0 ↦ ½. A non-positive or non-finite maxAbs maps everything to ½; NaN maps to ½.
 */
export function divergingPosition(value: number, maxAbs: number): number {
  if (!(maxAbs > 0 && Number.isFinite(maxAbs)) || Number.isNaN(value)) return 0.5;
  const t = 0.5 + value / (2 * maxAbs);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Relative luminance (WCAG) of an sRGB colour, in [0, 1]. */
export function luminance(c: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

/** Black or white text, whichever contrasts more with the background `c`. */
export function textColorOn(c: Rgb): '#000' | '#fff' {
  // Contrast with black: (L + 0.05)/0.05; with white: 1.05/(L + 0.05); equal at L ≈ 0.179.
  return luminance(c) > 0.179 ? '#000' : '#fff';
}
