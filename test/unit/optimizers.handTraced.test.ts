/**
 * Two steps of every optimizer and every option, traced by hand on a 2-element tensor with
 * the arithmetic in comments (in the manner of tfjs' momentum_optimizer_test.ts).
 * Start θ₀ = [1, −2] throughout; gradients are set by hand before each step.
 */
import { describe, expect, it } from 'vitest';
import type {
  AdadeltaConfig,
  AdagradConfig,
  AdamConfig,
  AdamwConfig,
  MomentumConfig,
  OptimizerConfig,
  RmspropConfig,
  SgdConfig,
} from '../../src/core/config/experiment.ts';
import { createOptimizer } from '../../src/core/optimizers/index.ts';
import type { ParamTensor } from '../../src/core/optimizers/optimizer.ts';

/** Two steps from θ₀ = [1, −2] with gradients g1, g2 and rates lr1, lr2. */
function twoSteps(
  config: OptimizerConfig,
  g1: [number, number],
  g2: [number, number],
  lr1: number,
  lr2 = lr1,
) {
  const tensor: ParamTensor = {
    name: 'θ',
    params: Float64Array.of(1, -2),
    grads: new Float64Array(2),
  };
  const optimizer = createOptimizer(config, [tensor]);
  tensor.grads.set(g1);
  optimizer.step(lr1);
  const theta1 = Array.from(tensor.params);
  const state1 = copyState(optimizer.state(0));
  tensor.grads.set(g2);
  optimizer.step(lr2);
  return {
    theta1,
    state1,
    theta2: Array.from(tensor.params),
    state2: copyState(optimizer.state(0)),
  };
}

function copyState(state: Readonly<Record<string, ArrayLike<number>>>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(state).map(([name, t]) => [name, Array.from(t)]));
}

/** Element-wise closeness to `digits` decimals. */
function expectClose(
  actual: readonly number[] | undefined,
  expected: readonly number[],
  digits = 12,
) {
  expect(actual).toBeDefined();
  expect(actual!.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual![i]).toBeCloseTo(e, digits));
}

const sgd = (o: Partial<SgdConfig> = {}): SgdConfig => ({
  kind: 'sgd',
  lr: 0.1,
  weightDecay: 0,
  ...o,
});
const momentum = (o: Partial<MomentumConfig> = {}): MomentumConfig => ({
  kind: 'momentum',
  lr: 0.1,
  momentum: 0.9,
  dampening: 0,
  nesterov: false,
  weightDecay: 0,
  form: 'pytorch',
  ...o,
});
const adagrad = (o: Partial<AdagradConfig> = {}): AdagradConfig => ({
  kind: 'adagrad',
  lr: 0.1,
  eps: 1e-10,
  initialAccumulator: 0,
  lrDecay: 0,
  weightDecay: 0,
  ...o,
});
const rmsprop = (o: Partial<RmspropConfig> = {}): RmspropConfig => ({
  kind: 'rmsprop',
  lr: 0.1,
  alpha: 0.75,
  eps: 1e-12,
  momentum: 0,
  centered: false,
  weightDecay: 0,
  ...o,
});
const adam = (o: Partial<Omit<AdamConfig, 'kind'>> = {}): AdamConfig => ({
  kind: 'adam',
  lr: 0.1,
  beta1: 0.5,
  beta2: 0.75,
  eps: 1e-12,
  weightDecay: 0,
  amsgrad: false,
  ...o,
});
const adamw = (o: Partial<Omit<AdamwConfig, 'kind'>> = {}): AdamwConfig => ({
  ...adam(o),
  kind: 'adamw',
});
const adadelta = (o: Partial<AdadeltaConfig> = {}): AdadeltaConfig => ({
  kind: 'adadelta',
  lr: 1,
  rho: 0.5,
  eps: 0.25,
  weightDecay: 0,
  ...o,
});

describe('SGD by hand', () => {
  it('steps against the gradient', () => {
    // η = 0.1. g1 = [0.5, 1]: θ1 = [1 − 0.05, −2 − 0.1] = [0.95, −2.1]
    //          g2 = [−1, 2]:  θ2 = [0.95 + 0.1, −2.1 − 0.2] = [1.05, −2.3]
    const r = twoSteps(sgd(), [0.5, 1], [-1, 2], 0.1);
    expectClose(r.theta1, [0.95, -2.1]);
    expectClose(r.theta2, [1.05, -2.3]);
    expect(r.state2).toEqual({});
  });

  it('adds L2 weight decay λθ to the gradient', () => {
    // λ = 0.1, η = 0.1. g1' = [0.5 + 0.1·1, 1 + 0.1·(−2)] = [0.6, 0.8] → θ1 = [0.94, −2.08]
    // g2' = [−1 + 0.094, 2 − 0.208] = [−0.906, 1.792] → θ2 = [0.94 + 0.0906, −2.08 − 0.1792]
    const r = twoSteps(sgd({ weightDecay: 0.1 }), [0.5, 1], [-1, 2], 0.1);
    expectClose(r.theta1, [0.94, -2.08]);
    expectClose(r.theta2, [1.0306, -2.2592]);
  });
});

describe('momentum by hand', () => {
  const g1: [number, number] = [0.5, 1];
  const g2: [number, number] = [-1, 2];

  it('pytorch form: buffer starts as the gradient, then b ← μb + g', () => {
    // μ = 0.9, η = 0.1. b1 = g1 = [0.5, 1]; θ1 = [1 − 0.05, −2 − 0.1] = [0.95, −2.1]
    // b2 = 0.9·[0.5, 1] + [−1, 2] = [−0.55, 2.9]; θ2 = [0.95 + 0.055, −2.1 − 0.29]
    const r = twoSteps(momentum(), g1, g2, 0.1);
    expectClose(r.state1.velocity!, [0.5, 1]);
    expectClose(r.theta1, [0.95, -2.1]);
    expectClose(r.state2.velocity!, [-0.55, 2.9]);
    expectClose(r.theta2, [1.005, -2.39]);
  });

  it('classic form: v ← η·g first, then v ← γv + ηg; same path at constant η', () => {
    // γ = 0.9, η = 0.1. v1 = 0.1·[0.5, 1] = [0.05, 0.1]; θ1 = [0.95, −2.1]
    // v2 = 0.9·[0.05, 0.1] + 0.1·[−1, 2] = [−0.055, 0.29]; θ2 = [0.95 + 0.055, −2.1 − 0.29]
    const r = twoSteps(momentum({ form: 'classic' }), g1, g2, 0.1);
    expectClose(r.state1.velocity!, [0.05, 0.1]);
    expectClose(r.theta1, [0.95, -2.1]);
    expectClose(r.state2.velocity!, [-0.055, 0.29]);
    expectClose(r.theta2, [1.005, -2.39]);
  });

  it('the two forms part ways when η changes (0.1 then 0.2)', () => {
    // classic: v2 = 0.9·[0.05, 0.1] + 0.2·[−1, 2] = [−0.155, 0.49]; θ2 = [0.95 + 0.155, −2.1 − 0.49]
    const classic = twoSteps(momentum({ form: 'classic' }), g1, g2, 0.1, 0.2);
    expectClose(classic.state2.velocity!, [-0.155, 0.49]);
    expectClose(classic.theta2, [1.105, -2.59]);
    // pytorch: b2 = [−0.55, 2.9] as before; θ2 = [0.95 + 0.2·0.55, −2.1 − 0.2·2.9] = [1.06, −2.68]
    const pytorch = twoSteps(momentum(), g1, g2, 0.1, 0.2);
    expectClose(pytorch.theta2, [1.06, -2.68]);
  });

  it('dampening scales the new gradient from the second step on, in both forms', () => {
    // d = 0.5. pytorch: b1 = g1 (undampened) = [0.5, 1]; θ1 = [0.95, −2.1]
    // b2 = 0.9·[0.5, 1] + 0.5·[−1, 2] = [−0.05, 1.9]; θ2 = [0.95 + 0.005, −2.1 − 0.19]
    const pytorch = twoSteps(momentum({ dampening: 0.5 }), g1, g2, 0.1);
    expectClose(pytorch.theta1, [0.95, -2.1]);
    expectClose(pytorch.state2.velocity!, [-0.05, 1.9]);
    expectClose(pytorch.theta2, [0.955, -2.29]);
    // classic: v1 = [0.05, 0.1]; v2 = 0.9·[0.05, 0.1] + 0.5·0.1·[−1, 2] = [−0.005, 0.19]
    const classic = twoSteps(momentum({ dampening: 0.5, form: 'classic' }), g1, g2, 0.1);
    expectClose(classic.state2.velocity!, [-0.005, 0.19]);
    expectClose(classic.theta2, [0.955, -2.29]);
  });

  it('nesterov, pytorch form: θ ← θ − η(g + μb)', () => {
    // b1 = [0.5, 1]; step g1 + 0.9·b1 = [0.95, 1.9]; θ1 = [1 − 0.095, −2 − 0.19] = [0.905, −2.19]
    // b2 = [−0.55, 2.9]; step g2 + 0.9·b2 = [−1.495, 4.61]
    // η2 = 0.1: θ2 = [0.905 + 0.1495, −2.19 − 0.461] = [1.0545, −2.651]
    const r = twoSteps(momentum({ nesterov: true }), g1, g2, 0.1);
    expectClose(r.theta1, [0.905, -2.19]);
    expectClose(r.theta2, [1.0545, -2.651]);
    // η2 = 0.2: θ2 = [0.905 + 0.299, −2.19 − 0.922] = [1.204, −3.112]
    const changed = twoSteps(momentum({ nesterov: true }), g1, g2, 0.1, 0.2);
    expectClose(changed.theta2, [1.204, -3.112]);
  });

  it('nesterov, classic form: θ ← θ − (γv + ηg)', () => {
    // η1 = 0.1: v1 = [0.05, 0.1]; step 0.9·v1 + 0.1·g1 = [0.095, 0.19]; θ1 = [0.905, −2.19]
    // η2 = 0.2: v2 = [−0.155, 0.49]; step 0.9·v2 + 0.2·g2 = [−0.1395 − 0.2, 0.441 + 0.4]
    //   = [−0.3395, 0.841]; θ2 = [0.905 + 0.3395, −2.19 − 0.841] = [1.2445, −3.031]
    const r = twoSteps(momentum({ nesterov: true, form: 'classic' }), g1, g2, 0.1, 0.2);
    expectClose(r.theta1, [0.905, -2.19]);
    expectClose(r.state2.velocity!, [-0.155, 0.49]);
    expectClose(r.theta2, [1.2445, -3.031]);
  });

  it('weight decay enters the buffer through the gradient', () => {
    // λ = 0.1. g1' = [0.6, 0.8]; b1 = [0.6, 0.8]; θ1 = [0.94, −2.08]
    // g2' = [−1 + 0.094, 2 − 0.208] = [−0.906, 1.792]; b2 = 0.9·[0.6, 0.8] + g2' = [−0.366, 2.512]
    // θ2 = [0.94 + 0.0366, −2.08 − 0.2512] = [0.9766, −2.3312]
    const r = twoSteps(momentum({ weightDecay: 0.1 }), g1, g2, 0.1);
    expectClose(r.state2.velocity!, [-0.366, 2.512]);
    expectClose(r.theta2, [0.9766, -2.3312]);
    // classic at constant η: v = η·b → v2 = [−0.0366, 0.2512], same θ2
    const classic = twoSteps(momentum({ weightDecay: 0.1, form: 'classic' }), g1, g2, 0.1);
    expectClose(classic.state2.velocity!, [-0.0366, 0.2512]);
    expectClose(classic.theta2, [0.9766, -2.3312]);
  });

  it('momentum 0 is plain SGD even with dampening (PyTorch keeps no buffer then)', () => {
    // θ2 = [1.05, −2.3] exactly as SGD, not [1 − 0.05 + 0.05·0.5, …]
    const r = twoSteps(momentum({ momentum: 0, dampening: 0.5 }), g1, g2, 0.1);
    expectClose(r.theta2, [1.05, -2.3]);
  });
});

describe('AdaGrad by hand', () => {
  // ε = 1e-10 moves the numbers below by < 1e-11, hence 10 digits.
  it('divides by the root of the summed squared gradients', () => {
    // η = 0.1. g1 = [3, 4]: sum = [9, 16]; θ1 = θ0 − 0.1·[3/3, 4/4] = [0.9, −2.1]
    // g2 = [4, −3]: sum = [25, 25]; θ2 = θ1 − 0.1·[4/5, −3/5] = [0.82, −2.04]
    const r = twoSteps(adagrad(), [3, 4], [4, -3], 0.1);
    expectClose(r.state1.sum!, [9, 16]);
    expectClose(r.theta1, [0.9, -2.1], 10);
    expectClose(r.state2.sum!, [25, 25]);
    expectClose(r.theta2, [0.82, -2.04], 10);
  });

  it('lrDecay: η̃ = η/(1 + (t−1)·lrDecay); initialAccumulator seeds the sum', () => {
    // sum0 = 16, lrDecay = 0.5. t = 1: η̃ = 0.1; g1 = [3, 3]: sum = [25, 25]
    //   θ1 = [1 − 0.1·3/5, −2 − 0.1·3/5] = [0.94, −2.06]
    // t = 2: η̃ = 0.1/1.5 = 1/15; g2 = [12, −12]: sum = [169, 169], g/√sum = ±12/13
    //   θ2 = [0.94 − 12/195, −2.06 + 12/195] = [0.878461538461…, −1.998461538461…]
    const r = twoSteps(adagrad({ lrDecay: 0.5, initialAccumulator: 16 }), [3, 3], [12, -12], 0.1);
    expectClose(r.state1.sum!, [25, 25]);
    expectClose(r.theta1, [0.94, -2.06], 10);
    expectClose(r.state2.sum!, [169, 169]);
    expectClose(r.theta2, [0.94 - 12 / 195, -2.06 + 12 / 195], 10);
  });

  it('weight decay is added before squaring', () => {
    // λ = 0.5. g1 = [2.5, 5] → g1' = [2.5 + 0.5, 5 − 1] = [3, 4] → θ1 = [0.9, −2.1]
    // g2 = [3.55, −1.95] → g2' = [3.55 + 0.45, −1.95 − 1.05] = [4, −3] → θ2 = [0.82, −2.04]
    const r = twoSteps(adagrad({ weightDecay: 0.5 }), [2.5, 5], [3.55, -1.95], 0.1);
    expectClose(r.state2.sum!, [25, 25], 10); // θ1 carries ε's ~1e-12 into g2'
    expectClose(r.theta2, [0.82, -2.04], 10);
  });
});

describe('RMSprop by hand', () => {
  // ε = 1e-12 keeps the arithmetic exact to 11 digits.
  it('divides by the root of the moving average of g²', () => {
    // α = 0.75, η = 0.1. g1 = [2, −4]: squareAvg = 0.25·[4, 16] = [1, 4]
    //   θ1 = θ0 − 0.1·[2/1, −4/2] = [0.8, −1.8]
    // g2 = [−1, 2]: squareAvg = 0.75·[1, 4] + 0.25·[1, 4] = [1, 4]; θ2 = θ1 − 0.1·[−1, 1]
    const r = twoSteps(rmsprop(), [2, -4], [-1, 2], 0.1);
    expectClose(r.state1.squareAvg!, [1, 4]);
    expectClose(r.theta1, [0.8, -1.8], 11);
    expectClose(r.theta2, [0.9, -1.9], 11);
    expect(Object.keys(r.state2)).toEqual(['squareAvg']);
  });

  it('centered: subtracts the squared moving average of g', () => {
    // α = 0.5. g1 = [2, −4]: squareAvg = [2, 8], gradAvg = [1, −2], ṽ = [2 − 1, 8 − 4] = [1, 4]
    //   θ1 = θ0 − 0.1·[2/1, −4/2] = [0.8, −1.8]
    // g2 = [3, −2]: squareAvg = [1 + 4.5, 4 + 2] = [5.5, 6], gradAvg = [0.5 + 1.5, −1 − 1] = [2, −2]
    //   ṽ = [5.5 − 4, 6 − 4] = [1.5, 2]; step = [3/√1.5, −2/√2] = [√6, −√2]
    //   θ2 = [0.8 − 0.1·√6, −1.8 + 0.1·√2] = [0.555051025721682, −1.658578643762691]
    const r = twoSteps(rmsprop({ alpha: 0.5, centered: true }), [2, -4], [3, -2], 0.1);
    expectClose(r.state1.gradAvg!, [1, -2]);
    expectClose(r.theta1, [0.8, -1.8], 11);
    expectClose(r.state2.squareAvg!, [5.5, 6]);
    expectClose(r.state2.gradAvg!, [2, -2]);
    expectClose(r.theta2, [0.555051025721682, -1.658578643762691], 11);
  });

  it('momentum: the buffer accumulates normalised steps', () => {
    // α = 0.75, μ = 0.9. step1 = [2, −2] (as above); buffer = [2, −2]; θ1 = [0.8, −1.8]
    // step2 = [−1, 1]; buffer = 0.9·[2, −2] + [−1, 1] = [0.8, −0.8]; θ2 = [0.8 − 0.08, −1.8 + 0.08]
    const r = twoSteps(rmsprop({ momentum: 0.9 }), [2, -4], [-1, 2], 0.1);
    expectClose(r.state1.momentumBuffer!, [2, -2], 11);
    expectClose(r.state2.momentumBuffer!, [0.8, -0.8], 11);
    expectClose(r.theta2, [0.72, -1.72], 11);
    expect(Object.keys(r.state2)).toEqual(['squareAvg', 'momentumBuffer']);
  });

  it('centered with momentum', () => {
    // α = 0.5, μ = 0.9: step1 = [2, −2] → buffer = [2, −2], θ1 = [0.8, −1.8]
    // step2 = [√6, −√2] → buffer = [1.8 + √6, −1.8 − √2] = [4.249489742783178, −3.214213562373095]
    // θ2 = [0.8 − 0.4249489742783178, −1.8 + 0.3214213562373095]
    const r = twoSteps(
      rmsprop({ alpha: 0.5, centered: true, momentum: 0.9 }),
      [2, -4],
      [3, -2],
      0.1,
    );
    expectClose(r.state2.momentumBuffer!, [4.249489742783178, -3.214213562373095], 11);
    expectClose(r.theta2, [0.37505102572168225, -1.4785786437626904], 11);
    expect(Object.keys(r.state2).sort()).toEqual(['gradAvg', 'momentumBuffer', 'squareAvg']);
  });

  it('weight decay is added to the gradient', () => {
    // λ = 0.5. g1 = [1.5, −3] → g1' = [1.5 + 0.5, −3 − 1] = [2, −4] → θ1 = [0.8, −1.8]
    // g2 = [−1.4, 2.9] → g2' = [−1.4 + 0.4, 2.9 − 0.9] = [−1, 2] → θ2 = [0.9, −1.9]
    const r = twoSteps(rmsprop({ weightDecay: 0.5 }), [1.5, -3], [-1.4, 2.9], 0.1);
    expectClose(r.theta1, [0.8, -1.8], 11);
    expectClose(r.theta2, [0.9, -1.9], 11);
  });
});

describe('Adam by hand', () => {
  // β₁ = 0.5, β₂ = 0.75, η = 0.1, ε = 1e-12 (negligible at 11 digits).
  it('bias-corrects both moments', () => {
    // t = 1, g1 = [2, −4]: m = 0.5·g = [1, −2], v = 0.25·g² = [1, 4]
    //   m̂ = m/0.5 = [2, −4], v̂ = v/0.25 = [4, 16]; θ1 = θ0 − 0.1·[2/2, −4/4] = [0.9, −1.9]
    // t = 2, g2 = [2, 4]: m = 0.5·[1, −2] + 0.5·[2, 4] = [1.5, 1]
    //   v = 0.75·[1, 4] + 0.25·[4, 16] = [1.75, 7]
    //   m̂ = m/(1 − 0.25) = [2, 4/3], v̂ = v/(1 − 0.5625) = [4, 16]
    //   θ2 = θ1 − 0.1·[2/2, (4/3)/4] = [0.8, −1.9 − 0.1/3]
    const r = twoSteps(adam(), [2, -4], [2, 4], 0.1);
    expectClose(r.state1.m!, [1, -2]);
    expectClose(r.state1.v!, [1, 4]);
    expectClose(r.theta1, [0.9, -1.9], 11);
    expectClose(r.state2.m!, [1.5, 1]);
    expectClose(r.state2.v!, [1.75, 7]);
    expectClose(r.theta2, [0.8, -1.9 - 0.1 / 3], 11);
    expect(Object.keys(r.state2)).toEqual(['m', 'v']);
  });

  it('amsgrad: the running max of v (then bias-corrected) replaces v', () => {
    // g1 = [2, −4] as above: v = [1, 4], vMax = [1, 4], θ1 = [0.9, −1.9]
    // g2 = [0, 4]: m = [0.5, 1], v = [0.75, 7], vMax = [max(1, 0.75), max(4, 7)] = [1, 7]
    //   m̂ = [0.5/0.75, 1/0.75] = [2/3, 4/3]; v̂ = vMax/0.4375 = [16/7, 16]
    //   θ2 = [0.9 − 0.1·(2/3)/(4/√7), −1.9 − 0.1/3] = [0.9 − 0.1·√7/6, …] = [0.85590414481559, …]
    const r = twoSteps(adam({ amsgrad: true }), [2, -4], [0, 4], 0.1);
    expectClose(r.state2.v!, [0.75, 7]);
    expectClose(r.state2.vMax!, [1, 7]);
    expectClose(r.theta2, [0.8559041448155902, -1.9 - 0.1 / 3], 11);
    // Without amsgrad: v̂_x = 0.75/0.4375 = 12/7 → θ2_x = 0.9 − 0.1·(2/3)/√(12/7) = 0.84908249…
    const plain = twoSteps(adam(), [2, -4], [0, 4], 0.1);
    expectClose(plain.theta2, [0.8490824922782685, -1.9 - 0.1 / 3], 11);
  });

  it('Adam weight decay is L2: it goes through the moments', () => {
    // λ = 0.5. g1 = [1.5, −3] → g1' = g1 + 0.5·[1, −2] = [2, −4] → θ1 = [0.9, −1.9] (as above)
    // g2 = [1.55, 4.95] → g2' = g2 + 0.5·[0.9, −1.9] = [2, 4] → θ2 = [0.8, −1.9 − 0.1/3]
    const r = twoSteps(adam({ weightDecay: 0.5 }), [1.5, -3], [1.55, 4.95], 0.1);
    expectClose(r.state1.m!, [1, -2]);
    expectClose(r.theta1, [0.9, -1.9], 11);
    expectClose(r.theta2, [0.8, -1.9 - 0.1 / 3], 11);
  });

  it('AdamW weight decay is decoupled: θ ← θ(1 − ηλ) before the Adam step on the raw g', () => {
    // λ = 0.5, η = 0.1: shrink 1 − 0.05 = 0.95.
    // θ0·0.95 = [0.95, −1.9]; g1 = [2, −4] → Adam step [1, −1]·0.1 → θ1 = [0.85, −1.8]
    // θ1·0.95 = [0.8075, −1.71]; g2 = [2, 4] → step [1, 1/3]·0.1 → θ2 = [0.7075, −1.71 − 0.1/3]
    const r = twoSteps(adamw({ weightDecay: 0.5 }), [2, -4], [2, 4], 0.1);
    expectClose(r.state1.m!, [1, -2]);
    expectClose(r.theta1, [0.85, -1.8], 11);
    expectClose(r.state2.m!, [1.5, 1]);
    expectClose(r.theta2, [0.7075, -1.71 - 0.1 / 3], 11);
  });
});

describe('Adadelta by hand', () => {
  // ρ = 0.5, ε = 0.25 (large, so the square roots come out round).
  it('scales by √(accDelta + ε)/√(squareAvg + ε)', () => {
    // η = 1, g1 = [2, −12]: squareAvg = 0.5·[4, 144] = [2, 72]
    //   Δ = √0.25/√[2.25, 72.25]·g = [0.5/1.5·2, 0.5/8.5·(−12)] = [2/3, −12/17]
    //   accDelta = 0.5·Δ² = [2/9, 72/289]; θ1 = [1 − 2/3, −2 + 12/17] = [1/3, −22/17]
    // η = 0.5, g2 = [1, 0]: squareAvg = [1 + 0.5, 36] = [1.5, 36]
    //   Δ_x = √(2/9 + 1/4)/√(1.5 + 0.25) = √(17/36)/√(7/4) = √17/(3√7) = 0.5194624816493197
    //   Δ_y = 0; accDelta = [1/9 + 0.5·17/63, 36/289] = [31/126, 36/289]
    //   θ2 = [1/3 − 0.5·0.5194624816493197, −22/17] = [0.07360209250867344, −22/17]
    const r = twoSteps(adadelta(), [2, -12], [1, 0], 1, 0.5);
    expectClose(r.state1.squareAvg!, [2, 72]);
    expectClose(r.state1.accDelta!, [2 / 9, 72 / 289]);
    expectClose(r.theta1, [1 / 3, -22 / 17]);
    expectClose(r.state2.squareAvg!, [1.5, 36]);
    expectClose(r.state2.accDelta!, [31 / 126, 36 / 289]);
    expectClose(r.theta2, [0.07360209250867344, -22 / 17]);
  });

  it('weight decay is added to the gradient', () => {
    // λ = 1. g1 = [1, −10] → g1' = [1 + 1, −10 − 2] = [2, −12] → θ1 = [1/3, −22/17]
    // g2 = [2/3, 22/17] → g2' = g2 + θ1 = [1, 0] → θ2 as above
    const r = twoSteps(adadelta({ weightDecay: 1 }), [1, -10], [2 / 3, 22 / 17], 1, 0.5);
    expectClose(r.theta1, [1 / 3, -22 / 17]);
    expectClose(r.theta2, [0.07360209250867344, -22 / 17]);
  });
});
