import { describe, expect, it } from 'vitest';
import {
  defaultLrRange,
  evenlySpaced,
  iterationRate,
  linearMethod,
  logSpaced,
  methodOptimum,
  problemHessian,
  rateGrid,
  type LinearMethod,
} from '../../src/core/analysis/rateMap.ts';
import { OPTIMIZER_DEFAULTS } from '../../src/core/optimizers/index.ts';
import { Momentum } from '../../src/core/optimizers/momentum.ts';
import { methodStabilityLimit } from '../../src/ui/math/theory.ts';

const heavyBall = linearMethod({ ...OPTIMIZER_DEFAULTS.momentum })!;
const nesterov = linearMethod({ ...OPTIMIZER_DEFAULTS.momentum, nesterov: true })!;
const gd = linearMethod({ ...OPTIMIZER_DEFAULTS.sgd })!;

/** Largest |z| over the roots of z² + b·z + c = 0, by the quadratic formula in complex numbers. */
function largestRoot(b: number, c: number): number {
  const disc = b * b - 4 * c;
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    return Math.max(Math.abs((-b + s) / 2), Math.abs((-b - s) / 2));
  }
  // z = −b/2 ± i·√(−disc)/2
  return Math.hypot(-b / 2, Math.sqrt(-disc) / 2);
}

const LAMBDAS = [0.02, 1]; // κ = 50
const CELLS: ReadonlyArray<readonly [number, number]> = [
  [0.01, 0],
  [0.5, 0.3],
  [1.9, 0.1],
  [3.07, 0.566],
  [0.2, 0.9],
  [2.5, 0.95],
  [5, 0.5],
  [0.05, 0.99],
];

describe('the rate map’s ρ against closed forms', () => {
  it.each(CELLS)('plain GD at η = %s is max |1 − ηλ| (γ ignored at 0)', (lr) => {
    const expected = Math.max(...LAMBDAS.map((l) => Math.abs(1 - lr * l)));
    expect(iterationRate(gd, lr, 0, LAMBDAS)).toBeCloseTo(expected, 12);
    // The heavy ball at γ = 0 is plain GD: the map’s bottom edge.
    expect(iterationRate(heavyBall, lr, 0, LAMBDAS)).toBeCloseTo(expected, 12);
  });

  it.each(CELLS)('heavy ball at η = %s, γ = %s: roots of z² − (1 + γ − ηλ)z + γ', (lr, g) => {
    const expected = Math.max(...LAMBDAS.map((l) => largestRoot(-(1 + g - lr * l), g)));
    expect(iterationRate(heavyBall, lr, g, LAMBDAS)).toBeCloseTo(expected, 10);
  });

  it.each(CELLS)(
    'Nesterov at η = %s, γ = %s: roots of z² − (1 + γ)(1 − ηλ)z + γ(1 − ηλ)',
    (lr, g) => {
      const expected = Math.max(
        ...LAMBDAS.map((l) => largestRoot(-(1 + g) * (1 - lr * l), g * (1 - lr * l))),
      );
      expect(iterationRate(nesterov, lr, g, LAMBDAS)).toBeCloseTo(expected, 10);
    },
  );

  it('heavy ball with dampening d is the heavy ball at η(1 − d)', () => {
    const damped = linearMethod({ ...OPTIMIZER_DEFAULTS.momentum, dampening: 0.5 })!;
    for (const [lr, g] of CELLS)
      expect(iterationRate(damped, lr, g, LAMBDAS)).toBeCloseTo(
        Math.max(...LAMBDAS.map((l) => largestRoot(-(1 + g - 0.5 * lr * l), g))),
        10,
      );
  });

  it('has no map for adaptive optimizers', () => {
    for (const kind of ['adam', 'adamw', 'rmsprop', 'adagrad', 'adadelta'] as const)
      expect(linearMethod(OPTIMIZER_DEFAULTS[kind])).toBeNull();
  });
});

describe('the stability boundary ρ = 1', () => {
  const lambdaMax = 4;
  const limits: ReadonlyArray<readonly [string, LinearMethod, (g: number) => number]> = [
    ['heavy ball 2(1 + γ)/λmax', heavyBall, (g) => (2 * (1 + g)) / lambdaMax],
    [
      'Nesterov 2(1 + γ)/((1 + 2γ)λmax)',
      nesterov,
      (g) => (2 * (1 + g)) / ((1 + 2 * g) * lambdaMax),
    ],
  ];
  for (const [name, method, limit] of limits) {
    it.each([0, 0.3, 0.6, 0.9, 0.99])(`lies at ${name} (γ = %s)`, (g) => {
      const eta = limit(g);
      expect(iterationRate(method, eta * (1 - 1e-4), g, [0.1, lambdaMax])).toBeLessThan(1);
      expect(iterationRate(method, eta * (1 + 1e-4), g, [0.1, lambdaMax])).toBeGreaterThan(1);
      // The theory panel states the same limit.
      const config = { ...OPTIMIZER_DEFAULTS.momentum, momentum: g, nesterov: method === nesterov };
      expect(methodStabilityLimit(config, lambdaMax)!.limit).toBeCloseTo(eta, 12);
    });
  }

  it('is the same η in the classic and the PyTorch form (the app’s own optimizer)', () => {
    // Iterate the real Momentum optimizer on f = λθ²/2 (λ = 4, γ = 0.5; limit 2·1.5/4 = 0.75).
    const final = (form: 'classic' | 'pytorch', lr: number) => {
      const params = new Float64Array([1]);
      const grads = new Float64Array(1);
      const opt = new Momentum({ ...OPTIMIZER_DEFAULTS.momentum, momentum: 0.5, form, lr }, [
        { name: 'theta', params, grads },
      ]);
      for (let i = 0; i < 3000; i++) {
        grads[0] = 4 * params[0]!;
        opt.step(lr);
      }
      return Math.abs(params[0]!);
    };
    for (const form of ['classic', 'pytorch'] as const) {
      expect(final(form, 0.75 * 0.99)).toBeLessThan(1e-3);
      expect(final(form, 0.75 * 1.01)).toBeGreaterThan(1e3);
    }
  });
});

describe('the optimum (η*, γ*)', () => {
  it.each([
    ['heavy ball', heavyBall],
    ['Nesterov', nesterov],
  ] as const)('of %s is the best cell of a fine grid', (_, method) => {
    const best = methodOptimum(method, 0.02, 1)!;
    expect(iterationRate(method, best.lr, best.momentum, LAMBDAS)).toBeCloseTo(best.rate, 6);
    const lrs = logSpaced(0.1, 10, 301);
    const momenta = evenlySpaced(0, 0.99, 100);
    const rates = rateGrid(method, LAMBDAS, lrs, momenta);
    const minimum = Math.min(...rates);
    // No cell beats the optimum; the grid's best comes within its spacing of it.
    expect(minimum).toBeGreaterThanOrEqual(best.rate - 1e-9);
    expect(minimum).toBeLessThan(best.rate + 0.02);
  });

  it('is Polyak’s for κ = 50: η* = 4/(1 + √0.02)², γ* = ((√50 − 1)/(√50 + 1))²', () => {
    const best = methodOptimum(heavyBall, 0.02, 1)!;
    expect(best.lr).toBeCloseTo(3.0702, 4);
    expect(best.momentum).toBeCloseTo(0.56581, 5);
  });
});

describe('grids and ranges', () => {
  it('spaces η on a log scale and γ evenly, both ends exact', () => {
    const lrs = logSpaced(1e-4, 1, 5);
    expect(lrs[0]).toBe(1e-4);
    expect(lrs[4]).toBe(1);
    expect(lrs[2]).toBeCloseTo(1e-2, 14);
    expect(evenlySpaced(0, 0.99, 34)[33]).toBe(0.99);
    expect(evenlySpaced(0, 0.99, 34)[1]).toBeCloseTo(0.03, 14);
  });

  it('lays the grid out one row per momentum', () => {
    const rates = rateGrid(heavyBall, [1], [0.5, 1.5], [0, 0.5]);
    expect([...rates]).toEqual([
      iterationRate(heavyBall, 0.5, 0, [1]),
      iterationRate(heavyBall, 1.5, 0, [1]),
      iterationRate(heavyBall, 0.5, 0.5, [1]),
      iterationRate(heavyBall, 1.5, 0.5, [1]),
    ]);
  });

  it('shows η up to 10/λmax, three decades deep', () => {
    expect(defaultLrRange(heavyBall, [0.5, 2])).toEqual([5e-3, 5]);
    expect(defaultLrRange(heavyBall, [0, 0])).toBeNull();
  });

  it('reads the Hessian of a surface and of the line fit', () => {
    // f = x² + 10y² → [2, 0, 20]
    const quad = problemHessian(
      {
        kind: 'surface',
        surface: 'custom',
        expression: 'x^2 + 10*y^2',
        params: {},
        start: [1, 1],
        gradientNoise: 0,
      },
      1,
      [3, -2],
    );
    expect(quad).toEqual([2, 0, 20]);
  });
});
