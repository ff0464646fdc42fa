import { describe, expect, it } from 'vitest';
import {
  bestLoss,
  distanceToNearest,
  distancesToNearest,
  stepsToThreshold,
} from '../../src/ui/math/results.ts';
import { LEARNING_RATE_SLIDER, logSlider } from '../../src/ui/math/logSlider.ts';

describe('stepsToThreshold', () => {
  const steps = [0, 1, 2, 3];
  const losses = [10, 5, 0.5, 0.1];
  it('finds the first step at or below the threshold', () => {
    expect(stepsToThreshold(steps, losses, 4, 1)).toBe(2);
    expect(stepsToThreshold(steps, losses, 4, 0.5)).toBe(2);
    expect(stepsToThreshold(steps, losses, 4, 10)).toBe(0);
  });
  it('is null when the threshold is never reached, or beyond count', () => {
    expect(stepsToThreshold(steps, losses, 4, 0.01)).toBeNull();
    expect(stepsToThreshold(steps, losses, 2, 1)).toBeNull();
  });
});

describe('bestLoss', () => {
  it('skips non-finite losses', () => {
    expect(bestLoss([3, NaN, 1, Infinity, 2], 5)).toBe(1);
    expect(bestLoss([NaN], 1)).toBeNaN();
  });
});

describe('distance to the nearest minimum', () => {
  it('picks the closest minimum', () => {
    // |(0,0) − (3,4)| = 5, |(0,0) − (1,0)| = 1.
    expect(
      distanceToNearest(0, 0, [
        [3, 4],
        [1, 0],
      ]),
    ).toBe(1);
    expect(distanceToNearest(0, 0, [])).toBeNaN();
  });
  it('fills a column of distances', () => {
    const out = distancesToNearest([0, 0, 3, 4, 6, 8], 3, [[0, 0]]);
    expect(Array.from(out)).toEqual([0, 5, 10]);
  });
});

describe('logSlider', () => {
  it('spreads decades evenly', () => {
    // 1e-5 … 10 is 6 decades over 1000 positions: position 500 ↦ 10^(−5 + 3) = 0.01.
    const s = logSlider(1e-5, 10, 1000);
    expect(s.value(500)).toBe(0.01);
    expect(s.value(0)).toBe(1e-5);
    expect(s.value(1000)).toBe(10);
    expect(s.position(0.01)).toBe(500);
    // log10(1) = 0 is 5/6 of the way: round(833.3) = 833.
    expect(s.position(1)).toBe(833);
    expect(s.fraction(1e-3)).toBeCloseTo(2 / 6, 12);
    expect(s.fraction(100)).toBe(1);
    expect(s.position(0)).toBe(0);
  });
  it('is the learning-rate range 1e-5 … 10', () => {
    expect([LEARNING_RATE_SLIDER.min, LEARNING_RATE_SLIDER.max]).toEqual([1e-5, 10]);
  });
});
