/**
 * The CNN trainer: it learns (overfitting a handful of images, and real MNIST digits), it is
 * deterministic and fair between runs, its records carry the statistics they promise, and it
 * supports divergence, live changes, rewind and inspection.
 */
import { describe, expect, it } from 'vitest';
import { SMALL_ARCHITECTURE } from '../../src/core/cnn/architecture.ts';
import { CnnTrainer, createCnnTrainers, prepareCnnData } from '../../src/core/cnn/trainer.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { loadMnist } from '../../bench/mnistFile.ts';

function shapesExperiment(
  overrides: Record<string, unknown> = {},
  problem: Record<string, unknown> = {},
) {
  return parseExperiment({
    problem: {
      kind: 'cnn',
      dataset: 'shapes',
      trainSize: 200,
      testSize: 40,
      evalEvery: 5,
      ...problem,
    },
    steps: 10,
    seed: 5,
    runs: [
      {
        label: 'momentum',
        batchSize: 10,
        optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 },
      },
    ],
    ...overrides,
  });
}

function runAll(trainer: CnnTrainer): StepRecord[] {
  const records: StepRecord[] = [];
  while (trainer.status === 'running') records.push(trainer.advance());
  return records;
}

describe('learning', () => {
  it('a tiny net overfits a handful of images to 100 % accuracy', () => {
    // One image of each of the 8 shapes, full batch, Adam.
    const experiment = parseExperiment({
      problem: {
        kind: 'cnn',
        dataset: 'shapes',
        trainSize: 8,
        testSize: 8,
        evalEvery: 1000,
        architecture: SMALL_ARCHITECTURE,
      },
      steps: 150,
      seed: 1,
      runs: [{ label: 'adam', batchSize: 'all', optimizer: { kind: 'adam', lr: 0.01 } }],
    });
    const [trainer] = createCnnTrainers(experiment, {});
    const records = runAll(trainer!);
    const last = records.at(-1)!;
    expect(records[0]!.accuracy).toBeLessThan(0.5);
    expect(last.accuracy).toBe(1);
    expect(last.loss).toBeLessThan(0.05);
  });

  it('the classic net learns MNIST: momentum SGD, batch 20, 3,000 digits → ≥ 90 % held out', () => {
    // A shorter version of bench/mnist-accuracy.ts (8,000 digits → ≥ 93 %).
    const experiment = parseExperiment({
      problem: {
        kind: 'cnn',
        dataset: 'mnist',
        trainSize: 3000,
        testSize: 1000,
        evalEvery: 1_000_000,
      },
      steps: 150,
      seed: 1,
      runs: [
        {
          label: 'momentum',
          batchSize: 20,
          optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 },
        },
      ],
    });
    const [trainer] = createCnnTrainers(experiment, { mnist: loadMnist() });
    const records = runAll(trainer!);
    const first = records[0]!;
    const last = records.at(-1)!;
    expect(last.step).toBe(150);
    expect(last.samplesSeen).toBe(3000);
    expect(first.testAccuracy).toBeLessThan(0.3);
    expect(last.testAccuracy).toBeGreaterThanOrEqual(0.9);
    // The confusion matrix counts every held-out digit once, its diagonal the correct ones.
    const confusion = last.confusion!;
    expect(confusion.flat().reduce((s, v) => s + v, 0)).toBe(1000);
    expect(confusion.reduce((s, row, i) => s + row[i]!, 0) / 1000).toBe(last.testAccuracy);
  }, 60_000);
});

describe('determinism and fairness', () => {
  it('same seed → same losses; another seed → other losses', () => {
    const losses = (seed: number) =>
      runAll(createCnnTrainers(shapesExperiment({ seed, steps: 4 }), {})[0]!).map((r) => r.loss);
    expect(losses(5)).toEqual(losses(5));
    expect(losses(6)[0]).not.toBe(losses(5)[0]);
  });

  it('runs of one experiment share initial weights and batches, built together or apart', () => {
    const experiment = shapesExperiment({
      runs: [
        { label: 'sgd', batchSize: 10, optimizer: { kind: 'sgd', lr: 0.05 } },
        {
          label: 'momentum',
          batchSize: 10,
          optimizer: { kind: 'momentum', lr: 0.05, momentum: 0.9 },
        },
        { label: 'sgd again', batchSize: 10, optimizer: { kind: 'sgd', lr: 0.05 } },
      ],
    });
    const [sgd, momentum, again] = createCnnTrainers(experiment, {});
    // Built alone, as a worker hosting one run does.
    const [alone] = createCnnTrainers({ ...experiment, runs: [experiment.runs[1]!] }, {});
    for (let i = 0; i < sgd!.model.params.length; i++) {
      expect(Array.from(momentum!.model.params[i]!.params)).toEqual(
        Array.from(sgd!.model.params[i]!.params),
      );
      expect(Array.from(alone!.model.params[i]!.params)).toEqual(
        Array.from(sgd!.model.params[i]!.params),
      );
    }
    const a = runAll(sgd!);
    const b = runAll(momentum!);
    const c = runAll(again!);
    const d = runAll(alone!);
    // Same start and the same first batch: the same loss at step 0 for every optimizer.
    expect(b[0]!.loss).toBe(a[0]!.loss);
    // Identical settings and batches: identical runs; the optimizer is the only difference.
    expect(c.map((r) => r.loss)).toEqual(a.map((r) => r.loss));
    expect(d.map((r) => r.loss)).toEqual(b.map((r) => r.loss));
    expect(b[3]!.loss).not.toBe(a[3]!.loss);
  });
});

describe('step records', () => {
  it('carry loss, batch accuracy, samples seen and per-tensor statistics that add up', () => {
    const [trainer] = createCnnTrainers(
      shapesExperiment({
        runs: [{ label: 'sgd', batchSize: 10, optimizer: { kind: 'sgd', lr: 0.1 } }],
      }),
      {},
    );
    const records = runAll(trainer!);
    expect(records.map((r) => r.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(records.map((r) => r.samplesSeen)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(records.every((r) => r.lr === 0.1)).toBe(true);
    const first = records[0]!;
    expect(first.layers!.map((l) => l.name)).toEqual([
      'conv1.weight',
      'conv1.bias',
      'conv2.weight',
      'conv2.bias',
      'dense.weight',
      'dense.bias',
    ]);
    for (const record of records.slice(0, -1)) {
      expect(record.accuracy! * 10).toBe(Math.round(record.accuracy! * 10)); // k correct of 10
      for (const layer of record.layers!) {
        // SGD: θ_{t+1} − θ_t = −η·g, so ‖Δθ‖/‖θ_t‖ = η·‖g‖/‖θ_t‖ (to float32 round-off).
        if (layer.weightNorm > 0) {
          expect(layer.updateRatio / ((0.1 * layer.gradNorm) / layer.weightNorm)).toBeCloseTo(1, 2);
        }
        expect(layer.stateNorm).toBe(0); // SGD keeps no state
      }
    }
    // Biases start at 0: no ratio to show at step 0.
    expect(first.layers![1]!.weightNorm).toBe(0);
    expect(first.layers![1]!.updateRatio).toBe(0);
    // Evaluation every 5 steps and at the last step, on all 40 held-out images.
    expect(records.filter((r) => r.testAccuracy !== undefined).map((r) => r.step)).toEqual([
      0, 5, 10,
    ]);
    expect(records[5]!.confusion!.flat().reduce((s, v) => s + v, 0)).toBe(40);
    expect(trainer!.status).toBe('finished');
  });

  it('momentum’s velocity after the first step is η·g (classic form), so stateNorm = η·gradNorm', () => {
    const [trainer] = createCnnTrainers(shapesExperiment(), {});
    const [record] = [trainer!.advance()];
    for (const layer of record.layers!)
      expect(layer.stateNorm).toBeCloseTo(0.01 * layer.gradNorm, 6);
  });

  it('stop with a reason when the numbers overflow', () => {
    // Without ReLUs to die (the classic net at η = 10 reaches a loss of 10¹⁰, then its ReLUs
    // go silent and every number stays finite), a conv + max-pool net at η = 10 grows its
    // loss ~10⁴× per step until float32 overflows.
    const architecture = {
      layers: [
        { type: 'conv', filters: 4, size: 5, stride: 2 },
        { type: 'maxPool', size: 2 },
      ],
    };
    const [trainer] = createCnnTrainers(
      shapesExperiment(
        { steps: 200, runs: [{ label: 'hot', batchSize: 10, optimizer: { kind: 'sgd', lr: 10 } }] },
        { architecture },
      ),
      {},
    );
    const records = runAll(trainer!);
    const last = records.at(-1)!;
    expect(trainer!.status).toBe('diverged');
    expect(last.diverged).toBe(true);
    expect(last.divergence).toMatchObject({ step: last.step, lr: 10 });
    expect(['loss', 'parameter', 'gradient']).toContain(last.divergence!.quantity);
    expect(['NaN', 'Infinity', '-Infinity']).toContain(last.divergence!.value);
    expect(last.step).toBeLessThan(200);
  });
});

describe('live changes, rewind and inspection', () => {
  it('a new learning rate applies from the next step', () => {
    const [trainer] = createCnnTrainers(shapesExperiment(), {});
    trainer!.advance();
    trainer!.advance();
    const run = trainer!.run;
    trainer!.reconfigure({ ...run, optimizer: { ...run.optimizer, lr: 0.05 }, batchSize: 25 });
    const record = trainer!.advance();
    expect(record.lr).toBe(0.05);
    expect(trainer!.advance().samplesSeen).toBe(20 + 25);
    expect(() =>
      trainer!.reconfigure({ ...run, optimizer: { kind: 'sgd', lr: 0.1, weightDecay: 0 } }),
    ).toThrow(/cannot change optimizer kind/);
  });

  it('restoring a snapshot replays the same steps', () => {
    const [trainer] = createCnnTrainers(shapesExperiment({ steps: 12 }), {});
    for (let i = 0; i < 4; i++) trainer!.advance();
    const snapshot = trainer!.snapshot();
    const ahead = [1, 2, 3, 4].map(() => trainer!.advance().loss);
    trainer!.restore(snapshot);
    expect(trainer!.t).toBe(4);
    expect([1, 2, 3, 4].map(() => trainer!.advance().loss)).toEqual(ahead);
  });

  it('inspect returns filters, activations, gradients and velocity as shaped copies, and changes nothing', () => {
    const experiment = shapesExperiment();
    const data = prepareCnnData(
      experiment.problem as Parameters<typeof prepareCnnData>[0],
      experiment.seed,
    );
    const [trainer] = createCnnTrainers(experiment, data);
    const [twin] = createCnnTrainers(experiment, data);
    trainer!.advance();
    twin!.advance();
    const inspection = trainer!.inspect(3);
    expect(inspection.step).toBe(1);
    expect(inspection.probe.label).toBe(data.dataset.labels[data.split.test[3]!]);
    expect(inspection.probe.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    expect(inspection.filters.map((f) => [f.name, f.shape])).toEqual([
      ['conv1.weight', [8, 1, 5, 5]],
      ['conv2.weight', [16, 8, 5, 5]],
    ]);
    expect(inspection.activations.map((a) => [a.name, a.shape])).toEqual([
      ['conv1', [8, 28, 28]],
      ['relu1', [8, 28, 28]],
      ['maxPool1', [8, 14, 14]],
      ['conv2', [16, 14, 14]],
      ['relu2', [16, 14, 14]],
      ['maxPool2', [16, 4, 4]],
      ['dense', [8, 1, 1]],
    ]);
    for (const a of inspection.activations)
      expect(a.data.length).toBe(a.shape.reduce((p, v) => p * v, 1));
    expect(inspection.stateName).toBe('velocity');
    expect(inspection.state.map((s) => s.shape)).toEqual(inspection.gradients.map((g) => g.shape));
    expect(inspection.gradients.map((g) => g.shape)).toEqual([
      [8, 1, 5, 5],
      [8],
      [16, 8, 5, 5],
      [16],
      [8, 256],
      [8],
    ]);
    // Copies: changing them does not touch the network.
    const weight = trainer!.model.params[0]!.params[0];
    inspection.filters[0]!.data[0] = 123;
    expect(trainer!.model.params[0]!.params[0]).toBe(weight);
    // A drawn probe works too; training continues exactly as without inspection.
    expect(trainer!.inspect(new Float32Array(784).fill(0.5)).probe.label).toBeNull();
    expect(trainer!.advance().loss).toBe(twin!.advance().loss);
    expect(() => trainer!.inspect(40)).toThrow(/probe index must be an integer from 0 to 39/);
  });

  it('needs the MNIST bytes for an MNIST experiment', () => {
    const experiment = parseExperiment({
      problem: { kind: 'cnn', dataset: 'mnist' },
      steps: 1,
      runs: [{ label: 'sgd', optimizer: { kind: 'sgd', lr: 0.01 } }],
    });
    expect(() => createCnnTrainers(experiment, {})).toThrow(/MNIST data file is not loaded/);
  });
});
