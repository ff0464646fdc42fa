/**
 * A logarithmic slider: integer positions 0…steps map onto [min, max] evenly in log10, so a
 * learning rate from 1e-5 to 10 gets as much travel per decade at the bottom as at the top.
 */

/** A log scale between two positive bounds, on an integer slider of `steps` positions. */
export interface LogSlider {
  readonly min: number;
  readonly max: number;
  readonly steps: number;
  /** The value at slider position p ∈ [0, steps]: min·(max/min)^(p/steps). */
  value(position: number): number;
  /** The nearest slider position to `value`, clamped to [0, steps]. */
  position(value: number): number;
  /** Where `value` sits along the track, as a fraction in [0, 1] (clamped), NaN if ≤ 0. */
  fraction(value: number): number;
}

/** A log slider over [min, max] (both > 0) with `steps` positions (default 1000). */
export function logSlider(min: number, max: number, steps = 1000): LogSlider {
  const lo = Math.log10(min);
  const span = Math.log10(max) - lo;
  const fraction = (value: number): number => {
    if (!(value > 0)) return NaN;
    const f = (Math.log10(value) - lo) / span;
    return f < 0 ? 0 : f > 1 ? 1 : f;
  };
  return {
    min,
    max,
    steps,
    value: (position) => {
      // Round to 4 significant digits: slider values should read as typed numbers.
      const raw = 10 ** (lo + (span * position) / steps);
      return Number(raw.toPrecision(4));
    },
    position: (value) => {
      const f = fraction(value);
      return Number.isNaN(f) ? 0 : Math.round(f * steps);
    },
    fraction,
  };
}

/** The learning-rate slider's range: 1e-5 … 10. */
export const LEARNING_RATE_SLIDER = logSlider(1e-5, 10);
