/**
 * Learning-rate sweeps: every run of an experiment replayed at each of a list of learning rates,
 * all else equal. Each point is the run exactly as `runExperiment` runs it with that η (the
 * same trainers, the same seed, so the same start, weights and batches), reduced to its final
 * and best loss and whether it diverged.
 */
import type { Experiment, OptimizerConfig, RunConfig } from '../config/experiment.ts';
import { createTrainers, type TrainerResources } from '../run/createTrainers.ts';
import type { StepRecord } from '../run/records.ts';
import type { RunTrainer } from '../run/trainer.ts';

/** Most learning rates one sweep may hold. */
export const MAX_SWEEP_RATES = 200;

/** `count` values from `min` to `max`, evenly spaced on a log scale, both ends included. */
export function logSpaced(min: number, max: number, count: number): number[] {
  if (count === 1) return [min];
  const ratio = Math.log(max / min) / (count - 1);
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? min : i === count - 1 ? max : min * Math.exp(ratio * i),
  );
}

/** Why a sweep range is not usable, or null when it is. */
export type SweepRangeIssue = 'notPositive' | 'notIncreasing' | 'count' | null;

/** Checks a range: 0 < min < max, and 2 ≤ count ≤ MAX_SWEEP_RATES. */
export function sweepRangeIssue(min: number, max: number, count: number): SweepRangeIssue {
  if (!(min > 0 && Number.isFinite(max))) return 'notPositive';
  if (!(max > min)) return 'notIncreasing';
  if (!(Number.isInteger(count) && count >= 2 && count <= MAX_SWEEP_RATES)) return 'count';
  return null;
}

/**
 * How a momentum run's η is compared with plain SGD's. "same": SGD at the same η.
 * "effective": SGD at η·(1 − dampening)/(1 − γ), the step momentum settles to on a constant
 * gradient (v → η·g/(1 − γ) in the classic form v ← γv + ηg; the PyTorch form
 * θ ← θ − η·v, v ← γv + (1 − dampening)·g gives the same at constant η).
 */
export type SweepComparison = 'same' | 'effective';

/** One replay of a sweep: which run, at which η, as what run config. */
export interface SweepJob {
  /** Index of the run in the experiment. */
  readonly runIndex: number;
  /** The run's label (the SGD twin of a momentum run: "label · SGD"). */
  readonly label: string;
  /** The η the sweep's axis shows (the momentum run's η for an SGD twin). */
  readonly lr: number;
  /** The run as replayed: the experiment's run with the optimizer's η (and kind) changed. */
  readonly run: RunConfig;
}

/** A run's optimizer at learning rate `lr`, everything else kept. */
export function withLearningRate(run: RunConfig, lr: number): RunConfig {
  return { ...run, optimizer: { ...run.optimizer, lr } as OptimizerConfig };
}

/**
 * The SGD run whose steady-state step equals `run`'s momentum step at η = `lr`:
 * SGD at η·(1 − dampening)/(1 − γ) with the same weight decay, schedule and batch size.
 */
export function effectiveSgd(run: RunConfig, lr: number, label: string): RunConfig | null {
  const optimizer = run.optimizer;
  if (optimizer.kind !== 'momentum' || optimizer.momentum >= 1) return null;
  const step = (lr * (1 - optimizer.dampening)) / (1 - optimizer.momentum);
  return {
    ...run,
    label,
    optimizer: { kind: 'sgd', lr: step, weightDecay: optimizer.weightDecay },
  };
}

/** The label of a momentum run's SGD twin. */
export const twinLabel = (label: string): string => `${label} · SGD`;

/**
 * Every replay of a sweep of `experiment`'s runs over `rates`, run by run, η ascending. With
 * "effective", each momentum run also gets an SGD twin at its effective step per η.
 */
export function sweepJobs(
  experiment: Experiment,
  rates: readonly number[],
  comparison: SweepComparison = 'same',
  runIndices: readonly number[] = experiment.runs.map((_, i) => i),
): SweepJob[] {
  return runIndices.flatMap((runIndex) => {
    const run = experiment.runs[runIndex]!;
    const jobs: SweepJob[] = rates.map((lr) => ({
      runIndex,
      label: run.label,
      lr,
      run: withLearningRate(run, lr),
    }));
    if (comparison === 'effective') {
      for (const lr of rates) {
        const twin = effectiveSgd(run, lr, twinLabel(run.label));
        if (twin) jobs.push({ runIndex, label: twin.label, lr, run: twin });
      }
    }
    return jobs;
  });
}

/** The outcome of one replay. */
export interface SweepPoint {
  readonly run: string;
  readonly lr: number;
  /** Loss of the final record (the loss at which it diverged, if it did). */
  readonly finalLoss: number;
  /** Lowest finite loss of any record; NaN when there was none. */
  readonly bestLoss: number;
  /**
   * The run stopped on a non-finite value (as `run` marks it), or ended with a loss above the
   * one it started from: a run at η above the stability limit can grow for its whole budget
   * without overflowing.
   */
  readonly diverged: boolean;
  /** The step of the final record. */
  readonly steps: number;
  /** CNN: held-out accuracy at the final step. */
  readonly testAccuracy?: number;
}

/** The experiment a sweep job replays: only its run, and no sharpness (it costs, changes nothing). */
export function jobExperiment(experiment: Experiment, job: SweepJob): Experiment {
  const { sharpnessEvery: _dropped, ...rest } = experiment;
  return { ...rest, runs: [job.run] };
}

/** Folds a replay's records into its point. */
export class SweepAccumulator {
  private best = NaN;
  private first = NaN;
  private last: StepRecord | null = null;

  constructor(private readonly job: SweepJob) {}

  add(record: StepRecord): void {
    if (this.last === null) this.first = record.loss;
    if (Number.isFinite(record.loss) && !(record.loss >= this.best)) this.best = record.loss;
    this.last = record;
  }

  point(): SweepPoint {
    const last = this.last;
    return {
      run: this.job.label,
      lr: this.job.lr,
      finalLoss: last?.loss ?? NaN,
      bestLoss: this.best,
      diverged: last?.diverged === true || (last !== null && last.loss > this.first),
      steps: last?.step ?? 0,
      ...(last?.testAccuracy === undefined ? {} : { testAccuracy: last.testAccuracy }),
    };
  }
}

/** The trainer of one sweep job. */
export function jobTrainer(
  experiment: Experiment,
  job: SweepJob,
  resources: TrainerResources = {},
): RunTrainer {
  const replay = jobExperiment(experiment, job);
  return createTrainers(replay, replay.runs, resources)[0]!;
}

/**
 * One replay in slices: yields after every step (and inside long steps, where the trainer
 * slices them), so a worker can read pause and cancel messages in between. Returns its point.
 */
export function* sweepPointInSlices(
  trainer: RunTrainer,
  job: SweepJob,
): Generator<void, SweepPoint, void> {
  const accumulator = new SweepAccumulator(job);
  while (trainer.status === 'running') {
    const record = trainer.advanceInSlices ? yield* trainer.advanceInSlices() : trainer.advance();
    accumulator.add(record);
    yield;
  }
  return accumulator.point();
}

/** One replay, to its end. */
export function runSweepJob(
  experiment: Experiment,
  job: SweepJob,
  resources: TrainerResources = {},
): SweepPoint {
  const trainer = jobTrainer(experiment, job, resources);
  const accumulator = new SweepAccumulator(job);
  while (trainer.status === 'running') accumulator.add(trainer.advance());
  return accumulator.point();
}

/** Most steps a CNN replay takes in the app's sweep: a short budget, so a sweep takes minutes. */
export const CNN_SWEEP_STEPS = 100;

/**
 * The experiment the app's sweep replays: as it is on surfaces and the line fit; on CNNs cut to
 * CNN_SWEEP_STEPS steps with the held-out set evaluated only after the last one.
 */
export function appSweepExperiment(experiment: Experiment): Experiment {
  const problem = experiment.problem;
  if (problem.kind !== 'cnn') return experiment;
  const steps = Math.min(experiment.steps, CNN_SWEEP_STEPS);
  return { ...experiment, steps, problem: { ...problem, evalEvery: steps } };
}

/**
 * The default range of a sweep of `experiment`: from a hundredth of its smallest η to thirty
 * times its largest, so that both the crawl and the blow-up are in view.
 */
export function defaultSweepRange(experiment: Experiment): { min: number; max: number } {
  const rates = experiment.runs.map((run) => run.optimizer.lr).filter((lr) => lr > 0);
  const low = rates.length > 0 ? Math.min(...rates) : 0.01;
  const high = rates.length > 0 ? Math.max(...rates) : 0.01;
  return { min: Number((low / 100).toPrecision(2)), max: Number((high * 30).toPrecision(2)) };
}
