/**
 * Fully connected layer: y = W·x + b with x the input flattened in CHW order and W laid out
 * [units, inputs] (PyTorch's Linear), so one unit's weights are one contiguous row.
 */
import type { ParamTensor } from '../../optimizers/optimizer.ts';
import type { Random } from '../../random.ts';
import { memoryOf, type LayerPasses, type ModelMemory } from '../memory.ts';
import { gemmNT } from '../gemm.ts';
import { shapeSize, type Precision, type Shape, type Tensor } from '../tensor.ts';
import type { Layer } from './layer.ts';

/** A fully connected layer from `inShape` (flattened) to `units` outputs. */
export class Dense implements Layer {
  readonly kind = 'dense';
  readonly outShape: Shape;
  readonly output: Tensor;
  readonly inputGrad: Tensor;
  /** W, [units, inputs]. */
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly weightGrad: Tensor;
  readonly biasGrad: Tensor;
  readonly params: readonly ParamTensor[];
  readonly forwardMacs: number;
  readonly inputs: number;
  /** The engine's passes for this layer, or null for the loops below. */
  private readonly passes: LayerPasses | null;

  constructor(
    readonly name: string,
    readonly inShape: Shape,
    readonly units: number,
    capacity: number,
    precision: Precision | ModelMemory,
  ) {
    const memory = memoryOf(precision);
    this.inputs = shapeSize(inShape);
    this.outShape = { height: 1, width: 1, channels: units };
    this.output = memory.allocate(capacity * units);
    this.inputGrad = memory.allocate(capacity * this.inputs);
    this.weight = memory.allocate(units * this.inputs);
    this.bias = memory.allocate(units);
    this.weightGrad = memory.allocate(this.weight.length);
    this.biasGrad = memory.allocate(units);
    this.params = [
      { name: `${name}.weight`, params: this.weight, grads: this.weightGrad },
      { name: `${name}.bias`, params: this.bias, grads: this.biasGrad },
    ];
    this.forwardMacs = units * this.inputs;
    this.passes = memory.kernels?.passesFor(this) ?? null;
  }

  /**
   * W ~ N(0, gain² / fan-in) (He, gain √2, before a ReLU), or with `glorot`
   * W ~ N(0, 2 / (fan-in + fan-out)) (before tanh or softmax); b = 0.
   */
  initialize(rng: Random, gain: number, glorot = false): void {
    const std = glorot ? Math.sqrt(2 / (this.inputs + this.units)) : gain / Math.sqrt(this.inputs);
    for (let i = 0; i < this.weight.length; i++) this.weight[i] = std * rng.normal();
    this.bias.fill(0);
  }

  forward(input: Tensor, count: number): void {
    if (this.passes) return this.passes.forward(input, count);
    const units = this.units;
    // Y[count × units] = X[count × inputs] · Wᵀ
    gemmNT(input, 0, this.weight, 0, this.output, 0, count, units, this.inputs);
    const y = this.output;
    for (let s = 0; s < count; s++) {
      for (let u = 0; u < units; u++) y[s * units + u] = y[s * units + u]! + this.bias[u]!;
    }
  }

  backward(input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void {
    if (this.passes) return this.passes.backward(input, outputGrad, count, propagate);
    const units = this.units;
    const n = this.inputs;
    const w = this.weight;
    const dw = this.weightGrad;
    const dx = this.inputGrad;
    if (propagate) dx.fill(0, 0, count * n);
    for (let s = 0; s < count; s++) {
      const xi = s * n;
      for (let u = 0; u < units; u++) {
        const g = outputGrad[s * units + u]!;
        if (g === 0) continue;
        this.biasGrad[u] = this.biasGrad[u]! + g;
        const wi = u * n;
        for (let i = 0; i < n; i++) dw[wi + i] = dw[wi + i]! + g * input[xi + i]!;
        if (propagate) for (let i = 0; i < n; i++) dx[xi + i] = dx[xi + i]! + g * w[wi + i]!;
      }
    }
  }
}
