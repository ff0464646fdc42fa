/**
 * Summaries of a run's history for the results table and the distance chart: steps to reach
 * a loss threshold, final and best loss, distance to the nearest minimum. Pure functions over
 * the columns of a series buffer.
 */

/**
 * The first step whose loss is at or below `threshold`, or null if none is. `steps` ascending;
 * only the first `count` entries are read.
 */
export function stepsToThreshold(
  steps: ArrayLike<number>,
  losses: ArrayLike<number>,
  count: number,
  threshold: number,
): number | null {
  const n = Math.min(count, steps.length, losses.length);
  for (let i = 0; i < n; i++) {
    if ((losses[i] as number) <= threshold) return steps[i] as number;
  }
  return null;
}

/** Smallest finite loss among the first `count` entries, or NaN when there is none. */
export function bestLoss(losses: ArrayLike<number>, count: number): number {
  let best = NaN;
  const n = Math.min(count, losses.length);
  for (let i = 0; i < n; i++) {
    const v = losses[i] as number;
    if (Number.isFinite(v) && !(v >= best)) best = v;
  }
  return best;
}

/** A point (x, y) of the plane. */
export type Point = readonly [number, number];

/** Euclidean distance from (x, y) to the nearest of `minima`; NaN when there are none. */
export function distanceToNearest(x: number, y: number, minima: readonly Point[]): number {
  let best = Infinity;
  for (const [mx, my] of minima) best = Math.min(best, Math.hypot(x - mx, y - my));
  return minima.length === 0 ? NaN : best;
}

/**
 * Distances to the nearest minimum of every point of a (x0, y0, x1, y1, …) column, written into
 * `out` (reused when large enough); returns the array holding `count` values.
 */
export function distancesToNearest(
  params: ArrayLike<number>,
  count: number,
  minima: readonly Point[],
  out?: Float64Array,
): Float64Array {
  const target = out && out.length >= count ? out : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    target[i] = distanceToNearest(params[2 * i] as number, params[2 * i + 1] as number, minima);
  }
  return target;
}
