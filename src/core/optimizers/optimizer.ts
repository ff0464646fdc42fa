/** A dense tensor of parameters, gradients or optimizer state. */
export type Tensor = Float32Array | Float64Array;

/**
 * One parameter tensor with its gradient buffer, as the model owns them (convnetjs'
 * `getParamsAndGrads`). The optimizer reads `grads` (never writes them) and updates `params`
 * in place.
 */
export interface ParamTensor {
  /** Display name, e.g. "conv1.weight", "b" or "θ". */
  readonly name: string;
  readonly params: Tensor;
  readonly grads: Tensor;
}

/** A frozen copy of an optimizer's state, for rewind and branch. */
export interface OptimizerSnapshot {
  readonly stepCount: number;
  /** Per tensor, its named state arrays (copies). */
  readonly tensors: ReadonlyArray<Readonly<Record<string, Tensor>>>;
}

/**
 * An optimizer over a fixed list of parameter tensors, following PyTorch's semantics.
 * State is allocated once per tensor, in the tensor's own float type; `step` allocates nothing.
 */
export interface Optimizer<C> {
  /** The current hyperparameters (the configuration it was made or last configured with). */
  readonly config: C;
  /** Number of updates applied so far (Adam's t, AdaGrad's step). */
  readonly stepCount: number;
  /**
   * One update of every tensor, in place, with learning rate `lr` (η_t after the schedule).
   * Reads each tensor's `grads`; weight decay and the like never modify the gradient buffer.
   */
  step(lr: number): void;
  /** Changes hyperparameters live; they apply from the next `step`. State is kept. */
  configure(config: C): void;
  /** The named state of tensor `index` (e.g. `{ velocity }`, `{ m, v }`): live views, not copies. */
  state(index: number): Readonly<Record<string, Tensor>>;
  snapshot(): OptimizerSnapshot;
  restore(snapshot: OptimizerSnapshot): void;
}
