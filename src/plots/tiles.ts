/**
 * Small images of network tensors: conv filters (diverging colours, one symmetric scale shared
 * by all filters of a layer) and activation maps (sequential colours, one shared scale). Pure
 * functions producing RGBA pixels; the components paint them on canvases.
 */
import { divergingMap, divergingPosition, sequentialMap, type Rgb } from './palette.ts';
import { formatTick } from '../core/numbers.ts';

/**
 * The filters of one conv layer in PyTorch's OIHW layout (the CNN core's): the weight of filter
 * f, input channel c, row y, column x is data[((f·channels + c)·height + y)·width + x].
 */
export interface FilterBank {
  readonly data: Float32Array | Float64Array;
  /** Number of filters (output channels). */
  readonly count: number;
  /** Kernel rows and columns. */
  readonly height: number;
  readonly width: number;
  /** Input channels per filter. */
  readonly channels: number;
}

/**
 * One layer's activations for one image in planar CHW order (the CNN core's): the value of
 * channel c at row y, column x is data[(c·height + y)·width + x]. Each channel is one map.
 */
export interface ActivationVolume {
  readonly data: Float32Array | Float64Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** A set of same-sized tiles ready to paint. */
export interface TileSet {
  readonly count: number;
  /** Tile size in image pixels (before CSS magnification). */
  readonly tileWidth: number;
  readonly tileHeight: number;
  /** Writes tile `index`'s RGBA pixels (tileWidth × tileHeight × 4) into `out`. */
  paint(index: number, out: Uint8ClampedArray): void;
  /** Legend labels at the low end, middle and high end of the colour scale. */
  readonly legend: readonly [string, string, string];
  /** The scale's low and high ends (−m and +m for filters). */
  readonly domain: readonly [number, number];
}

/** Largest |v| over the finite entries of data[0 … length−1]; 0 when there are none. */
export function maxAbsFinite(data: ArrayLike<number>, length = data.length): number {
  let m = 0;
  for (let i = 0; i < length; i++) {
    const a = Math.abs(data[i] as number);
    if (a > m && a < Infinity) m = a;
  }
  return m;
}

/** [min, max] over the finite entries of data[0 … length−1]; [0, 0] when there are none. */
export function finiteRange(data: ArrayLike<number>, length = data.length): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < length; i++) {
    const v = data[i] as number;
    if (v > -Infinity && v < Infinity) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

function put(out: Uint8ClampedArray, p: number, c: Rgb): void {
  out[4 * p] = c[0];
  out[4 * p + 1] = c[1];
  out[4 * p + 2] = c[2];
  out[4 * p + 3] = 255;
}

/** Signed label with an explicit + for the high end of a symmetric scale. */
function signed(v: number): string {
  return v > 0 ? `+${formatTick(v)}` : formatTick(v).replace('-', '−');
}

/**
 * Tiles of a filter bank: one tile per filter with its input channels side by side, separated by
 * one transparent pixel column (tile width channels·(width + 1) − 1). Colours: RdBu reversed on
 * the symmetric scale [−m, +m], m = `maxAbs` when given (a scale shared with other banks), else
 * the largest finite |weight| of this bank, so equal colours mean equal weights across filters.
 * Non-finite weights are transparent.
 */
export function filterTiles(bank: FilterBank, maxAbs?: number): TileSet {
  const { data, count, height, width, channels } = bank;
  const used = Math.min(data.length, count * height * width * channels);
  const m =
    maxAbs === undefined
      ? maxAbsFinite(data, used)
      : maxAbs > 0 && Number.isFinite(maxAbs)
        ? maxAbs
        : 0;
  const tileWidth = channels * (width + 1) - 1;
  return {
    count,
    tileWidth,
    tileHeight: height,
    domain: [-m, m],
    legend: [signed(-m), '0', signed(m)],
    paint(index, out) {
      out.fill(0);
      for (let c = 0; c < channels; c++) {
        const base = (index * channels + c) * height * width;
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const i = base + y * width + x;
            const v = i < used ? (data[i] as number) : NaN;
            if (!Number.isFinite(v)) continue;
            const t = divergingPosition(v, m);
            put(out, y * tileWidth + c * (width + 1) + x, divergingMap.rgb(t));
          }
        }
      }
    },
  };
}

/**
 * Tiles of an activation volume: one tile per channel, viridis on one scale shared by all
 * channels, [min(0, lo), hi] over the finite values (so 0 — a dead ReLU — is the darkest colour
 * whenever the activations are non-negative). Non-finite values are transparent.
 */
export function activationTiles(volume: ActivationVolume): TileSet {
  const { data, height, width, channels } = volume;
  const used = Math.min(data.length, height * width * channels);
  const [lo0, hi] = finiteRange(data, used);
  const lo = Math.min(0, lo0);
  const span = hi - lo;
  return {
    count: channels,
    tileWidth: width,
    tileHeight: height,
    domain: [lo, hi],
    legend: [formatTick(lo), formatTick((lo + hi) / 2), formatTick(hi)],
    paint(index, out) {
      out.fill(0);
      const plane = height * width;
      for (let p = 0; p < plane; p++) {
        const i = index * plane + p;
        const v = i < used ? (data[i] as number) : NaN;
        if (!Number.isFinite(v)) continue;
        put(out, p, sequentialMap.rgb(span > 0 ? (v - lo) / span : 0));
      }
    },
  };
}
