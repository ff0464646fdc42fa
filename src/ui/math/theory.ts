/**
 * The theory panel's arithmetic: curvature of a 2D loss at a point (the Hessian's
 * eigenvalues), the stability limit of plain gradient descent, the optimal step and momentum
 * on a quadratic, and the convergence rate linear theory predicts for a given optimizer.
 * Pure functions of numbers; no surface, store or DOM.
 */
import { iterationRate, linearMethod, momentumOf } from '../../core/analysis/rateMap.ts';
import type { OptimizerConfig } from '../../core/config/experiment.ts';

/** Eigenvalues λmin ≤ λmax of a symmetric 2×2 matrix, with unit eigenvectors. */
export interface Eigen2 {
  readonly lambdaMin: number;
  readonly lambdaMax: number;
  /** Unit eigenvector of λmin (direction of least curvature). */
  readonly vMin: readonly [number, number];
  /** Unit eigenvector of λmax (direction of greatest curvature). */
  readonly vMax: readonly [number, number];
}

/**
 * Eigen-decomposition of the symmetric matrix [[a, b], [b, c]] (a Hessian [fxx, fxy, fyy]):
 * λ = (a + c)/2 ± √(((a − c)/2)² + b²).
 */
export function symmetricEigen2(a: number, b: number, c: number): Eigen2 {
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  const lambdaMax = mean + radius;
  const lambdaMin = mean - radius;
  // (b, λ − a) solves the first row; near b = 0 it degenerates, so use the larger of the two
  // row-derived candidates for accuracy.
  const vector = (lambda: number): readonly [number, number] => {
    const p: [number, number] = [b, lambda - a];
    const q: [number, number] = [lambda - c, b];
    const v = Math.hypot(p[0], p[1]) >= Math.hypot(q[0], q[1]) ? p : q;
    const n = Math.hypot(v[0], v[1]);
    if (!(n > 0)) return lambda === lambdaMax ? [1, 0] : [0, 1];
    return [v[0] / n, v[1] / n];
  };
  let vMax = vector(lambdaMax);
  let vMin = vector(lambdaMin);
  if (radius === 0) {
    // A multiple of the identity: every direction is an eigenvector.
    vMax = [1, 0];
    vMin = [0, 1];
  }
  return { lambdaMin, lambdaMax, vMin, vMax };
}

/**
 * The largest learning rate for which plain gradient descent is stable along the steepest
 * direction: η < 2/λmax. Infinity when λmax ≤ 0 (no positive curvature bounds the step).
 */
export function stabilityLimit(lambdaMax: number): number {
  return lambdaMax > 0 ? 2 / lambdaMax : Infinity;
}

/** Which update rule a stability limit belongs to. */
export type LimitMethod = 'gd' | 'heavyBall' | 'nesterov';

/** The largest stable learning rate of a run's own method, and which method it is. */
export interface MethodLimit {
  readonly method: LimitMethod;
  /** η must stay below this (Infinity when no positive curvature bounds it). */
  readonly limit: number;
}

/**
 * The stability limit of `optimizer`'s own update rule on curvature λmax (weight decay λ_wd adds
 * to it): along an eigendirection of curvature λ the iteration is linear, and it is stable while
 * its characteristic roots stay inside the unit circle. The root that leaves first is z = −1:
 * - plain GD, z = 1 − ηλ: η < 2/λ;
 * - heavy ball, z² − (1 + γ − η'λ)z + γ with η' = η(1 − dampening): η' < 2(1 + γ)/λ;
 * - Nesterov, z² − (1 + γ)(1 − ηλ)z + γ(1 − ηλ): η < 2(1 + γ)/((1 + 2γ)λ).
 * Null for adaptive optimizers, whose step is not a fixed linear map of the gradient.
 */
export function methodStabilityLimit(
  optimizer: OptimizerConfig,
  lambdaMax: number,
): MethodLimit | null {
  const bound = (method: LimitMethod, numerator: number, curvature: number): MethodLimit => ({
    method,
    limit: curvature > 0 ? numerator / curvature : Infinity,
  });
  if (optimizer.kind === 'sgd') return bound('gd', 2, lambdaMax + optimizer.weightDecay);
  if (optimizer.kind !== 'momentum') return null;
  const gamma = optimizer.momentum;
  const curvature = lambdaMax + optimizer.weightDecay;
  if (optimizer.nesterov) return bound('nesterov', (2 * (1 + gamma)) / (1 + 2 * gamma), curvature);
  return bound('heavyBall', 2 * (1 + gamma), (1 - optimizer.dampening) * curvature);
}

/** Optimal settings of gradient descent on a quadratic with curvatures λmin ≤ λmax. */
export interface OptimalSettings {
  /** Condition number κ = λmax / λmin. */
  readonly kappa: number;
  /** Best step of plain GD: η = 2/(λmin + λmax), with rate (κ − 1)/(κ + 1). */
  readonly gdLr: number;
  readonly gdRate: number;
  /** Heavy-ball optimum (Polyak): η* = 4/(√λmax + √λmin)². */
  readonly lr: number;
  /** γ* = ((√κ − 1)/(√κ + 1))². */
  readonly momentum: number;
  /** The rate the heavy ball reaches with η*, γ*: √γ* = (√κ − 1)/(√κ + 1) per step. */
  readonly rate: number;
}

/**
 * Optimal step and momentum on a quadratic whose Hessian has eigenvalues λmin ≤ λmax; null
 * unless 0 < λmin ≤ λmax (a strictly convex quadratic).
 */
export function optimalSettings(lambdaMin: number, lambdaMax: number): OptimalSettings | null {
  if (!(lambdaMin > 0 && lambdaMax >= lambdaMin && Number.isFinite(lambdaMax))) return null;
  const kappa = lambdaMax / lambdaMin;
  const sMax = Math.sqrt(lambdaMax);
  const sMin = Math.sqrt(lambdaMin);
  const sKappa = Math.sqrt(kappa);
  const root = (sKappa - 1) / (sKappa + 1);
  return {
    kappa,
    gdLr: 2 / (lambdaMin + lambdaMax),
    gdRate: (kappa - 1) / (kappa + 1),
    lr: 4 / ((sMax + sMin) * (sMax + sMin)),
    momentum: root * root,
    rate: root,
  };
}

/**
 * The asymptotic contraction factor ρ per step of the distance ‖θ_t − θ*‖ that linear theory
 * predicts for `optimizer` at learning rate `lr` on a quadratic with curvatures `lambdas`
 * (weight decay λ_wd adds λ_wd to each). ρ < 1 converges, ρ > 1 diverges. Covers plain SGD
 * (ρ = max |1 − ηλ|) and momentum in either form (heavy ball or Nesterov, with dampening; the
 * classic form traces the same path at a constant η); null for adaptive optimizers, whose steps
 * are not a fixed linear map. The arithmetic is the core's rate map (core/analysis/rateMap.ts).
 */
export function predictedRate(
  optimizer: OptimizerConfig,
  lr: number,
  lambdas: readonly number[],
): number | null {
  const method = linearMethod(optimizer);
  return method && iterationRate(method, lr, momentumOf(optimizer), lambdas);
}

/**
 * The measured per-step contraction of a distance series d_t (steps ascending): the geometric
 * mean ratio (d_e / d_s)^(1/(t_e − t_s)) over the last `window` steps that are still above
 * round-off (d > 1e-12 · max d, so a run that has converged to machine precision is measured
 * before it stalled). Null with fewer than two usable points.
 */
export function measuredRate(
  steps: ArrayLike<number>,
  distances: ArrayLike<number>,
  count: number,
  window = 20,
): number | null {
  const n = Math.min(count, steps.length, distances.length);
  let peak = 0;
  for (let i = 0; i < n; i++) {
    const d = distances[i] as number;
    if (Number.isFinite(d) && d > peak) peak = d;
  }
  if (!(peak > 0)) return null;
  const floor = 1e-12 * peak;
  let end = n - 1;
  while (
    end >= 0 &&
    !((distances[end] as number) > floor && Number.isFinite(distances[end] as number))
  )
    end--;
  if (end < 1) return null;
  const stepEnd = steps[end] as number;
  let start = end - 1;
  while (start > 0 && stepEnd - (steps[start] as number) < window) start--;
  const span = stepEnd - (steps[start] as number);
  const dStart = distances[start] as number;
  if (!(span > 0 && dStart > 0 && Number.isFinite(dStart))) return null;
  return ((distances[end] as number) / dStart) ** (1 / span);
}

/** Steps needed to shrink a distance by the factor `factor` (e.g. 1e-6) at rate ρ; Infinity if ρ ≥ 1. */
export function stepsToShrink(rate: number, factor: number): number {
  if (!(rate < 1)) return Infinity;
  if (rate <= 0) return 1;
  return Math.ceil(Math.log(factor) / Math.log(rate));
}
