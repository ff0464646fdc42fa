/**
 * Safe, watchable defaults (issue 12): every built-in surface, played with the learning rate
 * its own curvature gives each method, stays finite and near the view and makes progress; and
 * each built-in example ends somewhere instructive.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SurfaceName } from '../../src/core/config/experiment.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_KINDS } from '../../src/core/optimizers/index.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import {
  curvatureScale,
  defaultLearningRate,
  roundDown,
  safeLearningRate,
} from '../../src/core/run/defaultRates.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';
import { SURFACES, createSurface, surfaceParamDefaults } from '../../src/core/surfaces/index.ts';

function finalRecords(json: unknown): StepRecord[] {
  const experiment = parseExperiment(json);
  const last = new Map<string, StepRecord>();
  runToEnd(createTrainers(experiment), (r) => last.set(r.run, r));
  return [...last.values()];
}

describe('default learning rates', () => {
  it('rounds down to one significant digit', () => {
    expect(roundDown(0.0437)).toBe(0.04);
    expect(roundDown(0.8)).toBe(0.8);
    expect(roundDown(9e-5 * 1.0000001)).toBe(9e-5);
  });

  it('takes 0.4 of 2/λ for SGD and 0.1 for momentum from the Hessian at the start', () => {
    // Rosenbrock at (−1.5, 2): fxx = 1200x² − 400y + 2 = 1902, fxy = −400x = 600, fyy = 200.
    // λmax = (2102 + √(1702² + 4·600²))/2 = (2102 + 2082.6)/2 ≈ 2092.3.
    const surface = createSurface({ surface: 'rosenbrock', params: {} });
    expect(curvatureScale(surface, -1.5, 2)).toBeCloseTo(2092.3, 0);
    expect(defaultLearningRate('sgd', surface, [-1.5, 2])).toBe(0.0003); // 0.8/2092 = 3.8e-4
    expect(defaultLearningRate('momentum', surface, [-1.5, 2])).toBe(0.00009); // 0.2/2092
    // Adaptive methods: 1 % of the view's smaller side (Rosenbrock's view is 4 high).
    expect(defaultLearningRate('adam', surface, [-1.5, 2])).toBe(roundDown(0.01 * 4));
  });

  for (const name of Object.keys(SURFACES) as SurfaceName[]) {
    it(`never diverges and makes progress on ${name} with every method`, () => {
      const params = surfaceParamDefaults(name);
      const start = createSurface({ surface: name, params }).start;
      const problem = { kind: 'surface', surface: name, params, start, gradientNoise: 0 } as const;
      for (const kind of OPTIMIZER_KINDS) {
        const lr = safeLearningRate(problem, OPTIMIZER_DEFAULTS[kind], 200);
        const [record] = finalRecords({
          version: 1,
          problem,
          steps: 200,
          seed: 1,
          runs: [{ label: kind, optimizer: { ...OPTIMIZER_DEFAULTS[kind], lr } }],
        });
        const first = createSurface(problem).value(start[0], start[1]);
        expect(record?.diverged, `${kind} on ${name}`).toBeUndefined();
        expect(Number.isFinite(record!.loss)).toBe(true);
        expect(record!.loss, `${kind} on ${name} at η = ${lr}`).toBeLessThan(first);
      }
    });
  }

  it('slows the saddle down until the escape stays near the view', () => {
    // f = x² − y²: along y, plain descent multiplies y by 1 + 2η each step; from y = 0.01 the
    // view edge (y = 2 + one view width = 6) is reached in 200 steps once η ≥ ln(600)/400 ≈ 0.016.
    const problem = {
      kind: 'surface',
      surface: 'saddle',
      params: {},
      start: [-1.5, 0.01],
      gradientNoise: 0,
    } as const;
    const lr = safeLearningRate(problem, OPTIMIZER_DEFAULTS.sgd, 200);
    expect(lr).toBeLessThan(0.016);
    expect(0.01 * (1 + 2 * lr) ** 200).toBeGreaterThan(0.1); // it still visibly escapes
  });
});

describe('built-in examples', () => {
  const dir = 'public/examples';
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.includes('mnist'))) {
    it(`${file} ends near its minimum`, () => {
      const json = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as {
        problem: { kind: string };
      };
      const experiment = parseExperiment(json);
      for (const record of finalRecords(json)) {
        expect(record.diverged).toBeUndefined();
        if (experiment.problem.kind === 'surface') {
          // Every example surface has its global minimum at f = 0.
          expect(record.loss, `${file}: ${record.run}`).toBeLessThan(1e-3);
        } else {
          // The line fit: every run below 5 % of the start's loss (55.2 for this data); full
          // batch within 2× of the noise floor σ²/2, while single samples keep it hovering.
          expect(record.loss, `${file}: ${record.run}`).toBeLessThan(0.05 * 55.2);
          const noise = (experiment.problem as { noise: number }).noise;
          const run = experiment.runs.find((r) => r.label === record.run);
          if (run?.batchSize === 'all') expect(record.loss).toBeLessThan(noise ** 2);
        }
      }
    });
  }
});
