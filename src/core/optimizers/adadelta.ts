/**
 * Adadelta, PyTorch's `torch.optim.Adadelta`. With decay ρ = `rho`:
 *   g ← ∇f(θ) + λ·θ                                  (L2 weight decay λ = `weightDecay`)
 *   squareAvg ← ρ·squareAvg + (1−ρ)·g²
 *   Δ ← √(accDelta + ε) / √(squareAvg + ε) · g
 *   accDelta ← ρ·accDelta + (1−ρ)·Δ²
 *   θ ← θ − η_t·Δ
 * All state starts at zero.
 */
import * as v from 'valibot';
import { fields } from '../config/schema.ts';
import type { ParamTensor, Tensor } from './optimizer.ts';
import { epsilon, fraction, learningRate, weightDecay } from './options.ts';
import { StatefulOptimizer, zerosLike } from './statefulOptimizer.ts';

/** Adadelta's options, PyTorch's defaults: lr 1.0, rho 0.9, eps 1e-6. */
export const adadeltaOptions = fields({
  kind: v.literal('adadelta'),
  lr: learningRate(1),
  rho: fraction(0.9),
  eps: epsilon(1e-6),
  weightDecay: weightDecay(),
});
export type AdadeltaConfig = Readonly<v.InferOutput<typeof adadeltaOptions>>;

interface AdadeltaState extends Record<string, Tensor> {
  /** Moving average of g² (gradient² units). */
  readonly squareAvg: Tensor;
  /** Moving average of Δ², the squared updates (parameter² units). */
  readonly accDelta: Tensor;
}

/**
 * Adadelta over any number of parameter tensors. `step(lr)` applies η_t = `lr` (PyTorch's
 * default η₀ is 1); `config.lr` is the base rate η₀ the schedule starts from and is not read
 * by `step`.
 */
export class Adadelta extends StatefulOptimizer<AdadeltaConfig, AdadeltaState> {
  constructor(config: AdadeltaConfig, tensors: readonly ParamTensor[]) {
    super(config, tensors, (params) => ({
      squareAvg: zerosLike(params),
      accDelta: zerosLike(params),
    }));
  }

  step(lr: number): void {
    const { rho, eps, weightDecay: decay } = this.config;
    const rest = 1 - rho;
    for (let k = 0; k < this.slots.length; k++) {
      const { params, grads, state } = this.slots[k]!;
      const { squareAvg, accDelta } = state;
      for (let j = 0; j < params.length; j++) {
        const theta = params[j]!;
        const g = grads[j]! + decay * theta;
        squareAvg[j] = rho * squareAvg[j]! + rest * g * g;
        const delta = (Math.sqrt(accDelta[j]! + eps) / Math.sqrt(squareAvg[j]! + eps)) * g;
        accDelta[j] = rho * accDelta[j]! + rest * delta * delta;
        params[j] = theta - lr * delta;
      }
    }
    this.t += 1;
  }
}
