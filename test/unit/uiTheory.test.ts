import { describe, expect, it } from 'vitest';
import {
  measuredRate,
  methodStabilityLimit,
  optimalSettings,
  predictedRate,
  stabilityLimit,
  stepsToShrink,
  symmetricEigen2,
} from '../../src/ui/math/theory.ts';
import { spectralRadius2 } from '../../src/core/analysis/rateMap.ts';
import { OPTIMIZER_DEFAULTS } from '../../src/core/optimizers/index.ts';
import {
  curvatureAt,
  isQuadratic,
  knownMinima,
  newtonMinimum,
} from '../../src/ui/math/curvature.ts';
import type { Surface } from '../../src/core/surfaces/surface.ts';
import type { MomentumConfig, SgdConfig } from '../../src/core/config/experiment.ts';

const sgd = (weightDecay = 0): SgdConfig => ({ ...OPTIMIZER_DEFAULTS.sgd, weightDecay });
const momentum = (m: number, extra: Partial<MomentumConfig> = {}): MomentumConfig => ({
  ...OPTIMIZER_DEFAULTS.momentum,
  momentum: m,
  ...extra,
});

describe('symmetricEigen2', () => {
  it('finds 3 and 1 for [[2, 1], [1, 2]] with eigenvectors along the diagonals', () => {
    // λ = 2 ± √(0² + 1²) = 3, 1; (1, 1)/√2 and (1, −1)/√2.
    const e = symmetricEigen2(2, 1, 2);
    expect(e.lambdaMax).toBeCloseTo(3, 12);
    expect(e.lambdaMin).toBeCloseTo(1, 12);
    expect(Math.abs(e.vMax[0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(e.vMax[0] * e.vMax[1]).toBeCloseTo(0.5, 12);
    expect(e.vMin[0] * e.vMin[1]).toBeCloseTo(-0.5, 12);
  });

  it('reads a diagonal matrix off its diagonal, axes as eigenvectors', () => {
    const e = symmetricEigen2(1, 0, 4);
    expect([e.lambdaMin, e.lambdaMax]).toEqual([1, 4]);
    expect(Math.abs(e.vMax[1])).toBe(1);
    expect(Math.abs(e.vMin[0])).toBe(1);
  });

  it('matches the Rosenbrock Hessian at its minimum (1, 1)', () => {
    // fxx = 2 − 400(y − x²) + 800x² = 802, fxy = −400x = −400, fyy = 200:
    // λ = 501 ± √(301² + 400²) = 501 ± √250601; product = det = 802·200 − 400² = 400.
    const e = symmetricEigen2(802, -400, 200);
    expect(e.lambdaMax).toBeCloseTo(501 + Math.sqrt(250601), 9);
    expect(e.lambdaMin * e.lambdaMax).toBeCloseTo(400, 6);
    expect(e.lambdaMin).toBeCloseTo(0.399361, 5);
  });

  it('handles a multiple of the identity', () => {
    const e = symmetricEigen2(5, 0, 5);
    expect([e.lambdaMin, e.lambdaMax]).toEqual([5, 5]);
  });
});

describe('stability limit and optimal settings', () => {
  it('puts the GD stability limit at 2/λmax', () => {
    expect(stabilityLimit(4)).toBe(0.5);
    expect(stabilityLimit(0)).toBe(Infinity);
    expect(stabilityLimit(-3)).toBe(Infinity);
  });

  it('gives Polyak’s heavy-ball optimum for κ = 100', () => {
    // λ = 1, 100: η* = 4/(10 + 1)² = 4/121, γ* = (9/11)² = 81/121, rate 9/11;
    // plain GD: η = 2/101, rate 99/101.
    const s = optimalSettings(1, 100)!;
    expect(s.kappa).toBe(100);
    expect(s.lr).toBeCloseTo(4 / 121, 14);
    expect(s.momentum).toBeCloseTo(81 / 121, 14);
    expect(s.rate).toBeCloseTo(9 / 11, 14);
    expect(s.gdLr).toBeCloseTo(2 / 101, 14);
    expect(s.gdRate).toBeCloseTo(99 / 101, 14);
  });

  it('has no optimum without strictly positive curvature', () => {
    expect(optimalSettings(0, 1)).toBeNull();
    expect(optimalSettings(-1, 1)).toBeNull();
  });
});

describe('methodStabilityLimit', () => {
  /** Iterates the method on f = λθ²/2 from θ = 1 (velocity 0) and reports |θ| after n steps. */
  function iterate(opt: SgdConfig | MomentumConfig, lr: number, lambda: number, n = 4000) {
    let theta = 1;
    let velocity = 0; // PyTorch's buffer b
    for (let i = 0; i < n; i++) {
      const g = lambda * theta;
      if (opt.kind === 'sgd') theta -= lr * g;
      else {
        velocity = opt.momentum * velocity + (1 - opt.dampening) * g;
        theta -= lr * (opt.nesterov ? g + opt.momentum * velocity : velocity);
      }
    }
    return Math.abs(theta);
  }

  it.each([
    ['plain GD', sgd(), 'gd', 2 / 4],
    ['heavy ball γ = 0.6', momentum(0.6), 'heavyBall', (2 * 1.6) / 4],
    ['heavy ball γ = 0.9, dampening ½', momentum(0.9, { dampening: 0.5 }), 'heavyBall', 3.8 / 2],
    ['Nesterov γ = 0.9', momentum(0.9, { nesterov: true }), 'nesterov', 3.8 / (2.8 * 4)],
  ] as const)(
    'puts %s’s limit where its iteration turns unstable (λ = 4)',
    (_, opt, method, limit) => {
      const found = methodStabilityLimit(opt, 4)!;
      expect(found.method).toBe(method);
      expect(found.limit).toBeCloseTo(limit, 12);
      // Just below the limit the iteration shrinks; just above it blows up.
      expect(iterate(opt, limit * 0.99, 4)).toBeLessThan(1e-3);
      expect(iterate(opt, limit * 1.01, 4)).toBeGreaterThan(1e3);
    },
  );

  it('puts the optimal heavy ball on κ = 50 below its own limit, above plain GD’s', () => {
    // λmax = 1, λmin = 0.02: η* = 4/(1 + √0.02)² = 3.0702, γ* = ((√50 − 1)/(√50 + 1))² = 0.56581;
    // heavy-ball limit 2(1 + γ*) = 3.1316 > η* > 2 = GD's limit.
    const best = optimalSettings(0.02, 1)!;
    const limit = methodStabilityLimit(momentum(best.momentum), 1)!.limit;
    expect(best.lr).toBeCloseTo(3.0702, 4);
    expect(limit).toBeCloseTo(3.1316, 4);
    expect(best.lr).toBeLessThan(limit);
    expect(best.lr).toBeGreaterThan(methodStabilityLimit(sgd(), 1)!.limit);
  });

  it('adds weight decay to the curvature, and has no limit for adaptive methods', () => {
    expect(methodStabilityLimit(sgd(1), 1)!.limit).toBeCloseTo(1, 14); // 2/(1 + 1)
    expect(methodStabilityLimit(sgd(), 0)!.limit).toBe(Infinity);
    expect(methodStabilityLimit(OPTIMIZER_DEFAULTS.adam, 1)).toBeNull();
  });
});

describe('predictedRate', () => {
  it('is max |1 − ηλ| for plain SGD', () => {
    // η = 0.01: |1 − 0.01| = 0.99, |1 − 1| = 0 → 0.99; η = 0.025: |1 − 2.5| = 1.5 diverges.
    expect(predictedRate(sgd(), 0.01, [1, 100])).toBeCloseTo(0.99, 14);
    expect(predictedRate(sgd(), 0.025, [1, 100])).toBeCloseTo(1.5, 14);
  });

  it('adds weight decay to the curvature', () => {
    // λ + λ_wd = 2: |1 − 0.1·2| = 0.8.
    expect(predictedRate(sgd(1), 0.1, [1])).toBeCloseTo(0.8, 14);
  });

  it('reaches √γ* = 9/11 with the optimal heavy ball on κ = 100', () => {
    // λ = 1: 1 + γ − ηλ = 198/121, discriminant (198/121)² − 4·81/121 = 0, root 99/121 = 9/11;
    // λ = 100: 1 + γ − ηλ = −198/121, the same |root|.
    expect(predictedRate(momentum(81 / 121), 4 / 121, [1, 100])).toBeCloseTo(9 / 11, 6);
  });

  it('traces heavy-ball roots by hand', () => {
    // γ = 0.1, η = 0.1, λ = 1: z² − 1.0·z + 0.1 = 0 → z = (1 ± √0.6)/2 → 0.887298.
    expect(predictedRate(momentum(0.1), 0.1, [1])).toBeCloseTo(0.887298, 6);
    // γ = 0.5, η = 0.1, λ = 1: z² − 1.4z + 0.5, discriminant −0.04 → |z| = √0.5.
    expect(predictedRate(momentum(0.5), 0.1, [1])).toBeCloseTo(Math.SQRT1_2, 12);
    // Dampening ½ halves the effective step: η = 0.2, d = 0.5 is η = 0.1, d = 0.
    expect(predictedRate(momentum(0.1, { dampening: 0.5 }), 0.2, [1])).toBeCloseTo(0.887298, 6);
  });

  it('uses Nesterov’s characteristic polynomial', () => {
    // z² − (1 + γ)(1 − ηλ)z + γ(1 − ηλ) with γ = 0.5, ηλ = 0.1: z² − 1.35z + 0.45 → 0.75, 0.6.
    expect(predictedRate(momentum(0.5, { nesterov: true }), 0.1, [1])).toBeCloseTo(0.75, 12);
  });

  it('has no linear prediction for adaptive optimizers', () => {
    expect(predictedRate(OPTIMIZER_DEFAULTS.adam, 0.1, [1])).toBeNull();
  });

  it('spectralRadius2 of a rotation-like matrix is √det', () => {
    // [[0, −2], [2, 0]]: z² + 4 = 0 → |z| = 2.
    expect(spectralRadius2(0, -2, 2, 0)).toBe(2);
  });
});

describe('measuredRate', () => {
  it('recovers a geometric decay', () => {
    const steps = Array.from({ length: 31 }, (_, t) => t);
    const d = steps.map((t) => 3 * 0.5 ** t);
    expect(measuredRate(steps, d, steps.length)).toBeCloseTo(0.5, 12);
  });

  it('measures before the run stalls at round-off', () => {
    // 0.5^40 ≈ 9.1e-13 is below 1e-12 of the peak: the stall after that is ignored.
    const steps = Array.from({ length: 80 }, (_, t) => t);
    const d = steps.map((t) => (t <= 40 ? 0.5 ** t : 1e-13));
    expect(measuredRate(steps, d, steps.length)).toBeCloseTo(0.5, 10);
  });

  it('works on decimated, unevenly spaced steps', () => {
    const steps = [0, 10, 20, 21, 22];
    const d = steps.map((t) => 0.9 ** t);
    expect(measuredRate(steps, d, steps.length)).toBeCloseTo(0.9, 12);
  });

  it('needs two usable points', () => {
    expect(measuredRate([0], [1], 1)).toBeNull();
    expect(measuredRate([0, 1], [0, 0], 2)).toBeNull();
  });
});

describe('stepsToShrink', () => {
  it('counts steps to shrink by a factor', () => {
    // ln(1e-3)/ln(0.5) = 9.97 → 10 steps.
    expect(stepsToShrink(0.5, 1e-3)).toBe(10);
    expect(stepsToShrink(1, 1e-3)).toBe(Infinity);
  });
});

/** f = (x − 1)² + 5(y + 2)² + 2(x − 1)(y + 2): H = [[2, 2], [2, 10]], minimum (1, −2). */
const bowl: Surface = {
  title: 'bowl',
  formula: '',
  viewBox: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  start: [0, 0],
  criticalPoints: [],
  value: (x, y) => (x - 1) ** 2 + 5 * (y + 2) ** 2 + 2 * (x - 1) * (y + 2),
  valueAndGradient(x, y, g) {
    g[0] = 2 * (x - 1) + 2 * (y + 2);
    g[1] = 10 * (y + 2) + 2 * (x - 1);
    return this.value(x, y);
  },
  hessian(_x, _y, out) {
    out[0] = 2;
    out[1] = 2;
    out[2] = 10;
  },
};

/** f = x⁴ + y²: H = [[12x², 0], [0, 2]], not constant. */
const quartic: Surface = {
  ...bowl,
  value: (x, y) => x ** 4 + y ** 2,
  valueAndGradient(x, y, g) {
    g[0] = 4 * x ** 3;
    g[1] = 2 * y;
    return x ** 4 + y ** 2;
  },
  hessian(x, _y, out) {
    out[0] = 12 * x * x;
    out[1] = 0;
    out[2] = 2;
  },
  criticalPoints: [{ x: 0, y: 0, value: 0, kind: 'global' }],
};

describe('curvature of a surface', () => {
  it('reads the Hessian and its eigenvalues', () => {
    // λ = 6 ± √(4² + 2²) = 6 ± √20.
    const c = curvatureAt(bowl, 0, 0);
    expect(c.hessian).toEqual([2, 2, 10]);
    expect(c.lambdaMax).toBeCloseTo(6 + Math.sqrt(20), 12);
    expect(c.lambdaMin).toBeCloseTo(6 - Math.sqrt(20), 12);
  });

  it('tells a quadratic from a quartic', () => {
    expect(isQuadratic(bowl)).toBe(true);
    expect(isQuadratic(quartic)).toBe(false);
  });

  it('finds the quadratic’s minimum by one Newton step', () => {
    const m = newtonMinimum(bowl, 3, 4)!;
    expect(m[0]).toBeCloseTo(1, 12);
    expect(m[1]).toBeCloseTo(-2, 12);
    expect(knownMinima(bowl)).toHaveLength(1);
  });

  it('prefers declared minima', () => {
    expect(knownMinima(quartic)).toEqual([[0, 0]]);
  });
});
