/**
 * Step records: one per run per recorded step, step 0 being the start before any update.
 * The worker stream, the CLI and exports all share this shape.
 */

/** Per-layer statistics of a CNN step. */
export interface LayerStats {
  /** Parameter tensor name, e.g. "conv1.weight". */
  readonly name: string;
  readonly gradNorm: number;
  /** Norm of the optimizer's main state tensor (velocity, Adam's m…); 0 when it has none. */
  readonly stateNorm: number;
  readonly weightNorm: number;
  /** ‖Δθ‖ / ‖θ‖ of this step's update. */
  readonly updateRatio: number;
}

export interface StepRecord {
  readonly run: string;
  /** t: the record describes θ_t, before the update to θ_{t+1}. */
  readonly step: number;
  /** f(θ_t): full-data loss on regression, batch loss on CNNs. */
  readonly loss: number;
  /** η_t, the learning rate applied in the update from θ_t to θ_{t+1}. */
  readonly lr: number;
  /** θ_t (two-parameter problems). */
  readonly params?: readonly number[];
  /** The gradient the optimizer used at θ_t (mini-batch gradient on data problems, noisy if noise is on). */
  readonly grad?: readonly number[];
  /** The exact full-data gradient at θ_t (regression, or noisy surfaces). */
  readonly fullGrad?: readonly number[];
  /** Loss of the mini-batch used at step t (regression). */
  readonly batchLoss?: number;
  /** Indices of the samples in the mini-batch used at step t (regression). */
  readonly batch?: readonly number[];
  /** Samples processed before θ_t (data problems). */
  readonly samplesSeen?: number;
  /**
   * Δθ = θ_{t+1} − θ_t, the update taken from θ_t (two-parameter problems; absent on a final
   * or diverged record, which takes no step). A preview carries the update it would take.
   */
  readonly update?: readonly number[];
  /** Optimizer state after the update from θ_t (so `velocity` is the step just taken). */
  readonly state: Readonly<Record<string, readonly number[] | number>>;
  /** CNN: accuracy on this step's batch, in [0, 1]. */
  readonly accuracy?: number;
  /** CNN: per-tensor statistics. */
  readonly layers?: readonly LayerStats[];
  /** CNN: held-out accuracy at evaluation steps and the last step. */
  readonly testAccuracy?: number;
  /** CNN: confusion matrix at evaluation steps, rows = true class, columns = predicted. */
  readonly confusion?: readonly (readonly number[])[];
  /** Set on the final record of a run that produced a non-finite loss, parameter or gradient. */
  readonly diverged?: true;
  /** Why the run diverged: which value became non-finite, at which step, with which η. */
  readonly divergence?: Divergence;
}

/**
 * What ended a run on a non-finite value, as data any language can word ("loss became
 * Infinity at step 183 with η = 0.8").
 */
export interface Divergence {
  /** The loss f(θ_t), a parameter of θ_t, or the gradient at θ_t (checked in that order). */
  readonly quantity: 'loss' | 'parameter' | 'gradient';
  readonly value: 'NaN' | 'Infinity' | '-Infinity';
  /** The step t of θ_t. */
  readonly step: number;
  /** η of the update that led to θ_t; null at t = 0. */
  readonly lr: number | null;
}
