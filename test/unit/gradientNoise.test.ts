/** Seeded Gaussian gradient noise on analytic surfaces. */
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';

function run(seed: number, sigma: number): StepRecord[] {
  const experiment = parseExperiment({
    // f = x² + 10y²: ∇f = (2x, 20y), checked against fullGrad below.
    problem: {
      kind: 'surface',
      surface: 'custom',
      expression: 'x^2 + 10*y^2',
      start: [1, 1],
      gradientNoise: sigma,
    },
    steps: 4000,
    seed,
    runs: [
      { label: 'a', optimizer: { kind: 'sgd', lr: 0.01 } },
      { label: 'b', optimizer: { kind: 'adam', lr: 0.01 } },
    ],
  });
  const out: StepRecord[] = [];
  runToEnd(createTrainers(experiment), (r) => out.push(r));
  return out;
}

describe('gradient noise', () => {
  it('adds N(0, σ²) per component to the exact gradient, which records keep', () => {
    const records = run(5, 0.5).filter((r) => r.run === 'a');
    const noise: number[] = [];
    for (const r of records) {
      const [x, y] = r.params!;
      expect(r.fullGrad![0]).toBeCloseTo(2 * x!, 12);
      expect(r.fullGrad![1]).toBeCloseTo(20 * y!, 12);
      noise.push(r.grad![0]! - r.fullGrad![0]!, r.grad![1]! - r.fullGrad![1]!);
    }
    const mean = noise.reduce((s, v) => s + v, 0) / noise.length;
    const sd = Math.sqrt(noise.reduce((s, v) => s + (v - mean) ** 2, 0) / noise.length);
    // 8,002 draws: the mean is within 4 standard errors (4·0.5/√8002 ≈ 0.022) of 0.
    expect(Math.abs(mean)).toBeLessThan(0.022);
    expect(sd).toBeGreaterThan(0.48);
    expect(sd).toBeLessThan(0.52);
  });

  it('is the same for every run at a step, and the same again with the same seed', () => {
    const first = run(5, 0.5);
    const noiseAt = (records: StepRecord[], label: string, step: number): number[] => {
      const r = records.find((x) => x.run === label && x.step === step)!;
      return [r.grad![0]! - r.fullGrad![0]!, r.grad![1]! - r.fullGrad![1]!];
    };
    // Equal up to the round-off of (g + noise) − g at two different points.
    const [a, b] = [noiseAt(first, 'a', 17), noiseAt(first, 'b', 17)];
    expect(a[0]).toBeCloseTo(b[0]!, 12);
    expect(a[1]).toBeCloseTo(b[1]!, 12);
    expect(run(5, 0.5)).toEqual(first);
    expect(noiseAt(run(6, 0.5), 'a', 17)).not.toEqual(noiseAt(first, 'a', 17));
  });

  it('without noise the records carry no separate full gradient', () => {
    expect(run(5, 0).every((r) => r.fullGrad === undefined)).toBe(true);
  });
});
