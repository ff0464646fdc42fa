/**
 * Tiles the CNN lab paints besides the plots' own: filter banks on a given symmetric scale
 * (shared by several runs), and grayscale images (probe images, misclassified digits).
 */
import { colorMap, divergingMap, divergingPosition, type ColorMap } from '../../plots/palette.ts';
import { formatTick } from '../../plots/scales.ts';
import type { TileSet } from '../../plots/tiles.ts';
import type { ScaledBank } from './cnnSources.ts';

/** Black (0) to white (1), as MNIST digits are stored. */
export const grayMap: ColorMap = colorMap((t) => {
  const v = Math.round(255 * t);
  return `rgb(${v}, ${v}, ${v})`;
});

function signed(v: number): string {
  return v > 0 ? `+${formatTick(v)}` : formatTick(v).replace('-', '−');
}

/**
 * Tiles of a filter bank on the scale [−maxAbs, +maxAbs] (RdBu reversed: blue negative, white
 * zero, red positive): one tile per filter, its input channels side by side with a one-pixel
 * transparent gap. Non-finite weights are transparent.
 */
export function scaledFilterTiles({ bank, maxAbs }: ScaledBank): TileSet {
  const { data, count, height, width, channels } = bank;
  const used = Math.min(data.length, count * height * width * channels);
  const m = maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 0;
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
            const color = divergingMap.rgb(divergingPosition(v, m));
            const p = 4 * (y * tileWidth + c * (width + 1) + x);
            out[p] = color[0];
            out[p + 1] = color[1];
            out[p + 2] = color[2];
            out[p + 3] = 255;
          }
        }
      }
    },
  };
}

/** `count` square grayscale images of side `size`, values in [0, 1], one after another. */
export interface ImageStack {
  readonly data: Float32Array;
  readonly count: number;
  readonly size: number;
}

/** Tiles of grayscale images, 0 black … 1 white (values clamped). */
export function imageTiles({ data, count, size }: ImageStack): TileSet {
  const plane = size * size;
  return {
    count,
    tileWidth: size,
    tileHeight: size,
    domain: [0, 1],
    legend: ['0', '0.5', '1'],
    paint(index, out) {
      for (let p = 0; p < plane; p++) {
        const v = data[index * plane + p] ?? 0;
        const g = Math.round(255 * Math.max(0, Math.min(1, v)));
        out[4 * p] = g;
        out[4 * p + 1] = g;
        out[4 * p + 2] = g;
        out[4 * p + 3] = 255;
      }
    },
  };
}
