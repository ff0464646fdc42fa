/**
 * RMSprop, PyTorch's `torch.optim.RMSprop`. With smoothing α = `alpha`, momentum μ:
 *   g ← ∇f(θ) + λ·θ                               (L2 weight decay λ = `weightDecay`)
 *   squareAvg ← α·squareAvg + (1−α)·g²
 *   ṽ ← squareAvg; centered: gradAvg ← α·gradAvg + (1−α)·g, ṽ ← ṽ − gradAvg²
 *   μ > 0: momentumBuffer ← μ·momentumBuffer + g/(√ṽ + ε), θ ← θ − η_t·momentumBuffer
 *   μ = 0: θ ← θ − η_t·g/(√ṽ + ε)
 * All state starts at zero.
 */
import * as v from 'valibot';
import { fields, flagField } from '../config/schema.ts';
import type { ParamTensor, Tensor } from './optimizer.ts';
import { decayBelowOne, epsilon, fraction, learningRate, weightDecay } from './options.ts';
import { StatefulOptimizer, zerosLike } from './statefulOptimizer.ts';

/** RMSprop's options, PyTorch's defaults: lr 0.01, alpha 0.99, eps 1e-8, momentum 0. */
export const rmspropOptions = fields({
  kind: v.literal('rmsprop'),
  lr: learningRate(1e-2),
  alpha: fraction(0.99),
  eps: epsilon(1e-8),
  momentum: decayBelowOne(0),
  centered: flagField(false),
  weightDecay: weightDecay(),
});
export type RmspropConfig = Readonly<v.InferOutput<typeof rmspropOptions>>;

interface RmspropState extends Record<string, Tensor> {
  /** Exponential moving average of g² (gradient² units). */
  readonly squareAvg: Tensor;
  /** Exponential moving average of g (gradient units); used when `centered`. */
  readonly gradAvg: Tensor;
  /** Momentum of the normalised step g/(√ṽ + ε) (dimensionless); used when momentum > 0. */
  readonly momentumBuffer: Tensor;
}

/**
 * RMSprop over any number of parameter tensors. `step(lr)` applies η_t = `lr`; `config.lr` is
 * the base rate η₀ the schedule starts from and is not read by `step`. `state(i)` shows
 * `squareAvg`, plus `gradAvg` when centered and `momentumBuffer` when momentum > 0.
 * The centered variance ṽ is clamped at 0, where round-off could make it slightly negative
 * (PyTorch would produce NaN there).
 */
export class Rmsprop extends StatefulOptimizer<RmspropConfig, RmspropState> {
  constructor(config: RmspropConfig, tensors: readonly ParamTensor[]) {
    super(config, tensors, (params) => ({
      squareAvg: zerosLike(params),
      gradAvg: zerosLike(params),
      momentumBuffer: zerosLike(params),
    }));
  }

  step(lr: number): void {
    const { alpha, eps, momentum: mu, centered, weightDecay: decay } = this.config;
    const rest = 1 - alpha;
    for (let k = 0; k < this.slots.length; k++) {
      const { params, grads, state } = this.slots[k]!;
      const { squareAvg, gradAvg, momentumBuffer } = state;
      for (let j = 0; j < params.length; j++) {
        const theta = params[j]!;
        const g = grads[j]! + decay * theta;
        squareAvg[j] = alpha * squareAvg[j]! + rest * g * g;
        let variance = squareAvg[j]!;
        if (centered) {
          gradAvg[j] = alpha * gradAvg[j]! + rest * g;
          const mean = gradAvg[j]!;
          variance = Math.max(variance - mean * mean, 0);
        }
        const normalised = g / (Math.sqrt(variance) + eps);
        if (mu > 0) {
          momentumBuffer[j] = mu * momentumBuffer[j]! + normalised;
          params[j] = theta - lr * momentumBuffer[j]!;
        } else {
          params[j] = theta - lr * normalised;
        }
      }
    }
    this.t += 1;
  }

  protected override visibleState(state: RmspropState): Readonly<Record<string, Tensor>> {
    return {
      squareAvg: state.squareAvg,
      ...(this.config.centered ? { gradAvg: state.gradAvg } : {}),
      ...(this.config.momentum > 0 ? { momentumBuffer: state.momentumBuffer } : {}),
    };
  }
}
