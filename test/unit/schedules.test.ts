/**
 * Learning-rate schedules at hand-picked steps, worked out from their closed forms, and cosine
 * annealing against PyTorch's own recursive CosineAnnealingLR update.
 */
import { describe, expect, it } from 'vitest';
import type { ScheduleConfig } from '../../src/core/config/experiment.ts';
import {
  learningRate,
  SCHEDULE_DEFAULTS,
  SCHEDULE_KINDS,
  SCHEDULE_TITLES,
  warmupFactor,
} from '../../src/core/schedules/index.ts';

const BASE = 0.1;
const noWarmup = { warmupSteps: 0, warmupStartFactor: 0.1 };

function expectRates(schedule: ScheduleConfig, expected: Record<number, number>) {
  for (const [t, rate] of Object.entries(expected)) {
    expect(learningRate(schedule, BASE, Number(t)), `η at t = ${t}`).toBeCloseTo(rate, 14);
  }
}

describe('closed forms (η₀ = 0.1)', () => {
  it('constant', () => {
    expectRates({ kind: 'constant', ...noWarmup }, { 0: 0.1, 1: 0.1, 12345: 0.1 });
  });

  it('step: η₀·γ^⌊t/stepSize⌋ drops just at multiples of stepSize', () => {
    // stepSize 100, γ 0.5: ⌊99/100⌋ = 0, ⌊100/100⌋ = 1, ⌊199/100⌋ = 1, ⌊200/100⌋ = 2
    expectRates(
      { kind: 'step', stepSize: 100, gamma: 0.5, ...noWarmup },
      { 0: 0.1, 99: 0.1, 100: 0.05, 199: 0.05, 200: 0.025 },
    );
  });

  it('exponential: η₀·γ^t', () => {
    // 0.1·0.99 = 0.099; 0.1·0.99² = 0.09801; 0.1·0.99^100 = 0.036603234127322…
    expectRates(
      { kind: 'exponential', gamma: 0.99, ...noWarmup },
      { 0: 0.1, 1: 0.099, 2: 0.09801, 100: 0.03660323412732292 },
    );
  });

  it('cosine: η_min + (η₀ − η_min)(1 + cos(πt/tMax))/2, periodic past tMax', () => {
    // tMax 1000, η_min 0.01, η₀ − η_min = 0.09:
    //   t = 0: 0.1; t = 250: 0.01 + 0.09·(1 + √2/2)/2 = 0.0868198051533946
    //   t = 500: 0.01 + 0.09/2 = 0.055; t = 1000: 0.01
    //   past tMax the formula rises again: t = 1500: 0.055; t = 2000: back to 0.1
    expectRates(
      { kind: 'cosine', tMax: 1000, etaMin: 0.01, ...noWarmup },
      { 0: 0.1, 250: 0.08681980515339463, 500: 0.055, 1000: 0.01, 1500: 0.055, 2000: 0.1 },
    );
  });

  it('cosine matches PyTorch’s recursive CosineAnnealingLR stepped through three half-periods', () => {
    // torch.optim.lr_scheduler.CosineAnnealingLR.get_lr, transcribed:
    //   t = 0: η₀
    //   (t − 1 − T) mod 2T = 0: η + (η₀ − η_min)(1 − cos(π/T))/2
    //   else: η_min + (η − η_min)·(1 + cos(πt/T))/(1 + cos(π(t−1)/T))
    const tMax = 20;
    const etaMin = 0.004;
    const schedule: ScheduleConfig = { kind: 'cosine', tMax, etaMin, ...noWarmup };
    let eta = BASE;
    for (let t = 0; t <= 3 * tMax; t++) {
      if (t > 0) {
        if ((t - 1 - tMax) % (2 * tMax) === 0) {
          eta = eta + ((BASE - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
        } else {
          eta =
            etaMin +
            ((eta - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) /
              (1 + Math.cos((Math.PI * (t - 1)) / tMax));
        }
      }
      expect(learningRate(schedule, BASE, t), `t = ${t}`).toBeCloseTo(eta, 13);
    }
  });

  it('inverse time: η₀/(1 + decayRate·t)', () => {
    // decayRate 0.01: t = 100 → 0.1/2; t = 300 → 0.1/4
    expectRates(
      { kind: 'inverseTime', decayRate: 0.01, ...noWarmup },
      { 0: 0.1, 100: 0.05, 300: 0.025 },
    );
  });
});

describe('linear warm-up', () => {
  it('rises from the start factor at t = 0 to 1 at t = warmupSteps', () => {
    // W = 10, start 0.1: factor(t) = 0.1 + 0.9·t/10 → 0.1, 0.55 at t = 5, 1 from t = 10 on
    const schedule: ScheduleConfig = { kind: 'constant', warmupSteps: 10, warmupStartFactor: 0.1 };
    expect(warmupFactor(schedule, 0)).toBeCloseTo(0.1, 15);
    expect(warmupFactor(schedule, 5)).toBeCloseTo(0.55, 15);
    expect(warmupFactor(schedule, 10)).toBe(1);
    expect(warmupFactor(schedule, 50)).toBe(1);
    expectRates(schedule, { 0: 0.01, 5: 0.055, 10: 0.1, 50: 0.1 });
  });

  it('multiplies the decay schedule', () => {
    // W = 200, start 0: factor(100) = 0.5; step decay at t = 100 gives 0.05 → 0.025
    const schedule: ScheduleConfig = {
      kind: 'step',
      stepSize: 100,
      gamma: 0.5,
      warmupSteps: 200,
      warmupStartFactor: 0,
    };
    expectRates(schedule, { 0: 0, 100: 0.025, 200: 0.025 });
  });

  it('is off with warmupSteps 0, whatever the start factor', () => {
    expect(warmupFactor({ kind: 'constant', warmupSteps: 0, warmupStartFactor: 0.3 }, 0)).toBe(1);
  });
});

describe('defaults', () => {
  it('are the documented ones, all without warm-up', () => {
    expect(SCHEDULE_DEFAULTS).toEqual({
      constant: { kind: 'constant', ...noWarmup },
      step: { kind: 'step', stepSize: 100, gamma: 0.5, ...noWarmup },
      exponential: { kind: 'exponential', gamma: 0.99, ...noWarmup },
      cosine: { kind: 'cosine', tMax: 1000, etaMin: 0, ...noWarmup },
      inverseTime: { kind: 'inverseTime', decayRate: 0.01, ...noWarmup },
    });
  });

  it('list every kind once, each with a title', () => {
    expect([...SCHEDULE_KINDS].sort()).toEqual(Object.keys(SCHEDULE_DEFAULTS).sort());
    for (const kind of SCHEDULE_KINDS) expect(SCHEDULE_TITLES[kind].length).toBeGreaterThan(0);
  });
});
