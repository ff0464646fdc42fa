import { describe, expect, it } from 'vitest';
import { BatchOrder } from '../../src/core/problems/batchOrder.ts';
import {
  generateRegressionData,
  leastSquares,
  quadraticLoss,
  regressionHessian,
  regressionLoss,
  type RegressionData,
} from '../../src/core/problems/regression.ts';
import type { RegressionProblem } from '../../src/core/config/experiment.ts';

const problem: RegressionProblem = {
  kind: 'regression',
  samples: 50,
  noise: 0.5,
  outliers: 0.1,
  trueW: 2,
  trueB: -1,
  start: [0, 0],
};

describe('regression data', () => {
  it('is determined by the seed', () => {
    const a = generateRegressionData(problem, 3);
    const b = generateRegressionData(problem, 3);
    const c = generateRegressionData(problem, 4);
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.y)).not.toEqual(Array.from(c.y));
    expect(a.outlier.reduce((s, v) => s + v, 0)).toBe(5); // 10 % of 50
  });

  it('loss and gradient match a hand-worked example', () => {
    // Points (1, 2) and (3, 4); at w = 1, b = 0 the residuals are −1 and −1.
    // L = (1 + 1)/2 = 1; ∂L/∂w = 2/2·(−1·1 + −1·3) = −4; ∂L/∂b = 2/2·(−1 − 1) = −2.
    const data: RegressionData = {
      x: Float64Array.of(1, 3),
      y: Float64Array.of(2, 4),
      outlier: new Uint8Array(2),
    };
    const g = new Float64Array(2);
    expect(regressionLoss(data, 1, 0, g)).toBe(1);
    expect(Array.from(g)).toEqual([-4, -2]);
    // Least squares through both points: w = 1, b = 1.
    expect(leastSquares(data)).toEqual([1, 1]);
    const h = new Float64Array(3);
    regressionHessian(data, h);
    // (2/n)·[Σx², Σx, n] = [10, 4, 2]
    expect(Array.from(h)).toEqual([10, 4, 2]);
  });

  it('gradient matches central differences', () => {
    const data = generateRegressionData(problem, 9);
    const g = new Float64Array(2);
    const scratch = new Float64Array(2);
    regressionLoss(data, 0.3, -0.7, g);
    const h = 1e-6;
    const dw =
      (regressionLoss(data, 0.3 + h, -0.7, scratch) -
        regressionLoss(data, 0.3 - h, -0.7, scratch)) /
      (2 * h);
    const db =
      (regressionLoss(data, 0.3, -0.7 + h, scratch) -
        regressionLoss(data, 0.3, -0.7 - h, scratch)) /
      (2 * h);
    expect(g[0]).toBeCloseTo(dw, 6);
    expect(g[1]).toBeCloseTo(db, 6);
  });

  it('the gradient vanishes at the least-squares optimum', () => {
    const data = generateRegressionData(problem, 2);
    const [w, b] = leastSquares(data);
    const g = new Float64Array(2);
    regressionLoss(data, w, b, g);
    expect(Math.abs(g[0]!)).toBeLessThan(1e-10);
    expect(Math.abs(g[1]!)).toBeLessThan(1e-10);
  });
});

describe('the full-data loss as a quadratic (what the map draws)', () => {
  it('matches the hand-worked example: points (1, 2), (3, 4) lie on y = x + 1', () => {
    const data: RegressionData = {
      x: Float64Array.of(1, 3),
      y: Float64Array.of(2, 4),
      outlier: new Uint8Array(2),
    };
    const loss = quadraticLoss(data);
    expect(loss.optimum[0]).toBeCloseTo(1, 12);
    expect(loss.optimum[1]).toBeCloseTo(1, 12);
    expect(loss.minimum).toBeCloseTo(0, 12);
    // H = (2/2)·[1 + 9, 1 + 3, 2] = [10, 4, 2].
    expect(loss.hessian).toEqual([10, 4, 2]);
    // At (1, 0): d = (0, −1), L = ½·2·1 = 1, ∇L = H·d = (−4, −2), as summed by hand above.
    const g = new Float64Array(2);
    expect(loss.valueAndGradient(1, 0, g)).toBeCloseTo(1, 12);
    expect(g[0]).toBeCloseTo(-4, 12);
    expect(g[1]).toBeCloseTo(-2, 12);
  });

  it('agrees with the sum over all 10,000 samples everywhere on a wide grid', () => {
    const data = generateRegressionData({ ...problem, samples: 10_000 }, 11);
    const loss = quadraticLoss(data);
    const direct = new Float64Array(2);
    const fast = new Float64Array(2);
    for (const w of [-40, -3, 0, 1.9, 2, 7.5, 300]) {
      for (const b of [-200, -1.2, -1, 0, 4, 55]) {
        const expected = regressionLoss(data, w, b, direct);
        const got = loss.valueAndGradient(w, b, fast);
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-9 * expected);
        expect(fast[0]).toBeCloseTo(direct[0]!, 6);
        expect(fast[1]).toBeCloseTo(direct[1]!, 6);
      }
    }
  });
});

describe('mini-batch order', () => {
  it('uses every sample exactly once per epoch, for any batch size', () => {
    for (const batchSize of [1, 7, 10, 50]) {
      const order = new BatchOrder(50, 11);
      const cursor = { epoch: 0, offset: 0 };
      const seen: number[] = [];
      while (cursor.epoch === 0 && seen.length < 50) {
        const { order: perm, from, to } = order.next(cursor, batchSize);
        seen.push(...perm.subarray(from, to));
      }
      expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
  });

  it('the mean of mini-batch gradients over an epoch equals the full gradient', () => {
    const data = generateRegressionData(problem, 5);
    const full = new Float64Array(2);
    regressionLoss(data, 0.5, 0.5, full);
    const order = new BatchOrder(50, 5);
    const cursor = { epoch: 0, offset: 0 };
    const g = new Float64Array(2);
    let sw = 0;
    let sb = 0;
    // Batch size 10 divides 50: equal-size batches, so the plain mean is exact.
    for (let k = 0; k < 5; k++) {
      const { order: perm, from, to } = order.next(cursor, 10);
      regressionLoss(data, 0.5, 0.5, g, perm, from, to);
      sw += g[0]!;
      sb += g[1]!;
    }
    expect(sw / 5).toBeCloseTo(full[0]!, 12);
    expect(sb / 5).toBeCloseTo(full[1]!, 12);
  });

  it('reshuffles each epoch, and two orders with one seed agree', () => {
    const a = new BatchOrder(20, 1);
    const b = new BatchOrder(20, 1);
    const e0 = Array.from(a.epochOrder(0));
    const e1 = Array.from(a.epochOrder(1));
    expect(e0).not.toEqual(e1);
    expect(Array.from(b.epochOrder(1))).toEqual(e1);
    expect(Array.from(b.epochOrder(0))).toEqual(e0);
  });
});
