/**
 * The update Δθ = θ_{t+1} − θ_t that a record carries (the map's step arrow), from the core's
 * own step: every optimizer, Adadelta included, on a custom surface and on the line fit; the
 * preview carries the update the real step then takes.
 */
import { describe, expect, it } from 'vitest';
import type { OptimizerConfig } from '../../src/core/config/experiment.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { OPTIMIZER_DEFAULTS } from '../../src/core/optimizers/index.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { velocityDisplacement } from '../../src/ui/liveViews.ts';

const OPTIMIZERS: ReadonlyArray<[string, Partial<OptimizerConfig> & { kind: string }]> = [
  ['sgd with weight decay', { kind: 'sgd', lr: 0.1, weightDecay: 0.1 }],
  ['classic Nesterov', { kind: 'momentum', lr: 0.05, momentum: 0.8, nesterov: true }],
  ['PyTorch momentum', { kind: 'momentum', lr: 0.05, momentum: 0.9, form: 'pytorch' }],
  ['Adam AMSGrad', { kind: 'adam', lr: 0.1, amsgrad: true }],
  ['AdamW', { kind: 'adamw', lr: 0.1, weightDecay: 0.1 }],
  ['AdaGrad', { kind: 'adagrad', lr: 0.3, lrDecay: 0.1 }],
  ['RMSprop centered, momentum', { kind: 'rmsprop', lr: 0.01, centered: true, momentum: 0.5 }],
  ['Adadelta', { kind: 'adadelta', lr: 1 }],
];

function trainer(problem: unknown, optimizer: unknown) {
  const experiment = parseExperiment({
    problem,
    steps: 10,
    seed: 1,
    runs: [{ label: 'r', batchSize: 4, optimizer }],
  });
  return createTrainers(experiment)[0]!;
}

const PROBLEMS: ReadonlyArray<[string, unknown]> = [
  [
    'surface',
    { kind: 'surface', surface: 'custom', expression: 'x^2 + 3*y^2 + x*y', start: [1.5, -2] },
  ],
  ['line fit, mini-batch', { kind: 'regression', samples: 24, noise: 0.3 }],
];

describe('the update a record carries', () => {
  for (const [problemName, problem] of PROBLEMS) {
    it.each(OPTIMIZERS)(
      `${problemName}: %s — θ_{t+1} − θ_t, and the preview's is the step's`,
      (_, optimizer) => {
        const run = trainer(problem, optimizer);
        const records: StepRecord[] = [];
        for (let t = 0; t < 6; t++) {
          const preview = run.preview!()!;
          const record = run.advance();
          expect(preview.update).toEqual(record.update);
          records.push(record);
        }
        for (let t = 0; t + 1 < records.length; t++) {
          const [now, next] = [records[t]!, records[t + 1]!];
          for (const j of [0, 1]) {
            expect(now.update![j]).toBe(next.params![j]! - now.params![j]!);
            expect(now.update![j]).not.toBe(0);
          }
        }
      },
    );
  }

  it('SGD on x² + 3y² + xy by hand: Δθ = −η·∇f', () => {
    const run = trainer(PROBLEMS[0]![1], { kind: 'sgd', lr: 0.1 });
    // ∇f(1.5, −2) = (2·1.5 − 2, 6·(−2) + 1.5) = (1, −10.5).
    const record = run.advance();
    expect(record.update![0]).toBeCloseTo(-0.1, 15);
    expect(record.update![1]).toBeCloseTo(1.05, 15);
  });

  it('a finished run’s last record takes no step, so it carries no update', () => {
    const run = trainer(PROBLEMS[0]![1], { kind: 'sgd', lr: 0.1 });
    let last: StepRecord;
    do last = run.advance();
    while (run.status === 'running');
    expect(last.step).toBe(10);
    expect(last.update).toBeUndefined();
    expect(run.preview!()).toBeNull();
  });
});

describe('velocityDisplacement', () => {
  const record: StepRecord = {
    run: 'r',
    step: 0,
    loss: 0,
    lr: 0.1,
    params: [0, 0],
    grad: [1, 2],
    state: { t: 1, velocity: [0.1, 0.2] },
  };
  it('classic form: v is in parameter units, θ moves by −v', () => {
    const config = { ...OPTIMIZER_DEFAULTS.momentum, momentum: 0.9 };
    expect(velocityDisplacement(config, record)).toEqual([-0.1, -0.2]);
  });
  it('PyTorch form: the buffer b is in gradient units, θ moves by −η·b', () => {
    const pytorch = { ...OPTIMIZER_DEFAULTS.momentum, form: 'pytorch' as const };
    const withBuffer = { ...record, state: { t: 1, velocity: [1, 2] } };
    expect(velocityDisplacement(pytorch, withBuffer)).toEqual([-0.1, -0.2]);
  });
  it('no velocity without momentum', () => {
    expect(velocityDisplacement(OPTIMIZER_DEFAULTS.sgd, record)).toBeNull();
  });
});
