import { describe, expect, it } from 'vitest';
import type { OptimizerConfig } from '../../src/core/config/experiment.ts';
import { OPTIMIZER_DEFAULTS, createOptimizer } from '../../src/core/optimizers/index.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { stepDisplacement, velocityDisplacement } from '../../src/ui/math/stepDisplacement.ts';

/**
 * Runs the real optimizer on f = x² + 3y² + xy from θ = (1.5, −2) for three steps and checks
 * that the displacement read back from each record equals the step the optimizer took.
 */
function checkAgainstOptimizer(config: OptimizerConfig, lrs = [0.1, 0.05, 0.08]): void {
  const params = new Float64Array([1.5, -2]);
  const grads = new Float64Array(2);
  const optimizer = createOptimizer(config, [{ name: 'θ', params, grads }]);
  lrs.forEach((lr, t) => {
    const before = [params[0]!, params[1]!];
    grads[0] = 2 * before[0]! + before[1]!;
    grads[1] = 6 * before[1]! + before[0]!;
    optimizer.step(lr);
    const state: Record<string, number[] | number> = { t: optimizer.stepCount };
    for (const [name, tensor] of Object.entries(optimizer.state(0)))
      state[name] = Array.from(tensor);
    const record: StepRecord = {
      run: 'r',
      step: t,
      loss: 0,
      lr,
      params: before,
      grad: [grads[0]!, grads[1]!],
      state,
    };
    const delta = stepDisplacement(config, record)!;
    expect(delta, `${config.kind} step ${t}`).not.toBeNull();
    expect(delta[0]).toBeCloseTo(params[0]! - before[0]!, 12);
    expect(delta[1]).toBeCloseTo(params[1]! - before[1]!, 12);
  });
}

describe('stepDisplacement', () => {
  it('reads a classic momentum step by hand', () => {
    // First step: v = η·g = 0.1·(1, 2) = (0.1, 0.2); θ moves by −v.
    const config = { ...OPTIMIZER_DEFAULTS.momentum, momentum: 0.9 };
    const record: StepRecord = {
      run: 'r',
      step: 0,
      loss: 0,
      lr: 0.1,
      params: [0, 0],
      grad: [1, 2],
      state: { t: 1, velocity: [0.1, 0.2] },
    };
    expect(stepDisplacement(config, record)).toEqual([-0.1, -0.2]);
    expect(velocityDisplacement(config, record)).toEqual([-0.1, -0.2]);
    // PyTorch form: b = g = (1, 2), θ moves by −η·b.
    const pytorch = { ...config, form: 'pytorch' as const };
    const recordB = { ...record, state: { t: 1, velocity: [1, 2] } };
    expect(velocityDisplacement(pytorch, recordB)).toEqual([-0.1, -0.2]);
  });

  it.each<[string, OptimizerConfig]>([
    ['sgd with weight decay', { ...OPTIMIZER_DEFAULTS.sgd, weightDecay: 0.1 }],
    ['classic momentum', { ...OPTIMIZER_DEFAULTS.momentum, momentum: 0.8 }],
    [
      'classic Nesterov with dampening',
      { ...OPTIMIZER_DEFAULTS.momentum, nesterov: true, dampening: 0.3 },
    ],
    ['PyTorch momentum', { ...OPTIMIZER_DEFAULTS.momentum, form: 'pytorch' }],
    [
      'PyTorch Nesterov with decay',
      { ...OPTIMIZER_DEFAULTS.momentum, form: 'pytorch', nesterov: true, weightDecay: 0.05 },
    ],
    ['Adam', { ...OPTIMIZER_DEFAULTS.adam, weightDecay: 0.01 }],
    ['Adam AMSGrad', { ...OPTIMIZER_DEFAULTS.adam, amsgrad: true }],
    ['AdamW', { ...OPTIMIZER_DEFAULTS.adamw, weightDecay: 0.1 }],
    [
      'AdaGrad with lr decay',
      { ...OPTIMIZER_DEFAULTS.adagrad, lrDecay: 0.1, initialAccumulator: 0.5 },
    ],
    ['RMSprop', OPTIMIZER_DEFAULTS.rmsprop],
    ['RMSprop centered', { ...OPTIMIZER_DEFAULTS.rmsprop, centered: true }],
    ['RMSprop with momentum', { ...OPTIMIZER_DEFAULTS.rmsprop, momentum: 0.5 }],
  ])('matches the optimizer’s own step: %s', (_name, config) => {
    checkAgainstOptimizer(config);
  });

  it('has no reading for Adadelta or a record without parameters', () => {
    const record: StepRecord = {
      run: 'r',
      step: 0,
      loss: 0,
      lr: 1,
      params: [0, 0],
      grad: [1, 1],
      state: { t: 1 },
    };
    expect(stepDisplacement(OPTIMIZER_DEFAULTS.adadelta, record)).toBeNull();
    expect(
      stepDisplacement(OPTIMIZER_DEFAULTS.sgd, { run: 'r', step: 0, loss: 0, lr: 1, state: {} }),
    ).toBeNull();
    expect(velocityDisplacement(OPTIMIZER_DEFAULTS.sgd, record)).toBeNull();
  });
});
