/**
 * The loss landscape a workspace draws for the current problem: an analytic surface as the
 * core builds it, or — in the batch lab — the full-data loss of the line fit over (w, b),
 * wrapped in the same `Surface` interface so the contour map, theory panel and distance chart
 * work unchanged.
 */
import type { Problem, RegressionProblem } from '../core/config/experiment.ts';
import {
  generateRegressionData,
  leastSquares,
  regressionHessian,
  regressionLoss,
  type RegressionData,
} from '../core/problems/regression.ts';
import { createSurface } from '../core/surfaces/index.ts';
import type { Surface, ViewBox } from '../core/surfaces/surface.ts';

/** The surface of `problem` (seeded data for regression), or null for problems without one (CNN). */
export function problemSurface(problem: Problem, seed: number): Surface | null {
  switch (problem.kind) {
    case 'surface':
      return createSurface(problem);
    case 'regression':
      return regressionSurface(problem, generateRegressionData(problem, seed));
    case 'cnn':
      return null;
  }
}

/**
 * The full-data mean squared error L(w, b) of a line fit as a surface: exact gradient, the
 * constant Hessian (2/n)·[Σx², Σx, n], its least-squares minimum, and a view box framing both
 * the start and the minimum.
 */
export function regressionSurface(problem: RegressionProblem, data: RegressionData): Surface {
  const scratch = new Float64Array(2);
  const hessian = new Float64Array(3);
  regressionHessian(data, hessian);
  const [wStar, bStar] = leastSquares(data);
  const value = (w: number, b: number) => regressionLoss(data, w, b, scratch);
  return {
    title: 'Line-fit loss',
    formula: 'L(w, b) = (1/n)·Σ (w·xᵢ + b − yᵢ)²',
    viewBox: framing([problem.start, [wStar, bStar]]),
    start: problem.start,
    criticalPoints: [{ x: wStar, y: bStar, value: value(wStar, bStar), kind: 'global' }],
    logLevels: true,
    value,
    valueAndGradient: (w, b, gradOut) => regressionLoss(data, w, b, gradOut),
    hessian(_w, _b, out) {
      out[0] = hessian[0]!;
      out[1] = hessian[1]!;
      out[2] = hessian[2]!;
    },
  };
}

/** A square-ish box around `points` with a margin of 40% of the larger span (at least 1). */
function framing(points: ReadonlyArray<readonly [number, number]>): ViewBox {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1);
  const half = span * 0.5 + Math.max(1, span * 0.4);
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}
