/**
 * One layer of the network. A layer owns its output and input-gradient buffers (sized for
 * `capacity` samples once, reused every step) and, for conv and dense layers, its parameter
 * tensors with their gradient buffers.
 */
import type { ParamTensor } from '../../optimizers/optimizer.ts';
import type { Shape, Tensor } from '../tensor.ts';

/** What a layer computes (the `type` of its spec). */
export type LayerKind =
  'conv' | 'relu' | 'tanh' | 'leakyRelu' | 'maxPool' | 'avgPool' | 'flatten' | 'dense';

/** A layer's forward and backward passes over a batch of up to `capacity` samples. */
export interface Layer {
  readonly kind: LayerKind;
  /** Display name, e.g. "conv1", "relu2", "dense". */
  readonly name: string;
  readonly inShape: Shape;
  readonly outShape: Shape;
  /** y for up to `capacity` samples, one sample of `outShape` after another. */
  readonly output: Tensor;
  /** ∂L/∂x for up to `capacity` samples (empty when the layer never propagates down). */
  readonly inputGrad: Tensor;
  /**
   * y = layer(x) for the first `count` samples of `input`, into `output`.
   * @param count samples, at most the capacity
   */
  forward(input: Tensor, count: number): void;
  /**
   * Given ∂L/∂y in `outputGrad`, adds ∂L/∂θ to the parameter gradients (callers zero them once
   * per step, so chunks of a large batch accumulate) and, when `propagate` is set, writes
   * ∂L/∂x into `inputGrad`. `input` must be what the last `forward` saw.
   */
  backward(input: Tensor, outputGrad: Tensor, count: number, propagate: boolean): void;
  /** Weight and bias tensors with their gradients; empty for layers without parameters. */
  readonly params: readonly ParamTensor[];
  /** Multiply-adds of one sample's forward pass (0 for element-wise layers). */
  readonly forwardMacs: number;
}
