/**
 * Detecting lesson checkpoints. A tracker digests step records as they stream (from the
 * worker in the app, from `runToEnd` in tests) into a small summary per run, and a checkpoint
 * is a pure predicate over those summaries. Records may arrive thinned; the summaries only
 * need each run's first crossing of a loss threshold, its latest values and its status.
 */
import type { StepRecord } from '../run/records.ts';
import type { RunStatus } from '../run/trainer.ts';
import type {
  Checkpoint,
  ChoicePrediction,
  PathTarget,
  PointPrediction,
  Prediction,
} from './lesson.ts';

/** Where a run first had loss below a threshold. */
export interface Crossing {
  readonly step: number;
  /** Training samples processed before that step (0 on analytic surfaces). */
  readonly samples: number;
}

/** What checkpoints need to know about one run. */
export interface RunSummary {
  status: RunStatus;
  /** Newest step seen, −1 before any. */
  lastStep: number;
  lastLoss: number;
  lastParams: readonly number[] | null;
  /** Samples processed before the newest step. */
  samplesSeen: number;
  /** Best held-out accuracy seen, −∞ before any evaluation. */
  bestTestAccuracy: number;
  /** First crossing below each threshold the checkpoint uses. */
  readonly crossings: Map<number, Crossing>;
  /** Parameters of the most recent steps (at most RECENT_STEPS), for comparing paths. */
  readonly recent: Map<number, readonly number[]>;
  /** Losses of the most recent steps (at most RECENT_STEPS), for means over the last N steps. */
  readonly recentLosses: Map<number, number>;
  /** Parameters at step 0, where the run started. */
  firstParams: readonly number[] | null;
  /** The smallest learning rate used so far (+∞ before any step reports one). */
  minRate: number;
  /**
   * Where the learning rate changed, as [step, η] from the first step on (kept only when the
   * checkpoint compares rates: a schedule changes η every step).
   */
  readonly rates: [number, number][];
  /** The whole path x0, y0, x1, y1, … (kept only for runs a map prediction asks about). */
  readonly path: number[];
  /** For each run this one must coincide with: the largest gap so far and steps compared. */
  readonly gaps: Map<string, { max: number; compared: number }>;
  /**
   * Per tensor a velocity-gain checkpoint names: ‖v‖/(η‖g‖) of the most recent steps (at most
   * RECENT_STEPS), by step.
   */
  readonly velocityGains: Map<string, Map<number, number>>;
}

/** Steps of parameters kept per run for the "separate" checkpoint. */
export const RECENT_STEPS = 256;

/** The fields of a step record that checkpoints read. */
export type ObservedRecord = Pick<StepRecord, 'run' | 'step' | 'loss'> &
  Partial<
    Pick<StepRecord, 'lr' | 'params' | 'samplesSeen' | 'testAccuracy' | 'diverged' | 'layers'>
  >;

/**
 * The checkpoint a prediction's tracker follows: every option's condition, so the tracker
 * records each threshold any option uses.
 */
export function predictionCheckpoint(prediction: Prediction): Checkpoint {
  if (prediction.kind === 'point') return { kind: 'finished', run: prediction.run };
  return { kind: 'all', of: prediction.options.map((option) => option.when) };
}

/** A tracker for a prediction: its checkpoint, and the path a map prediction reads. */
export function predictionTracker(prediction: Prediction): CheckpointTracker {
  return new CheckpointTracker(predictionCheckpoint(prediction), {
    paths: prediction.kind === 'point' ? [prediction.run] : [],
  });
}

/**
 * The prediction's outcome: the ids of the options that hold once every run in `labels` has
 * stopped, or null while any is still running.
 */
export function predictionOutcome(
  prediction: ChoicePrediction,
  tracker: CheckpointTracker,
  labels: readonly string[],
): string[] | null {
  if (!tracker.allStopped(labels)) return null;
  return prediction.options.filter((o) => tracker.holdsFor(o.when)).map((o) => o.id);
}

/**
 * A map prediction's outcome: the point of the run's path that the question asks for, once
 * every run in `labels` has stopped (null before, or when the run recorded no point).
 */
export function pointOutcome(
  prediction: PointPrediction,
  tracker: CheckpointTracker,
  labels: readonly string[],
): [number, number] | null {
  if (!tracker.allStopped(labels)) return null;
  return pathPoint(tracker.summary(prediction.run).path, prediction.target);
}

/** The point of a flattened path (x0, y0, x1, y1, …) that `target` names; null if empty. */
export function pathPoint(path: readonly number[], target: PathTarget): [number, number] | null {
  const n = path.length >> 1;
  if (n === 0) return null;
  if (target.kind === 'end') return [path[2 * n - 2]!, path[2 * n - 1]!];
  // Farthest along the direction of travel from `from` through `through`.
  const dx = target.through[0] - target.from[0];
  const dy = target.through[1] - target.from[1];
  let best = 0;
  for (let i = 1; i < n; i++) {
    const along = (k: number) => path[2 * k]! * dx + path[2 * k + 1]! * dy;
    if (along(i) > along(best)) best = i;
  }
  return [path[2 * best]!, path[2 * best + 1]!];
}

/** Whether a map guess is within the prediction's radius of the outcome. */
export function guessIsRight(
  prediction: PointPrediction,
  guess: readonly [number, number],
  outcome: readonly [number, number],
): boolean {
  return Math.hypot(guess[0] - outcome[0], guess[1] - outcome[1]) <= prediction.radius;
}

/** Every loss threshold mentioned anywhere in a checkpoint. */
export function thresholdsOf(checkpoint: Checkpoint): number[] {
  switch (checkpoint.kind) {
    case 'lossBelow':
    case 'fasterThan':
      return [checkpoint.threshold];
    case 'all':
      return checkpoint.of.flatMap(thresholdsOf);
    default:
      return [];
  }
}

/** Every run label a checkpoint names. */
export function runsOf(checkpoint: Checkpoint): string[] {
  switch (checkpoint.kind) {
    case 'none':
      return [];
    case 'finished':
      return checkpoint.run === undefined ? [] : [checkpoint.run];
    case 'fasterThan':
    case 'endsLowerThan':
    case 'separate':
    case 'sameRateChange':
    case 'coincide':
      return [checkpoint.run, checkpoint.other];
    case 'all':
      return checkpoint.of.flatMap(runsOf);
    default:
      return [checkpoint.run];
  }
}

/** The tensors whose velocity gain a checkpoint measures. */
export function gainTensorsOf(checkpoint: Checkpoint): string[] {
  if (checkpoint.kind === 'all') return checkpoint.of.flatMap(gainTensorsOf);
  return checkpoint.kind === 'velocityGain' ? [checkpoint.tensor] : [];
}

/** The [run, other] pairs of every `kind` part of a checkpoint. */
function pairsOf(checkpoint: Checkpoint, kind: 'coincide' | 'sameRateChange'): [string, string][] {
  if (checkpoint.kind === 'all') return checkpoint.of.flatMap((c) => pairsOf(c, kind));
  return checkpoint.kind === kind ? [[checkpoint.run, checkpoint.other]] : [];
}

/** Follows the runs of one experiment and tells whether a checkpoint is reached. */
export class CheckpointTracker {
  private readonly summaries = new Map<string, RunSummary>();
  private readonly thresholds: readonly number[];
  private readonly coincidePairs: readonly [string, string][];
  private readonly keepRates: boolean;
  private readonly pathRuns: ReadonlySet<string>;
  private readonly gainTensors: ReadonlySet<string>;
  private everReached = false;

  /** `paths`: runs whose whole path to keep (for map predictions). */
  constructor(
    readonly checkpoint: Checkpoint,
    options: { readonly paths?: readonly string[] } = {},
  ) {
    this.thresholds = [...new Set(thresholdsOf(checkpoint))];
    this.coincidePairs = pairsOf(checkpoint, 'coincide');
    this.keepRates = pairsOf(checkpoint, 'sameRateChange').length > 0;
    this.pathRuns = new Set(options.paths ?? []);
    this.gainTensors = new Set(gainTensorsOf(checkpoint));
  }

  /** Whether the checkpoint reads per-tensor statistics (feed records with `layers`). */
  get wantsLayers(): boolean {
    return this.gainTensors.size > 0;
  }

  /** The summary of `run`, created empty (status running) on first use. */
  summary(run: string): RunSummary {
    let summary = this.summaries.get(run);
    if (!summary) {
      summary = {
        status: 'running',
        lastStep: -1,
        lastLoss: NaN,
        lastParams: null,
        samplesSeen: 0,
        bestTestAccuracy: -Infinity,
        crossings: new Map(),
        recent: new Map(),
        recentLosses: new Map(),
        firstParams: null,
        minRate: Infinity,
        rates: [],
        path: [],
        gaps: new Map(),
        velocityGains: new Map(),
      };
      this.summaries.set(run, summary);
    }
    return summary;
  }

  /** Digests one record (records of a run must come in step order). */
  observe(record: ObservedRecord): void {
    const s = this.summary(record.run);
    if (record.step < s.lastStep) return; // stale (from before a rewind): ignore
    s.lastStep = record.step;
    s.lastLoss = record.loss;
    if (record.params) {
      s.lastParams = record.params;
      if (record.step === 0) s.firstParams = record.params;
      remember(s.recent, record.step, record.params);
      if (this.pathRuns.has(record.run)) s.path.push(record.params[0]!, record.params[1]!);
      this.compareWithPartners(record.run, record.step, record.params);
    }
    if (record.lr !== undefined) {
      s.minRate = Math.min(s.minRate, record.lr);
      if (this.keepRates && s.rates.at(-1)?.[1] !== record.lr)
        s.rates.push([record.step, record.lr]);
    }
    remember(s.recentLosses, record.step, record.loss);
    if (record.layers && record.lr !== undefined)
      this.observeGains(s, record.step, record.lr, record.layers);
    if (record.samplesSeen !== undefined) s.samplesSeen = record.samplesSeen;
    if (record.testAccuracy !== undefined && record.testAccuracy > s.bestTestAccuracy)
      s.bestTestAccuracy = record.testAccuracy;
    if (record.diverged) s.status = 'diverged';
    for (const threshold of this.thresholds) {
      if (record.loss < threshold && !s.crossings.has(threshold))
        s.crossings.set(threshold, { step: record.step, samples: s.samplesSeen });
    }
    this.check();
  }

  /** Records a held-out accuracy of `run` (the app keeps evaluations apart from the steps). */
  observeAccuracy(run: string, testAccuracy: number): void {
    const s = this.summary(run);
    if (testAccuracy > s.bestTestAccuracy) s.bestTestAccuracy = testAccuracy;
    this.check();
  }

  /**
   * Records a CNN run's per-tensor statistics at `step` with the η of that step (the app keeps
   * them apart from the steps, once per frame).
   */
  observeLayers(
    run: string,
    step: number,
    lr: number,
    layers: NonNullable<ObservedRecord['layers']>,
  ): void {
    this.observeGains(this.summary(run), step, lr, layers);
    this.check();
  }

  /** Records a run's status as the app knows it (finished, diverged, running again). */
  setStatus(run: string, status: RunStatus): void {
    this.summary(run).status = status;
    this.check();
  }

  /** Forgets every run (after Reset or a new experiment); a reached checkpoint stays reached. */
  reset(): void {
    this.summaries.clear();
  }

  /** Whether the checkpoint holds now. */
  get holds(): boolean {
    return evaluateCheckpoint(this.checkpoint, (run) => this.summaries.get(run), [
      ...this.summaries.keys(),
    ]);
  }

  /** Whether `other` (a condition on the same runs, e.g. a prediction's option) holds now. */
  holdsFor(other: Checkpoint): boolean {
    return evaluateCheckpoint(other, (run) => this.summaries.get(run), [...this.summaries.keys()]);
  }

  /** Whether every one of `labels` has been seen and has stopped (finished or diverged). */
  allStopped(labels: readonly string[]): boolean {
    return labels.every((label) => {
      const s = this.summaries.get(label);
      return s !== undefined && s.status !== 'running';
    });
  }

  /** Whether the checkpoint has held at any time since the tracker was made. */
  get reached(): boolean {
    return this.everReached;
  }

  /** Keeps ‖v‖/(η‖g‖) of the tensors a velocity-gain checkpoint names. */
  private observeGains(
    s: RunSummary,
    step: number,
    lr: number,
    layers: NonNullable<ObservedRecord['layers']>,
  ): void {
    for (const layer of layers) {
      if (!this.gainTensors.has(layer.name)) continue;
      const sgdStep = lr * layer.gradNorm;
      if (!(sgdStep > 0)) continue; // no gradient: no ratio to speak of
      let gains = s.velocityGains.get(layer.name);
      if (!gains) s.velocityGains.set(layer.name, (gains = new Map()));
      remember(gains, step, layer.stateNorm / sgdStep);
    }
  }

  /** Measures the gap to every run `run` must coincide with, at a step both have reached. */
  private compareWithPartners(run: string, step: number, p: readonly number[]): void {
    for (const [a, b] of this.coincidePairs) {
      if (run !== a && run !== b) continue;
      const q = this.summary(run === a ? b : a).recent.get(step);
      if (!q) continue; // the partner has not reached this step yet: compared when it does
      const gaps = this.summary(a).gaps;
      const gap = gaps.get(b) ?? { max: 0, compared: 0 };
      const d = Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!);
      gaps.set(b, {
        max: Number.isNaN(d) ? Infinity : Math.max(gap.max, d),
        compared: gap.compared + 1,
      });
    }
  }

  private check(): void {
    if (!this.everReached && this.holds) this.everReached = true;
  }
}

/** Keeps `value` for `step`, dropping the oldest entry beyond RECENT_STEPS. */
function remember<T>(recent: Map<number, T>, step: number, value: T): void {
  recent.set(step, value);
  // Maps iterate in insertion order: the first key is the oldest step.
  if (recent.size > RECENT_STEPS) recent.delete(recent.keys().next().value!);
}

const stopped = (s: RunSummary) => s.status !== 'running';

/**
 * A run's final loss: its last loss, or the mean loss of its steps after lastStep − `window`
 * (a noisy run's last value is one draw of its noise; the mean is what it settled at).
 */
export function finalLossOf(s: RunSummary, window?: number): number {
  if (window === undefined) return s.lastLoss;
  let sum = 0;
  let count = 0;
  for (const [step, loss] of s.recentLosses) {
    if (step > s.lastStep - window) {
      sum += loss;
      count++;
    }
  }
  return count > 0 ? sum / count : s.lastLoss;
}

/** The pure predicate: does `checkpoint` hold for these run summaries? */
export function evaluateCheckpoint(
  checkpoint: Checkpoint,
  summaryOf: (run: string) => RunSummary | undefined,
  allRuns: readonly string[],
): boolean {
  switch (checkpoint.kind) {
    case 'none':
      return true;
    case 'finished': {
      const labels = checkpoint.run === undefined ? allRuns : [checkpoint.run];
      return labels.length > 0 && labels.every((l) => summaryOf(l)?.status === 'finished');
    }
    case 'diverged':
      return summaryOf(checkpoint.run)?.status === 'diverged';
    case 'lossBelow': {
      const crossing = summaryOf(checkpoint.run)?.crossings.get(checkpoint.threshold);
      return crossing !== undefined && crossing.step <= (checkpoint.byStep ?? Infinity);
    }
    case 'startsNear': {
      const p = summaryOf(checkpoint.run)?.firstParams;
      if (!p) return false;
      const [x, y] = checkpoint.point;
      return Math.hypot(p[0]! - x, p[1]! - y) <= checkpoint.radius;
    }
    case 'rateAbove': {
      const s = summaryOf(checkpoint.run);
      return s !== undefined && s.minRate !== Infinity && s.minRate > checkpoint.threshold;
    }
    case 'sameRateChange': {
      const a = summaryOf(checkpoint.run);
      const b = summaryOf(checkpoint.other);
      if (!a || !b) return false;
      // Compare only the steps both have taken (one may be a frame ahead).
      const upTo = Math.min(a.lastStep, b.lastStep);
      const ra = a.rates.filter(([step]) => step <= upTo);
      const rb = b.rates.filter(([step]) => step <= upTo);
      return (
        ra.length > 1 &&
        ra.length === rb.length &&
        ra.every(([step, lr], i) => rb[i]![0] === step && rb[i]![1] === lr)
      );
    }
    case 'coincide': {
      const a = summaryOf(checkpoint.run);
      const b = summaryOf(checkpoint.other);
      if (!a || !b || a.status !== 'finished' || b.status !== 'finished') return false;
      const gap = a.gaps.get(checkpoint.other);
      // Every step from 0 to the last compared: a gap cannot hide in an unseen step.
      return (
        gap !== undefined &&
        a.lastStep === b.lastStep &&
        gap.compared === a.lastStep + 1 &&
        gap.max <= checkpoint.tolerance
      );
    }
    case 'fasterThan': {
      const a = summaryOf(checkpoint.run)?.crossings.get(checkpoint.threshold);
      const other = summaryOf(checkpoint.other);
      if (!a || !other) return false;
      const b = other.crossings.get(checkpoint.threshold);
      if (checkpoint.measure === 'steps') {
        if (b) return a.step < b.step;
        return other.lastStep >= a.step || stopped(other);
      }
      if (b) return a.samples < b.samples;
      return other.samplesSeen >= a.samples || stopped(other);
    }
    case 'finalLoss': {
      const s = summaryOf(checkpoint.run);
      if (!s || s.status !== 'finished') return false;
      const loss = finalLossOf(s, checkpoint.window);
      return (
        (checkpoint.below === undefined || loss < checkpoint.below) &&
        (checkpoint.above === undefined || loss > checkpoint.above)
      );
    }
    case 'endsLowerThan': {
      const a = summaryOf(checkpoint.run);
      const b = summaryOf(checkpoint.other);
      if (!a || !b || a.status !== 'finished' || !stopped(b)) return false;
      // A diverged `other` ended nowhere: any finished run ends lower.
      return (
        b.status === 'diverged' ||
        finalLossOf(a, checkpoint.window) <
          (checkpoint.factor ?? 1) * finalLossOf(b, checkpoint.window)
      );
    }
    case 'endsNear': {
      const s = summaryOf(checkpoint.run);
      if (!s || s.status !== 'finished' || !s.lastParams) return false;
      const dx = (s.lastParams[0] ?? NaN) - checkpoint.point[0];
      const dy = (s.lastParams[1] ?? NaN) - checkpoint.point[1];
      return Math.hypot(dx, dy) <= checkpoint.radius;
    }
    case 'separate': {
      const a = summaryOf(checkpoint.run);
      const b = summaryOf(checkpoint.other);
      if (!a || !b) return false;
      for (const [step, p] of a.recent) {
        const q = b.recent.get(step);
        if (q && Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!) > checkpoint.distance) return true;
      }
      return false;
    }
    case 'accuracyAbove':
      return (summaryOf(checkpoint.run)?.bestTestAccuracy ?? -Infinity) >= checkpoint.threshold;
    case 'accuracyBelow': {
      const s = summaryOf(checkpoint.run);
      return s !== undefined && stopped(s) && s.bestTestAccuracy < checkpoint.threshold;
    }
    case 'velocityGain': {
      const s = summaryOf(checkpoint.run);
      const gains = s?.velocityGains.get(checkpoint.tensor);
      if (!s || !gains || s.lastStep < checkpoint.window) return false;
      const recent: number[] = [];
      for (const [step, gain] of gains)
        if (step > s.lastStep - checkpoint.window) recent.push(gain);
      // The app keeps one entry per frame (a few steps each); a median needs a handful.
      if (recent.length < 5) return false;
      recent.sort((a, b) => a - b);
      return recent[recent.length >> 1]! >= checkpoint.factor;
    }
    case 'all':
      return checkpoint.of.every((c) => evaluateCheckpoint(c, summaryOf, allRuns));
  }
}
