/** The registry: defaults, kinds, titles, state names, and what `createOptimizer` hands back. */
import { describe, expect, it } from 'vitest';
import type { OptimizerKind } from '../../src/core/config/experiment.ts';
import {
  createOptimizer,
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_KINDS,
  OPTIMIZER_TITLES,
  primaryStateName,
} from '../../src/core/optimizers/index.ts';
import type { ParamTensor } from '../../src/core/optimizers/optimizer.ts';

const tensors = (): ParamTensor[] => [
  { name: 'w', params: Float64Array.of(1, 2, 3), grads: Float64Array.of(0.1, -0.2, 0.3) },
  { name: 'b', params: Float64Array.of(-1), grads: Float64Array.of(0.5) },
];

describe('OPTIMIZER_DEFAULTS', () => {
  it('are PyTorch’s defaults (momentum: 0.9, classic; AdamW: weight decay 0.01)', () => {
    expect(OPTIMIZER_DEFAULTS).toEqual({
      sgd: { kind: 'sgd', lr: 0.001, weightDecay: 0 },
      momentum: {
        kind: 'momentum',
        lr: 0.001,
        momentum: 0.9,
        dampening: 0,
        nesterov: false,
        weightDecay: 0,
        form: 'classic',
      },
      adagrad: {
        kind: 'adagrad',
        lr: 0.01,
        eps: 1e-10,
        initialAccumulator: 0,
        lrDecay: 0,
        weightDecay: 0,
      },
      rmsprop: {
        kind: 'rmsprop',
        lr: 0.01,
        alpha: 0.99,
        eps: 1e-8,
        momentum: 0,
        centered: false,
        weightDecay: 0,
      },
      adam: {
        kind: 'adam',
        lr: 0.001,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        weightDecay: 0,
        amsgrad: false,
      },
      adamw: {
        kind: 'adamw',
        lr: 0.001,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        weightDecay: 0.01,
        amsgrad: false,
      },
      adadelta: { kind: 'adadelta', lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 },
    });
  });

  it('list every kind once, each with a title', () => {
    expect([...OPTIMIZER_KINDS].sort()).toEqual(Object.keys(OPTIMIZER_DEFAULTS).sort());
    expect(OPTIMIZER_TITLES.adamw).toBe('AdamW');
    for (const kind of OPTIMIZER_KINDS) expect(OPTIMIZER_TITLES[kind].length).toBeGreaterThan(0);
  });
});

describe('createOptimizer', () => {
  const expectedState: Record<OptimizerKind, string[]> = {
    sgd: [],
    momentum: ['velocity'],
    adagrad: ['sum'],
    rmsprop: ['squareAvg'],
    adam: ['m', 'v'],
    adamw: ['m', 'v'],
    adadelta: ['squareAvg', 'accDelta'],
  };

  it.each(OPTIMIZER_KINDS)('%s: state named after the math, one set per tensor', (kind) => {
    const config = OPTIMIZER_DEFAULTS[kind];
    const ts = tensors();
    const optimizer = createOptimizer(config, ts);
    expect(optimizer.config).toBe(config);
    expect(optimizer.stepCount).toBe(0);
    ts.forEach((tensor, i) => {
      const state = optimizer.state(i);
      expect(Object.keys(state)).toEqual(expectedState[kind]);
      for (const buffer of Object.values(state)) {
        expect(buffer).toBeInstanceOf(Float64Array);
        expect(buffer).toHaveLength(tensor.params.length);
      }
    });
    const primary = primaryStateName(kind);
    if (primary === null) expect(kind).toBe('sgd');
    else expect(optimizer.state(0)[primary]).toBeDefined();
  });

  it.each(OPTIMIZER_KINDS)('%s: state views are live and steps are counted', (kind) => {
    const ts = tensors();
    const optimizer = createOptimizer(OPTIMIZER_DEFAULTS[kind], ts);
    const view = optimizer.state(1);
    const before = Object.values(view).map((b) => Array.from(b));
    // As many buffers as the math names (none for SGD), so the loop below cannot pass empty.
    expect(before).toHaveLength(expectedState[kind].length);
    optimizer.step(0.1);
    optimizer.step(0.1);
    expect(optimizer.stepCount).toBe(2);
    expect(optimizer.state(1)).toBe(view);
    // Every buffer moved in place (the gradient 0.5 is non-zero).
    Object.values(view).forEach((buffer, k) => expect(Array.from(buffer)).not.toEqual(before[k]));
    // b = −1 with gradient 0.5 moves down the gradient on both steps, whatever the method.
    expect(ts[1]!.params[0]).toBeLessThan(-1);
    // SGD: b = −1 − 0.1·0.5 − 0.1·0.5 = −1.1 (to round-off).
    if (kind === 'sgd') expect(ts[1]!.params[0]).toBeCloseTo(-1.1, 15);
  });

  it('starts AdaGrad’s sum at initialAccumulator', () => {
    const optimizer = createOptimizer(
      { ...OPTIMIZER_DEFAULTS.adagrad, initialAccumulator: 0.25 },
      tensors(),
    );
    expect(Array.from(optimizer.state(0).sum!)).toEqual([0.25, 0.25, 0.25]);
  });

  it('names the state drawn as velocity', () => {
    expect(OPTIMIZER_KINDS.map(primaryStateName)).toEqual([
      null,
      'velocity',
      'sum',
      'squareAvg',
      'm',
      'm',
      'accDelta',
    ]);
  });
});
