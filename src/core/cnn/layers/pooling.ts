/**
 * Max- and average-pooling over size × size windows moved by `stride`, per channel, without
 * padding. A window that would run past the edge is dropped (floor), as PyTorch and ConvNetJS
 * do: 3×3 windows with stride 3 over 14×14 give 4×4 outputs.
 */
import type { ParamTensor } from '../../optimizers/optimizer.ts';
import { memoryOf, type LayerPasses, type ModelMemory } from '../memory.ts';
import { shapeSize, type Precision, type Shape, type Tensor } from '../tensor.ts';
import { slidingOutput } from './conv2d.ts';
import type { Layer } from './layer.ts';

/** Window size and stride of a pooling layer. */
export interface PoolOptions {
  readonly size: number;
  readonly stride: number;
}

abstract class Pool implements Layer {
  abstract readonly kind: 'maxPool' | 'avgPool';
  readonly outShape: Shape;
  readonly output: Tensor;
  readonly inputGrad: Tensor;
  readonly params: readonly ParamTensor[] = [];
  readonly forwardMacs = 0;

  constructor(
    readonly name: string,
    readonly inShape: Shape,
    readonly options: PoolOptions,
    capacity: number,
    precision: Precision | ModelMemory,
  ) {
    const memory = memoryOf(precision);
    this.outShape = {
      height: slidingOutput(inShape.height, options.size, options.stride, 0),
      width: slidingOutput(inShape.width, options.size, options.stride, 0),
      channels: inShape.channels,
    };
    this.output = memory.allocate(capacity * shapeSize(this.outShape));
    this.inputGrad = memory.allocate(capacity * shapeSize(inShape));
  }

  abstract forward(input: Tensor, count: number): void;
  abstract backward(input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void;
}

/**
 * y = the largest x in the window; the gradient flows to that one input (the first on ties).
 * Both passes avoid branches, since which x is largest is a coin flip the CPU cannot predict:
 * the forward pass takes m ← m + max(0, x − m) (exact up to round-off), the backward pass
 * finds the winner again with integer arithmetic.
 */
export class MaxPool extends Pool {
  readonly kind = 'maxPool';
  /** The engine's passes for this layer, or null for the loops below. */
  private readonly passes: LayerPasses | null;

  constructor(
    name: string,
    inShape: Shape,
    options: PoolOptions,
    capacity: number,
    precision: Precision | ModelMemory,
  ) {
    super(name, inShape, options, capacity, precision);
    this.passes = memoryOf(precision).kernels?.passesFor(this) ?? null;
  }

  forward(input: Tensor, count: number): void {
    if (this.passes) return this.passes.forward(input, count);
    const { height, width } = this.inShape;
    const { size, stride } = this.options;
    const outH = this.outShape.height;
    const outW = this.outShape.width;
    const planes = count * this.inShape.channels;
    const y = this.output;
    let o = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++, o++) {
          const corner = base + oy * stride * width + ox * stride;
          let max = input[corner]!;
          for (let u = 0; u < size; u++) {
            const row = corner + u * width;
            for (let v = 0; v < size; v++) {
              const d = input[row + v]! - max;
              max += (d + Math.abs(d)) * 0.5;
            }
          }
          y[o] = max;
        }
      }
    }
  }

  backward(input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void {
    if (!propagate) return;
    if (this.passes) return this.passes.backward(input, outputGrad, count, propagate);
    const { height, width } = this.inShape;
    const { size, stride } = this.options;
    const outH = this.outShape.height;
    const outW = this.outShape.width;
    const planes = count * this.inShape.channels;
    const dx = this.inputGrad;
    dx.fill(0, 0, count * shapeSize(this.inShape));
    let o = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++, o++) {
          const corner = base + oy * stride * width + ox * stride;
          let best = corner;
          for (let u = 0; u < size; u++) {
            const row = corner + u * width;
            for (let v = 0; v < size; v++) {
              // best ← row + v when x is larger, as integer arithmetic rather than a branch.
              const larger = +(input[row + v]! > input[best]!);
              best += larger * (row + v - best);
            }
          }
          dx[best] = dx[best]! + outputGrad[o]!;
        }
      }
    }
  }
}

/** y = the mean of the window; each input of the window receives 1/size² of the gradient. */
export class AvgPool extends Pool {
  readonly kind = 'avgPool';

  forward(input: Tensor, count: number): void {
    const { height, width } = this.inShape;
    const { size, stride } = this.options;
    const outH = this.outShape.height;
    const outW = this.outShape.width;
    const planes = count * this.inShape.channels;
    const scale = 1 / (size * size);
    const y = this.output;
    let o = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++, o++) {
          let sum = 0;
          for (let u = 0; u < size; u++) {
            const row = base + (oy * stride + u) * width + ox * stride;
            for (let v = 0; v < size; v++) sum += input[row + v]!;
          }
          y[o] = sum * scale;
        }
      }
    }
  }

  backward(_input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void {
    if (!propagate) return;
    const { height, width } = this.inShape;
    const { size, stride } = this.options;
    const outH = this.outShape.height;
    const outW = this.outShape.width;
    const planes = count * this.inShape.channels;
    const scale = 1 / (size * size);
    const dx = this.inputGrad;
    dx.fill(0, 0, count * shapeSize(this.inShape));
    let o = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * height * width;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++, o++) {
          const g = outputGrad[o]! * scale;
          for (let u = 0; u < size; u++) {
            const row = base + (oy * stride + u) * width + ox * stride;
            for (let v = 0; v < size; v++) dx[row + v] = dx[row + v]! + g;
          }
        }
      }
    }
  }
}
