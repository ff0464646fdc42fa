import { describe, expect, it } from 'vitest';
import { createQuadratic } from '../../src/core/surfaces/quadratic.ts';
import { gradientArrowScale } from '../../src/plots/arrows.ts';
import { tickAnchor } from '../../src/plots/Axis.tsx';
import { medianGradient, sampleGrid } from '../../src/plots/field.ts';
import { levelSpacing, valueScale } from '../../src/plots/levels.ts';
import { boxesOverlap, labelSize, placeLabels } from '../../src/plots/map/labels.ts';
import { boundsOfTracks } from '../../src/plots/viewport.ts';

describe('contour level spacing', () => {
  // f = ½(x²/50 + y²) (λmax = 1, κ = 50) on [−5, 5]², 100 × 100 samples: a valley along x.
  const surface = createQuadratic(50, 0);
  const box = surface.viewBox;
  const values = sampleGrid((x, y) => surface.value(x, y), box, 100, 100);
  const floor = surface.value(4.5, 0); // ½·20.25/50 = 0.2025, on the valley's floor

  it('gives the κ = 50 valley closed contours along its floor, where linear levels give none', () => {
    const spacing = levelSpacing(values, 100, 100);
    expect(spacing.log).toBe(true);
    // ε is the 1% quantile of f − min: the ellipse {f < c} has area 2πc/√(λmin·λmax) = 2πc·√50,
    // 1% of the 100-unit² view when c = √(1/50)/(2π) = 0.0225.
    expect(spacing.epsilon).toBeCloseTo(0.0225, 2);
    // Levels c_k = ε·((R + ε)/ε)^(k/15) − ε, R ≈ ½·(25/50 + 25)·0.99² = 12.5 (the corner cells):
    // a factor (12.52/0.0225)^(1/15) = 1.524 per level, so c_k < 0.2025 ⇔ 1.524^k < 10 ⇔ k ≤ 5.
    const log = valueScale(values, spacing).levels(14);
    expect(log.filter((c) => c < floor)).toHaveLength(5);
    // Evenly spaced, the lowest level is R/15 ≈ 0.83: the floor up to x = ±9 has no contour.
    const linear = valueScale(values).levels(14);
    expect(linear.filter((c) => c < floor)).toHaveLength(0);
    expect(linear[0]).toBeCloseTo(12.5 / 15, 1);
  });

  it('keeps even spacing where the lowest sample is on the edge of the view (no basin in view)', () => {
    // A plane f = x + 2y: its minimum is the bottom-left corner.
    expect(
      levelSpacing(
        sampleGrid((x, y) => x + 2 * y, box, 20, 20),
        20,
        20,
      ),
    ).toEqual({
      log: false,
    });
    expect(levelSpacing([3, 3, 3, 3, 3, 3, 3, 3, 3], 3, 3)).toEqual({ log: false });
  });
});

describe('a field near the largest double', () => {
  // 2e307·(x² + y²) over [−3, 3]²: the samples run from 0 to 1.8e308 (and +∞ past it); the log
  // spacing's f − min + ε overflowed, so every legend value read "∞" and the heatmap was flat.
  const n = 41;
  const field = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const x = -3 + (6 * i) / (n - 1);
      const y = -3 + (6 * j) / (n - 1);
      field[j * n + i] = 2e307 * (x * x + y * y);
    }
  }

  it('log spacing: finite, increasing levels inside the finite range; colours spread', () => {
    const spacing = levelSpacing(field, n, n);
    expect(spacing.log).toBe(true);
    const scale = valueScale(field, spacing);
    const finiteMax = Math.max(...Array.from(field).filter(Number.isFinite));
    expect(scale.max).toBe(finiteMax);
    const levels = scale.levels(12);
    expect(levels).toHaveLength(12);
    for (let k = 0; k < levels.length; k++) {
      expect(Number.isFinite(levels[k])).toBe(true);
      expect(levels[k]! > (k === 0 ? 0 : levels[k - 1]!)).toBe(true);
      expect(levels[k]! < finiteMax).toBe(true);
    }
    // The legend's five values are finite and the inverse of normalize.
    for (const t of [0.25, 0.5, 0.75, 1]) {
      const v = scale.invert(t);
      expect(Number.isFinite(v)).toBe(true);
      expect(scale.normalize(v)).toBeCloseTo(t, 9);
    }
    // The value at the middle of the view's corner-to-centre diagonal is neither end of the map.
    const t = scale.normalize(2e307 * 2.25);
    expect(t > 0.1 && t < 0.99).toBe(true);
    expect(scale.normalize(Infinity)).toBe(1);
  });

  it('linear spacing over −1.8e308 … 1.8e308: the span is +∞, the levels are not', () => {
    const scale = valueScale([-Number.MAX_VALUE, 0, Number.MAX_VALUE]);
    expect(scale.normalize(0)).toBeCloseTo(0.5, 12);
    expect(scale.invert(0.5)).toBe(0);
    expect(scale.levels(3)).toEqual([-Number.MAX_VALUE / 2, 0, Number.MAX_VALUE / 2]);
  });
});

describe('gradient arrows', () => {
  it('measure the view’s typical gradient as the median |∇f| of the samples', () => {
    // f = 3x − 4y has |∇f| = 5 everywhere; central differences of a plane are exact.
    const values = sampleGrid(
      (x, y) => 3 * x - 4 * y,
      { xMin: 0, xMax: 2, yMin: 0, yMax: 1 },
      8,
      6,
    );
    expect(medianGradient(values, 8, 6, { xMin: 0, xMax: 2, yMin: 0, yMax: 1 })).toBeCloseTo(5, 12);
    expect(medianGradient([NaN, NaN, NaN, NaN], 2, 2, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 })).toBe(
      NaN,
    );
  });

  it('scale so the typical gradient is 40 px long, and draw nothing without one', () => {
    // 0.02 units per pixel: 40 px = 0.8 units for |∇f| = 5 → 0.16 units per unit of gradient.
    expect(gradientArrowScale(5, 0.02)).toBeCloseTo(0.16, 15);
    expect(gradientArrowScale(0, 0.02)).toBe(0);
    expect(gradientArrowScale(NaN, 0.02)).toBe(0);
  });
});

describe('arrow labels', () => {
  it('never overlap, however many arrows end at the same point', () => {
    const size = labelSize(3, 11);
    const requests = Array.from({ length: 12 }, (_, k) => ({
      tip: [100, 100] as const,
      direction: [Math.cos(k), Math.sin(k)] as const,
      ...size,
    }));
    const boxes = placeLabels(requests, [{ x: 94, y: 94, width: 12, height: 12 }]);
    const placed = boxes.filter((b) => b !== null);
    expect(placed.length).toBeGreaterThanOrEqual(8);
    for (let a = 0; a < placed.length; a++) {
      expect(boxesOverlap(placed[a]!, { x: 94, y: 94, width: 12, height: 12 })).toBe(false);
      for (let b = a + 1; b < placed.length; b++) {
        expect(boxesOverlap(placed[a]!, placed[b]!)).toBe(false);
      }
    }
  });

  it('put a label straight ahead of its arrow when that spot is free, else leave it out', () => {
    // An arrow pointing right, tip at (50, 20): the 20 × 10 label's left edge 3 px beyond it.
    const [box] = placeLabels([{ tip: [50, 20], direction: [1, 0], width: 20, height: 10 }]);
    expect(box).toEqual({ x: 53, y: 15, width: 20, height: 10 });
    const wall = { x: -100, y: -100, width: 400, height: 400 };
    expect(
      placeLabels([{ tip: [50, 20], direction: [1, 0], width: 20, height: 10 }], [wall]),
    ).toEqual([null]);
  });
});

describe('axis tick labels', () => {
  it('turn inwards at an end instead of being clipped', () => {
    // A 30 px label at the right end of a 300 px axis with 14 px of margin sticks out 15 px.
    expect(tickAnchor(300, 30, 300, [56, 14])).toBe('end');
    expect(tickAnchor(290, 30, 300, [56, 14])).toBe('middle'); // 305 ≤ 314
    expect(tickAnchor(0, 30, 300, [0, 14])).toBe('start');
    expect(tickAnchor(150, 30, 300)).toBe('middle');
  });
});

describe('fit the view to the trajectories', () => {
  it('bounds every finite point, padded by 8%, leaving out points flown off to ±∞', () => {
    const bounds = boundsOfTracks(
      [
        { points: [0, 0, 10, 5], count: 2 },
        { points: [2, -5, NaN, NaN, 1e200, 3], count: 3, extra: [4, 1] },
      ],
      1,
    );
    // x ∈ [0, 10] ± 0.8, y ∈ [−5, 5] ± 0.8.
    expect(bounds).toEqual({ xMin: -0.8, xMax: 10.8, yMin: -5.8, yMax: 5.8 });
    // One point: widened to the minimum span around it.
    expect(boundsOfTracks([{ points: [1, 2], count: 1 }], 0.5)).toEqual({
      xMin: 0.75,
      xMax: 1.25,
      yMin: 1.75,
      yMax: 2.25,
    });
    expect(boundsOfTracks([{ points: [NaN, 1], count: 1 }], 1)).toBeNull();
  });
});
