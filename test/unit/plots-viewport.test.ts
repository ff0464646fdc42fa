import { describe, expect, it } from 'vitest';
import { arrowPath } from '../../src/plots/arrows.ts';
import {
  dataToPixel,
  fitViewBox,
  layerTransform,
  panViewBox,
  pixelToData,
  vectorToPixels,
  zoomViewBox,
} from '../../src/plots/viewport.ts';

const box = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };
const size = { width: 400, height: 400 };

describe('pixel ↔ data', () => {
  it('maps corners and centre with y up in data and down in pixels', () => {
    expect(dataToPixel(box, size, 0, 1)).toEqual([200, 200]);
    expect(dataToPixel(box, size, -2, 3)).toEqual([0, 0]);
    expect(dataToPixel(box, size, 2, -1)).toEqual([400, 400]);
    expect(pixelToData(box, size, 100, 300)).toEqual([-1, 0]);
  });

  it('round-trips', () => {
    for (const [x, y] of [
      [0.3, -0.7],
      [1.9, 2.99],
      [-5, 10],
    ] as const) {
      const [px, py] = dataToPixel(box, size, x, y);
      const [bx, by] = pixelToData(box, size, px, py);
      expect(bx).toBeCloseTo(x, 12);
      expect(by).toBeCloseTo(y, 12);
    }
  });

  it('turns data vectors into pixel vectors, flipping y', () => {
    // 100 px per unit in both directions.
    expect(vectorToPixels(box, size, 0.5, 0.25)).toEqual([50, -25]);
  });
});

describe('fitViewBox', () => {
  it('widens the short side about the centre so units per pixel are equal', () => {
    // [0,4]×[0,2] on 400×400: 0.01 unit/px in x; y needs a span of 4 about its centre 1 → [−1, 3].
    expect(fitViewBox({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, size)).toEqual({
      xMin: 0,
      xMax: 4,
      yMin: -1,
      yMax: 3,
    });
    // Already equal: unchanged.
    expect(fitViewBox(box, size)).toEqual(box);
  });
});

describe('zoomViewBox', () => {
  it('matches the hand-computed box', () => {
    // [0,10]² on 100×100, cursor at px (20, 20) ↔ data (2, 8); factor 2 halves the distances to the
    // cursor: xMin = 2 − 2/2 = 1, xMax = 2 + 8/2 = 6, yMin = 8 − 8/2 = 4, yMax = 8 + 2/2 = 9.
    const z = zoomViewBox({ xMin: 0, xMax: 10, yMin: 0, yMax: 10 }, [20, 20], 2, {
      width: 100,
      height: 100,
    });
    expect(z).toEqual({ xMin: 1, xMax: 6, yMin: 4, yMax: 9 });
  });

  it('keeps the data point under the cursor fixed, zooming in and out', () => {
    const cursor = [123, 321] as const;
    const before = pixelToData(box, size, ...cursor);
    for (const factor of [1.7, 0.4]) {
      const z = zoomViewBox(box, cursor, factor, size);
      const after = pixelToData(z, size, ...cursor);
      expect(after[0]).toBeCloseTo(before[0], 12);
      expect(after[1]).toBeCloseTo(before[1], 12);
      expect(z.xMax - z.xMin).toBeCloseTo(4 / factor, 12);
    }
  });

  it('refuses bad factors and absurd spans', () => {
    expect(zoomViewBox(box, [0, 0], 0, size)).toBe(box);
    expect(zoomViewBox(box, [0, 0], NaN, size)).toBe(box);
    expect(zoomViewBox(box, [0, 0], 1e12, size)).toBe(box);
    expect(zoomViewBox(box, [0, 0], 1e-12, size)).toBe(box);
  });
});

describe('panViewBox', () => {
  it('moves the content with the pointer', () => {
    // [0,10]² on 100×100 (0.1 unit/px): dragging right 10 px shows x 1 unit further left; dragging
    // down 20 px shows y 2 units further up.
    const p = panViewBox({ xMin: 0, xMax: 10, yMin: 0, yMax: 10 }, [10, 20], {
      width: 100,
      height: 100,
    });
    expect(p).toEqual({ xMin: -1, xMax: 9, yMin: 2, yMax: 12 });
  });

  it('keeps the grabbed point under the pointer', () => {
    const grabbed = pixelToData(box, size, 50, 60);
    const p = panViewBox(box, [33, -17], size);
    const now = pixelToData(p, size, 50 + 33, 60 - 17);
    expect(now[0]).toBeCloseTo(grabbed[0], 12);
    expect(now[1]).toBeCloseTo(grabbed[1], 12);
  });
});

describe('arrowPath', () => {
  it('draws a 3-4-5 arrow as is', () => {
    const a = arrowPath([0, 0], [30, 40], 1, 5);
    expect(a.visible).toBe(true);
    expect(a.clipped).toBe(false);
    expect(a.length).toBe(50);
    expect(a.tip).toEqual([30, 40]);
    expect(a.shaft).toBe('M0,0L30,40');
    // The head's arms are 5 px long, at 30° from the shaft: their ends are 5 px from the tip and
    // 5·cos30° ≈ 4.33 px back along the direction (0.6, 0.8).
    const arms = [...a.head.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(arms).toHaveLength(3);
    for (const k of [0, 2]) {
      const [x, y] = arms[k] as [number, number];
      expect(Math.hypot(x - 30, y - 40)).toBeCloseTo(5, 1);
      expect((30 - x) * 0.6 + (40 - y) * 0.8).toBeCloseTo(5 * Math.cos(Math.PI / 6), 1);
    }
  });

  it('applies the scale and caps long arrows with a clear flag and a double head', () => {
    const a = arrowPath([10, 10], [3, 4], 10, 5, 25);
    // Full length 50 > 25: drawn 25 along (0.6, 0.8) → tip (25, 30).
    expect(a.length).toBe(50);
    expect(a.clipped).toBe(true);
    expect(a.drawnLength).toBe(25);
    expect(a.tip[0]).toBeCloseTo(25, 12);
    expect(a.tip[1]).toBeCloseTo(30, 12);
    expect(a.head.match(/M/g)).toHaveLength(2);
  });

  it('keeps the head at most 40% of a short arrow and hides degenerate ones', () => {
    const short = arrowPath([0, 0], [10, 0], 1, 7);
    const arm = [...short.head.matchAll(/M(-?[\d.]+),(-?[\d.]+)/g)][0] as RegExpMatchArray;
    // Head 4 px (40% of 10) at 30°: arm ends at x = 10 − 4·cos30° ≈ 6.54.
    expect(Number(arm[1])).toBeCloseTo(10 - 4 * Math.cos(Math.PI / 6), 2);
    expect(arrowPath([0, 0], [0.1, 0.1]).visible).toBe(false);
    const bad = arrowPath([0, 0], [NaN, 1]);
    expect(bad.visible).toBe(false);
    expect(bad.shaft).toBe('');
    expect(arrowPath([0, 0], [Infinity, 0]).visible).toBe(false);
  });
});

describe('layerTransform', () => {
  it('moves pixels of the old view onto the same data points in the new view', () => {
    const from = { xMin: 0, xMax: 10, yMin: 0, yMax: 10 };
    const fromSize = { width: 100, height: 100 };
    const to = { xMin: 2, xMax: 7, yMin: 1, yMax: 6 };
    const toSize = { width: 200, height: 100 };
    // x: 10 → 40 px per unit (sx 4), data 0 at −80 px; y: 10 → 20 px per unit (sy 2), yMax 10 at −80 px.
    const t = layerTransform(from, fromSize, to, toSize);
    expect(t).toEqual({ sx: 4, sy: 2, tx: -80, ty: -80 });
    for (const [x, y] of [
      [3, 4],
      [6.5, 1.5],
    ] as const) {
      const [fx, fy] = dataToPixel(from, fromSize, x, y);
      const [cx, cy] = dataToPixel(to, toSize, x, y);
      expect(t.sx * fx + t.tx).toBeCloseTo(cx, 12);
      expect(t.sy * fy + t.ty).toBeCloseTo(cy, 12);
    }
  });

  it('is the identity for the same view and size', () => {
    expect(layerTransform(box, size, box, size)).toEqual({ sx: 1, sy: 1, tx: 0, ty: 0 });
  });
});
