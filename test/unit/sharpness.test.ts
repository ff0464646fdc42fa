/**
 * Sharpness: records carry the top eigenvalue of the loss's Hessian at the steps asked for. On
 * surfaces and the line fit it is compared with the eigenvalue of a Hessian built here by
 * central differences of the gradient and solved through its characteristic polynomial; on a
 * tiny CNN (float64) with the top eigenvalue of the full finite-difference Hessian found by
 * Jacobi rotations.
 */
import { describe, expect, it } from 'vitest';
import { topEigenvalue } from '../../src/core/analysis/sharpness.ts';
import { CnnTrainer, prepareCnnData } from '../../src/core/cnn/trainer.ts';
import { writeImage } from '../../src/core/cnn/data/dataset.ts';
import { parseExperiment, validateExperiment } from '../../src/core/config/validate.ts';
import { generateRegressionData, regressionLoss } from '../../src/core/problems/regression.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';
import { createSurface } from '../../src/core/surfaces/index.ts';
import { decodeExperiment, encodeExperiment } from '../../src/store/share.ts';

/** λmax of [[a, b], [b, c]] from λ² − (a + c)λ + (ac − b²) = 0. */
function largerRoot(a: number, b: number, c: number): number {
  const trace = a + c;
  const det = a * c - b * b;
  return (trace + Math.sqrt(trace * trace - 4 * det)) / 2;
}

/** The 2×2 Hessian of `gradient` at θ by central differences. */
function differenceHessian(
  gradient: (x: number, y: number, out: Float64Array) => void,
  point: readonly number[],
  h: number,
): [number, number, number] {
  const [x, y] = [point[0]!, point[1]!];
  const gp = new Float64Array(2);
  const gm = new Float64Array(2);
  gradient(x + h, y, gp);
  gradient(x - h, y, gm);
  const hxx = (gp[0]! - gm[0]!) / (2 * h);
  const hxy1 = (gp[1]! - gm[1]!) / (2 * h);
  gradient(x, y + h, gp);
  gradient(x, y - h, gm);
  const hyy = (gp[1]! - gm[1]!) / (2 * h);
  const hxy2 = (gp[0]! - gm[0]!) / (2 * h);
  return [hxx, (hxy1 + hxy2) / 2, hyy];
}

function records(config: unknown): StepRecord[] {
  const out: StepRecord[] = [];
  runToEnd(createTrainers(parseExperiment(config)), (r) => out.push(r));
  return out;
}

describe('sharpnessEvery', () => {
  it('is off by default, validates, and survives a share link', () => {
    const base = {
      problem: { kind: 'surface', surface: 'quadratic' },
      runs: [{ optimizer: { kind: 'sgd', lr: 0.1 } }],
    };
    expect(parseExperiment(base).sharpnessEvery).toBeUndefined();
    expect(records(base).some((r) => r.sharpness !== undefined)).toBe(false);
    for (const bad of [0, 2.5, -1, '10', 1e9]) {
      const result = validateExperiment({ ...base, sharpnessEvery: bad });
      expect(result.ok, String(bad)).toBe(false);
      if (!result.ok) expect(result.issues[0]!.path).toBe('sharpnessEvery');
    }
    const experiment = parseExperiment({ ...base, sharpnessEvery: 7 });
    expect(experiment.sharpnessEvery).toBe(7);
    const decoded = decodeExperiment(encodeExperiment(experiment));
    expect(decoded.ok && decoded.value.sharpnessEvery).toBe(7);
  });
});

describe('exact sharpness on two-parameter problems', () => {
  const surfaces: [string, Record<string, unknown>, number][] = [
    ['quadratic', { conditionNumber: 25, rotation: 30 }, 0.01],
    ['rosenbrock', {}, 2e-4],
    ['beale', {}, 1e-3],
    ['himmelblau', {}, 5e-3],
    ['saddle', {}, 0.05],
  ];
  for (const [name, params, lr] of surfaces) {
    it(name, () => {
      const problem = { kind: 'surface', surface: name, params };
      const surface = createSurface(
        parseExperiment({ problem, runs: [{ optimizer: { kind: 'sgd' } }] }).problem as never,
      );
      const recs = records({
        problem,
        steps: 40,
        sharpnessEvery: 4,
        runs: [{ optimizer: { kind: 'momentum', lr, momentum: 0.5 } }],
      });
      const marked = recs.filter((r) => r.sharpness !== undefined);
      expect(marked.map((r) => r.step)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40]);
      const gradient = (x: number, y: number, out: Float64Array) =>
        void surface.valueAndGradient(x, y, out);
      for (const r of marked) {
        const expected = largerRoot(...differenceHessian(gradient, r.params!, 1e-4));
        expect(r.sharpness!).toBeCloseTo(expected, 4);
      }
    });
  }

  it('the line fit', () => {
    const config = {
      problem: { kind: 'regression', samples: 80, noise: 0.7 },
      seed: 3,
      steps: 10,
      sharpnessEvery: 5,
      runs: [{ batchSize: 8, optimizer: { kind: 'sgd', lr: 0.05 } }],
    };
    const experiment = parseExperiment(config);
    const data = generateRegressionData(experiment.problem as never, 3);
    const gradient = (w: number, b: number, out: Float64Array) =>
      void regressionLoss(data, w, b, out);
    const marked = records(config).filter((r) => r.sharpness !== undefined);
    expect(marked).toHaveLength(3);
    for (const r of marked) {
      const expected = largerRoot(...differenceHessian(gradient, r.params!, 1e-3));
      expect(r.sharpness!).toBeCloseTo(expected, 6);
      // x ~ U(−3, 3): Σx²/n ≈ 3, so λmax ≈ 2·3 = 6 (> 2, the b–b entry).
      expect(r.sharpness!).toBeGreaterThan(4);
    }
  });
});

/** Eigenvalues of a symmetric matrix (row-major n × n) by cyclic Jacobi rotations. */
function jacobiEigenvalues(matrix: Float64Array, n: number): number[] {
  const a = Float64Array.from(matrix);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => a[i * n + i]!);
}

describe('power iteration', () => {
  it('finds the top eigenvalue of a matrix, also when a negative one is larger', () => {
    // diag(3, −7, 1) rotated: power iteration alone would find −7.
    const n = 3;
    const h = new Float64Array([3, 0, 0, 0, -7, 0, 0, 0, 1]);
    const hvp = (v: Float64Array, out: Float64Array) => {
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += h[i * n + j]! * v[j]!;
        out[i] = sum;
      }
    };
    expect(
      topEigenvalue(hvp, new Float64Array([1, 1, 1]), { maxIterations: 200, tolerance: 1e-12 }),
    ).toBeCloseTo(3, 8);
  });

  it('on a tiny CNN, matches the full finite-difference Hessian', () => {
    const experiment = parseExperiment({
      problem: {
        kind: 'cnn',
        dataset: 'shapes',
        trainSize: 12,
        testSize: 4,
        evalEvery: 100,
        // conv 3×3×1, stride 7 → 4×4×1 → dense 8: 10 + 136 parameters.
        architecture: {
          input: [28, 28, 1],
          layers: [{ type: 'conv', filters: 1, size: 3, stride: 7, pad: 1 }, { type: 'relu' }],
        },
      },
      steps: 3,
      seed: 6,
      sharpnessEvery: 3,
      runs: [{ batchSize: 'all', optimizer: { kind: 'sgd', lr: 0.5 } }],
    });
    const data = prepareCnnData(experiment.problem as never, experiment.seed);
    const trainer = new CnnTrainer(experiment, experiment.runs[0]!, data, { precision: 'float64' });
    let last: StepRecord | null = null;
    while (trainer.status === 'running') last = trainer.advance();
    expect(last!.step).toBe(3);
    const measured = last!.sharpness!;

    // The full-batch gradient at θ_3, computed here from the model's forward and backward.
    const model = trainer.model;
    const train = data.split.train;
    const labels = new Uint8Array(1);
    const tensors = model.params;
    const n = tensors.reduce((k, t) => k + t.params.length, 0);
    const gradient = (out: Float64Array) => {
      model.zeroGrads();
      for (const index of train) {
        writeImage(data.dataset, index, model.input, 0);
        labels[0] = data.dataset.labels[index]!;
        model.forward(1, labels, 0);
        model.backward(1, labels, 0, 1 / train.length);
      }
      let at = 0;
      for (const t of tensors) for (const g of t.grads) out[at++] = g;
    };
    const slot = (j: number): [Float64Array | Float32Array, number] => {
      let k = j;
      for (const t of tensors) {
        if (k < t.params.length) return [t.params, k];
        k -= t.params.length;
      }
      throw new Error('index');
    };
    const hessian = new Float64Array(n * n);
    const gp = new Float64Array(n);
    const gm = new Float64Array(n);
    const h = 1e-5;
    for (let j = 0; j < n; j++) {
      const [params, k] = slot(j);
      const saved = params[k]!;
      params[k] = saved + h;
      gradient(gp);
      params[k] = saved - h;
      gradient(gm);
      params[k] = saved;
      for (let i = 0; i < n; i++) hessian[i * n + j] = (gp[i]! - gm[i]!) / (2 * h);
    }
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const mean = (hessian[i * n + j]! + hessian[j * n + i]!) / 2;
        hessian[i * n + j] = mean;
        hessian[j * n + i] = mean;
      }
    const expected = Math.max(...jacobiEigenvalues(hessian, n));
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs(measured - expected) / expected).toBeLessThan(5e-3);
  });
});
