/**
 * The error θ_t − θ* split along the Hessian's eigenvectors. On a quadratic each component
 * evolves on its own, shrinking by that direction's rate ρ_i per step: the flat direction
 * (λmin) sets the pace, the steep one (λmax) is where too large a step oscillates.
 */
import type { Point } from './results.ts';

/**
 * |vᵀ(θ_t − θ*)| for the first `count` points of `params` (x, y interleaved) along the unit
 * vector `v`, written into `out` (allocated when too small).
 */
export function eigenComponents(
  params: ArrayLike<number>,
  count: number,
  minimum: Point,
  v: readonly [number, number],
  out?: Float64Array,
): Float64Array {
  const target = out && out.length >= count ? out : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const dx = (params[2 * i] as number) - minimum[0];
    const dy = (params[2 * i + 1] as number) - minimum[1];
    target[i] = Math.abs(v[0] * dx + v[1] * dy);
  }
  return target;
}

/**
 * The component linear theory predicts from the first one: |c_0| shrunk by ρ(η_s) per step,
 * step by step with the η each step used (`lrs[k]` applies from steps[k] to the next entry;
 * decimated history spans several steps at the rate of its earlier entry). Into `out`.
 */
export function predictedComponents(
  steps: ArrayLike<number>,
  lrs: ArrayLike<number>,
  count: number,
  first: number,
  rateAt: (lr: number) => number,
  out?: Float64Array,
): Float64Array {
  const target = out && out.length >= count ? out : new Float64Array(count);
  if (count === 0) return target;
  target[0] = first;
  let cachedLr = NaN;
  let cachedRate = NaN;
  for (let k = 1; k < count; k++) {
    const lr = lrs[k - 1] as number;
    if (lr !== cachedLr) {
      cachedLr = lr;
      cachedRate = rateAt(lr);
    }
    const span = (steps[k] as number) - (steps[k - 1] as number);
    target[k] = (target[k - 1] as number) * cachedRate ** span;
  }
  return target;
}
