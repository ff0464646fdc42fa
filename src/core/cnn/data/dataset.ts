/**
 * Labelled image sets for the CNN lab, and the deterministic split into training and held-out
 * samples. Pixels stay bytes (0 = black … 255 = white) until a batch is gathered.
 */
import { Random } from '../../random.ts';

/** A set of single-channel images with one class label each. */
export interface ImageDataset {
  readonly name: 'mnist' | 'shapes';
  /** Number of images N. */
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** Number of classes; labels are 0 … classes − 1. */
  readonly classes: number;
  /** Display name of each class ("0" … "9" for MNIST). */
  readonly classNames: readonly string[];
  /** N × height × width bytes, image after image, rows top to bottom. */
  readonly pixels: Uint8Array;
  /** N labels. */
  readonly labels: Uint8Array;
}

/** Which images train and which are held out, as indices into a data set. */
export interface DatasetSplit {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/** Seed of the one fixed MNIST split, so test accuracies of different experiments compare. */
export const SPLIT_SEED = 20_240_601;

/**
 * A fixed, seeded permutation of all images: the first `trainSize` train, the last `testSize`
 * are held out (so the held-out set stays the same whatever `trainSize` is).
 */
export function splitDataset(
  dataset: ImageDataset,
  trainSize: number,
  testSize: number,
  seed = SPLIT_SEED,
): DatasetSplit {
  if (!(
    Number.isInteger(trainSize) &&
    Number.isInteger(testSize) &&
    trainSize >= 1 &&
    testSize >= 1
  )) {
    throw new RangeError(
      `trainSize and testSize must be positive integers (got ${trainSize}, ${testSize})`,
    );
  }
  if (trainSize + testSize > dataset.count) {
    throw new RangeError(
      `trainSize + testSize = ${trainSize + testSize} exceeds the ${dataset.count} images of ${dataset.name}`,
    );
  }
  const order = new Random(seed).permutation(dataset.count);
  return { train: order.slice(0, trainSize), test: order.slice(dataset.count - testSize) };
}

/**
 * Writes image `index` of `dataset` as floats in [0, 1] (byte / 255) into `out` at `offset`.
 */
export function writeImage(
  dataset: ImageDataset,
  index: number,
  out: Float32Array | Float64Array,
  offset: number,
): void {
  const size = dataset.height * dataset.width;
  const base = index * size;
  const pixels = dataset.pixels;
  for (let i = 0; i < size; i++) out[offset + i] = pixels[base + i]! / 255;
}
