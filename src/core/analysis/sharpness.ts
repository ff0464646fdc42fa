/**
 * Sharpness: the top eigenvalue λmax of the Hessian of the training loss. Gradient descent with
 * step η is stable on a quadratic only while λmax < 2/η, and on neural networks full-batch GD
 * typically drives λmax up until it reaches about 2/η and then hovers there (Cohen et al.
 * 2021, "the edge of stability"). Two-parameter problems have their exact 2×2 Hessian; a
 * network's is estimated by power iteration on Hessian-vector products.
 */

import type { OptimizerConfig } from '../config/experiment.ts';

/** The larger eigenvalue of the symmetric matrix [[a, b], [b, c]] (mean + radius). */
export function topEigenvalue2(a: number, b: number, c: number): number {
  return (a + c) / 2 + Math.hypot((a - c) / 2, b);
}

/** Writes H·v (for a vector of the problem's length) into `out`. */
export type HessianVectorProduct = (v: Float64Array, out: Float64Array) => void;
/** The same product in slices: it yields between pieces of work (a network's samples). */
export type SlicedHessianVectorProduct = (
  v: Float64Array,
  out: Float64Array,
) => Generator<void, void, void>;

const MAX_ITERATIONS = 20;

export interface PowerIterationOptions {
  /** Most products to take. Default 20. */
  readonly maxIterations?: number;
  /** Stop when the Rayleigh quotient changes by less than this, relatively. Default 1e-3. */
  readonly tolerance?: number;
}

/**
 * The top (most positive) eigenvalue of a symmetric H by power iteration from `vector` (any
 * non-zero start; on return it holds the unit eigenvector estimate, so the next call can start
 * warm). Power iteration finds the eigenvalue of largest magnitude μ; when μ is negative,
 * iterating on H − μI (eigenvalues all ≥ 0, the largest λmax − μ) finds λmax instead.
 */
export function topEigenvalue(
  hvp: HessianVectorProduct,
  vector: Float64Array,
  options: PowerIterationOptions = {},
): number {
  // eslint-disable-next-line require-yield -- an unsliced product: one piece, nothing to yield
  const sliced: SlicedHessianVectorProduct = function* (v, out) {
    hvp(v, out);
  };
  return finish(topEigenvalueInSlices(sliced, vector, options));
}

/** `topEigenvalue` with a sliced product, yielding wherever the product yields. */
export function* topEigenvalueInSlices(
  hvp: SlicedHessianVectorProduct,
  vector: Float64Array,
  options: PowerIterationOptions = {},
): Generator<void, number, void> {
  const mu = yield* powerIteration(hvp, vector, 0, options);
  if (!(mu < 0)) return mu;
  // Start away from the eigenvector of μ, which the shift maps to 0.
  for (let i = 0; i < vector.length; i++) vector[i] = ((i * 7919) % 13) / 13 - 0.5;
  // Its eigenvalues crowd near the top (H − μI squeezes the spectrum): iterate longer.
  const longer = { ...options, maxIterations: 3 * (options.maxIterations ?? MAX_ITERATIONS) };
  return (yield* powerIteration(hvp, vector, mu, longer)) + mu;
}

/** The Rayleigh quotient vᵀ(H − shift·I)v of the unit vector power iteration ends on. */
function* powerIteration(
  hvp: SlicedHessianVectorProduct,
  vector: Float64Array,
  shift: number,
  { maxIterations = MAX_ITERATIONS, tolerance = 1e-3 }: PowerIterationOptions,
): Generator<void, number, void> {
  const hv = new Float64Array(vector.length);
  normalize(vector);
  let lambda = NaN;
  for (let k = 0; k < maxIterations; k++) {
    yield* hvp(vector, hv);
    for (let i = 0; i < hv.length; i++) hv[i] = hv[i]! - shift * vector[i]!;
    const next = dot(vector, hv);
    const size = Math.sqrt(dot(hv, hv));
    if (!Number.isFinite(next) || !(size > 0)) return next;
    for (let i = 0; i < vector.length; i++) vector[i] = hv[i]! / size;
    const converged = Math.abs(next - lambda) <= tolerance * Math.abs(next);
    lambda = next;
    if (converged) break;
  }
  return lambda;
}

function finish<T>(work: Generator<void, T, void>): T {
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function normalize(v: Float64Array): void {
  const size = Math.sqrt(dot(v, v));
  if (size > 0) for (let i = 0; i < v.length; i++) v[i] = v[i]! / size;
}

/** Whether step t of an experiment with `sharpnessEvery` records the sharpness. */
export function recordsSharpness(sharpnessEvery: number | undefined, t: number): boolean {
  return sharpnessEvery !== undefined && t % sharpnessEvery === 0;
}

/**
 * Training samples a CNN's mini-batch runs measure sharpness on: the first this many of the
 * training set (a fixed set, so the curve follows θ and not the batch); full-batch runs use
 * the whole training set, whose loss they descend.
 */
export const SHARPNESS_SAMPLES = 256;

/**
 * The sharpness a run tolerates at step size η: gradient descent on a quadratic with top
 * curvature λ is stable while λ < limit(η). From the 1-D iteration's characteristic polynomial
 * (an eigenvalue crossing −1), with momentum μ and dampening d (either form: at a constant η the
 * classic v is η times the PyTorch buffer):
 *   plain GD (or μ = 0)  λ < 2/η
 *   heavy ball           λ < 2(1 + μ)/((1 − d)·η)
 *   Nesterov             λ < 2(1 + μ)/((1 + (2 − d)·μ)·η)       (2(1 + γ)/((1 + 2γ)η) at d = 0)
 * L2 weight decay w adds w to every curvature, so the loss's own limit is that minus w.
 * Null for the adaptive methods, whose step is not a fixed multiple of the gradient.
 */
export function sharpnessLimit(optimizer: OptimizerConfig, lr: number): number | null {
  if (!(lr > 0)) return null;
  switch (optimizer.kind) {
    case 'sgd':
      return 2 / lr - optimizer.weightDecay;
    case 'momentum': {
      const { momentum: mu, dampening: d, nesterov, weightDecay } = optimizer;
      if (mu === 0) return 2 / lr - weightDecay;
      const scale = nesterov ? 1 + (2 - d) * mu : 1 - d;
      return scale > 0 ? (2 * (1 + mu)) / (scale * lr) - weightDecay : null;
    }
    default:
      return null;
  }
}
