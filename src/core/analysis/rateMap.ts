/**
 * The (η, γ) rate map: how fast gradient descent with momentum converges on a quadratic, as a
 * function of the learning rate η and the momentum γ.
 *
 * On f(θ) = ½ θᵀHθ every method below is linear in (θ, buffer). Along an eigenvector of H with
 * curvature λ (plus the weight decay λ_wd) it is a 2×2 iteration; the error shrinks per step by
 * its spectral radius ρ, and the whole iteration by the worst ρ over the eigenvalues. With the
 * PyTorch buffer b (gradient units) and k = 1 − dampening:
 * - heavy ball: b' = γb + kλθ, θ' = θ − ηb' — characteristic polynomial
 *   z² − (1 + γ − ηkλ)z + γ (plain GD is γ = 0: z = 1 − ηλ);
 * - Nesterov: b' = γb + kλθ, θ' = θ − η(λθ + γb') — with k = 1,
 *   z² − (1 + γ)(1 − ηλ)z + γ(1 − ηλ).
 * The classic form (v ← γv + ηg, θ ← θ − v) is the same iteration with v = ηb, so η means the
 * same in both forms and one map serves both. The first step (buffer = gradient) does not change ρ.
 */
import type { OptimizerConfig, Problem } from '../config/experiment.ts';
import { generateRegressionData, regressionHessian } from '../problems/regression.ts';
import { createSurface } from '../surfaces/index.ts';

/** A method whose step is a fixed linear map of the gradient: what the rate map covers. */
export interface LinearMethod {
  /** Heavy ball covers plain GD (SGD runs are its γ = 0 edge). */
  readonly kind: 'heavyBall' | 'nesterov';
  /** 1 − dampening: the share of each gradient that enters the buffer. */
  readonly keep: number;
  /** L2 weight decay λ_wd, added to every curvature. */
  readonly weightDecay: number;
}

/**
 * The linear method `optimizer` follows, or null for adaptive optimizers (AdaGrad, RMSprop,
 * Adam, AdamW, Adadelta), whose step depends on gradient history and is not a fixed linear map.
 */
export function linearMethod(optimizer: OptimizerConfig): LinearMethod | null {
  if (optimizer.kind === 'sgd')
    return { kind: 'heavyBall', keep: 1, weightDecay: optimizer.weightDecay };
  if (optimizer.kind !== 'momentum') return null;
  return {
    kind: optimizer.nesterov ? 'nesterov' : 'heavyBall',
    keep: 1 - optimizer.dampening,
    weightDecay: optimizer.weightDecay,
  };
}

/** The momentum γ of `optimizer` (0 for SGD). */
export function momentumOf(optimizer: OptimizerConfig): number {
  return optimizer.kind === 'momentum' ? optimizer.momentum : 0;
}

/**
 * Spectral radius of the real 2×2 matrix [[p, q], [r, s]]: the largest |z| over the roots of
 * z² − (p + s)·z + (ps − qr) = 0.
 */
export function spectralRadius2(p: number, q: number, r: number, s: number): number {
  const trace = p + s;
  const det = p * s - q * r;
  const disc = trace * trace - 4 * det;
  if (disc < 0) return Math.sqrt(det); // complex pair: |z|² = det
  const sq = Math.sqrt(disc);
  return Math.max(Math.abs((trace + sq) / 2), Math.abs((trace - sq) / 2));
}

/** ρ of `method` at learning rate `lr` and momentum `momentum` along one curvature λ. */
export function directionRate(
  method: LinearMethod,
  lr: number,
  momentum: number,
  curvature: number,
): number {
  const lambda = curvature + method.weightDecay;
  const bTheta = method.keep * lambda; // b' = bTheta·θ + γ·b
  if (method.kind === 'nesterov') {
    // θ' = θ − η(λθ + γb') = (1 − ηλ − ηγ·bTheta)θ − ηγ²b
    return spectralRadius2(
      1 - lr * lambda - lr * momentum * bTheta,
      -lr * momentum * momentum,
      bTheta,
      momentum,
    );
  }
  // θ' = θ − ηb' = (1 − η·bTheta)θ − ηγb
  return spectralRadius2(1 - lr * bTheta, -lr * momentum, bTheta, momentum);
}

/** ρ of the whole iteration: the worst over the Hessian's eigenvalues `lambdas`. */
export function iterationRate(
  method: LinearMethod,
  lr: number,
  momentum: number,
  lambdas: readonly number[],
): number {
  let worst = 0;
  for (const lambda of lambdas)
    worst = Math.max(worst, directionRate(method, lr, momentum, lambda));
  return worst;
}

/** `n` values from `min` to `max` evenly spaced on a log scale, both ends exact. */
export function logSpaced(min: number, max: number, n: number): number[] {
  if (n === 1) return [min];
  const a = Math.log(min);
  const b = Math.log(max);
  return Array.from({ length: n }, (_, i) =>
    i === 0 ? min : i === n - 1 ? max : Math.exp(a + ((b - a) * i) / (n - 1)),
  );
}

/** `n` values from `min` to `max` evenly spaced, both ends exact. */
export function evenlySpaced(min: number, max: number, n: number): number[] {
  if (n === 1) return [min];
  return Array.from({ length: n }, (_, i) =>
    i === n - 1 ? max : min + ((max - min) * i) / (n - 1),
  );
}

/**
 * ρ on the grid `lrs` × `momenta`, row-major with one row per momentum:
 * rates[j·lrs.length + i] = ρ(lrs[i], momenta[j]).
 */
export function rateGrid(
  method: LinearMethod,
  lambdas: readonly number[],
  lrs: readonly number[],
  momenta: readonly number[],
): Float64Array {
  const rates = new Float64Array(lrs.length * momenta.length);
  momenta.forEach((gamma, j) => {
    lrs.forEach((lr, i) => {
      rates[j * lrs.length + i] = iterationRate(method, lr, gamma, lambdas);
    });
  });
  return rates;
}

/** Largest momentum on the map's γ axis (γ < 1 is required for stability). */
export const MAX_MAP_MOMENTUM = 0.99;

/**
 * The η interval a rate map shows for curvatures `lambdas`: up to 10/λmax (beyond every method's
 * stability limit, at most 2(1 + γ)/λmax < 4/λmax) and three decades below, where the flat
 * direction's slow convergence shows. Null when no curvature is positive and finite.
 */
export function defaultLrRange(
  method: LinearMethod,
  lambdas: readonly number[],
): readonly [number, number] | null {
  const top = Math.max(...lambdas.map((l) => Math.abs(l + method.weightDecay) * method.keep));
  if (!(top > 0 && Number.isFinite(top))) return null;
  const max = 10 / top;
  return [max * 1e-3, max];
}

/**
 * The optimum (η*, γ*) of `method` on a quadratic with curvatures λmin ≤ λmax (weight decay
 * included), and the rate it reaches; null unless 0 < λmin, or for a method with no closed form.
 * Heavy ball (Polyak): η* = 4/(√λmax + √λmin)², γ* = ((√κ − 1)/(√κ + 1))², ρ = √γ*; with
 * dampening the buffer carries k·g, so η* is divided by k.
 * Nesterov (Lessard, Recht & Packard 2016): η* = 4/(3λmax + λmin),
 * γ* = (√(3κ + 1) − 2)/(√(3κ + 1) + 2), ρ = 1 − 2/√(3κ + 1); known without dampening only.
 */
export function methodOptimum(
  method: LinearMethod,
  lambdaMin: number,
  lambdaMax: number,
): { readonly lr: number; readonly momentum: number; readonly rate: number } | null {
  const low = lambdaMin + method.weightDecay;
  const high = lambdaMax + method.weightDecay;
  if (!(low > 0 && high >= low && Number.isFinite(high) && method.keep > 0)) return null;
  const kappa = high / low;
  if (method.kind === 'heavyBall') {
    const root = (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1);
    const s = Math.sqrt(high) + Math.sqrt(low);
    return { lr: 4 / (s * s) / method.keep, momentum: root * root, rate: root };
  }
  if (method.keep !== 1) return null;
  const q = Math.sqrt(3 * kappa + 1);
  return { lr: 4 / (3 * high + low), momentum: (q - 2) / (q + 2), rate: 1 - 2 / q };
}

/**
 * The Hessian [fxx, fxy, fyy] of `problem`'s loss at `point`: the surface's, or the line fit's
 * constant (2/n)·[Σx², Σx, n] on its seeded data; null for the CNN (no Hessian in the core).
 */
export function problemHessian(
  problem: Problem,
  seed: number,
  point: readonly [number, number],
): readonly [number, number, number] | null {
  const out = new Float64Array(3);
  if (problem.kind === 'surface') createSurface(problem).hessian(point[0], point[1], out);
  else if (problem.kind === 'regression')
    regressionHessian(generateRegressionData(problem, seed), out);
  else return null;
  return [out[0]!, out[1]!, out[2]!];
}

/** Eigenvalues [λmin, λmax] of the symmetric matrix [[a, b], [b, c]]. */
export function eigenvalues2(a: number, b: number, c: number): readonly [number, number] {
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  return [mean - radius, mean + radius];
}
