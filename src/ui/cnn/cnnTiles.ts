/**
 * Tiles the CNN lab paints besides the plots' own: filter banks on a given symmetric scale
 * (shared by several runs), and grayscale images (probe images, misclassified digits).
 */
import { colorMap, type ColorMap } from '../../plots/palette.ts';
import { filterTiles, type TileSet } from '../../plots/tiles.ts';
import type { ScaledBank } from './cnnSources.ts';

/** Black (0) to white (1), as MNIST digits are stored. */
export const grayMap: ColorMap = colorMap((t) => {
  const v = Math.round(255 * t);
  return `rgb(${v}, ${v}, ${v})`;
});

/**
 * Tiles of a filter bank on the scale [−maxAbs, +maxAbs] shared by several runs (RdBu
 * reversed: blue negative, white zero, red positive).
 */
export function scaledFilterTiles({ bank, maxAbs }: ScaledBank): TileSet {
  return filterTiles(bank, maxAbs);
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
