/**
 * Where a map's contour levels go and how its colours follow the values: one monotone map
 * between f and t ∈ [0, 1] shared by the contours, the heatmap and the legend, and the choice of
 * spacing (logarithmic around a basin, so a narrow valley gets closed contours down its floor;
 * linear where the view holds no minimum).
 */

/**
 * A monotone map between field values and t ∈ [0, 1], shared by contour levels, heatmap colours
 * and the colour legend so all three agree.
 */
export interface ValueScale {
  /** Smallest and largest finite value of the field (0 and 1 when it has none). */
  readonly min: number;
  readonly max: number;
  /** Whether t is linear in log(f − min + ε) rather than in f. */
  readonly log: boolean;
  /** ε of the log mapping, in units of f (0 when linear). */
  readonly epsilon: number;
  /** t of a value, clamped to [0, 1]; +∞ ↦ 1, −∞ ↦ 0, NaN ↦ NaN. */
  normalize(value: number): number;
  /** Value at t ∈ [0, 1]: the inverse of {@link normalize}. */
  invert(t: number): number;
  /**
   * `count` levels evenly spaced in t strictly inside (0, 1): t_k = k/(count + 1), k = 1…count,
   * so neither the extreme sample nor a degenerate contour is a level. Empty when the field is
   * constant or has no finite value.
   */
  levels(count: number): number[];
}

/** ε of the log mapping relative to the field's range: levels span five decades below max − min. */
export const DEFAULT_LOG_EPSILON = 1e-5;

/**
 * The value scale of a field. Non-finite values (NaN, ±∞, e.g. a custom formula's log of a
 * negative number) are ignored when finding the range; negative values are fine (log mode
 * shifts by the minimum). Options: `log` (default false); `epsilon` of log(f − min + ε) in
 * units of f (default 1e-5·(max − min)).
 */
export function valueScale(
  values: ArrayLike<number>,
  options: { log?: boolean; epsilon?: number } = {},
): ValueScale {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > -Infinity && v < Infinity) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const empty = !(min <= max);
  if (empty) {
    min = 0;
    max = 1;
  }
  // Arithmetic in units of u = max(|min|, |max|), so that max − min and f − min + ε stay finite
  // for fields near the largest double (a formula like 2e307·(x² + y²) reaches 1.8e308).
  const u = Math.max(Math.abs(min), Math.abs(max)) || 1;
  const lo = min / u;
  const span01 = max / u - lo;
  const degenerate = empty || !(span01 > 0);
  const log = options.log ?? false;
  if (!log) {
    const invert = (t: number) => u * (lo + t * span01);
    return {
      min,
      max,
      log: false,
      epsilon: 0,
      normalize(v) {
        if (Number.isNaN(v)) return NaN;
        if (degenerate) return v > max ? 1 : v < min ? 0 : 0.5;
        const t = (v / u - lo) / span01;
        return t < 0 ? 0 : t > 1 ? 1 : t;
      },
      invert,
      levels: (count) => (degenerate ? [] : evenLevels(count).map(invert)),
    };
  }
  const epsilon = options.epsilon ?? DEFAULT_LOG_EPSILON * (degenerate ? 1 : span01 * u);
  const e = epsilon / u;
  const g0 = Math.log(e);
  const g1 = Math.log(span01 + e);
  const span = g1 - g0;
  // At t = 0, min + ε − ε can round to just below min (−3.5e-18 for min = 0): clamp.
  const invert = (t: number) => Math.max(min, u * (lo + Math.exp(g0 + t * span) - e));
  return {
    min,
    max,
    log: true,
    epsilon,
    normalize(v) {
      if (Number.isNaN(v)) return NaN;
      if (degenerate) return v > max ? 1 : v < min ? 0 : 0.5;
      if (v <= min) return 0;
      const t = (Math.log(v / u - lo + e) - g0) / span;
      return t > 1 ? 1 : t;
    },
    invert,
    levels: (count) => (degenerate ? [] : evenLevels(count).map(invert)),
  };
}

function evenLevels(count: number): number[] {
  const n = Math.max(0, Math.floor(count));
  const ts: number[] = [];
  for (let k = 1; k <= n; k++) ts.push(k / (n + 1));
  return ts;
}

/**
 * `count` contour levels of a sampled field: evenly spaced in f (linear) or in
 * log(f − fmin + ε) and mapped back (`log: true`, for surfaces like Rosenbrock whose valley
 * would otherwise get no contour at all). See {@link valueScale} for robustness and defaults.
 */
export function contourLevels(
  values: ArrayLike<number>,
  count: number,
  options: { log?: boolean; epsilon?: number } = {},
): number[] {
  return valueScale(values, options).levels(count);
}

/** How a field's levels are spaced: the options of {@link valueScale}. */
export interface LevelSpacing {
  readonly log: boolean;
  /** ε of log(f − min + ε), in units of f; only with `log`. */
  readonly epsilon?: number;
}

/**
 * Fraction of the samples whose f − min sets ε of the log spacing: the lowest contour then
 * encloses about this share of the view, and every level above it a constant factor more in
 * f − min + ε. For a quadratic bowl the contours are nested ellipses whose axes grow by a
 * constant factor, so a narrow valley shows as a stack of closed, elongated rings.
 */
export const LOG_FLOOR_QUANTILE = 0.01;

/**
 * The spacing of contour levels for a sampled field of nx × ny samples (row-major). Log when its
 * lowest sample lies inside the view, not on the outermost ring of samples — a basin whose floor
 * linear levels would leave empty (the κ = 50 quadratic reads as sparse parallel lines with
 * them) — with ε = the {@link LOG_FLOOR_QUANTILE} quantile of f − min (at least 10⁻⁹ of the
 * range). Linear when the minimum is on the edge (a slope, a saddle, a plane): there is no floor
 * to resolve, and log spacing would crowd the levels into one corner.
 */
export function levelSpacing(values: ArrayLike<number>, nx: number, ny: number): LevelSpacing {
  let min = Infinity;
  let max = -Infinity;
  let at = -1;
  const finite: number[] = [];
  for (let i = 0; i < nx * ny; i++) {
    const v = values[i] as number;
    if (!(v > -Infinity && v < Infinity)) continue;
    finite.push(v);
    if (v < min) {
      min = v;
      at = i;
    }
    if (v > max) max = v;
  }
  if (at < 0 || !(max > min)) return { log: false };
  const i = at % nx;
  const j = Math.floor(at / nx);
  if (i === 0 || j === 0 || i === nx - 1 || j === ny - 1) return { log: false };
  finite.sort((a, b) => a - b);
  const k = Math.min(finite.length - 1, Math.floor(LOG_FLOOR_QUANTILE * finite.length));
  const floor = (finite[k] as number) - min;
  return { log: true, epsilon: Math.max(floor, 1e-9 * max - 1e-9 * min) }; // max − min may be +∞
}
