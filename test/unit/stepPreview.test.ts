/**
 * A trainer's preview of its next step: the record the next `advance()` returns, computed
 * without moving anything (θ, optimizer state, t, batch cursor, status).
 */
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/config/experiment.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import type { RunTrainer } from '../../src/core/run/trainer.ts';

/**
 * f = x² + 4y² from (2, 1): ∇f = (2x, 8y). With η = 1/16 every number below is exact in binary.
 *   θ0 = (2, 1),        f = 4 + 4 = 8,             ∇f = (4, 8)
 * SGD:       θ1 = θ0 − ∇f/16 = (1.75, 0.5),  f = 3.0625 + 1 = 4.0625,   ∇f = (3.5, 4)
 *            θ2 = θ1 − (3.5, 4)/16 = (1.53125, 0.25)
 * Momentum (classic, γ = 0.5): v1 = η·∇f(θ0) = (0.25, 0.5), θ1 = θ0 − v1 = (1.75, 0.5);
 *            v2 = 0.5·v1 + η·(3.5, 4) = (0.125 + 0.21875, 0.25 + 0.25) = (0.34375, 0.5),
 *            θ2 = θ1 − v2 = (1.40625, 0)
 */
const bowl = parseExperiment({
  problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + 4*y^2', start: [2, 1] },
  steps: 100,
  seed: 1,
  runs: [
    { label: 'gd', optimizer: { kind: 'sgd', lr: 0.0625 } },
    { label: 'hb', optimizer: { kind: 'momentum', lr: 0.0625, momentum: 0.5 } },
  ],
});

function trainer(experiment: Experiment, label: string): RunTrainer {
  const found = createTrainers(experiment).find((t) => t.label === label);
  if (!found) throw new Error(`no run ${label}`);
  return found;
}

function preview(t: RunTrainer): StepRecord | null {
  if (!t.preview) throw new Error('this trainer cannot preview');
  return t.preview();
}

/** Steps `count` times, each time previewing twice first and checking the real record equals. */
function previewThenStep(t: RunTrainer, count: number): StepRecord[] {
  const records: StepRecord[] = [];
  for (let i = 0; i < count; i++) {
    const first = preview(t);
    const second = preview(t);
    const record = t.advance();
    // toStrictEqual compares numbers with Object.is: bit for bit.
    expect(first).toStrictEqual(record);
    expect(second).toStrictEqual(record);
    records.push(record);
  }
  return records;
}

describe('step preview', () => {
  it('before any step: θ0, its loss and gradient, and the update about to be taken (SGD)', () => {
    const gd = trainer(bowl, 'gd');
    expect(preview(gd)).toStrictEqual({
      run: 'gd',
      step: 0,
      loss: 8,
      lr: 0.0625,
      params: [2, 1],
      grad: [4, 8],
      // Δθ = −η·∇f(θ0) = −0.0625·(4, 8).
      update: [-0.25, -0.5],
      state: { t: 1 },
    });
    expect(gd.t).toBe(0);
  });

  it('after one step: θ1 and the second step (SGD and momentum, hand-traced)', () => {
    const gd = trainer(bowl, 'gd');
    gd.advance();
    const next = preview(gd)!;
    expect(next.step).toBe(1);
    expect(next.params).toEqual([1.75, 0.5]);
    expect(next.loss).toBe(4.0625);
    expect(next.grad).toEqual([3.5, 4]);
    // What the map draws as Δθ: −η·∇f(θ1) = (−0.21875, −0.25), to θ2 = (1.53125, 0.25).
    expect(next.update).toEqual([-0.21875, -0.25]);
    gd.advance();
    expect(preview(gd)!.params).toEqual([1.53125, 0.25]);

    const hb = trainer(bowl, 'hb');
    expect(preview(hb)!.state).toEqual({ t: 1, velocity: [0.25, 0.5] });
    hb.advance();
    const second = preview(hb)!;
    expect(second.params).toEqual([1.75, 0.5]);
    expect(second.grad).toEqual([3.5, 4]);
    expect(second.state).toEqual({ t: 2, velocity: [0.34375, 0.5] });
    hb.advance();
    expect(preview(hb)!.params).toEqual([1.40625, 0]);
  });

  it('equals the record the next step then produces (SGD, momentum, Adam)', () => {
    const withAdam = parseExperiment({
      ...bowl,
      runs: [...bowl.runs, { label: 'adam', optimizer: { kind: 'adam', lr: 0.1 } }],
    });
    for (const label of ['gd', 'hb', 'adam']) previewThenStep(trainer(withAdam, label), 30);
  });

  it('leaves the trainer untouched: the same records with and without previews', () => {
    for (const label of ['gd', 'hb']) {
      const plain = trainer(bowl, label);
      const peeked = trainer(bowl, label);
      const a = Array.from({ length: 12 }, () => plain.advance());
      const b = previewThenStep(peeked, 12);
      expect(b).toStrictEqual(a);
      expect(peeked.t).toBe(plain.t);
      expect(peeked.snapshot()).toStrictEqual(plain.snapshot());
    }
  });

  it('draws the same gradient noise as the real step (noisy surface)', () => {
    const noisy = parseExperiment({
      ...bowl,
      problem: { ...bowl.problem, gradientNoise: 0.5 },
      runs: [{ label: 'hb', optimizer: { kind: 'momentum', lr: 0.02, momentum: 0.9 } }],
    });
    const plain = trainer(noisy, 'hb');
    const peeked = trainer(noisy, 'hb');
    const expected = Array.from({ length: 25 }, () => plain.advance());
    const records = previewThenStep(peeked, 25);
    expect(records).toStrictEqual(expected);
    // The noise is really there: the gradient used is not the exact one.
    const r = records[3]!;
    expect(r.grad).not.toEqual(r.fullGrad);
  });

  it('uses the same mini-batch as the real step, across epoch boundaries (regression)', () => {
    // 40 samples in batches of 8 (and of 12: the epoch's last batch has 4): several epochs.
    const regression = parseExperiment({
      problem: { kind: 'regression', samples: 40, noise: 0.3 },
      steps: 200,
      seed: 3,
      runs: [
        { label: 'mb8', batchSize: 8, optimizer: { kind: 'momentum', lr: 0.02, momentum: 0.9 } },
        { label: 'mb12', batchSize: 12, optimizer: { kind: 'adam', lr: 0.05 } },
      ],
    });
    for (const label of ['mb8', 'mb12']) {
      const plain = trainer(regression, label);
      const peeked = trainer(regression, label);
      const expected = Array.from({ length: 17 }, () => plain.advance());
      const records = previewThenStep(peeked, 17);
      expect(records).toStrictEqual(expected);
      const r = records[5]!;
      expect(r.batch).toHaveLength(label === 'mb8' ? 8 : 12);
      expect(r.grad).not.toEqual(r.fullGrad);
    }
    // mb12's fourth batch is the rest of epoch 0: 40 − 3·12 = 4 samples.
    const mb12 = trainer(regression, 'mb12');
    for (let i = 0; i < 3; i++) mb12.advance();
    expect(preview(mb12)!.batch).toHaveLength(4);
    expect(mb12.advance().batch).toHaveLength(4);
  });

  it('follows a live change of η at once, and a new batch size', () => {
    const hb = trainer(bowl, 'hb');
    hb.advance();
    hb.reconfigure({ ...bowl.runs[1]!, optimizer: { ...bowl.runs[1]!.optimizer, lr: 0.125 } });
    // v2 = 0.5·(0.25, 0.5) + 0.125·(3.5, 4) = (0.125 + 0.4375, 0.25 + 0.5) = (0.5625, 0.75).
    const next = preview(hb)!;
    expect(next.lr).toBe(0.125);
    expect(next.state).toEqual({ t: 2, velocity: [0.5625, 0.75] });
    expect(hb.advance()).toStrictEqual(next);

    const regression = parseExperiment({
      problem: { kind: 'regression', samples: 40, noise: 0.3 },
      steps: 200,
      seed: 3,
      runs: [{ label: 'mb', batchSize: 8, optimizer: { kind: 'sgd', lr: 0.05 } }],
    });
    const mb = trainer(regression, 'mb');
    mb.advance();
    expect(preview(mb)!.batch).toHaveLength(8);
    mb.reconfigure({ ...regression.runs[0]!, batchSize: 'all' });
    // Full batch: no sample list, and the gradient used is the exact one (no fullGrad beside it).
    const full = preview(mb)!;
    expect(full.batch).toBeUndefined();
    expect(full.fullGrad).toBeUndefined();
    expect(full.batchLoss).toBe(full.loss);
    expect(mb.advance()).toStrictEqual(full);
  });

  it('ends like the run: the final record at the budget, then null', () => {
    const short = parseExperiment({ ...bowl, steps: 2 });
    const gd = trainer(short, 'gd');
    const records = previewThenStep(gd, 3);
    // The third record is θ2 with no update after it: its state is the one after step 2.
    expect(records[2]!.params).toEqual([1.53125, 0.25]);
    expect(records[2]!.state).toEqual({ t: 2 });
    expect(gd.status).toBe('finished');
    expect(preview(gd)).toBeNull();
  });

  it('previews a blow-up as the diverged record, and returns null once diverged', () => {
    // f = 1e100·x² + 4y², η = 1e6: θ1 = (2 − 1e6·4e100, 1 − 1e6·8) ≈ (−4e106, −7999999),
    // and f(θ1) ≈ 1e100·1.6e213 overflows to Infinity.
    const wild = parseExperiment({
      ...bowl,
      problem: { ...bowl.problem, expression: '1e100*x^2 + 4*y^2' },
      runs: [{ label: 'gd', optimizer: { kind: 'sgd', lr: 1e6 } }],
    });
    const gd = trainer(wild, 'gd');
    const [first, second] = previewThenStep(gd, 2);
    expect(first!.diverged).toBeUndefined();
    expect(second!.diverged).toBe(true);
    expect(second!.params).toEqual([2 - 1e6 * 4e100, -7999999]);
    expect(second!.divergence).toEqual({
      quantity: 'loss',
      value: 'Infinity',
      step: 1,
      lr: 1e6,
    });
    expect(gd.status).toBe('diverged');
    expect(preview(gd)).toBeNull();
  });
});
