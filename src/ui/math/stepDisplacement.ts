/**
 * The update a step record implies: Δθ = θ_{t+1} − θ_t, reconstructed from θ_t, the gradient,
 * η_t and the optimizer state after the update (what a record carries), so the map can draw
 * the step about to be taken at the current point, and momentum's velocity as a displacement.
 */
import type { OptimizerConfig } from '../../core/config/experiment.ts';
import type { StepRecord } from '../../core/run/records.ts';

type Vec2 = [number, number];

function vec(state: StepRecord['state'], name: string): readonly number[] | null {
  const value = state[name];
  return Array.isArray(value) && value.length >= 2 ? value : null;
}

/**
 * Δθ = θ_{t+1} − θ_t of the update described by `record` under `optimizer` (the settings that
 * made it), or null when the record lacks what is needed or the optimizer's update cannot be
 * read back from its state (Adadelta).
 */
export function stepDisplacement(optimizer: OptimizerConfig, record: StepRecord): Vec2 | null {
  const theta = record.params;
  const grad = record.grad;
  if (!theta || !grad || theta.length < 2 || grad.length < 2) return null;
  const lr = record.lr;
  const out: Vec2 = [0, 0];
  const stepCount = typeof record.state.t === 'number' ? record.state.t : null;
  for (let j = 0; j < 2; j++) {
    const th = theta[j]!;
    switch (optimizer.kind) {
      case 'sgd':
        out[j] = -lr * (grad[j]! + optimizer.weightDecay * th);
        break;
      case 'momentum': {
        const v = vec(record.state, 'velocity');
        if (!v) return null;
        const g = grad[j]! + optimizer.weightDecay * th;
        const mu = optimizer.momentum;
        if (optimizer.form === 'classic')
          out[j] = -(optimizer.nesterov ? mu * v[j]! + lr * g : v[j]!);
        else out[j] = -lr * (optimizer.nesterov ? g + mu * v[j]! : v[j]!);
        break;
      }
      case 'adam':
      case 'adamw': {
        const m = vec(record.state, 'm');
        const second = vec(record.state, optimizer.amsgrad ? 'vMax' : 'v');
        if (!m || !second || stepCount === null || stepCount < 1) return null;
        const shrink = optimizer.kind === 'adamw' ? 1 - lr * optimizer.weightDecay : 1;
        const c1 = 1 - optimizer.beta1 ** stepCount;
        const c2 = Math.sqrt(1 - optimizer.beta2 ** stepCount);
        out[j] =
          th * (shrink - 1) - ((lr / c1) * m[j]!) / (Math.sqrt(second[j]!) / c2 + optimizer.eps);
        break;
      }
      case 'adagrad': {
        const sum = vec(record.state, 'sum');
        if (!sum || stepCount === null || stepCount < 1) return null;
        const clr = lr / (1 + (stepCount - 1) * optimizer.lrDecay);
        const g = grad[j]! + optimizer.weightDecay * th;
        out[j] = (-clr * g) / (Math.sqrt(sum[j]!) + optimizer.eps);
        break;
      }
      case 'rmsprop': {
        if (optimizer.momentum > 0) {
          const buffer = vec(record.state, 'momentumBuffer');
          if (!buffer) return null;
          out[j] = -lr * buffer[j]!;
          break;
        }
        const square = vec(record.state, 'squareAvg');
        if (!square) return null;
        let variance = square[j]!;
        if (optimizer.centered) {
          const mean = vec(record.state, 'gradAvg');
          if (!mean) return null;
          variance = Math.max(variance - mean[j]! * mean[j]!, 0);
        }
        const g = grad[j]! + optimizer.weightDecay * th;
        out[j] = (-lr * g) / (Math.sqrt(variance) + optimizer.eps);
        break;
      }
      case 'adadelta':
        return null;
    }
  }
  return out.every(Number.isFinite) ? out : null;
}

/**
 * Momentum's velocity as a displacement of θ (what the map's "v" arrow shows): −v in the
 * classic form (v is in parameter units), −η·b in PyTorch's; null for other optimizers.
 */
export function velocityDisplacement(optimizer: OptimizerConfig, record: StepRecord): Vec2 | null {
  if (optimizer.kind !== 'momentum') return null;
  const v = vec(record.state, 'velocity');
  if (!v) return null;
  const scale = optimizer.form === 'classic' ? -1 : -record.lr;
  const out: Vec2 = [scale * v[0]!, scale * v[1]!];
  return out.every(Number.isFinite) ? out : null;
}
