/**
 * 2-D convolution (cross-correlation, as in every deep-learning library):
 * y[f, i, j] = b[f] + Σ_{c, u, v} W[f, c, u, v] · x[c, i·s + u − p, j·s + v − p],
 * with zero padding p and stride s. Weights are laid out [filters, channels, size, size]
 * (PyTorch's OIHW), so one filter is one contiguous row.
 *
 * Forward: im2col (each output position's receptive field copied into one row) and one
 * A·Bᵀ product per sample, or, for a sample with few non-zero inputs, a pass over those only. Backward: loops over the non-zero entries of ∂L/∂y only, reusing
 * the receptive fields of the forward pass. After ReLU and max-pooling most of them are zero
 * (a 3×3 pool passes at most one in nine), so the backward pass costs a fraction of the
 * forward one, with the exact same result.
 */
import type { ParamTensor } from '../../optimizers/optimizer.ts';
import type { Random } from '../../random.ts';
import { memoryOf, type LayerPasses, type ModelMemory } from '../memory.ts';
import { gemmNT } from '../gemm.ts';
import { shapeSize, type Precision, type Shape, type Tensor } from '../tensor.ts';
import type { Layer } from './layer.ts';

/** Hyperparameters of a convolution: `filters` kernels of size × size, stride and zero padding. */
export interface ConvOptions {
  readonly filters: number;
  readonly size: number;
  readonly stride: number;
  readonly pad: number;
}

/** Output side length of a window of `size` sliding with `stride` over `input` + 2·`pad`. */
export function slidingOutput(input: number, size: number, stride: number, pad: number): number {
  return Math.floor((input + 2 * pad - size) / stride) + 1;
}

/** A convolution layer over `inShape`, with its weights, biases and their gradients. */
export class Conv2d implements Layer {
  readonly kind = 'conv';
  readonly outShape: Shape;
  readonly output: Tensor;
  readonly inputGrad: Tensor;
  /** W, [filters, channels, size, size]. */
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly weightGrad: Tensor;
  readonly biasGrad: Tensor;
  readonly params: readonly ParamTensor[];
  readonly forwardMacs: number;
  /** One sample's im2col matrix, [output positions × receptive-field size]. */
  private readonly col: Tensor;
  /** Receptive-field size C·size². */
  private readonly fieldSize: number;
  /** Whose receptive fields `col` holds: the input buffer and sample (else null and −1). */
  private colInput: Tensor | null = null;
  private colSample = -1;
  /** Positions with a non-zero ∂L/∂y, per filter (scratch). */
  private readonly nonZero: Int32Array;
  /** ∂L/∂x of one sample with the padding around it, so the scatter needs no bounds checks. */
  private readonly padded: Tensor;
  private readonly paddedHeight: number;
  private readonly paddedWidth: number;
  /** The sparse forward pass's sums, one plane per filter with a margin of `size` (stride 1). */
  private readonly sums: Tensor;
  /**
   * How the last sample's forward pass ran: "im2col" (im2col + A·Bᵀ) or "scatter" (from the
   * non-zero inputs only, chosen when fewer than a third of the inputs are non-zero).
   */
  lastPath: 'im2col' | 'scatter' = 'im2col';
  /** The engine's passes for this layer, or null for the loops below. */
  private readonly passes: LayerPasses | null;

  constructor(
    readonly name: string,
    readonly inShape: Shape,
    readonly options: ConvOptions,
    capacity: number,
    precision: Precision | ModelMemory,
  ) {
    const memory = memoryOf(precision);
    const allocate = (length: number): Tensor => memory.allocate(length);
    const { filters, size, stride, pad } = options;
    this.outShape = {
      height: slidingOutput(inShape.height, size, stride, pad),
      width: slidingOutput(inShape.width, size, stride, pad),
      channels: filters,
    };
    this.fieldSize = inShape.channels * size * size;
    const positions = this.outShape.height * this.outShape.width;
    this.output = allocate(capacity * shapeSize(this.outShape));
    this.inputGrad = allocate(capacity * shapeSize(inShape));
    this.weight = allocate(filters * this.fieldSize);
    this.bias = allocate(filters);
    this.weightGrad = allocate(this.weight.length);
    this.biasGrad = allocate(filters);
    this.params = [
      { name: `${name}.weight`, params: this.weight, grads: this.weightGrad },
      { name: `${name}.bias`, params: this.bias, grads: this.biasGrad },
    ];
    this.passes = memory.kernels?.passesFor(this) ?? null;
    // Scratch of the loops below, not needed when the engine runs the layer.
    const own = this.passes === null;
    // Entries that fall into the zero padding are never written, so they stay 0 for good.
    this.col = allocate(own ? positions * this.fieldSize : 0);
    this.nonZero = new Int32Array(own ? positions : 0);
    // Room for every window, including ones that run into the padding on the far side.
    this.paddedHeight = Math.max(
      inShape.height + 2 * pad,
      (this.outShape.height - 1) * stride + size,
    );
    this.paddedWidth = Math.max(inShape.width + 2 * pad, (this.outShape.width - 1) * stride + size);
    this.padded = allocate(own ? inShape.channels * this.paddedHeight * this.paddedWidth : 0);
    this.sums = allocate(
      own && stride === 1
        ? filters * (this.outShape.height + 2 * size) * (this.outShape.width + 2 * size)
        : 0,
    );
    this.forwardMacs = filters * positions * this.fieldSize;
  }

  /** W ~ N(0, gain² / fan-in), b = 0 (He initialisation with gain √2 for ReLU). */
  initialize(rng: Random, gain: number): void {
    const std = gain / Math.sqrt(this.fieldSize);
    for (let i = 0; i < this.weight.length; i++) this.weight[i] = std * rng.normal();
    this.bias.fill(0);
  }

  forward(input: Tensor, count: number): void {
    if (this.passes) return this.passes.forward(input, count);
    const inSize = shapeSize(this.inShape);
    const outSize = shapeSize(this.outShape);
    const positions = this.outShape.height * this.outShape.width;
    const filters = this.options.filters;
    const y = this.output;
    for (let s = 0; s < count; s++) {
      const o = s * outSize;
      if (
        this.options.stride === 1 &&
        3 * countNonZero(input, s * inSize, inSize) < positions * this.inShape.channels
      ) {
        this.scatter(input, s * inSize, o);
        continue;
      }
      this.lastPath = 'im2col';
      this.im2col(input, s * inSize, s);
      gemmNT(this.weight, 0, this.col, 0, y, o, filters, positions, this.fieldSize);
      for (let f = 0; f < filters; f++) {
        const b = this.bias[f]!;
        const row = o + f * positions;
        for (let p = 0; p < positions; p++) y[row + p] = y[row + p]! + b;
      }
    }
  }

  /**
   * The forward pass of one sparse sample (stride 1), input-driven: each non-zero x[c, i, j]
   * adds x·W[f, c, u, v] to y[f, i + p − u, j + p − v]. With few non-zeros (the 19 % of an
   * MNIST digit's pixels that are ink) this does far fewer multiply-adds than im2col + A·Bᵀ.
   * Sums go into a plane with a margin of `size` all round, so no bounds need checking.
   */
  private scatter(input: Tensor, inOffset: number, outOffset: number): void {
    this.lastPath = 'scatter';
    this.colInput = null; // the backward pass will need the receptive fields
    const { height, width, channels } = this.inShape;
    const { filters, size, pad } = this.options;
    const outH = this.outShape.height;
    const outW = this.outShape.width;
    const k = this.fieldSize;
    const w = this.weight;
    const sums = this.sums;
    const sumsW = outW + 2 * size;
    const sumsPlane = (outH + 2 * size) * sumsW;
    sums.fill(0);
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < height; i++) {
        for (let j = 0; j < width; j++) {
          const x = input[inOffset + (c * height + i) * width + j]!;
          if (x === 0) continue;
          for (let f = 0; f < filters; f++) {
            for (let u = 0; u < size; u++) {
              // y[f, i + p − u, j + p − v] sits at `at − v` in the sums plane.
              const at = f * sumsPlane + (i + pad - u + size) * sumsW + j + pad + size;
              const wi = f * k + (c * size + u) * size;
              if (size === 5) {
                sums[at] = sums[at]! + x * w[wi]!;
                sums[at - 1] = sums[at - 1]! + x * w[wi + 1]!;
                sums[at - 2] = sums[at - 2]! + x * w[wi + 2]!;
                sums[at - 3] = sums[at - 3]! + x * w[wi + 3]!;
                sums[at - 4] = sums[at - 4]! + x * w[wi + 4]!;
              } else {
                for (let v = 0; v < size; v++) sums[at - v] = sums[at - v]! + x * w[wi + v]!;
              }
            }
          }
        }
      }
    }
    const y = this.output;
    for (let f = 0; f < filters; f++) {
      const b = this.bias[f]!;
      for (let oy = 0; oy < outH; oy++) {
        const from = f * sumsPlane + (oy + size) * sumsW + size;
        const to = outOffset + (f * outH + oy) * outW;
        for (let ox = 0; ox < outW; ox++) y[to + ox] = sums[from + ox]! + b;
      }
    }
  }

  /** Copies the receptive field of every output position of sample `sample` into `col`. */
  private im2col(input: Tensor, offset: number, sample: number): void {
    this.colInput = input;
    this.colSample = sample;
    const { height, width, channels } = this.inShape;
    const { size, stride, pad } = this.options;
    const col = this.col;
    const k = this.fieldSize;
    const plane = height * width;
    let p = 0;
    for (let oy = 0; oy < this.outShape.height; oy++) {
      const top = oy * stride - pad;
      const u0 = Math.max(0, -top);
      const u1 = Math.min(size, height - top);
      for (let ox = 0; ox < this.outShape.width; ox++, p++) {
        const left = ox * stride - pad;
        const v0 = Math.max(0, -left);
        const v1 = Math.min(size, width - left);
        for (let c = 0; c < channels; c++) {
          for (let u = u0; u < u1; u++) {
            const src = offset + c * plane + (top + u) * width + left;
            const dst = p * k + (c * size + u) * size;
            if (v1 - v0 === 5) {
              // A whole row of the common 5×5 kernel, unrolled (see backwardSample).
              col[dst + v0] = input[src + v0]!;
              col[dst + v0 + 1] = input[src + v0 + 1]!;
              col[dst + v0 + 2] = input[src + v0 + 2]!;
              col[dst + v0 + 3] = input[src + v0 + 3]!;
              col[dst + v0 + 4] = input[src + v0 + 4]!;
            } else {
              for (let v = v0; v < v1; v++) col[dst + v] = input[src + v]!;
            }
          }
        }
      }
    }
  }

  backward(input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void {
    if (this.passes) return this.passes.backward(input, outputGrad, count, propagate);
    const inSize = shapeSize(this.inShape);
    const outSize = shapeSize(this.outShape);
    // Last sample first: its receptive fields are still in `col` from the forward pass.
    for (let s = count - 1; s >= 0; s--) {
      if (this.colInput !== input || this.colSample !== s) this.im2col(input, s * inSize, s);
      this.backwardSample(outputGrad, s * outSize, propagate ? s * inSize : -1);
    }
  }

  /**
   * One sample: ∂L/∂W[f, ·] += g · (receptive field of p) and ∂L/∂b[f] += g for every non-zero
   * g = ∂L/∂y[f, p]; with `gradOffset` ≥ 0 also ∂L/∂x += g · W[f, ·] over the field of p.
   */
  private backwardSample(outputGrad: Tensor, outOffset: number, gradOffset: number): void {
    const { filters, size, stride } = this.options;
    const positions = this.outShape.height * this.outShape.width;
    const outW = this.outShape.width;
    const k = this.fieldSize;
    const col = this.col;
    const w = this.weight;
    const dw = this.weightGrad;
    const nonZero = this.nonZero;
    const pad = this.padded;
    const padW = this.paddedWidth;
    const padPlane = this.paddedHeight * padW;
    const channels = this.inShape.channels;
    if (gradOffset >= 0) pad.fill(0);
    for (let f = 0; f < filters; f++) {
      const gBase = outOffset + f * positions;
      // Collect the non-zero positions first, without branches: mixing an unpredictable
      // test with the work below costs more than the work.
      let n = 0;
      for (let p = 0; p < positions; p++) {
        nonZero[n] = p;
        n += +(outputGrad[gBase + p]! !== 0);
      }
      const wRow = f * k;
      let biasSum = 0;
      for (let j = 0; j < n; j++) {
        const p = nonZero[j]!;
        const g = outputGrad[gBase + p]!;
        biasSum += g;
        const cRow = p * k;
        for (let i = 0; i < k; i++) dw[wRow + i] = dw[wRow + i]! + g * col[cRow + i]!;
        if (gradOffset < 0) continue;
        // ∂L/∂x into the zero-padded scratch plane: no bounds to check.
        const oy = Math.floor(p / outW);
        const corner = oy * stride * padW + (p - oy * outW) * stride;
        for (let c = 0; c < channels; c++) {
          for (let u = 0; u < size; u++) {
            const at = c * padPlane + corner + u * padW;
            const wi = wRow + (c * size + u) * size;
            if (size === 5) {
              // The common 5×5 kernel unrolled: a loop this short costs more than its body.
              pad[at] = pad[at]! + g * w[wi]!;
              pad[at + 1] = pad[at + 1]! + g * w[wi + 1]!;
              pad[at + 2] = pad[at + 2]! + g * w[wi + 2]!;
              pad[at + 3] = pad[at + 3]! + g * w[wi + 3]!;
              pad[at + 4] = pad[at + 4]! + g * w[wi + 4]!;
            } else {
              for (let v = 0; v < size; v++) pad[at + v] = pad[at + v]! + g * w[wi + v]!;
            }
          }
        }
      }
      this.biasGrad[f] = this.biasGrad[f]! + biasSum;
    }
    if (gradOffset >= 0) this.unpad(gradOffset);
  }

  /** Copies the inside of the padded scratch plane into `inputGrad` at `offset`. */
  private unpad(offset: number): void {
    const { height, width, channels } = this.inShape;
    const pad = this.options.pad;
    const padW = this.paddedWidth;
    const padPlane = this.paddedHeight * padW;
    const dx = this.inputGrad;
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < height; y++) {
        const from = c * padPlane + (y + pad) * padW + pad;
        const to = offset + (c * height + y) * width;
        for (let x = 0; x < width; x++) dx[to + x] = this.padded[from + x]!;
      }
    }
  }
}

/** Number of non-zero values among `length` values of `x` from `offset`. */
function countNonZero(x: Tensor, offset: number, length: number): number {
  let n = 0;
  for (let i = offset; i < offset + length; i++) n += +(x[i]! !== 0);
  return n;
}
