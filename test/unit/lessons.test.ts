import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/config/experiment.ts';
import { validateExperiment } from '../../src/core/config/validate.ts';
import {
  CheckpointTracker,
  LESSONS,
  findLesson,
  predictionCheckpoint,
  predictionOutcome,
  runsOf,
  workspaceOf,
  type Checkpoint,
  type LessonSolution,
  type LessonStep,
  type LocalizedText,
} from '../../src/core/lessons/index.ts';
import { createTrainers, type TrainerResources } from '../../src/core/run/createTrainers.ts';
import { cnnEngineForNode, readMnist } from '../../src/cli/nodeResources.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import type { RunStatus } from '../../src/core/run/trainer.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';

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

/** MNIST and the WebAssembly engine for MNIST steps (the edge-of-stability step), as the CLI has them. */
function nodeResources(experiment: Experiment): TrainerResources {
  const problem = experiment.problem;
  return problem.kind === 'cnn' && problem.dataset === 'mnist'
    ? { mnist: readMnist(), cnnEngine: cnnEngineForNode() }
    : {};
}

/** Runs an experiment to the end in Node, optionally with a live learning-rate change. */
function run(config: unknown, live?: Extract<LessonSolution, { kind: 'live' }>): Outcome {
  const key = JSON.stringify([config, live]);
  const cached = outcomes.get(key);
  if (cached) return cached;
  const experiment = validated(config);
  const trainers = createTrainers(experiment, experiment.runs, nodeResources(experiment));
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
  it('covers the ten topics, each in at least two steps, with unique ids', () => {
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
    const tracker = new CheckpointTracker(predictionCheckpoint(prediction));
    const outcome = run(config);
    for (const record of outcome.records) tracker.observe(record);
    const labels = [...outcome.statuses.keys()];
    expect(predictionOutcome(prediction, tracker, labels)).toBeNull(); // not all stopped yet…
    for (const [label, status] of outcome.statuses) tracker.setStatus(label, status);
    return predictionOutcome(prediction, tracker, labels);
  }

  const predicting = everyStep.filter(({ step }) => step.prediction);
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
      for (const o of step.prediction!.options) {
        expect(o.label.en.trim()).not.toBe('');
        expect(o.label['zh-CN'].trim()).not.toBe('');
        for (const label of runsOf(o.when))
          expect(validated(config).runs.map((r) => r.label)).toContain(label);
      }
    },
    60_000,
  );
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
