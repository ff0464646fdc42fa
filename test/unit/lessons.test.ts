import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/config/experiment.ts';
import { validateExperiment } from '../../src/core/config/validate.ts';
import {
  CheckpointTracker,
  LESSONS,
  findLesson,
  pathPoint,
  pointOutcome,
  predictionOutcome,
  predictionTracker,
  runsOf,
  workspaceOf,
  type Checkpoint,
  type LessonSolution,
  type LessonStep,
  type LocalizedText,
} from '../../src/core/lessons/index.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import type { RunStatus } from '../../src/core/run/trainer.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';
import { readMnist } from '../../src/cli/nodeResources.ts';
import type { TrainerResources } from '../../src/core/run/createTrainers.ts';

let mnist: ArrayBuffer | undefined;
/** The MNIST bytes the convnet lessons train on (read once). */
function withData(): TrainerResources {
  mnist ??= readMnist();
  return { mnist };
}

const HAN = /\p{Script=Han}/u;

function validated(config: unknown): Experiment {
  const result = validateExperiment(config);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

interface Outcome {
  readonly records: readonly StepRecord[];
  readonly statuses: ReadonlyMap<string, RunStatus>;
}

/** Headless runs, shared by steps that load the same experiment (the CNN steps especially). */
const outcomes = new Map<string, Outcome>();

/** Runs an experiment to the end in Node, optionally with a live learning-rate change. */
function run(config: unknown, live?: Extract<LessonSolution, { kind: 'live' }>): Outcome {
  const key = JSON.stringify([config, live]);
  const cached = outcomes.get(key);
  if (cached) return cached;
  const trainers = createTrainers(validated(config), undefined, withData());
  const records: StepRecord[] = [];
  if (live) {
    // Lock-step as the worker does; at step `atStep` the learner changes η and plays on.
    let active = trainers.filter((t) => t.status === 'running');
    while (active.length > 0) {
      for (const trainer of active) {
        const lr = live.lr[trainer.label];
        if (trainer.t === live.atStep && lr !== undefined)
          trainer.reconfigure({ ...trainer.run, optimizer: { ...trainer.run.optimizer, lr } });
        records.push(trainer.advance());
      }
      active = active.filter((t) => t.status === 'running');
    }
  } else {
    runToEnd(trainers, (r) => records.push(r));
  }
  const outcome = { records, statuses: new Map(trainers.map((t) => [t.label, t.status])) };
  outcomes.set(key, outcome);
  return outcome;
}

function reaches(checkpoint: Checkpoint, outcome: Outcome): boolean {
  const tracker = new CheckpointTracker(checkpoint);
  for (const record of outcome.records) tracker.observe(record);
  for (const [label, status] of outcome.statuses) tracker.setStatus(label, status);
  return tracker.reached;
}

const everyStep = LESSONS.flatMap((lesson) =>
  lesson.steps.map((step, i) => ({ lesson, step, name: `${lesson.id} ${i + 1} ${step.id}` })),
);

function texts(step: LessonStep): LocalizedText[] {
  return [step.title, step.narration, step.task, step.goal, step.explanation];
}

describe('lesson catalogue', () => {
  it('covers the twelve topics, each in at least two steps, with unique ids', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([
      'gradient-descent',
      'learning-rate',
      'batch-size',
      'momentum',
      'momentum-forms',
      'momentum-overshoot',
      'schedules',
      'adaptive',
      'cnn-momentum',
      'minima-and-saddles',
      'convnet-basics',
      'cnn-schedules',
    ]);
    for (const lesson of LESSONS) {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(2);
      expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
      expect(findLesson(lesson.id)).toBe(lesson);
    }
    expect(findLesson('nope')).toBeUndefined();
  });

  it('speaks English and Simplified Chinese everywhere', () => {
    for (const lesson of LESSONS) {
      for (const t of [lesson.title, lesson.summary, ...lesson.steps.flatMap(texts)]) {
        expect(t.en.trim()).not.toBe('');
        expect(HAN.test(t['zh-CN']), `untranslated: ${t['zh-CN']}`).toBe(true);
        expect(HAN.test(t.en), `Chinese in English text: ${t.en}`).toBe(false);
      }
    }
  });

  it('drives every workspace, the CNN lab included', () => {
    const workspaces = new Set(
      everyStep.map(({ step }) => workspaceOf(validated(step.experiment).problem.kind)),
    );
    expect([...workspaces].sort()).toEqual(['batch', 'cnn', 'explorer']);
  });
});

describe.each(everyStep)('$name', ({ step }) => {
  it('loads a valid experiment whose runs the checkpoint names', () => {
    const experiment = validated(step.experiment);
    const labels = experiment.runs.map((r) => r.label);
    for (const label of runsOf(step.checkpoint)) expect(labels).toContain(label);
    if (step.solution?.kind === 'edit') validated(step.solution.experiment);
    if (step.solution?.kind === 'live') {
      for (const label of Object.keys(step.solution.lr)) expect(labels).toContain(label);
      expect(step.solution.atStep).toBeLessThan(experiment.steps);
    }
  });

  it('has a checkpoint that running it headless reaches', () => {
    const solution = step.solution;
    if (!solution) {
      expect(reaches(step.checkpoint, run(step.experiment))).toBe(true);
      return;
    }
    // A task must ask for something: as loaded the step does not reach its checkpoint…
    expect(reaches(step.checkpoint, run(step.experiment))).toBe(false);
    // …and with the learner's change applied it does.
    const outcome =
      solution.kind === 'edit' ? run(solution.experiment) : run(step.experiment, solution);
    expect(reaches(step.checkpoint, outcome)).toBe(true);
  });
});

describe('predictions', () => {
  it('every lesson asks at least one', () => {
    for (const lesson of LESSONS)
      expect(
        lesson.steps.some((s) => s.prediction),
        lesson.id,
      ).toBe(true);
  });

  /** The option ids that hold once the runs of `config` have stopped. */
  function outcomeOf(step: LessonStep, config: unknown): string[] | null {
    const prediction = step.prediction!;
    if (prediction.kind !== 'choice') throw new Error('not a choice');
    const tracker = predictionTracker(prediction);
    const outcome = run(config);
    for (const record of outcome.records) tracker.observe(record);
    const labels = [...outcome.statuses.keys()];
    expect(predictionOutcome(prediction, tracker, labels)).toBeNull(); // not all stopped yet…
    for (const [label, status] of outcome.statuses) tracker.setStatus(label, status);
    return predictionOutcome(prediction, tracker, labels);
  }

  const predicting = everyStep.filter(({ step }) => step.prediction?.kind === 'choice');
  it.each(predicting)(
    '$name: exactly one answer holds, the same for every seed',
    ({ step }) => {
      const config = step.experiment as { seed: number; problem: Record<string, unknown> };
      const noisy =
        config.problem['kind'] !== 'surface' || config.problem['gradientNoise'] !== undefined;
      const seeds = noisy ? [config.seed, config.seed + 1, config.seed + 2] : [config.seed];
      const answers = seeds.map((seed) => outcomeOf(step, { ...config, seed }));
      expect(answers[0]).toHaveLength(1);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      const prediction = step.prediction!;
      if (prediction.kind !== 'choice') return;
      for (const o of prediction.options) {
        expect(o.label.en.trim()).not.toBe('');
        expect(o.label['zh-CN'].trim()).not.toBe('');
        for (const label of runsOf(o.when))
          expect(validated(config).runs.map((r) => r.label)).toContain(label);
      }
    },
    60_000,
  );
});

describe('map predictions', () => {
  const points = everyStep.filter(({ step }) => step.prediction?.kind === 'point');

  it('at least one lesson asks where a run will go', () => {
    expect(points.length).toBeGreaterThanOrEqual(1);
  });

  it.each(points)('$name: the outcome is the point asked for, once the runs stop', ({ step }) => {
    const prediction = step.prediction!;
    if (prediction.kind !== 'point') return;
    const tracker = predictionTracker(prediction);
    const outcome = run(step.experiment);
    for (const record of outcome.records) tracker.observe(record);
    const labels = [...outcome.statuses.keys()];
    expect(pointOutcome(prediction, tracker, labels)).toBeNull(); // still running
    for (const [label, status] of outcome.statuses) tracker.setStatus(label, status);
    const point = pointOutcome(prediction, tracker, labels)!;
    // Independently: the recorded point of the run that the target names.
    const path = outcome.records.filter((r) => r.run === prediction.run).map((r) => r.params!);
    if (prediction.target.kind === 'end') expect(point).toEqual(path.at(-1));
    else {
      const { from, through } = prediction.target;
      const along = (p: readonly number[]) =>
        (p[0]! - from[0]) * (through[0] - from[0]) + (p[1]! - from[1]) * (through[1] - from[1]);
      expect(along(point)).toBe(Math.max(...path.map(along)));
    }
    // The radius separates a good guess from a guess at the minimum or at the start.
    for (const wrong of [[0, 0] as const, [path[0]![0]!, path[0]![1]!] as const])
      expect(Math.hypot(point[0] - wrong[0], point[1] - wrong[1])).toBeGreaterThan(
        prediction.radius,
      );
  });

  it('reads the end or the farthest point along a line from a path', () => {
    const path = [-4, 2, -2, 1, 0.8, -0.4, 2.9, -1.5, 3.4, -1.7, 2, -1];
    expect(pathPoint(path, { kind: 'end' })).toEqual([2, -1]);
    expect(pathPoint(path, { kind: 'overshoot', from: [-4, 2], through: [0, 0] })).toEqual([
      3.4, -1.7,
    ]);
    expect(pathPoint([], { kind: 'end' })).toBeNull();
  });
});

describe('CheckpointTracker', () => {
  const rec = (
    run: string,
    step: number,
    loss: number,
    extra: Partial<StepRecord> = {},
  ): StepRecord => ({ run, step, loss, lr: 0.1, state: {}, ...extra });

  it('compares steps to a threshold, counting a run that stopped short as slower', () => {
    const c: Checkpoint = {
      kind: 'fasterThan',
      run: 'a',
      other: 'b',
      threshold: 1,
      measure: 'steps',
    };
    const tracker = new CheckpointTracker(c);
    tracker.observe(rec('a', 0, 5));
    tracker.observe(rec('b', 0, 5));
    tracker.observe(rec('a', 1, 0.5)); // a crosses at step 1
    expect(tracker.reached).toBe(false); // b has not reached step 1 yet: undecided
    tracker.observe(rec('b', 1, 2));
    expect(tracker.reached).toBe(true); // b at step 1 without crossing: a is faster
    const tie = new CheckpointTracker(c);
    tie.observe(rec('a', 3, 0.5));
    tie.observe(rec('b', 3, 0.9));
    expect(tie.reached).toBe(false); // same step is not faster
    const stopped = new CheckpointTracker(c);
    stopped.observe(rec('b', 0, 5));
    stopped.observe(rec('b', 1, Infinity, { diverged: true }));
    stopped.observe(rec('a', 7, 0.1));
    expect(stopped.reached).toBe(true); // b diverged at step 1, never crossing
  });

  it('compares samples processed when asked', () => {
    const c: Checkpoint = {
      kind: 'fasterThan',
      run: 'sgd',
      other: 'full',
      threshold: 1,
      measure: 'samples',
    };
    const tracker = new CheckpointTracker(c);
    tracker.observe(rec('full', 3, 0.9, { samplesSeen: 192 })); // crossed after 192 samples
    tracker.observe(rec('sgd', 10, 0.9, { samplesSeen: 10 })); // crossed after 10
    expect(tracker.reached).toBe(true);
  });

  it('reads final losses, end points and accuracies only once runs have finished', () => {
    const c: Checkpoint = {
      kind: 'all',
      of: [
        { kind: 'finalLoss', run: 'a', below: 0.1 },
        { kind: 'endsNear', run: 'a', point: [3, 2], radius: 0.01 },
        { kind: 'endsLowerThan', run: 'a', other: 'b' },
        { kind: 'accuracyAbove', run: 'a', threshold: 0.8 },
      ],
    };
    const tracker = new CheckpointTracker(c);
    tracker.observe(rec('a', 10, 0.05, { params: [3.005, 2.005], testAccuracy: 0.81 }));
    tracker.observe(rec('b', 10, 0.2));
    expect(tracker.holds).toBe(false); // still running
    tracker.setStatus('a', 'finished');
    tracker.setStatus('b', 'finished');
    // |(3.005, 2.005) − (3, 2)| = 0.00707 ≤ 0.01; 0.05 < 0.1; 0.05 < 0.2; 0.81 ≥ 0.8.
    expect(tracker.holds).toBe(true);
    const far = new CheckpointTracker({ kind: 'endsNear', run: 'a', point: [3, 2], radius: 0.005 });
    far.observe(rec('a', 10, 0.05, { params: [3.005, 2.005] }));
    far.setStatus('a', 'finished');
    expect(far.reached).toBe(false); // 0.00707 > 0.005
  });

  it('sees paths separate only where the runs differ at the same step', () => {
    const c: Checkpoint = { kind: 'separate', run: 'a', other: 'b', distance: 0.05 };
    const tracker = new CheckpointTracker(c);
    tracker.observe(rec('a', 1, 1, { params: [0, 0] }));
    tracker.observe(rec('b', 1, 1, { params: [0.03, 0.04] })); // 0.05 apart: not more
    tracker.observe(rec('a', 2, 1, { params: [1, 1] }));
    expect(tracker.reached).toBe(false); // b has no step 2 yet
    tracker.observe(rec('b', 2, 1, { params: [1, 1.06] }));
    expect(tracker.reached).toBe(true);
  });

  it('keeps a reached checkpoint reached across a reset, and ignores stale records', () => {
    const tracker = new CheckpointTracker({ kind: 'lossBelow', run: 'a', threshold: 1 });
    tracker.observe(rec('a', 5, 0.5));
    tracker.reset();
    expect(tracker.reached).toBe(true);
    expect(tracker.holds).toBe(false);
    tracker.observe(rec('a', 9, 2));
    tracker.observe(rec('a', 4, 0.1)); // older than step 9: from before a rewind
    expect(tracker.holds).toBe(false);
  });

  it('needs every part of an "all" and at least one run for "finished"', () => {
    const finished = new CheckpointTracker({ kind: 'finished' });
    expect(finished.holds).toBe(false);
    finished.setStatus('a', 'finished');
    finished.setStatus('b', 'diverged');
    expect(finished.holds).toBe(false);
    finished.setStatus('b', 'finished');
    expect(finished.holds).toBe(true);
  });
});

/**
 * Every checkpoint kind, on hand-made records: the action it asks for passes, and each
 * plausible wrong action — including what merely pressing Play gives — fails.
 */
describe('checkpoint kinds fail for the wrong action', () => {
  type Rec = Parameters<CheckpointTracker['observe']>[0];
  /** A tracker fed `records`, then `statuses`; whether the checkpoint was reached. */
  function verdict(
    checkpoint: Checkpoint,
    records: readonly Rec[],
    statuses: Readonly<Record<string, RunStatus>> = {},
  ): boolean {
    const tracker = new CheckpointTracker(checkpoint);
    for (const r of records) tracker.observe(r);
    for (const [label, status] of Object.entries(statuses)) tracker.setStatus(label, status);
    return tracker.reached;
  }
  /** Steps 0…n−1 of run `run`: loss, params and lr as functions of the step. */
  const steps = (
    run: string,
    n: number,
    at: (t: number) => { loss: number; params?: number[]; lr?: number; samplesSeen?: number },
  ): Rec[] => Array.from({ length: n }, (_, t) => ({ run, step: t, ...at(t) }));
  const done = { a: 'finished', b: 'finished' } as const;

  it('finished / diverged', () => {
    const a = steps('a', 3, () => ({ loss: 1 }));
    expect(verdict({ kind: 'finished', run: 'a' }, a, { a: 'finished' })).toBe(true);
    expect(verdict({ kind: 'finished', run: 'a' }, a)).toBe(false); // still running
    expect(verdict({ kind: 'finished', run: 'a' }, a, { a: 'diverged' })).toBe(false);
    expect(verdict({ kind: 'diverged', run: 'a' }, a, { a: 'diverged' })).toBe(true);
    expect(verdict({ kind: 'diverged', run: 'a' }, a, { a: 'finished' })).toBe(false);
  });

  it('lossBelow with a step budget', () => {
    const c: Checkpoint = { kind: 'lossBelow', run: 'a', threshold: 1e-4, byStep: 30 };
    const fast = steps('a', 31, (t) => ({ loss: 10 * 0.5 ** t })); // 10·2⁻¹⁷ < 1e-4
    const slow = steps('a', 301, (t) => ({ loss: 10 * 0.95 ** t })); // crosses at step 225
    expect(verdict(c, fast)).toBe(true);
    expect(verdict(c, slow)).toBe(false); // a bigger budget is not a faster run
    expect(verdict({ kind: 'lossBelow', run: 'a', threshold: 1e-4 }, slow)).toBe(true);
  });

  it('startsNear / rateAbove', () => {
    const from = (x: number, y: number, lr: number) =>
      steps('a', 2, () => ({ loss: 1, params: [x, y], lr }));
    const starts: Checkpoint = { kind: 'startsNear', run: 'a', point: [-4, 2], radius: 0.5 };
    const rate: Checkpoint = { kind: 'rateAbove', run: 'a', threshold: 0.1 };
    expect(verdict(starts, from(-3.7, 2.3, 0.1))).toBe(true); // 0.42 away
    expect(verdict(starts, from(-0.01, 0.01, 0.1))).toBe(false); // dragged to the minimum
    expect(verdict(rate, from(-4, 2, 0.9))).toBe(true);
    expect(verdict(rate, from(-4, 2, 0.1))).toBe(false); // unchanged η
    // η raised only after a few steps at 0.1 still used 0.1.
    const late = steps('a', 5, (t) => ({ loss: 1, lr: t < 3 ? 0.1 : 0.9 }));
    expect(verdict(rate, late)).toBe(false);
  });

  it('fasterThan, in steps and in samples', () => {
    const c: Checkpoint = {
      kind: 'fasterThan',
      run: 'a',
      other: 'b',
      threshold: 1,
      measure: 'steps',
    };
    const a = steps('a', 10, (t) => ({ loss: 5 - t, samplesSeen: 100 * t })); // crosses at 5
    const b = steps('b', 10, (t) => ({ loss: 9 - t, samplesSeen: 10 * t })); // crosses at 9
    expect(verdict(c, [...a, ...b])).toBe(true);
    expect(verdict({ ...c, run: 'b', other: 'a' }, [...a, ...b])).toBe(false);
    // Counted in samples, b (90 samples) beats a (500).
    expect(verdict({ ...c, measure: 'samples' }, [...a, ...b])).toBe(false);
    expect(verdict({ ...c, run: 'b', other: 'a', measure: 'samples' }, [...a, ...b])).toBe(true);
  });

  it('finalLoss and endsLowerThan read the mean of the last N steps of noisy runs', () => {
    // a: mean 0.5 with a lucky last value 0.01; b: mean 0.3 with an unlucky last value 0.9.
    const a = steps('a', 20, (t) => ({ loss: t === 19 ? 0.01 : 0.5 + (t % 2 ? 0.1 : -0.1) }));
    const b = steps('b', 20, (t) => ({ loss: t === 19 ? 0.9 : 0.3 + (t % 2 ? 0.1 : -0.1) }));
    const lower: Checkpoint = { kind: 'endsLowerThan', run: 'b', other: 'a', window: 10 };
    expect(verdict(lower, [...a, ...b], done)).toBe(true);
    const lastDraw: Checkpoint = { kind: 'endsLowerThan', run: 'b', other: 'a' };
    expect(verdict(lastDraw, [...a, ...b], done)).toBe(false); // b's last draw is 0.9
    expect(verdict({ ...lower, run: 'a', other: 'b' }, [...a, ...b], done)).toBe(false);
    expect(verdict(lower, [...a, ...b])).toBe(false); // not finished
    const final: Checkpoint = { kind: 'finalLoss', run: 'a', below: 0.4, window: 10 };
    // a's last ten: five 0.4, four 0.6 and 0.01, mean 0.441.
    expect(verdict({ ...final, below: 0.6 }, a, { a: 'finished' })).toBe(true);
    expect(verdict(final, a, { a: 'finished' })).toBe(false);
    const above: Checkpoint = { kind: 'finalLoss', run: 'a', above: 0.45, window: 10 };
    expect(verdict(above, a, { a: 'finished' })).toBe(false);
    expect(verdict({ ...above, above: 0.43 }, a, { a: 'finished' })).toBe(true);
  });

  it('endsNear / accuracyAbove', () => {
    const c: Checkpoint = { kind: 'endsNear', run: 'a', point: [3, 2], radius: 0.1 };
    const to = (x: number, y: number) =>
      steps('a', 2, (t) => ({ loss: 1, params: t ? [x, y] : [0, 0] }));
    expect(verdict(c, to(3.05, 2.05), { a: 'finished' })).toBe(true); // 0.071
    expect(verdict(c, to(3.1, 2.1), { a: 'finished' })).toBe(false); // 0.141
    expect(verdict(c, to(3, 2))).toBe(false); // passing through is not ending there
    const acc: Checkpoint = { kind: 'accuracyAbove', run: 'a', threshold: 0.8 };
    expect(verdict(acc, [{ run: 'a', step: 5, loss: 1, testAccuracy: 0.8 }])).toBe(true);
    expect(verdict(acc, [{ run: 'a', step: 5, loss: 1, testAccuracy: 0.79 }])).toBe(false);
  });

  it('velocityGain: the median ‖v‖/(η‖g‖) of one tensor over the last N steps', () => {
    const c: Checkpoint = {
      kind: 'velocityGain',
      run: 'a',
      tensor: 'conv1.weight',
      factor: 2,
      window: 50,
    };
    /** n steps of η = 0.01 whose conv1.weight velocity is `gain` times η‖g‖ (‖g‖ = 4). */
    const trained = (n: number, gain: number, tensor = 'conv1.weight') =>
      steps('a', n, () => ({ loss: 1, lr: 0.01 })).map((r) => ({
        ...r,
        layers: [
          { name: tensor, gradNorm: 4, stateNorm: gain * 0.01 * 4, weightNorm: 1, updateRatio: 0 },
        ],
      }));
    expect(verdict(c, trained(150, 2.5))).toBe(true);
    expect(verdict(c, trained(150, 1))).toBe(false); // γ = 0: the velocity is the SGD step
    expect(verdict(c, trained(150, 0))).toBe(false); // plain SGD keeps no velocity
    expect(verdict(c, trained(150, 2.5, 'dense.weight'))).toBe(false); // another tensor
    expect(verdict(c, trained(40, 2.5))).toBe(false); // fewer steps than the window
    expect(verdict(c, [])).toBe(false); // not trained
    // Only the last 50 steps count: after a large gain early on and none since, it no longer holds.
    const late = new CheckpointTracker(c);
    for (const r of [...trained(100, 5), ...trained(150, 1).slice(100)]) late.observe(r);
    expect(late.holds).toBe(false);
    // The app's path: statistics kept once per frame, fed apart from the steps.
    const tracker = new CheckpointTracker(c);
    expect(tracker.wantsLayers).toBe(true);
    for (const r of steps('a', 150, () => ({ loss: 1, lr: 0.01 }))) tracker.observe(r);
    for (let step = 100; step < 150; step += 10) {
      const layers = [
        { name: 'conv1.weight', gradNorm: 4, stateNorm: 0.12, weightNorm: 1, updateRatio: 0 },
      ];
      tracker.observeLayers('a', step, 0.01, layers);
    }
    expect(tracker.reached).toBe(true); // five entries of gain 3
  });

  it('separate needs a real gap at the same step; sameRateChange the same η change on both', () => {
    const sep: Checkpoint = { kind: 'separate', run: 'a', other: 'b', distance: 0.05 };
    const same: Checkpoint = { kind: 'sameRateChange', run: 'a', other: 'b' };
    /** lr of run r: 0.1, then `to` from step `at` on (no change without `at`). */
    const rates = (r: string, at?: number, to = 0.01) =>
      steps(r, 30, (t) => ({
        loss: 1,
        params: [0, 0],
        lr: at !== undefined && t >= at ? to : 0.1,
      }));
    expect(verdict(same, [...rates('a', 15), ...rates('b', 15)])).toBe(true);
    expect(verdict(same, [...rates('a', 15), ...rates('b')])).toBe(false); // only one changed
    expect(verdict(same, [...rates('a', 15), ...rates('b', 15, 0.02)])).toBe(false); // different η
    expect(verdict(same, [...rates('a', 15), ...rates('b', 16)])).toBe(false); // different step
    expect(verdict(same, [...rates('a'), ...rates('b')])).toBe(false); // no change at all
    // One run a step ahead is judged on the steps both have taken.
    expect(verdict(same, [...rates('a', 15), ...rates('b', 15).slice(0, 15)])).toBe(false);
    const apart = (d: number) => [
      ...steps('a', 3, (t) => ({ loss: 1, params: [t, 0] })),
      ...steps('b', 3, (t) => ({ loss: 1, params: [t, t === 2 ? d : 0] })),
    ];
    expect(verdict(sep, apart(0.06))).toBe(true);
    expect(verdict(sep, apart(0.05))).toBe(false);
  });

  it('coincide compares every step of both finished runs against the tolerance', () => {
    const c: Checkpoint = { kind: 'coincide', run: 'a', other: 'b', tolerance: 1e-9 };
    const path = (r: string, n: number, drift = 0, from = 0) =>
      steps(r, n, (t) => ({
        loss: 1,
        params: [Math.cos(t), Math.sin(t) + (t >= from ? drift : 0)],
      }));
    expect(verdict(c, [...path('a', 50), ...path('b', 50, 4e-16)], done)).toBe(true);
    expect(verdict(c, [...path('a', 50), ...path('b', 50, 1e-6, 49)], done)).toBe(false); // last step
    expect(verdict(c, [...path('a', 50), ...path('b', 50)])).toBe(false); // not finished yet
    expect(verdict(c, [...path('a', 50), ...path('b', 40)], done)).toBe(false); // b stopped short
    // Thinned records (every other step of b) leave steps uncompared: not proof of coinciding.
    const thin = path('b', 50).filter((r) => r.step % 2 === 0);
    expect(verdict(c, [...path('a', 50), ...thin], done)).toBe(false);
  });

  it('none always holds; all needs every part', () => {
    expect(new CheckpointTracker({ kind: 'none' }).holds).toBe(true);
    const both: Checkpoint = {
      kind: 'all',
      of: [
        { kind: 'lossBelow', run: 'a', threshold: 1 },
        { kind: 'rateAbove', run: 'a', threshold: 0.1 },
      ],
    };
    expect(verdict(both, [{ run: 'a', step: 0, loss: 0.5, lr: 0.2 }])).toBe(true);
    expect(verdict(both, [{ run: 'a', step: 0, loss: 0.5, lr: 0.1 }])).toBe(false);
    expect(verdict(both, [{ run: 'a', step: 0, loss: 2, lr: 0.2 }])).toBe(false);
  });
});

/** The lessons' own robust checkpoints, against the wrong actions a learner might try. */
describe('lesson checkpoints that cannot pass by accident', () => {
  const stepOf = (lessonId: string, stepId: string) =>
    findLesson(lessonId)!.steps.find((s) => s.id === stepId)!;
  /** A copy of a step's experiment with `edit` applied. */
  interface Editable {
    steps: number;
    problem: { start?: number[] };
    // Both lessons edited here have one or two runs.
    runs: { 0: { optimizer: Record<string, unknown> }; 1: { optimizer: Record<string, unknown> } };
  }
  function edited(step: LessonStep, edit: (c: Editable) => void): unknown {
    const config = structuredClone(step.experiment) as Editable;
    edit(config);
    return config;
  }
  /** Runs in lock step; `changes` set a run's η at a step, as the learner does while paused. */
  function runWithChanges(
    config: unknown,
    changes: readonly { run: string; atStep: number; lr: number }[],
  ): Outcome {
    const trainers = createTrainers(validated(config), undefined, withData());
    const records: StepRecord[] = [];
    let active = trainers.filter((t) => t.status === 'running');
    while (active.length > 0) {
      for (const trainer of active) {
        for (const c of changes)
          if (c.run === trainer.label && trainer.t === c.atStep)
            trainer.reconfigure({
              ...trainer.run,
              optimizer: { ...trainer.run.optimizer, lr: c.lr },
            });
        records.push(trainer.advance());
      }
      active = active.filter((t) => t.status === 'running');
    }
    return { records, statuses: new Map(trainers.map((t) => [t.label, t.status])) };
  }

  it('lesson 9 "velocities": the filters’ velocity outgrows the SGD step; γ = 0 or no training fails', () => {
    const step = stepOf('cnn-momentum', 'velocities');
    expect(reaches(step.checkpoint, run(step.experiment))).toBe(true); // as loaded, played
    const zero = edited(step, (c) => (c.runs[1].optimizer.momentum = 0));
    expect(reaches(step.checkpoint, run(zero))).toBe(false);
    expect(reaches(step.checkpoint, { records: [], statuses: new Map() })).toBe(false);
    expect(reaches(step.checkpoint, run(edited(step, (c) => (c.steps = 40))))).toBe(false);
  }, 60_000);

  it('lesson 1 "raise η": only a larger η from the marked start passes', () => {
    const step = stepOf('gradient-descent', 'your-turn');
    const pass = (edit: (c: Editable) => void) => reaches(step.checkpoint, run(edited(step, edit)));
    expect(pass((c) => (c.runs[0].optimizer.lr = 0.9))).toBe(true);
    expect(pass(() => {})).toBe(false); // as loaded
    expect(pass((c) => (c.steps = 3000))).toBe(false); // more steps at η = 0.1
    // The start dragged next to the minimum (where η = 0.1 reaches 1e-4 in 30 steps)…
    expect(pass((c) => (c.problem.start = [-0.02, 0.01]))).toBe(false);
    // …even with a larger η too.
    expect(
      pass((c) => {
        c.problem.start = [-0.02, 0.01];
        c.runs[0].optimizer.lr = 0.5;
      }),
    ).toBe(false);
    // Momentum at the same η is not a larger η.
    expect(pass((c) => (c.runs[0].optimizer = { kind: 'momentum', lr: 0.1, momentum: 0.9 }))).toBe(
      false,
    );
  });

  it('lesson 5 "same path": the paths coincide only when both runs have the same η and γ', () => {
    const step = stepOf('momentum-forms', 'same-path');
    const pass = (edit: (c: Editable) => void) => reaches(step.checkpoint, run(edited(step, edit)));
    expect(pass(() => {})).toBe(true);
    expect(pass((c) => (c.runs[1].optimizer.lr = 0.101))).toBe(false); // η 1 % apart
    expect(pass((c) => (c.runs[0].optimizer.momentum = 0.891))).toBe(false); // γ 1 % apart
    expect(pass((c) => (c.runs[0].optimizer.form = 'pytorch'))).toBe(true); // the same form twice
  });

  it('lesson 5 "live change": the same η change on both forms at the same step passes', () => {
    const step = stepOf('momentum-forms', 'live-change');
    const pass = (changes: { run: string; atStep: number; lr: number }[]) =>
      reaches(step.checkpoint, runWithChanges(step.experiment, changes));
    const both = (atStep: number, lr: number) => [
      { run: 'classic', atStep, lr },
      { run: 'PyTorch', atStep, lr },
    ];
    expect(pass(both(15, 0.01))).toBe(true);
    expect(pass(both(40, 0.02))).toBe(true);
    expect(pass([])).toBe(false); // Play only
    expect(pass([{ run: 'classic', atStep: 15, lr: 0.01 }])).toBe(false); // one run only
    expect(pass([{ run: 'PyTorch', atStep: 15, lr: 0.01 }])).toBe(false);
    expect(
      pass([
        { run: 'classic', atStep: 15, lr: 0.01 },
        { run: 'PyTorch', atStep: 15, lr: 0.02 },
      ]),
    ).toBe(false); // different η
    expect(
      pass([
        { run: 'classic', atStep: 15, lr: 0.01 },
        { run: 'PyTorch', atStep: 16, lr: 0.01 },
      ]),
    ).toBe(false); // different steps
  });
});
