/**
 * Guided lessons as pure data: each lesson is a sequence of steps; a step is narration, an
 * experiment config, a task ("predict, then press Play") and a checkpoint the app detects
 * from the step records and run statuses. Text comes in every UI language.
 */
import type { ProblemKind } from '../config/experiment.ts';
import type { LocalizedText } from '../../i18n/translate.ts';

export type { LocalizedText };

/** The workspace that shows an experiment. */
export type LessonWorkspace = 'explorer' | 'batch' | 'cnn';

/** Surface problems open in the explorer, regression in the batch lab, CNNs in the CNN lab. */
export function workspaceOf(kind: ProblemKind): LessonWorkspace {
  switch (kind) {
    case 'surface':
      return 'explorer';
    case 'regression':
      return 'batch';
    case 'cnn':
      return 'cnn';
  }
}

/**
 * What a step waits for, detected from the runs' records and statuses. Losses are f(θ_t) of
 * the step records; "reaches" means some recorded step has loss < threshold.
 */
export type Checkpoint =
  /** Nothing to detect: read, then go on. */
  | { readonly kind: 'none' }
  /** `run` (or, without `run`, every run) used up its step budget without diverging. */
  | { readonly kind: 'finished'; readonly run?: string }
  /** `run` produced a non-finite loss or parameter. */
  | { readonly kind: 'diverged'; readonly run: string }
  /** `run` reaches a loss below `threshold` (with `byStep`, at step `byStep` or earlier). */
  | {
      readonly kind: 'lossBelow';
      readonly run: string;
      readonly threshold: number;
      readonly byStep?: number;
    }
  /** `run` started within `radius` of `point` (its step-0 parameters). */
  | {
      readonly kind: 'startsNear';
      readonly run: string;
      readonly point: readonly [number, number];
      readonly radius: number;
    }
  /** Every learning rate `run` has used so far is above `threshold`. */
  | { readonly kind: 'rateAbove'; readonly run: string; readonly threshold: number }
  /**
   * `run` and `other` have used the same learning rate at every step both have taken, and it
   * has changed at least once: the same η change was made to both.
   */
  | { readonly kind: 'sameRateChange'; readonly run: string; readonly other: string }
  /**
   * `run` and `other` both finished, were compared at every step, and were never more than
   * `tolerance` apart (Euclidean, in parameter space): the paths coincide.
   */
  | {
      readonly kind: 'coincide';
      readonly run: string;
      readonly other: string;
      readonly tolerance: number;
    }
  /**
   * `run` reaches a loss below `threshold` sooner than `other`: in fewer steps, or (measure
   * "samples") having processed fewer training samples. An `other` that stops without
   * reaching it, or has gone further without reaching it, is slower.
   */
  | {
      readonly kind: 'fasterThan';
      readonly run: string;
      readonly other: string;
      readonly threshold: number;
      readonly measure: 'steps' | 'samples';
    }
  /**
   * `run` finished with its final loss below `below` and/or above `above`. The final loss is
   * the last one, or with `window` the mean over the last `window` steps (for noisy runs).
   */
  | {
      readonly kind: 'finalLoss';
      readonly run: string;
      readonly below?: number;
      readonly above?: number;
      readonly window?: number;
    }
  /**
   * `run` finished with a final loss (as in finalLoss) lower than `other`'s — or, with
   * `factor`, lower than `factor` times `other`'s ("within 1.5× of it").
   */
  | {
      readonly kind: 'endsLowerThan';
      readonly run: string;
      readonly other: string;
      readonly window?: number;
      readonly factor?: number;
    }
  /** `run` finished within `radius` (Euclidean) of `point`. */
  | {
      readonly kind: 'endsNear';
      readonly run: string;
      readonly point: readonly [number, number];
      readonly radius: number;
    }
  /**
   * `run` and `other` are more than `distance` apart (Euclidean, in parameter space) at the
   * same step: their paths have separated.
   */
  | {
      readonly kind: 'separate';
      readonly run: string;
      readonly other: string;
      readonly distance: number;
    }
  /** `run`'s held-out accuracy reaches `threshold` (a fraction) at an evaluation step. */
  | { readonly kind: 'accuracyAbove'; readonly run: string; readonly threshold: number }
  /** `run` stopped without its held-out accuracy ever reaching `threshold`. */
  | { readonly kind: 'accuracyBelow'; readonly run: string; readonly threshold: number }
  /**
   * `run` has taken more than `window` steps, and over its last `window` steps the velocity of
   * parameter tensor `tensor` (the step just taken, ‖v‖) is at least `factor` times the plain
   * SGD step η·‖g‖ of the same gradient: the median of ‖v‖/(η‖g‖). With γ = 0 the ratio is 1.
   */
  | {
      readonly kind: 'velocityGain';
      readonly run: string;
      /** A tensor of the CNN's per-layer statistics, e.g. "conv1.weight". */
      readonly tensor: string;
      readonly factor: number;
      readonly window: number;
    }
  /** Every one of `of`. */
  | { readonly kind: 'all'; readonly of: readonly Checkpoint[] };

export type CheckpointKind = Checkpoint['kind'];

export interface LessonStep {
  /** Stable id within the lesson (used in links and saved progress). */
  readonly id: string;
  readonly title: LocalizedText;
  /** What to notice and why; paragraphs separated by a blank line. */
  readonly narration: LocalizedText;
  /** What to do now, e.g. "Predict which run arrives first, then press Play." */
  readonly task: LocalizedText;
  /**
   * The experiment the step loads, as raw config JSON (validated when loaded, and by the
   * lesson tests). Its problem kind decides the workspace.
   */
  readonly experiment: unknown;
  readonly checkpoint: Checkpoint;
  /** The checkpoint in words, shown while waiting ("A run diverges"). */
  readonly goal: LocalizedText;
  /** Shown once the checkpoint is reached: the explanation of what just happened. */
  readonly explanation: LocalizedText;
  /**
   * For tasks that ask the learner to change something: what the change is. The lesson tests
   * check that the checkpoint is not reached by `experiment` as loaded and is reached with
   * the solution applied, so the task really asks for something.
   */
  readonly solution?: LessonSolution;
  /**
   * A question the learner answers before pressing Play; once the runs have stopped, the
   * answer is read off the runs themselves (the options whose condition holds).
   */
  readonly prediction?: Prediction;
}

/** One answer to a prediction question, right when `when` holds once every run has stopped. */
export interface PredictionOption {
  /** Stable id (saved with the learner's answer). */
  readonly id: string;
  readonly label: LocalizedText;
  readonly when: Checkpoint;
}

/** "Which run reaches 0.001 first?": the learner commits to one option before Play. */
export interface ChoicePrediction {
  readonly kind: 'choice';
  readonly question: LocalizedText;
  readonly options: readonly PredictionOption[];
}

/**
 * Which point of a run's path a map prediction asks for: where it ends, or how far it
 * overshoots — the point of the path farthest along the line from `from` through `through`
 * (for a run that starts at `from` and passes the minimum at `through`).
 */
export type PathTarget =
  | { readonly kind: 'end' }
  | {
      readonly kind: 'overshoot';
      readonly from: readonly [number, number];
      readonly through: readonly [number, number];
    };

/**
 * "Where will it end?": the learner clicks the map (or types coordinates) before Play; once
 * the runs have stopped the guess is shown beside the point of `run`'s path that `target`
 * names, and counts as right within `radius` of it.
 */
export interface PointPrediction {
  readonly kind: 'point';
  readonly question: LocalizedText;
  readonly run: string;
  readonly target: PathTarget;
  readonly radius: number;
}

export type Prediction = ChoicePrediction | PointPrediction;

/** A change the learner is asked to make, as data the tests can replay. */
export type LessonSolution =
  /** Edit the setup, then run: `experiment` is the config after the edit. */
  | { readonly kind: 'edit'; readonly experiment: unknown }
  /** Pause at step `atStep` and set the learning rate of the named runs, then play on. */
  | {
      readonly kind: 'live';
      readonly atStep: number;
      readonly lr: Readonly<Record<string, number>>;
    };

export interface Lesson {
  /** Stable id, e.g. "learning-rate". */
  readonly id: string;
  readonly title: LocalizedText;
  /** One sentence on what the lesson teaches. */
  readonly summary: LocalizedText;
  readonly steps: readonly LessonStep[];
}
