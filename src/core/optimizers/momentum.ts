/**
 * SGD with momentum (heavy ball), in two forms that share the state name `velocity`.
 *
 * With g = ∇f(θ) + λ·θ (L2 weight decay λ = `weightDecay`), momentum μ (= γ), dampening d:
 *
 * `form: "pytorch"` (`torch.optim.SGD`): `velocity` holds the buffer b, in gradient units.
 *   b ← g on the first step (no dampening, as PyTorch does), b ← μ·b + (1−d)·g after;
 *   θ ← θ − η_t·(nesterov ? g + μ·b : b).
 *
 * `form: "classic"` (textbook): `velocity` holds v, in parameter units — the learning rate
 *   lives inside it. v ← η_t·g on the first step, v ← γ·v + (1−d)·η_t·g after;
 *   θ ← θ − (nesterov ? γ·v + η_t·g : v).
 *
 * At a constant η the two trace the same path (v = η·b); after η changes they differ: the
 * classic velocity still carries the old rate, the PyTorch buffer applies the new one at once.
 */
import * as v from 'valibot';
import { choiceField, fields, flagField } from '../config/schema.ts';
import type { ParamTensor, Tensor } from './optimizer.ts';
import { decayBelowOne, fraction, learningRate, weightDecay } from './options.ts';
import { StatefulOptimizer, zerosLike } from './statefulOptimizer.ts';

/**
 * Momentum's options. Defaults: lr 1e-3, momentum 0.9 (PyTorch's SGD has none), dampening 0,
 * nesterov false, weightDecay 0, the classic form.
 */
export const momentumOptions = fields({
  kind: v.literal('momentum'),
  lr: learningRate(1e-3),
  momentum: decayBelowOne(0.9),
  dampening: fraction(0),
  nesterov: flagField(false),
  weightDecay: weightDecay(),
  form: choiceField(['classic', 'pytorch'], 'classic'),
});
export type MomentumConfig = Readonly<v.InferOutput<typeof momentumOptions>>;

interface MomentumState extends Record<string, Tensor> {
  /** b (PyTorch form, gradient units) or v (classic form, parameter units). */
  readonly velocity: Tensor;
}

/**
 * Momentum SGD over any number of parameter tensors. `step(lr)` applies η_t = `lr`;
 * `config.lr` is the base rate η₀ the schedule starts from and is not read by `step`.
 *
 * As in PyTorch, momentum 0 means plain SGD (no dampening applied). Nesterov with dampening
 * is allowed (PyTorch refuses it) and computed by the same formulas.
 */
export class Momentum extends StatefulOptimizer<MomentumConfig, MomentumState> {
  constructor(config: MomentumConfig, tensors: readonly ParamTensor[]) {
    super(config, tensors, (params) => ({ velocity: zerosLike(params) }));
  }

  step(lr: number): void {
    const { momentum: mu, dampening, nesterov, weightDecay: decay, form } = this.config;
    // PyTorch's buffer starts as the gradient itself; momentum 0 means no buffer at all.
    const fresh = this.t === 0 || mu === 0;
    // Classic v is η-scaled: scaling the PyTorch recurrence's gradient term by η gives it.
    const gain = form === 'classic' ? lr : 1;
    const keep = 1 - dampening;
    for (let k = 0; k < this.slots.length; k++) {
      const { params, grads, state } = this.slots[k]!;
      const velocity = state.velocity;
      for (let j = 0; j < params.length; j++) {
        const theta = params[j]!;
        const g = grads[j]! + decay * theta;
        const v = fresh ? gain * g : mu * velocity[j]! + keep * gain * g;
        velocity[j] = v;
        const stored = velocity[j]!; // read back: Float32 state rounds as PyTorch's would
        if (form === 'classic') params[j] = theta - (nesterov ? mu * stored + lr * g : stored);
        else params[j] = theta - lr * (nesterov ? g + mu * stored : stored);
      }
    }
    this.t += 1;
  }

  /**
   * Switching form converts the velocity between units with the base rate η₀ = `config.lr`
   * of the configuration that built it (v = η₀·b; exact under a constant schedule). With
   * η₀ = 0 the classic velocity cannot be converted and is kept as it is.
   */
  protected override reconfigured(previous: MomentumConfig): void {
    if (previous.form === this.config.form || this.t === 0) return;
    const eta = previous.lr;
    if (previous.form === 'classic' && eta === 0) return;
    const factor = previous.form === 'classic' ? 1 / eta : eta;
    for (const { state } of this.slots) {
      const velocity = state.velocity;
      for (let j = 0; j < velocity.length; j++) velocity[j] = velocity[j]! * factor;
    }
  }
}
