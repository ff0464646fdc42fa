/**
 * The batch-lab problem: fit y = w·x + b to a seeded, generated data set by minimising the
 * mean squared error L(w, b) = (1/n)·Σ (w·xᵢ + b − yᵢ)². Its full-data loss over (w, b) is
 * the surface the batch lab draws; a mini-batch gives a noisy estimate of its gradient.
 */
import type { RegressionProblem } from '../config/experiment.ts';
import { Random } from '../random.ts';

/** Data points (xᵢ, yᵢ) and which of them are outliers. */
export interface RegressionData {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly outlier: Uint8Array;
}

/** x is spread uniformly over this interval. */
export const REGRESSION_X_RANGE = [-3, 3] as const;

/**
 * Draws the data set: xᵢ ~ U(−3, 3), yᵢ = trueW·xᵢ + trueB + N(0, noise²); a fraction
 * `outliers` of the points (chosen at random) is pushed 4–8 units (plus 8σ) off the line.
 */
export function generateRegressionData(problem: RegressionProblem, seed: number): RegressionData {
  const rng = new Random(seed ^ 0x5eed);
  const n = problem.samples;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const outlier = new Uint8Array(n);
  const [lo, hi] = REGRESSION_X_RANGE;
  for (let i = 0; i < n; i++) {
    x[i] = rng.uniform(lo, hi);
    y[i] = problem.trueW * x[i]! + problem.trueB + problem.noise * rng.normal();
  }
  const outlierCount = Math.round(problem.outliers * n);
  const order = rng.permutation(n);
  for (let k = 0; k < outlierCount; k++) {
    const i = order[k]!;
    outlier[i] = 1;
    const sign = rng.next() < 0.5 ? -1 : 1;
    y[i] = y[i]! + sign * (4 + 4 * rng.next() + 8 * problem.noise);
  }
  return { x, y, outlier };
}

/**
 * Mean squared error over the samples `indices[from..to)` (all samples when `indices` is
 * null); writes ∂L/∂w, ∂L/∂b into `gradOut` and returns L. Allocates nothing.
 */
export function regressionLoss(
  data: RegressionData,
  w: number,
  b: number,
  gradOut: Float64Array,
  indices: Uint32Array | null = null,
  from = 0,
  to = indices ? indices.length : data.x.length,
): number {
  let loss = 0;
  let gw = 0;
  let gb = 0;
  for (let k = from; k < to; k++) {
    const i = indices ? indices[k]! : k;
    const xi = data.x[i]!;
    const r = w * xi + b - data.y[i]!;
    loss += r * r;
    gw += r * xi;
    gb += r;
  }
  const n = to - from;
  gradOut[0] = (2 * gw) / n;
  gradOut[1] = (2 * gb) / n;
  return loss / n;
}

/** The least-squares optimum (w*, b*) of the full data, in closed form. */
export function leastSquares(data: RegressionData): [number, number] {
  const n = data.x.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const xi = data.x[i]!;
    const yi = data.y[i]!;
    sx += xi;
    sy += yi;
    sxx += xi * xi;
    sxy += xi * yi;
  }
  const w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return [w, (sy - w * sx) / n];
}

/**
 * The Hessian of the full-data loss, constant for least squares:
 * [∂²/∂w², ∂²/∂w∂b, ∂²/∂b²] = (2/n)·[Σx², Σx, n].
 */
export function regressionHessian(data: RegressionData, out: Float64Array): void {
  const n = data.x.length;
  let sx = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sx += data.x[i]!;
    sxx += data.x[i]! * data.x[i]!;
  }
  out[0] = (2 * sxx) / n;
  out[1] = (2 * sx) / n;
  out[2] = 2;
}

/**
 * The full-data loss as the quadratic it is, for evaluating it many times (a contour map):
 * with d = (w − w*, b − b*) from the least-squares optimum,
 *
 *     L(w, b) = L* + ½·dᵀ·H·d,   ∇L = H·d,   H = (2/n)·[Σx², Σx; Σx, n],
 *
 * exact because the residuals at the optimum satisfy the normal equations (Σ rᵢ·xᵢ = Σ rᵢ = 0),
 * and free of the cancellation that expanding the sum into moments would bring near the
 * minimum. O(n) once, then O(1) per point: 10,000 samples cost no more to draw than 20.
 */
export interface QuadraticLoss {
  /** The least-squares optimum (w*, b*). */
  readonly optimum: readonly [number, number];
  /** L(w*, b*), the smallest mean squared error. */
  readonly minimum: number;
  /** The constant Hessian [∂²/∂w², ∂²/∂w∂b, ∂²/∂b²]. */
  readonly hessian: readonly [number, number, number];
  /** L(w, b). */
  value(w: number, b: number): number;
  /** L(w, b), with ∂L/∂w, ∂L/∂b written into `gradOut`. */
  valueAndGradient(w: number, b: number, gradOut: Float64Array): number;
}

/** The full-data loss of `data` as a {@link QuadraticLoss}. */
export function quadraticLoss(data: RegressionData): QuadraticLoss {
  const h = new Float64Array(3);
  regressionHessian(data, h);
  const [hww, hwb, hbb] = [h[0]!, h[1]!, h[2]!];
  const [wStar, bStar] = leastSquares(data);
  const minimum = regressionLoss(data, wStar, bStar, new Float64Array(2));
  const valueAndGradient = (w: number, b: number, gradOut: Float64Array): number => {
    const dw = w - wStar;
    const db = b - bStar;
    const gw = hww * dw + hwb * db;
    const gb = hwb * dw + hbb * db;
    gradOut[0] = gw;
    gradOut[1] = gb;
    return minimum + 0.5 * (dw * gw + db * gb);
  };
  const scratch = new Float64Array(2);
  return {
    optimum: [wStar, bStar],
    minimum,
    hessian: [hww, hwb, hbb],
    value: (w, b) => valueAndGradient(w, b, scratch),
    valueAndGradient,
  };
}
