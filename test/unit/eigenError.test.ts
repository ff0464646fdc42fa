/**
 * Error along each eigendirection: the components of θ_t − θ* of real runs (the core's
 * trainers) against linear theory, on a quadratic surface and on the line fit.
 */
import { describe, expect, it } from 'vitest';
import { directionRate, linearMethod } from '../../src/core/analysis/rateMap.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';
import { problemSurface } from '../../src/ui/problemSurface.ts';
import { curvatureAt, isQuadratic, knownMinima } from '../../src/ui/math/curvature.ts';
import { eigenComponents, predictedComponents } from '../../src/ui/math/eigenError.ts';
import { measuredRate } from '../../src/ui/math/theory.ts';

/** Runs `json` and returns, per run, its steps, η_t and θ_t (interleaved), and the problem's facts. */
function trace(json: unknown) {
  const experiment = parseExperiment(json);
  const out = new Map<string, { steps: number[]; lrs: number[]; params: number[] }>();
  runToEnd(createTrainers(experiment), (record) => {
    if (record.diverged) return;
    const entry = out.get(record.run) ?? { steps: [], lrs: [], params: [] };
    entry.steps.push(record.step);
    entry.lrs.push(record.lr);
    entry.params.push(...record.params!);
    out.set(record.run, entry);
  });
  const surface = problemSurface(experiment.problem, experiment.seed)!;
  expect(isQuadratic(surface)).toBe(true);
  const minimum = knownMinima(surface)[0]!;
  const c = curvatureAt(surface, minimum[0], minimum[1]);
  return { experiment, out, minimum, c };
}

const quadratic = (runs: unknown[], steps = 200) => ({
  problem: {
    kind: 'surface',
    surface: 'quadratic',
    params: { conditionNumber: 20, rotation: 30 },
    start: [-4, 2],
  },
  steps,
  runs,
});

describe('error along each eigendirection', () => {
  it('of gradient descent shrinks by exactly |1 − ηλ| per step along each eigenvector', () => {
    // κ = 20: λmax = 1, λmin = 0.05; η = 0.6 → steep |1 − 0.6| = 0.4, flat |1 − 0.03| = 0.97.
    const { out, minimum, c, experiment } = trace(
      quadratic([{ label: 'GD', optimizer: { kind: 'sgd', lr: 0.6 } }], 30),
    );
    const run = out.get('GD')!;
    const n = run.steps.length;
    const method = linearMethod(experiment.runs[0]!.optimizer)!;
    for (const [v, lambda, rate] of [
      [c.vMax, c.lambdaMax, 0.4],
      [c.vMin, c.lambdaMin, 0.97],
    ] as const) {
      const measured = eigenComponents(run.params, n, minimum, v);
      // Exact arithmetic gives exactly ρ; round-off in θ_t − θ* leaves ~10⁻⁷ on the steep side.
      expect(measuredRate(run.steps, measured, n, 20)).toBeCloseTo(rate, 5);
      // The chart's dashed line lies on the solid one at every step.
      const predicted = predictedComponents(run.steps, run.lrs, n, measured[0]!, (lr) =>
        directionRate(method, lr, 0, lambda),
      );
      for (let i = 0; i < n; i++)
        if (measured[i]! > 1e-9 * measured[0]!)
          expect(predicted[i]! / measured[i]!).toBeCloseTo(1, 5);
    }
  });

  it('follows a schedule step by step (η halves at step 10)', () => {
    const { out, minimum, c, experiment } = trace(
      quadratic(
        [
          {
            label: 'GD',
            optimizer: { kind: 'sgd', lr: 0.6 },
            schedule: { kind: 'step', stepSize: 10, gamma: 0.5 },
          },
        ],
        25,
      ),
    );
    const run = out.get('GD')!;
    const n = run.steps.length;
    const method = linearMethod(experiment.runs[0]!.optimizer)!;
    const measured = eigenComponents(run.params, n, minimum, c.vMin);
    // Flat direction: 0.97 per step for 10 steps, then |1 − 0.3·0.05| = 0.985.
    expect(measured[20]! / measured[0]!).toBeCloseTo(0.97 ** 10 * 0.985 ** 10, 9);
    const predicted = predictedComponents(run.steps, run.lrs, n, measured[0]!, (lr) =>
      directionRate(method, lr, 0, c.lambdaMin),
    );
    expect(predicted[20]! / measured[20]!).toBeCloseTo(1, 9);
  });

  it('of heavy-ball momentum shrinks at the predicted root along each eigenvector', () => {
    // γ = 0.5, η = 0.3: steep λ = 1 → z² − 1.2z + 0.5, complex, |z| = √0.5; flat λ = 0.05 →
    // z² − 1.485z + 0.5, real roots 0.9850…, 0.5076…: the larger dominates after a few steps.
    const { out, minimum, c, experiment } = trace(
      quadratic(
        [{ label: 'HB', optimizer: { kind: 'momentum', lr: 0.3, momentum: 0.5, form: 'pytorch' } }],
        400,
      ),
    );
    const run = out.get('HB')!;
    const n = run.steps.length;
    const method = linearMethod(experiment.runs[0]!.optimizer)!;
    const flat = eigenComponents(run.params, n, minimum, c.vMin);
    const flatRoot = (1.485 + Math.sqrt(1.485 ** 2 - 2)) / 2;
    expect(directionRate(method, 0.3, 0.5, c.lambdaMin)).toBeCloseTo(flatRoot, 12);
    expect(measuredRate(run.steps, flat, n, 20)).toBeCloseTo(flatRoot, 6);
    // Complex roots: |c_t| = A·ρ^t·|cos(ωt + φ)| — over a long window the envelope's slope.
    const steep = eigenComponents(run.params, n, minimum, c.vMax);
    const peak = (from: number) => Math.max(...steep.subarray(from, from + 12));
    const envelope = (peak(30) / peak(10)) ** (1 / 20);
    expect(envelope).toBeCloseTo(Math.SQRT1_2, 2);
    expect(directionRate(method, 0.3, 0.5, c.lambdaMax)).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('on the line fit, with its own constant Hessian', () => {
    const { out, minimum, c, experiment } = trace({
      problem: { kind: 'regression', samples: 60, start: [-2, 3] },
      seed: 5,
      steps: 80,
      runs: [{ label: 'GD', batchSize: 'all', optimizer: { kind: 'sgd', lr: 0.1 } }],
    });
    const run = out.get('GD')!;
    const n = run.steps.length;
    const method = linearMethod(experiment.runs[0]!.optimizer)!;
    for (const [v, lambda] of [
      [c.vMax, c.lambdaMax],
      [c.vMin, c.lambdaMin],
    ] as const) {
      const measured = eigenComponents(run.params, n, minimum, v);
      expect(measuredRate(run.steps, measured, n, 20)).toBeCloseTo(Math.abs(1 - 0.1 * lambda), 4);
      expect(directionRate(method, 0.1, 0, lambda)).toBeCloseTo(Math.abs(1 - 0.1 * lambda), 12);
    }
  });
});
