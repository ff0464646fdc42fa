/**
 * Adam and AdamW, PyTorch's `torch.optim.Adam` and `torch.optim.AdamW`. With t the step
 * number (1, 2, …), decay rates β₁, β₂ and weight decay λ:
 *   Adam:  g ← ∇f(θ) + λ·θ                  (L2: the decay goes through the moments)
 *   AdamW: θ ← θ − η_t·λ·θ, g ← ∇f(θ)       (decoupled: the decay bypasses the moments)
 *   m ← β₁·m + (1−β₁)·g,  v ← β₂·v + (1−β₂)·g²
 *   amsgrad: vMax ← max(vMax, v), and vMax replaces v below
 *   θ ← θ − η_t·(m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
 * All state starts at zero.
 */
import * as v from 'valibot';
import { fields, flagField } from '../config/schema.ts';
import type { ParamTensor, Tensor } from './optimizer.ts';
import { decayBelowOne, epsilon, learningRate, weightDecay } from './options.ts';
import { StatefulOptimizer, zerosLike } from './statefulOptimizer.ts';

/** What Adam and AdamW share, PyTorch's defaults: lr 1e-3, β 0.9/0.999, eps 1e-8. */
const adamEntries = {
  lr: learningRate(1e-3),
  beta1: decayBelowOne(0.9),
  beta2: decayBelowOne(0.999),
  eps: epsilon(1e-8),
  amsgrad: flagField(false),
};

/** Adam's options (L2 weight decay added to the gradient, default 0). */
export const adamOptions = fields({
  kind: v.literal('adam'),
  ...adamEntries,
  weightDecay: weightDecay(),
});
export type AdamConfig = Readonly<v.InferOutput<typeof adamOptions>>;

/** AdamW's options: decoupled weight decay θ ← θ − η_t·λ·θ, default 1e-2. */
export const adamwOptions = fields({
  kind: v.literal('adamw'),
  ...adamEntries,
  weightDecay: weightDecay(1e-2),
});
export type AdamwConfig = Readonly<v.InferOutput<typeof adamwOptions>>;

interface AdamState extends Record<string, Tensor> {
  /** First moment: moving average of g (gradient units), before bias correction. */
  readonly m: Tensor;
  /** Second moment: moving average of g² (gradient² units), before bias correction. */
  readonly v: Tensor;
  /** Running maximum of v; used when `amsgrad`. */
  readonly vMax: Tensor;
}

/**
 * Adam (`kind: "adam"`, L2 weight decay) or AdamW (`kind: "adamw"`, decoupled weight decay)
 * over any number of parameter tensors. `step(lr)` applies η_t = `lr`; `config.lr` is the base
 * rate η₀ the schedule starts from and is not read by `step`. `state(i)` shows `m`, `v`, and
 * `vMax` when amsgrad.
 */
export class Adam<C extends AdamConfig | AdamwConfig> extends StatefulOptimizer<C, AdamState> {
  constructor(config: C, tensors: readonly ParamTensor[]) {
    super(config, tensors, (params) => ({
      m: zerosLike(params),
      v: zerosLike(params),
      vMax: zerosLike(params),
    }));
  }

  step(lr: number): void {
    const { kind, beta1, beta2, eps, weightDecay, amsgrad } = this.config;
    const t = this.t + 1;
    // Arranged as PyTorch's implementation does, so round-off matches it closely.
    const stepSize = lr / (1 - beta1 ** t);
    const correction2Sqrt = Math.sqrt(1 - beta2 ** t);
    const shrink = kind === 'adamw' ? 1 - lr * weightDecay : 1;
    const l2 = kind === 'adamw' ? 0 : weightDecay;
    for (let k = 0; k < this.slots.length; k++) {
      const { params, grads, state } = this.slots[k]!;
      const { m, v, vMax } = state;
      for (let j = 0; j < params.length; j++) {
        const theta = params[j]! * shrink;
        const g = grads[j]! + l2 * theta;
        m[j] = beta1 * m[j]! + (1 - beta1) * g;
        v[j] = beta2 * v[j]! + (1 - beta2) * g * g;
        let second = v[j]!;
        if (amsgrad) {
          if (second > vMax[j]!) vMax[j] = second;
          second = vMax[j]!;
        }
        params[j] = theta - (stepSize * m[j]!) / (Math.sqrt(second) / correction2Sqrt + eps);
      }
    }
    this.t = t;
  }

  protected override visibleState(state: AdamState): Readonly<Record<string, Tensor>> {
    return this.config.amsgrad
      ? { m: state.m, v: state.v, vMax: state.vMax }
      : { m: state.m, v: state.v };
  }
}
