/**
 * What the CNN lab's views need from an inspection beyond weights and activations: the newest
 * held-out evaluation with its most confident mistakes (checked against separate inspections of
 * those images), and every optimizer state tensor (Adam's m and v).
 */
import { describe, expect, it } from 'vitest';
import { SMALL_ARCHITECTURE } from '../../src/core/cnn/architecture.ts';
import { MAX_MISCLASSIFIED, createCnnTrainers } from '../../src/core/cnn/trainer.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';

const experiment = parseExperiment({
  problem: {
    kind: 'cnn',
    dataset: 'shapes',
    trainSize: 100,
    testSize: 60,
    evalEvery: 4,
    architecture: SMALL_ARCHITECTURE,
  },
  steps: 50,
  seed: 2,
  runs: [{ label: 'Adam', batchSize: 10, optimizer: { kind: 'adam', lr: 0.001 } }],
});

describe('CNN inspection for the lab', () => {
  it('has no evaluation before the first one, and the newest one after', () => {
    const [trainer] = createCnnTrainers(experiment, {});
    expect(trainer!.inspect(0).evaluation).toBeNull();
    for (let i = 0; i < 6; i++) trainer!.advance(); // records of steps 0…5: evaluations at 0 and 4
    const evaluation = trainer!.inspect(0).evaluation!;
    expect(evaluation.step).toBe(4);
    const total = evaluation.confusion.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(60);
    const wrong = total - evaluation.confusion.reduce((sum, row, i) => sum + row[i]!, 0);
    expect(evaluation.accuracy).toBeCloseTo((60 - wrong) / 60, 12);
    // After 5 small Adam steps from random weights most of 8 classes are still wrong.
    expect(evaluation.misclassified.length).toBe(Math.min(MAX_MISCLASSIFIED, wrong));
  });

  it('lists the most confident mistakes first, as a separate look at each image confirms', () => {
    const [trainer] = createCnnTrainers(experiment, {});
    for (let i = 0; i < 5; i++) trainer!.advance(); // evaluations at 0 and 4; θ_5 now
    // Rewind the weights to θ_4 so separate inspections see what the evaluation saw.
    const [again] = createCnnTrainers(experiment, {});
    for (let i = 0; i < 4; i++) again!.advance(); // θ_4, record of step 4 not yet taken
    const { evaluation } = trainer!.inspect(0);
    const list = evaluation!.misclassified;
    for (let j = 1; j < list.length; j++)
      expect(list[j - 1]!.confidence).toBeGreaterThanOrEqual(list[j]!.confidence);
    for (const [j, m] of list.entries()) {
      expect(m.predicted).not.toBe(m.label);
      const look = again!.inspect(m.index);
      expect(look.probe.label).toBe(m.label);
      expect(look.probe.predicted).toBe(m.predicted);
      expect(look.probe.probabilities[m.predicted]).toBeCloseTo(m.confidence, 5);
      // The pixels shipped with the mistake are that held-out image's.
      expect(Array.from(evaluation!.images.subarray(j * 784, (j + 1) * 784))).toEqual(
        Array.from(look.probe.image),
      );
    }
  });

  it("carries every optimizer state: Adam's m and v, shaped like the tensors", () => {
    const [trainer] = createCnnTrainers(experiment, {});
    trainer!.advance();
    const inspection = trainer!.inspect(0);
    expect(inspection.states.map((s) => s.name)).toEqual(['m', 'v']);
    const v = inspection.states[1]!.tensors[0]!;
    expect(v.name).toBe('conv1.weight');
    expect(v.shape).toEqual([4, 1, 5, 5]);
    // After one step v = (1 − β₂)·g² = 0.001·g² elementwise.
    const g = inspection.gradients[0]!.data;
    for (let i = 0; i < g.length; i++) expect(v.data[i]).toBeCloseTo(0.001 * g[i]! * g[i]!, 9);
  });
});
