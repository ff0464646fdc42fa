/** Flatten: the same values seen as a 1 × 1 × (H·W·C) vector in CHW order (PyTorch's order). */
import type { ParamTensor } from '../../optimizers/optimizer.ts';
import { memoryOf, type ModelMemory } from '../memory.ts';
import { shapeSize, type Precision, type Shape, type Tensor } from '../tensor.ts';
import type { Layer } from './layer.ts';

/** Reshapes H × W × C to 1 × 1 × (H·W·C); values and gradients pass through unchanged. */
export class Flatten implements Layer {
  readonly kind = 'flatten';
  readonly outShape: Shape;
  readonly output: Tensor;
  readonly inputGrad: Tensor;
  readonly params: readonly ParamTensor[] = [];
  readonly forwardMacs = 0;

  constructor(
    readonly name: string,
    readonly inShape: Shape,
    capacity: number,
    precision: Precision | ModelMemory,
  ) {
    const memory = memoryOf(precision);
    this.outShape = { height: 1, width: 1, channels: shapeSize(inShape) };
    this.output = memory.allocate(capacity * shapeSize(inShape));
    this.inputGrad = memory.allocate(capacity * shapeSize(inShape));
  }

  forward(input: Tensor, count: number): void {
    // Layouts are identical; a copy keeps every layer the sole owner of its buffers.
    for (let i = 0, n = count * shapeSize(this.inShape); i < n; i++) this.output[i] = input[i]!;
  }

  backward(_input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void {
    if (!propagate) return;
    for (let i = 0, n = count * shapeSize(this.inShape); i < n; i++)
      this.inputGrad[i] = outputGrad[i]!;
  }
}
