/**
 * Learning-rate sweeps: each point is the run exactly as the step loop runs it with that η (in
 * the full experiment, lock-stepped with the other runs), and a run above the quadratic's
 * stability limit 2/λmax is marked diverged while every run below it is not.
 */
import { describe, expect, it } from 'vitest';
import {
  effectiveSgd,
  logSpaced,
  runSweepJob,
  sweepJobs,
  sweepRangeIssue,
  twinLabel,
  withLearningRate,
} from '../../src/core/analysis/sweep.ts';
import { SMALL_ARCHITECTURE } from '../../src/core/cnn/architecture.ts';
import type { Experiment } from '../../src/core/config/experiment.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';

/** Final and best loss of run `label` when the whole experiment runs with its η set to `lr`. */
function asRunWouldRunIt(experiment: Experiment, index: number, lr: number) {
  const runs = experiment.runs.map((run, i) => (i === index ? withLearningRate(run, lr) : run));
  const records: StepRecord[] = [];
  runToEnd(createTrainers({ ...experiment, runs }), (r) => records.push(r));
  const own = records.filter((r) => r.run === experiment.runs[index]!.label);
  const finite = own.map((r) => r.loss).filter(Number.isFinite);
  return { finalLoss: own.at(-1)!.loss, bestLoss: Math.min(...finite), steps: own.at(-1)!.step };
}

const EXPERIMENTS: Record<string, unknown> = {
  rosenbrock: {
    problem: { kind: 'surface', surface: 'rosenbrock', start: [-1.5, 2] },
    steps: 300,
    runs: [
      { label: 'sgd', optimizer: { kind: 'sgd', lr: 1e-3 } },
      { label: 'heavy ball', optimizer: { kind: 'momentum', lr: 2e-4, momentum: 0.9 } },
      { label: 'adam', optimizer: { kind: 'adam', lr: 0.05 } },
    ],
  },
  'noisy surface': {
    problem: { kind: 'surface', surface: 'beale', gradientNoise: 0.3 },
    steps: 200,
    seed: 4,
    runs: [{ optimizer: { kind: 'sgd', lr: 0.01 } }],
  },
  'mini-batch line fit': {
    problem: { kind: 'regression', samples: 50, noise: 1 },
    steps: 150,
    seed: 9,
    runs: [
      { label: 'full', batchSize: 'all', optimizer: { kind: 'sgd', lr: 0.05 } },
      { label: 'mini', batchSize: 5, optimizer: { kind: 'momentum', lr: 0.02, momentum: 0.5 } },
    ],
  },
  'shapes CNN': {
    problem: {
      kind: 'cnn',
      dataset: 'shapes',
      trainSize: 40,
      testSize: 16,
      evalEvery: 5,
      architecture: SMALL_ARCHITECTURE,
    },
    steps: 6,
    seed: 2,
    runs: [
      { label: 'sgd', batchSize: 8, optimizer: { kind: 'sgd', lr: 0.05 } },
      { label: 'mom', batchSize: 8, optimizer: { kind: 'momentum', lr: 0.02, momentum: 0.9 } },
    ],
  },
};

describe('a sweep point is the run as the step loop runs it', () => {
  for (const [name, config] of Object.entries(EXPERIMENTS)) {
    it(name, () => {
      const experiment = parseExperiment(config);
      const rates = name === 'shapes CNN' ? [0.01, 0.2] : logSpaced(1e-4, 0.3, 5);
      for (const job of sweepJobs(experiment, rates)) {
        const point = runSweepJob(experiment, job);
        const expected = asRunWouldRunIt(experiment, job.runIndex, job.lr);
        expect(point.run).toBe(experiment.runs[job.runIndex]!.label);
        expect(point.lr).toBe(job.lr);
        // Exactly equal: the same code path, not a re-implementation.
        expect(point.finalLoss).toBe(expected.finalLoss);
        expect(point.bestLoss).toBe(expected.bestLoss);
        expect(point.steps).toBe(expected.steps);
      }
    });
  }
});

describe('divergence on a quadratic', () => {
  // ½(0.1·u² + 1·v²): λmax = 1, so gradient descent is stable for η < 2.
  const experiment = parseExperiment({
    problem: { kind: 'surface', surface: 'quadratic', params: { conditionNumber: 10 } },
    steps: 200,
    runs: [{ optimizer: { kind: 'sgd', lr: 0.1 } }],
  });

  it('marks exactly the rates above 2/λmax', () => {
    const rates = logSpaced(0.1, 4, 12); // …, 1.47, 2.06, 2.88, 4
    const points = sweepJobs(experiment, rates).map((job) => runSweepJob(experiment, job));
    expect(points).toHaveLength(12);
    for (const point of points) expect(point.diverged, `η = ${point.lr}`).toBe(point.lr > 2);
    // η = 2.06: the steep component grows by |1 − 2.06| = 1.06 per step, 1.06^400 in the loss.
    const justAbove = points.find((p) => p.lr > 2)!;
    expect(justAbove.finalLoss).toBeGreaterThan(1e8);
  });

  it('marks a run that overflows', () => {
    const [point] = sweepJobs(experiment, [1e6]).map((job) => runSweepJob(experiment, job));
    expect(point!.diverged).toBe(true);
    expect(point!.steps).toBeLessThan(200);
  });
});

describe('ranges and jobs', () => {
  it('spaces rates evenly on a log scale, both ends included', () => {
    const rates = logSpaced(1e-3, 1, 4);
    expect(rates[0]).toBe(1e-3);
    expect(rates[3]).toBe(1);
    expect(rates[1]).toBeCloseTo(1e-2, 15);
    expect(rates[2]).toBeCloseTo(1e-1, 15);
  });

  it('refuses unusable ranges', () => {
    expect(sweepRangeIssue(0.01, 1, 12)).toBeNull();
    expect(sweepRangeIssue(0, 1, 12)).toBe('notPositive');
    expect(sweepRangeIssue(1, 0.5, 12)).toBe('notIncreasing');
    expect(sweepRangeIssue(0.1, 1, 1)).toBe('count');
    expect(sweepRangeIssue(0.1, 1, 2.5)).toBe('count');
  });

  it('pairs each momentum η with SGD at η(1 − dampening)/(1 − γ)', () => {
    const experiment = parseExperiment({
      problem: { kind: 'surface', surface: 'quadratic' },
      runs: [
        { label: 'hb', optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9, dampening: 0.5 } },
        { label: 'plain', optimizer: { kind: 'sgd', lr: 0.1 } },
      ],
    });
    const jobs = sweepJobs(experiment, [0.01, 0.1], 'effective');
    expect(jobs.map((j) => j.label)).toEqual([
      'hb',
      'hb',
      twinLabel('hb'),
      twinLabel('hb'),
      'plain',
      'plain',
    ]);
    const twin = jobs[3]!;
    expect(twin.lr).toBe(0.1);
    expect(twin.run.optimizer).toEqual({
      kind: 'sgd',
      lr: (0.1 * 0.5) / (1 - 0.9),
      weightDecay: 0,
    });
    expect(effectiveSgd(experiment.runs[1]!, 0.1, 'x')).toBeNull();
  });
});
