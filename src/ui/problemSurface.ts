/**
 * The loss landscape a workspace draws for the current problem: an analytic surface as the
 * core builds it, or — in the batch lab — the full-data loss of the line fit over (w, b),
 * wrapped in the same `Surface` interface so the contour map, theory panel and distance chart
 * work unchanged.
 */
import type { Problem, RegressionProblem } from '../core/config/experiment.ts';
import {
  generateRegressionData,
  quadraticLoss,
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
 * The full-data mean squared error L(w, b) of a line fit as a surface: the exact quadratic
 * (constant Hessian (2/n)·[Σx², Σx, n], least-squares minimum), evaluated in O(1) per point so
 * a map of 10,000 samples costs no more than one of 20; a view box framing the start and the
 * minimum.
 */
export function regressionSurface(problem: RegressionProblem, data: RegressionData): Surface {
  const loss = quadraticLoss(data);
  const [wStar, bStar] = loss.optimum;
  const [hww, hwb, hbb] = loss.hessian;
  return {
    title: 'Line-fit loss',
    formula: 'L(w, b) = (1/n)·Σ (w·xᵢ + b − yᵢ)²',
    viewBox: framing([problem.start, [wStar, bStar]]),
    start: problem.start,
    criticalPoints: [{ x: wStar, y: bStar, value: loss.minimum, kind: 'global' }],
    value: loss.value,
    valueAndGradient: loss.valueAndGradient,
    hessian(_w, _b, out) {
      out[0] = hww;
      out[1] = hwb;
      out[2] = hbb;
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
