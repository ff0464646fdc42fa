/**
 * Every optimizer, in every form, reaches the known minimum of a convex quadratic; momentum
 * beats plain gradient descent on an ill-conditioned one (κ = 100), as theory predicts.
 */
import { describe, expect, it } from 'vitest';
import type { OptimizerConfig, ScheduleConfig } from '../../src/core/config/experiment.ts';
import { createOptimizer, OPTIMIZER_DEFAULTS } from '../../src/core/optimizers/index.ts';
import { learningRate, SCHEDULE_DEFAULTS } from '../../src/core/schedules/index.ts';

/** f(x, y) = (x − 3)² + 10(y + 1)², minimum at (3, −1); ∇f = (2(x − 3), 20(y + 1)). */
function bowlGradient(theta: Float64Array, out: Float64Array): void {
  out[0] = 2 * (theta[0]! - 3);
  out[1] = 20 * (theta[1]! + 1);
}

/**
 * Runs `steps` steps from `start`; returns the final point and the first step after which
 * ‖θ − θ*‖ stays below `tolerance` (−1 if it never settles).
 */
function descend(
  config: OptimizerConfig,
  gradient: (theta: Float64Array, out: Float64Array) => void,
  optimum: readonly number[],
  start: readonly number[],
  steps: number,
  tolerance = 1e-3,
  schedule: ScheduleConfig = SCHEDULE_DEFAULTS.constant,
) {
  const params = Float64Array.from(start);
  const grads = new Float64Array(params.length);
  const optimizer = createOptimizer(config, [{ name: 'θ', params, grads }]);
  let settled = -1;
  for (let t = 0; t < steps; t++) {
    gradient(params, grads);
    optimizer.step(learningRate(schedule, config.lr, t));
    const distance = Math.hypot(...optimum.map((o, i) => params[i]! - o));
    if (distance >= tolerance) settled = -1;
    else if (settled < 0) settled = t + 1;
  }
  return { theta: Array.from(params), settled };
}

const CASES: Array<{ name: string; config: OptimizerConfig; schedule?: ScheduleConfig }> = [
  // Stable below η = 2/20 (the larger curvature); 0.05 removes the y error in one step.
  { name: 'sgd', config: { ...OPTIMIZER_DEFAULTS.sgd, lr: 0.05 } },
  { name: 'momentum classic', config: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.01 } },
  {
    name: 'momentum pytorch',
    config: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.01, form: 'pytorch' },
  },
  {
    name: 'momentum nesterov',
    config: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.01, nesterov: true },
  },
  {
    name: 'momentum dampening',
    config: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.02, dampening: 0.5 },
  },
  { name: 'adagrad', config: { ...OPTIMIZER_DEFAULTS.adagrad, lr: 1 } },
  { name: 'adagrad lrDecay', config: { ...OPTIMIZER_DEFAULTS.adagrad, lr: 1, lrDecay: 0.001 } },
  { name: 'rmsprop', config: { ...OPTIMIZER_DEFAULTS.rmsprop, lr: 0.01 } },
  {
    name: 'rmsprop centered + momentum, exponential decay',
    config: { ...OPTIMIZER_DEFAULTS.rmsprop, lr: 0.01, centered: true, momentum: 0.5 },
    schedule: { ...SCHEDULE_DEFAULTS.exponential, gamma: 0.995 },
  },
  { name: 'adam', config: { ...OPTIMIZER_DEFAULTS.adam, lr: 0.1 } },
  { name: 'adam amsgrad', config: { ...OPTIMIZER_DEFAULTS.adam, lr: 0.1, amsgrad: true } },
  { name: 'adamw without decay', config: { ...OPTIMIZER_DEFAULTS.adamw, lr: 0.1, weightDecay: 0 } },
  // A larger ε lets Adadelta's step size (√(accDelta + ε)) grow from a useful size.
  { name: 'adadelta', config: { ...OPTIMIZER_DEFAULTS.adadelta, eps: 1e-3 } },
  { name: 'adadelta, default ε', config: { ...OPTIMIZER_DEFAULTS.adadelta } },
];

describe('convergence on f = (x − 3)² + 10(y + 1)² from (0, 0)', () => {
  it.each(CASES)('$name reaches (3, −1) within 1e-3', ({ config, schedule }) => {
    const { theta, settled } = descend(config, bowlGradient, [3, -1], [0, 0], 3000, 1e-3, schedule);
    expect(settled).toBeGreaterThan(0);
    expect(theta[0]).toBeCloseTo(3, 3);
    expect(theta[1]).toBeCloseTo(-1, 3);
  });

  // L2 weight decay λ minimises f + (λ/2)‖θ‖²: x* = 2·3/(2 + λ), y* = −20/(20 + λ).
  it.each([
    { name: 'sgd', config: { ...OPTIMIZER_DEFAULTS.sgd, lr: 0.04, weightDecay: 2 } },
    { name: 'momentum', config: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.01, weightDecay: 2 } },
    { name: 'adam', config: { ...OPTIMIZER_DEFAULTS.adam, lr: 0.1, weightDecay: 2 } },
  ])(
    '$name with weight decay λ = 2 reaches the regularised minimum (1.5, −20/22)',
    ({ config }) => {
      const { theta, settled } = descend(config, bowlGradient, [1.5, -20 / 22], [0, 0], 3000);
      expect(settled).toBeGreaterThan(0);
      expect(theta[0]).toBeCloseTo(1.5, 3);
      expect(theta[1]).toBeCloseTo(-20 / 22, 3);
    },
  );
});

describe('momentum on an ill-conditioned quadratic', () => {
  // f = ½(x² + 100·y²): curvatures μ = 1, L = 100, κ = 100; minimum at the origin.
  const gradient = (theta: Float64Array, out: Float64Array) => {
    out[0] = theta[0]!;
    out[1] = 100 * theta[1]!;
  };
  const settle = (config: OptimizerConfig) =>
    descend(config, gradient, [0, 0], [1, 1], 5000, 1e-6).settled;

  it('needs far fewer steps than plain gradient descent, each at its best setting', () => {
    // GD at η = 2/(L + μ) contracts by (κ − 1)/(κ + 1) = 0.98 per step: ~ln(1e-6)/ln(0.98) ≈ 684.
    const gd = settle({ ...OPTIMIZER_DEFAULTS.sgd, lr: 2 / 101 });
    // Heavy ball at η = 4/(√L + √μ)², μ = ((√κ − 1)/(√κ + 1))² = (9/11)² contracts by 9/11
    // per step: ~ln(1e-6)/ln(9/11) ≈ 69, plus a transient.
    const heavyBall = settle({
      ...OPTIMIZER_DEFAULTS.momentum,
      lr: 4 / 121,
      momentum: (9 / 11) ** 2,
    });
    expect(gd).toBeGreaterThan(600);
    expect(gd).toBeLessThan(750);
    expect(heavyBall).toBeGreaterThan(0);
    expect(heavyBall).toBeLessThan(gd / 4);
  });

  it('needs fewer steps than gradient descent at the same rate η = 1/L', () => {
    // GD contracts by 1 − η·μ = 0.99 (≈ 1375 steps); momentum 0.9 by about √0.9 ≈ 0.95.
    const gd = settle({ ...OPTIMIZER_DEFAULTS.sgd, lr: 0.01 });
    const heavyBall = settle({ ...OPTIMIZER_DEFAULTS.momentum, lr: 0.01, momentum: 0.9 });
    expect(gd).toBeGreaterThan(1300);
    expect(heavyBall).toBeGreaterThan(0);
    expect(heavyBall).toBeLessThan(gd / 3);
  });
});
