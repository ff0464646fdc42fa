/**
 * Plain (stochastic) gradient descent, PyTorch's `torch.optim.SGD` with momentum 0:
 *   g ← ∇f(θ) + λ·θ        (L2 weight decay λ = `weightDecay`, added to the gradient)
 *   θ ← θ − η_t·g
 * It keeps no state.
 */
import * as v from 'valibot';
import { fields } from '../config/schema.ts';
import type { ParamTensor } from './optimizer.ts';
import { learningRate, weightDecay } from './options.ts';
import { StatefulOptimizer } from './statefulOptimizer.ts';

/** SGD's options: PyTorch's defaults, lr 1e-3 and weightDecay 0. */
export const sgdOptions = fields({
  kind: v.literal('sgd'),
  lr: learningRate(1e-3),
  weightDecay: weightDecay(),
});
export type SgdConfig = Readonly<v.InferOutput<typeof sgdOptions>>;

/**
 * SGD over any number of parameter tensors. `step(lr)` applies η_t = `lr` (the scheduled
 * rate); `config.lr` is the base rate η₀ the schedule starts from and is not read by `step`.
 */
export class Sgd extends StatefulOptimizer<SgdConfig, Record<string, never>> {
  constructor(config: SgdConfig, tensors: readonly ParamTensor[]) {
    super(config, tensors, () => ({}));
  }

  step(lr: number): void {
    const decay = this.config.weightDecay;
    for (let k = 0; k < this.slots.length; k++) {
      const { params, grads } = this.slots[k]!;
      for (let j = 0; j < params.length; j++) {
        const theta = params[j]!;
        params[j] = theta - lr * (grads[j]! + decay * theta);
      }
    }
    this.t += 1;
  }
}
