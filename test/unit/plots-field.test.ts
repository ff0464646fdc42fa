import { describe, expect, it } from 'vitest';
import {
  computeFieldLayers,
  contourPaths,
  gridToPixels,
  heatmapPixels,
  sampleGrid,
} from '../../src/plots/field.ts';
import { contourLevels, valueScale } from '../../src/plots/levels.ts';
import { pixelToData } from '../../src/plots/viewport.ts';

/** All "x,y" vertices of an SVG path made of M/L commands. */
function vertices(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('sampleGrid', () => {
  it('samples cell centres, row-major, first row at the top', () => {
    // Box [0,4]×[0,2] in 4×2 cells of 1×1: centres x = 0.5, 1.5, 2.5, 3.5; rows y = 1.5 (top), 0.5.
    const v = sampleGrid((x, y) => x + 10 * y, { xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 4, 2);
    expect(Array.from(v)).toEqual([15.5, 16.5, 17.5, 18.5, 5.5, 6.5, 7.5, 8.5]);
  });
});

describe('contour levels', () => {
  it('are evenly spaced strictly inside the range when linear', () => {
    // min 0, max 10, 4 levels at t = 1/5 … 4/5 → 2, 4, 6, 8.
    const levels = contourLevels([0, 3, 10, 7], 4);
    levels.forEach((l, k) => expect(l).toBeCloseTo([2, 4, 6, 8][k] as number, 12));
  });

  it('are evenly spaced in log(f − fmin + ε) and mapped back', () => {
    // min 0, max 999, ε = 1: g runs from ln 1 = 0 to ln 1000; t = 1/3, 2/3 → e^g = 10, 100 → f = 9, 99.
    const levels = contourLevels([0, 500, 999], 2, { log: true, epsilon: 1 });
    expect(levels[0]).toBeCloseTo(9, 10);
    expect(levels[1]).toBeCloseTo(99, 10);
  });

  it('shift by a negative minimum and ignore NaN and ±Infinity', () => {
    // min −5, max 994, ε = 1: f = −5 + 10 − 1 = 4 and −5 + 100 − 1 = 94.
    const levels = contourLevels([NaN, -5, Infinity, 994, -Infinity], 2, { log: true, epsilon: 1 });
    expect(levels[0]).toBeCloseTo(4, 10);
    expect(levels[1]).toBeCloseTo(94, 10);
    const linear = contourLevels([NaN, -1, Infinity, 1], 1);
    expect(linear).toEqual([0]);
  });

  it('are empty for a constant field, no finite value, or no levels asked', () => {
    expect(contourLevels([2, 2, 2], 5)).toEqual([]);
    expect(contourLevels([NaN, Infinity], 5, { log: true })).toEqual([]);
    expect(contourLevels([0, 1], 0)).toEqual([]);
  });

  it('use the default ε = 1e-5·(max − min) in log mode', () => {
    const s = valueScale([0, 100], { log: true });
    expect(s.epsilon).toBeCloseTo(1e-3, 15);
    // t = 1 maps back to the maximum and t = 0 to the minimum.
    expect(s.invert(1)).toBeCloseTo(100, 9);
    expect(s.invert(0)).toBeCloseTo(0, 12);
  });

  it('log mode: the legend’s lowest value is the minimum itself, never a rounding below it', () => {
    // exp(log ε) − ε is not exactly 0 in floating point (−2.7e-20 for max 22.9): a map of
    // f ≥ 0 once labelled its minimum "−3.47e-18".
    for (const max of [0.5, 1, 3.7, 22.9, 23, 1234.5]) {
      const s = valueScale([0, max / 3, max], { log: true });
      expect(s.invert(0), `max ${max}`).toBe(0);
      expect(s.invert(1e-9), `max ${max}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('normalize and invert are inverse, clamp, and keep NaN', () => {
    const s = valueScale([1, 5, 9], { log: true, epsilon: 0.5 });
    for (const v of [1, 1.2, 3, 8.9]) expect(s.invert(s.normalize(v))).toBeCloseTo(v, 10);
    expect(s.normalize(-100)).toBe(0);
    expect(s.normalize(Infinity)).toBe(1);
    expect(s.normalize(NaN)).toBeNaN();
    const lin = valueScale([2, 6]);
    expect(lin.normalize(3)).toBe(0.25); // (3 − 2)/(6 − 2)
  });
});

describe('contourPaths', () => {
  it('traces the diamond around a single high sample, in pixels', () => {
    // 3×3 grid, centre 1, rest 0, level ½: crossings halfway between the centre sample at grid
    // (1.5, 1.5) and its neighbours at (0.5, 1.5), (2.5, 1.5), (1.5, 0.5), (1.5, 2.5) → a diamond
    // through (1, 1.5), (1.5, 1), (2, 1.5), (1.5, 2); ×10 px per cell.
    const values = [0, 0, 0, 0, 1, 0, 0, 0, 0];
    const [path] = contourPaths(values, 3, 3, [0.5], gridToPixels(3, 3, 30, 30));
    expect(path?.level).toBe(0.5);
    const pts = vertices(path?.d ?? '').map(([x, y]) => `${x},${y}`);
    expect(new Set(pts)).toEqual(new Set(['10,15', '15,10', '20,15', '15,20']));
    expect(path?.d.endsWith('Z')).toBe(true);
  });

  it('puts a circle where it is in data coordinates (y flip and cell centres included)', () => {
    // f = (x − 0.5)² + (y − 1)² on [−2, 2]×[−1, 3]: the level 0.25 is the circle of radius 0.5 about (0.5, 1).
    const box = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };
    const n = 200;
    const values = sampleGrid((x, y) => (x - 0.5) ** 2 + (y - 1) ** 2, box, n, n);
    const size = { width: 400, height: 400 };
    const [path] = contourPaths(values, n, n, [0.25], gridToPixels(n, n, size.width, size.height));
    const pts = vertices(path?.d ?? '');
    expect(pts.length).toBeGreaterThan(50);
    for (const [px, py] of pts) {
      const [x, y] = pixelToData(box, size, px, py);
      // Linear interpolation on cells of 0.02: radius error well under 0.005.
      expect(Math.abs(Math.hypot(x - 0.5, y - 1) - 0.5)).toBeLessThan(0.005);
    }
  });

  it('does not draw along the edge where a region is cut by it', () => {
    // f = x on [0, 1]×[0, 1], level 0.5: the only level line is the vertical x = 0.5, i.e. px = 50.
    const n = 10;
    const values = sampleGrid((x) => x, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, n, n);
    const [path] = contourPaths(values, n, n, [0.5], gridToPixels(n, n, 100, 100));
    const d = path?.d ?? '';
    const segments = [...d.matchAll(/L(-?[\d.]+),(-?[\d.]+)/g)];
    expect(segments.length).toBeGreaterThan(0);
    // Every drawn segment ends on x = 50 (the level line), none runs along the border.
    for (const m of segments) expect(Number(m[1])).toBeCloseTo(50, 6);
  });

  it('treats NaN samples as below every level and skips non-finite levels', () => {
    const values = [NaN, 1, 1, 1];
    const paths = contourPaths(values, 2, 2, [0.5, NaN], gridToPixels(2, 2, 2, 2));
    expect(paths).toHaveLength(1);
    expect(paths[0]?.d).not.toContain('NaN');
  });
});

describe('heatmapPixels', () => {
  it('colours finite values and leaves non-finite ones transparent', () => {
    const px = heatmapPixels([10, NaN, Infinity, 20], 2, 2, (v) => [v, 2 * v, 3]);
    expect(Array.from(px)).toEqual([10, 20, 3, 255, 0, 0, 0, 0, 0, 0, 0, 0, 20, 40, 3, 255]);
  });
});

describe('computeFieldLayers', () => {
  it('samples one cell per `resolution` pixels and colours through the value scale', () => {
    const layers = computeFieldLayers((x) => x, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 90, 60, {
      resolution: 3,
      levelCount: 3,
      colorMapRgb: (t) => [Math.round(255 * t), 0, 0],
    });
    expect([layers.nx, layers.ny]).toEqual([30, 20]);
    expect(layers.levels).toHaveLength(3);
    // Leftmost cell is the field's minimum → t = 0 → red 0; rightmost the maximum → 255.
    expect(layers.pixels[0]).toBe(0);
    expect(layers.pixels[4 * 29]).toBe(255);
  });
});
