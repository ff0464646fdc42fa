/**
 * Buffers of the CNN engine. Activations are stored per sample in planar CHW order
 * (channel, row, column), samples one after another, as PyTorch lays out NCHW tensors.
 */
import type { Tensor } from '../optimizers/optimizer.ts';

/** A Float32Array or Float64Array of values (the optimizers' tensor type). */
export type { Tensor };

/**
 * Float type of every buffer of a model: "float32" (default, fast) or "float64" (exact enough
 * for central-difference gradient checks).
 */
export type Precision = 'float32' | 'float64';

/** The shape of one sample's activation: height × width × channels. */
export interface Shape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Number of values in one sample of `shape`. */
export function shapeSize(shape: Shape): number {
  return shape.height * shape.width * shape.channels;
}

/** A zero-filled buffer of `length` values in `precision`. */
export function allocate(precision: Precision, length: number): Tensor {
  return precision === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** ‖x‖₂ of the first `length` values (all by default), accumulated in double precision. */
export function norm(x: Tensor, length: number = x.length): number {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const v = x[i]!;
    sum += v * v;
  }
  return Math.sqrt(sum);
}
