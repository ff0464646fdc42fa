/**
 * Chart scales: linear and log scales with ticks (d3-scale, labelled by core/numbers.ts) and
 * nearest-point lookup for hover. Paths of long series are in paths.ts.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { formatTicks } from '../core/numbers.ts';

/** Kind of a chart axis. */
export type ScaleKind = 'linear' | 'log';

/** A tick of an axis: its value, its pixel position and its label. */
export interface Tick {
  readonly value: number;
  readonly px: number;
  readonly label: string;
}

/** A one-dimensional map from data values to pixels. */
export interface ChartScale {
  readonly kind: ScaleKind;
  /** The data interval shown, [low, high] (positive for log). */
  readonly domain: readonly [number, number];
  /** The pixel interval it is drawn on, [start, end] (end < start for a y axis). */
  readonly range: readonly [number, number];
  /** Pixel of a value; NaN for values a log axis cannot show (≤ 0) or NaN. */
  map(value: number): number;
  /** Value at a pixel. */
  invert(px: number): number;
  /** About `count` (default 5) round values inside the domain, with labels. */
  ticks(count?: number): Tick[];
  /** Whether the axis can show `value` at all (finite, and positive for log). */
  accepts(value: number): boolean;
}

/**
 * A scale of `kind` from `domain` onto `range`. A log domain that is not positive and finite is
 * replaced by [1, 10]; a linear one that is not finite by [0, 1]; an empty domain is widened
 * (±1 linear, ×/÷ √10 log) so a constant series still draws as a flat line in the middle.
 */
export function chartScale(
  kind: ScaleKind,
  domain: readonly [number, number],
  range: readonly [number, number],
): ChartScale {
  let [lo, hi] = domain;
  if (kind === 'log') {
    if (!(lo > 0 && hi > 0 && Number.isFinite(lo) && Number.isFinite(hi))) [lo, hi] = [1, 10];
    // Capped: a constant 1e308 widened to ×√10 would be +∞, and its ticks would never end.
    if (lo === hi) [lo, hi] = [lo / Math.sqrt(10), Math.min(hi * Math.sqrt(10), Number.MAX_VALUE)];
    const s = scaleLog().domain([lo, hi]).range([range[0], range[1]]);
    return {
      kind,
      domain: [lo, hi],
      range,
      map: (v) => (v > 0 ? s(v) : NaN),
      invert: (px) => s.invert(px),
      accepts: (v) => v > 0 && v < Infinity,
      ticks(count = 5) {
        const values = logTicks(lo, hi, count);
        const labels = formatTicks(values);
        return values.map((v, i) => ({ value: v, px: s(v), label: labels[i]! }));
      },
    };
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const s = scaleLinear().domain([lo, hi]).range([range[0], range[1]]);
  return {
    kind,
    domain: [lo, hi],
    range,
    map: (v) => s(v),
    invert: (px) => s.invert(px),
    accepts: (v) => Number.isFinite(v),
    ticks(count = 5) {
      const values = s.ticks(count);
      const labels = formatTicks(values);
      return values.map((v, i) => ({ value: v, px: s(v), label: labels[i]! }));
    },
  };
}

/**
 * Log ticks: powers of ten when the domain spans at least one decade (thinned to about `count`),
 * otherwise d3's 1-2-5 subdivision.
 */
function logTicks(lo: number, hi: number, count: number): number[] {
  const e0 = Math.ceil(Math.log10(lo) - 1e-12);
  const e1 = Math.floor(Math.log10(hi) + 1e-12);
  // Only finite decades: with hi = +∞ the stride was ∞ and e += ∞ stayed at ∞ <= ∞ forever.
  if (!(Number.isFinite(e0) && Number.isFinite(e1))) return [];
  if (e1 - e0 >= 1) {
    const stride = Math.max(1, Math.ceil((e1 - e0 + 1) / Math.max(1, count)));
    const out: number[] = [];
    for (let e = e0; e <= e1; e += stride) out.push(Number(`1e${e}`));
    return out;
  }
  return scaleLog()
    .domain([lo, hi])
    .ticks(count)
    .filter((v, i, all) => {
      // d3 returns every 1…9 multiple inside a decade; keep about `count` of them.
      const stride = Math.max(1, Math.ceil(all.length / Math.max(1, count)));
      return i % stride === 0;
    });
}

/**
 * Extends [lo, hi] to round values: linear via d3's nice(); log to whole decades (when the data
 * span at least a decade) or to d3's nice() otherwise.
 */
export function niceDomain(kind: ScaleKind, lo: number, hi: number): [number, number] {
  if (kind === 'log') {
    if (!(lo > 0 && hi > 0)) return [lo, hi];
    if (Math.log10(hi / lo) >= 1) {
      return kept(
        [10 ** Math.floor(Math.log10(lo) + 1e-12), 10 ** Math.ceil(Math.log10(hi) - 1e-12)],
        lo,
        hi,
        0,
      );
    }
    return kept(scaleLog().domain([lo, hi]).nice().domain(), lo, hi, 0);
  }
  if (!(lo < hi)) return [lo, hi];
  return kept(scaleLinear().domain([lo, hi]).nice().domain(), lo, hi, -Infinity);
}

/**
 * A rounded-out end kept only if it is a double of the same sign: near 1e308 the next decade is
 * +∞ (below 1e-323 the previous one is 0), and the axis would fall back to [1, 10], hiding the data.
 */
function kept([a, b]: readonly number[], lo: number, hi: number, least: number): [number, number] {
  return [a! > least ? a! : lo, b! < Infinity ? b! : hi];
}

/**
 * Index of the element of x[0 … count−1] (sorted ascending) nearest to `target`; ties go to the
 * lower index. −1 when count is 0 or target is NaN.
 */
export function nearestIndex(x: ArrayLike<number>, count: number, target: number): number {
  const n = Math.min(count, x.length);
  if (n <= 0 || Number.isNaN(target)) return -1;
  let lo = 0;
  let hi = n - 1;
  if (target <= (x[0] as number)) return 0;
  if (target >= (x[hi] as number)) return hi;
  // Invariant: x[lo] < target < x[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= target) lo = mid;
    else hi = mid;
  }
  return target - (x[lo] as number) <= (x[hi] as number) - target ? lo : hi;
}
