/**
 * AdaGrad, PyTorch's `torch.optim.Adagrad`. With t the step number (1, 2, …):
 *   η̃ ← η_t / (1 + (t−1)·lrDecay)
 *   g ← ∇f(θ) + λ·θ                       (L2 weight decay λ = `weightDecay`)
 *   sum ← sum + g²                          (sum starts at `initialAccumulator`)
 *   θ ← θ − η̃·g / (√sum + ε)
 */
import * as v from 'valibot';
import { fields, numberField } from '../config/schema.ts';
import type { ParamTensor, Tensor } from './optimizer.ts';
import { epsilon, learningRate, weightDecay } from './options.ts';
import { StatefulOptimizer, zerosLike } from './statefulOptimizer.ts';

/** AdaGrad's options, PyTorch's defaults: lr 0.01, eps 1e-10, initialAccumulator 0, lrDecay 0. */
export const adagradOptions = fields({
  kind: v.literal('adagrad'),
  lr: learningRate(1e-2),
  eps: epsilon(1e-10),
  /** Starting value of the sum of squared gradients: 0 … 10⁶. */
  initialAccumulator: numberField(0, { min: 0, max: 1e6 }),
  /** η_t = η / (1 + (t − 1)·lrDecay): 0 … 1000. */
  lrDecay: numberField(0, { min: 0, max: 1e3 }),
  weightDecay: weightDecay(),
});
export type AdagradConfig = Readonly<v.InferOutput<typeof adagradOptions>>;

interface AdagradState extends Record<string, Tensor> {
  /** Running sum of squared gradients, per parameter (gradient² units). */
  readonly sum: Tensor;
}

/**
 * AdaGrad over any number of parameter tensors. `step(lr)` applies η_t = `lr`; `config.lr`
 * is the base rate η₀ the schedule starts from and is not read by `step`.
 * `initialAccumulator` is read once, when the sums are allocated; changing it later has no
 * effect.
 */
export class Adagrad extends StatefulOptimizer<AdagradConfig, AdagradState> {
  constructor(config: AdagradConfig, tensors: readonly ParamTensor[]) {
    super(config, tensors, (params) => {
      const sum = zerosLike(params);
      sum.fill(config.initialAccumulator);
      return { sum };
    });
  }

  step(lr: number): void {
    const { eps, lrDecay, weightDecay: decay } = this.config;
    const t = this.t + 1;
    const clr = lr / (1 + (t - 1) * lrDecay);
    for (let k = 0; k < this.slots.length; k++) {
      const { params, grads, state } = this.slots[k]!;
      const sum = state.sum;
      for (let j = 0; j < params.length; j++) {
        const theta = params[j]!;
        const g = grads[j]! + decay * theta;
        sum[j] = sum[j]! + g * g;
        params[j] = theta - (clr * g) / (Math.sqrt(sum[j]!) + eps);
      }
    }
    this.t = t;
  }
}
