/** Element-wise activations: ReLU max(0, x), tanh, and leaky ReLU (x if x > 0 else slope·x). */
import type { ParamTensor } from '../../optimizers/optimizer.ts';
import { memoryOf, type LayerPasses, type ModelMemory } from '../memory.ts';
import { shapeSize, type Precision, type Shape, type Tensor } from '../tensor.ts';
import type { Layer } from './layer.ts';

abstract class ElementWise implements Layer {
  abstract readonly kind: 'relu' | 'tanh' | 'leakyRelu';
  readonly outShape: Shape;
  readonly output: Tensor;
  readonly inputGrad: Tensor;
  readonly params: readonly ParamTensor[] = [];
  readonly forwardMacs = 0;
  protected readonly size: number;

  constructor(
    readonly name: string,
    readonly inShape: Shape,
    capacity: number,
    precision: Precision | ModelMemory,
  ) {
    const memory = memoryOf(precision);
    this.outShape = inShape;
    this.size = shapeSize(inShape);
    this.output = memory.allocate(capacity * this.size);
    this.inputGrad = memory.allocate(capacity * this.size);
  }

  abstract forward(input: Tensor, count: number): void;
  abstract backward(input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void;
}

/**
 * y = max(0, x); ∂y/∂x = 1 for x > 0, else 0 (PyTorch's choice at the kink).
 * Written without branches: the sign of an activation is a coin flip the CPU cannot predict,
 * and a mispredicted branch per value costs more than the arithmetic.
 */
export class Relu extends ElementWise {
  readonly kind = 'relu';
  /** The engine's passes for this layer, or null for the loops below. */
  private readonly passes: LayerPasses | null;

  constructor(name: string, inShape: Shape, capacity: number, precision: Precision | ModelMemory) {
    super(name, inShape, capacity, precision);
    this.passes = memoryOf(precision).kernels?.passesFor(this) ?? null;
  }

  forward(input: Tensor, count: number): void {
    if (this.passes) return this.passes.forward(input, count);
    const y = this.output;
    for (let i = 0, n = count * this.size; i < n; i++) {
      const x = input[i]!;
      // (x + |x|)/2 is exactly max(0, x), and NaN stays NaN so divergence shows.
      y[i] = (x + Math.abs(x)) * 0.5;
    }
  }

  backward(input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void {
    if (!propagate) return;
    if (this.passes) return this.passes.backward(input, outputGrad, count, propagate);
    const dx = this.inputGrad;
    for (let i = 0, n = count * this.size; i < n; i++) dx[i] = outputGrad[i]! * +(input[i]! > 0);
  }
}

/** y = tanh x; ∂y/∂x = 1 − y². */
export class Tanh extends ElementWise {
  readonly kind = 'tanh';

  forward(input: Tensor, count: number): void {
    const y = this.output;
    for (let i = 0, n = count * this.size; i < n; i++) y[i] = Math.tanh(input[i]!);
  }

  backward(_input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void {
    if (!propagate) return;
    const y = this.output;
    const dx = this.inputGrad;
    for (let i = 0, n = count * this.size; i < n; i++) {
      const yi = y[i]!;
      dx[i] = (1 - yi * yi) * outputGrad[i]!;
    }
  }
}

/** y = x for x > 0, else slope·x (PyTorch's default slope 0.01). */
export class LeakyRelu extends ElementWise {
  readonly kind = 'leakyRelu';

  constructor(
    name: string,
    inShape: Shape,
    capacity: number,
    precision: Precision | ModelMemory,
    readonly slope: number,
  ) {
    super(name, inShape, capacity, precision);
  }

  forward(input: Tensor, count: number): void {
    const y = this.output;
    const a = this.slope;
    for (let i = 0, n = count * this.size; i < n; i++) {
      const x = input[i]!;
      // max(x, 0) + a·min(x, 0), without a branch (see Relu).
      const positive = (x + Math.abs(x)) * 0.5;
      y[i] = positive + a * (x - positive);
    }
  }

  backward(input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void {
    if (!propagate) return;
    const dx = this.inputGrad;
    const a = this.slope;
    for (let i = 0, n = count * this.size; i < n; i++) {
      const positive = +(input[i]! > 0);
      dx[i] = outputGrad[i]! * (positive + a * (1 - positive));
    }
  }
}
