import { describe, expect, it } from 'vitest';
import {
  clipSegment,
  decimateIndices,
  linePath,
  polylinePath,
  SvgPathBuilder,
  tracePolyline,
} from '../../src/plots/paths.ts';
import { chartScale, nearestIndex, niceDomain, type ScaleKind } from '../../src/plots/scales.ts';
import { lineDash } from '../../src/plots/canvasLayer.ts';

describe('chartScale', () => {
  it('linear: maps, inverts and ticks at round values', () => {
    const s = chartScale('linear', [0, 1], [0, 200]);
    expect(s.map(0.25)).toBe(50);
    expect(s.invert(150)).toBe(0.75);
    expect(s.ticks(5).map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    // Labels from the app's one number formatter (core/numbers.ts): no padding zeros.
    expect(s.ticks(5).map((t) => t.label)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
  });

  it('log: one decade per equal pixel span, decade ticks, drops non-positive values', () => {
    // [1, 1000] on [300, 0] (a y axis): 100 px per decade.
    const s = chartScale('log', [1, 1000], [300, 0]);
    expect(s.map(10)).toBeCloseTo(200, 10);
    expect(s.map(100)).toBeCloseTo(100, 10);
    expect(s.invert(150)).toBeCloseTo(10 ** 1.5, 10);
    expect(s.ticks(5).map((t) => t.value)).toEqual([1, 10, 100, 1000]);
    expect(s.map(0)).toBeNaN();
    expect(s.map(-3)).toBeNaN();
    expect(s.accepts(0)).toBe(false);
    expect(s.accepts(1e-300)).toBe(true);
  });

  it('log: thins decade ticks over a wide domain', () => {
    const s = chartScale('log', [1e-8, 1e4], [100, 0]);
    const ticks = s.ticks(4).map((t) => t.value);
    // 13 decades, about 4 ticks → every 4th power: 1e-8, 1e-4, 1, 1e4.
    expect(ticks).toEqual([1e-8, 1e-4, 1, 1e4]);
  });

  it('replaces unusable domains', () => {
    expect(chartScale('log', [-1, 0], [0, 1]).domain).toEqual([1, 10]);
    expect(chartScale('linear', [NaN, 3], [0, 1]).domain).toEqual([0, 1]);
    expect(chartScale('linear', [2, 2], [0, 1]).domain).toEqual([1, 3]);
    const flat = chartScale('log', [10, 10], [0, 1]).domain;
    expect(flat[0]).toBeCloseTo(10 / Math.sqrt(10), 12);
    expect(flat[1]).toBeCloseTo(10 * Math.sqrt(10), 12);
  });

  it('extreme domains near the largest double: ticks end, finite and inside the domain', () => {
    // A loss that stays at 1e308 (the formula 1e308 + 0*x): the widened log domain was
    // [3.2e307, +∞] and its tick loop never ended, freezing the page.
    const cases: [ScaleKind, number, number][] = [
      ['log', 1e308, 1e308],
      ['log', Number.MAX_VALUE, Number.MAX_VALUE],
      ['log', 1.25e308, 1.25e308],
      ['log', 5e-324, Number.MAX_VALUE],
    ];
    for (const [kind, lo, hi] of cases) {
      const scale = chartScale(kind, niceDomain(kind, lo, hi), [0, 100]);
      const [d0, d1] = scale.domain;
      expect(Number.isFinite(d0) && Number.isFinite(d1) && d0 < d1).toBe(true);
      // The data stay on the axis (no fallback to [1, 10] or [0, 1]).
      expect(d0 <= lo && hi <= d1).toBe(true);
      const ticks = scale.ticks(5);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(12);
      for (const t of ticks) {
        expect(Number.isFinite(t.value) && t.value >= d0 && t.value <= d1).toBe(true);
        expect(Number.isFinite(t.px)).toBe(true);
        expect(t.label.length).toBeLessThanOrEqual(10); // "-1.25e308", not 309 digits
      }
    }
    // The log axis of a constant 1e308: half a decade below, capped at the largest double above.
    expect(chartScale('log', [1e308, 1e308], [0, 1]).domain).toEqual([
      1e308 / Math.sqrt(10),
      Number.MAX_VALUE,
    ]);
  });

  it('niceDomain stays inside the doubles: the next decade of 1.25e308 is +∞', () => {
    expect(niceDomain('log', 2e307, 1.25e308)).toEqual([1e307, 1.25e308]);
    expect(niceDomain('log', 5e-324, 1)).toEqual([5e-324, 1]);
  });

  it('niceDomain rounds out to decades on log axes', () => {
    expect(niceDomain('log', 0.03, 250)).toEqual([0.01, 1000]);
    expect(niceDomain('linear', 0.13, 0.87)).toEqual([0.1, 0.9]);
  });
});

describe('nearestIndex', () => {
  const x = Float64Array.from([0, 1, 2, 4, 8, 99]);
  it('finds the nearest of sorted values within count', () => {
    expect(nearestIndex(x, 5, 5.9)).toBe(3); // |5.9 − 4| = 1.9 < |8 − 5.9| = 2.1
    expect(nearestIndex(x, 5, 6.1)).toBe(4);
    expect(nearestIndex(x, 5, 6)).toBe(3); // tie → lower index
    expect(nearestIndex(x, 5, -3)).toBe(0);
    expect(nearestIndex(x, 5, 50)).toBe(4); // 99 lies beyond count
    expect(nearestIndex(x, 5, 2)).toBe(2);
    expect(nearestIndex(x, 0, 2)).toBe(-1);
    expect(nearestIndex(x, 5, NaN)).toBe(-1);
  });
});

describe('decimateIndices', () => {
  it('keeps first, min, max and last of every pixel column, in order', () => {
    // 10 points, 5 per column (x / 5 → column 0 or 1).
    const x = Float64Array.from({ length: 10 }, (_, i) => i);
    const y = Float64Array.from([5, 9, 1, 4, 6, 3, 3, 0, 8, 2]);
    const { indices, length } = decimateIndices(x, y, 10, (v) => v / 5);
    // Column 0 (i 0–4): first 0, max 1 (9), min 2 (1), last 4. Column 1 (i 5–9): first 5, min 7 (0), max 8 (8), last 9.
    expect(Array.from(indices.subarray(0, length))).toEqual([0, 1, 2, 4, 5, 7, 8, 9]);
  });

  it('keeps the global extremes of a long noisy series at ≤ 4 points per column', () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    // Deterministic "noise": a quadratic residue sequence.
    const y = Float64Array.from({ length: n }, (_, i) => ((i * i) % 7919) / 7919 + i / n);
    let argMin = 0;
    let argMax = 0;
    for (let i = 1; i < n; i++) {
      if ((y[i] as number) < (y[argMin] as number)) argMin = i;
      if ((y[i] as number) > (y[argMax] as number)) argMax = i;
    }
    const width = 300;
    const { indices, length } = decimateIndices(x, y, n, (v) => (v / n) * width);
    const kept = Array.from(indices.subarray(0, length));
    expect(length).toBeLessThanOrEqual(4 * width);
    expect(kept).toContain(argMin);
    expect(kept).toContain(argMax);
    expect(kept[0]).toBe(0);
    expect(kept[length - 1]).toBe(n - 1);
    for (let k = 1; k < length; k++)
      expect(kept[k] as number).toBeGreaterThan(kept[k - 1] as number);
  });

  it('breaks the line at invalid values (here: non-positive for a log axis)', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4]);
    const y = Float64Array.from([1, 2, -1, 4, 5]);
    const dec = decimateIndices(
      x,
      y,
      5,
      (v) => v * 10,
      (v) => v > 0,
    );
    expect(Array.from(dec.indices.subarray(0, dec.length))).toEqual([0, 1, -1, 3, 4]);
    expect(
      linePath(
        x,
        y,
        dec,
        (v) => v * 10,
        (v) => 100 - v,
      ),
    ).toBe('M0,99L10,98M30,96L40,95');
  });

  it('reuses a large enough output buffer', () => {
    const out = new Int32Array(100);
    const x = Float64Array.from([0, 1]);
    expect(decimateIndices(x, x, 2, (v) => v, undefined, out).indices).toBe(out);
  });
});

describe('polylinePath', () => {
  const toPx = (x: number, y: number) => [x * 10, -y * 10] as const;
  it('skips points within the minimum distance but keeps the last one', () => {
    const pts = Float64Array.from([0, 0, 0.01, 0, 1, 0, 1.01, 0]);
    // (0.1 px away) skipped; (10,0) kept; final (10.1, 0) kept even though it is close.
    expect(polylinePath(pts, 4, toPx)).toBe('M0,0L10,0L10.1,0');
  });

  it('reads only `count` points and breaks at non-finite ones', () => {
    const pts = Float64Array.from([0, 0, 1, 1, NaN, 5, 2, 2, 3, 3]);
    expect(polylinePath(pts, 4, toPx)).toBe('M0,0L10,-10M20,-20');
  });

  it('cuts segments to the clip rectangle, re-entering with a move', () => {
    const clip = { x0: 0, y0: -100, x1: 100, y1: 100 };
    const id = (x: number, y: number) => [x, y] as const;
    // (50, 0) → (10⁶, 0) leaves at x = 100.
    expect(polylinePath(Float64Array.from([50, 0, 1e6, 0]), 2, id, 0.5, clip)).toBe('M50,0L100,0');
    // (−1000, 50) → (1000, 50) crosses the box: enters at x = 0, leaves at x = 100; then
    // (1000, 50) → (50, 20): t = 900/950 at x = 100, y = 50 − 30·900/950 ≈ 21.58.
    expect(polylinePath(Float64Array.from([-1000, 50, 1000, 50, 50, 20]), 3, id, 0.5, clip)).toBe(
      'M0,50L100,50M100,21.58L50,20',
    );
    // Entirely outside: nothing.
    expect(polylinePath(Float64Array.from([200, 0, 300, 0]), 2, id, 0.5, clip)).toBe('');
  });

  it('clipSegment returns the inside part as parameters', () => {
    const r = { x0: 0, y0: 0, x1: 10, y1: 10 };
    expect(clipSegment(-10, 5, 30, 5, r)).toEqual([0.25, 0.5]); // x from −10 to 30: enters at 0, leaves at 10
    expect(clipSegment(2, 2, 3, 3, r)).toEqual([0, 1]);
    expect(clipSegment(-5, -5, -1, 20, r)).toBeNull();
  });

  it('clamps absurd coordinates of a diverging run', () => {
    expect(polylinePath(Float64Array.from([0, 0, 1e200, 0]), 2, toPx)).toBe('M0,0L1000000,0');
  });

  it('continues to a `then` point after the stored ones, clipped like the rest', () => {
    const id = (x: number, y: number) => [x, y] as const;
    const path = new SvgPathBuilder();
    // Stored (0, 0), (10, 0) and 2 unused slots; then (10, 5), closer than 10 px but final.
    tracePolyline(Float64Array.from([0, 0, 10, 0, 99, 99]), 2, id, path, {
      minDistancePx: 10,
      then: [10, 5],
    });
    expect(path.d).toBe('M0,0L10,0L10,5');
    // With a clip x ≤ 20, a `then` at (40, 0) leaves the box at x = 20.
    const clipped = new SvgPathBuilder();
    tracePolyline(Float64Array.from([0, 0]), 1, id, clipped, {
      clip: { x0: 0, y0: -1, x1: 20, y1: 1 },
      then: [40, 0],
    });
    expect(clipped.d).toBe('M0,0L20,0');
  });
});

describe('lineDash', () => {
  it('reads SVG dash arrays as canvas line dashes', () => {
    expect(lineDash('6 3')).toEqual([6, 3]);
    expect(lineDash('8,2, 2 2')).toEqual([8, 2, 2, 2]);
    expect(lineDash('')).toEqual([]);
    expect(lineDash('6 x')).toEqual([]);
  });
});
