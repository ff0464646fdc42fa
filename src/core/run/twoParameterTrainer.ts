/**
 * Trainer for problems with two parameters θ = (x, y) or (w, b): analytic surfaces (with
 * optional seeded gradient noise) and the regression batch lab.
 */
import type { Experiment, RunConfig } from '../config/experiment.ts';
import { createOptimizer } from '../optimizers/index.ts';
import type { Optimizer, OptimizerSnapshot } from '../optimizers/optimizer.ts';
import type { OptimizerConfig } from '../config/experiment.ts';
import { BatchOrder, type BatchCursor } from '../problems/batchOrder.ts';
import { recordsSharpness, topEigenvalue2 } from '../analysis/sharpness.ts';
import {
  generateRegressionData,
  regressionHessian,
  regressionLoss,
  type RegressionData,
} from '../problems/regression.ts';
import { Random } from '../random.ts';
import { learningRate } from '../schedules/index.ts';
import { createSurface } from '../surfaces/index.ts';
import type { Surface } from '../surfaces/surface.ts';
import type { Divergence, StepRecord } from './records.ts';
import {
  applyLiveSettings,
  divergence,
  type RunStatus,
  type RunTrainer,
  type TrainerSnapshot,
} from './trainer.ts';

/** Computes the gradient the optimizer sees at θ and what a record shows about it. */
interface Objective {
  /**
   * Loss at θ (full data), the step's (mini-batch, possibly noisy) gradient into `gradOut`,
   * and the exact full gradient into `fullGradOut`. Advances `cursor` on data problems.
   */
  evaluate(
    theta: Float64Array,
    t: number,
    batchSize: number | 'all',
    cursor: BatchCursor,
    gradOut: Float64Array,
    fullGradOut: Float64Array,
  ): { loss: number; batchLoss?: number; batch?: readonly number[]; batchCount: number };
  /** Whether records should carry `fullGrad` (the gradient differs from the exact one). */
  readonly noisy: (batchSize: number | 'all') => boolean;
  /** The top eigenvalue of the exact Hessian of the (full-data, noise-free) loss at θ. */
  sharpness(theta: Float64Array): number;
}

/** Deterministic per-step noise: N(0, σ²) per component, drawn from (seed, t) alone. */
function surfaceObjective(surface: Surface, noise: number, seed: number): Objective {
  const rng = new Random(0);
  const hessian = new Float64Array(3);
  return {
    noisy: () => noise > 0,
    sharpness(theta) {
      surface.hessian(theta[0]!, theta[1]!, hessian);
      return topEigenvalue2(hessian[0]!, hessian[1]!, hessian[2]!);
    },
    evaluate(theta, t, _batchSize, _cursor, gradOut, fullGradOut) {
      const loss = surface.valueAndGradient(theta[0]!, theta[1]!, fullGradOut);
      gradOut[0] = fullGradOut[0]!;
      gradOut[1] = fullGradOut[1]!;
      if (noise > 0) {
        rng.reseed(seed * 31 + t * 2654435761);
        gradOut[0] += noise * rng.normal();
        gradOut[1] += noise * rng.normal();
      }
      return { loss, batchCount: 0 };
    },
  };
}

function regressionObjective(data: RegressionData, order: BatchOrder): Objective {
  const n = data.x.length;
  const hessian = new Float64Array(3);
  regressionHessian(data, hessian);
  const sharpness = topEigenvalue2(hessian[0]!, hessian[1]!, hessian[2]!);
  return {
    noisy: (batchSize) => batchSize !== 'all' && batchSize < n,
    sharpness: () => sharpness,
    evaluate(theta, _t, batchSize, cursor, gradOut, fullGradOut) {
      const w = theta[0]!;
      const b = theta[1]!;
      const loss = regressionLoss(data, w, b, fullGradOut);
      if (batchSize === 'all' || batchSize >= n) {
        gradOut[0] = fullGradOut[0]!;
        gradOut[1] = fullGradOut[1]!;
        return { loss, batchLoss: loss, batchCount: n };
      }
      const { order: perm, from, to } = order.next(cursor, batchSize);
      const batchLoss = regressionLoss(data, w, b, gradOut, perm, from, to);
      return { loss, batchLoss, batch: Array.from(perm.subarray(from, to)), batchCount: to - from };
    },
  };
}

interface TwoParameterState {
  readonly theta: Float64Array;
  readonly optimizer: OptimizerSnapshot;
  readonly cursor: BatchCursor;
  readonly samplesSeen: number;
  readonly lastLr: number | null;
  readonly status: RunStatus;
  readonly run: RunConfig;
}

export class TwoParameterTrainer implements RunTrainer {
  private readonly theta: Float64Array;
  private readonly grad = new Float64Array(2);
  private readonly fullGrad = new Float64Array(2);
  private readonly optimizer: Optimizer<OptimizerConfig>;
  private cursor: BatchCursor = { epoch: 0, offset: 0 };
  /** Scratch for `preview()`: the cursor it draws with and θ while a trial update runs. */
  private readonly previewCursor: BatchCursor = { epoch: 0, offset: 0 };
  private readonly savedTheta = new Float64Array(2);
  private samplesSeen = 0;
  private lastLr: number | null = null;
  private currentStatus: RunStatus = 'running';
  private currentT = 0;
  private currentRun: RunConfig;

  constructor(
    run: RunConfig,
    start: readonly [number, number],
    private readonly objective: Objective,
    private steps: number,
    /** Record the sharpness every this many steps (undefined: never). */
    private readonly sharpnessEvery?: number,
  ) {
    this.currentRun = run;
    this.theta = Float64Array.from(start);
    this.optimizer = createOptimizer(run.optimizer, [
      { name: 'θ', params: this.theta, grads: this.grad },
    ]);
  }

  get label(): string {
    return this.currentRun.label;
  }
  get t(): number {
    return this.currentT;
  }
  get status(): RunStatus {
    return this.currentStatus;
  }
  get run(): RunConfig {
    return this.currentRun;
  }

  advance(): StepRecord {
    return this.describeStep(true);
  }

  preview(): StepRecord | null {
    return this.currentStatus === 'running' ? this.describeStep(false) : null;
  }

  /**
   * The record of step t. With `commit`, the step is taken (θ, optimizer state, cursor, t and
   * status move on); without, everything is left as it was. One code path for both keeps a
   * preview equal to the record the real step then produces.
   */
  private describeStep(commit: boolean): StepRecord {
    const t = this.currentT;
    const run = this.currentRun;
    // A preview draws its mini-batch with a copy of the cursor, so the real step draws it again.
    let cursor = this.cursor;
    if (!commit) {
      this.previewCursor.epoch = cursor.epoch;
      this.previewCursor.offset = cursor.offset;
      cursor = this.previewCursor;
    }
    const evaluation = this.objective.evaluate(
      this.theta,
      t,
      run.batchSize,
      cursor,
      this.grad,
      this.fullGrad,
    );
    const params = [this.theta[0]!, this.theta[1]!];
    const grad = [this.grad[0]!, this.grad[1]!];
    const lr = learningRate(run.schedule, run.optimizer.lr, t);
    const diverged = this.checkFinite(evaluation.loss, params, grad, t);
    const base = {
      run: run.label,
      step: t,
      loss: evaluation.loss,
      lr,
      params,
      grad,
      ...(this.objective.noisy(run.batchSize)
        ? { fullGrad: [this.fullGrad[0]!, this.fullGrad[1]!] }
        : {}),
      ...(evaluation.batchLoss === undefined ? {} : { batchLoss: evaluation.batchLoss }),
      ...(evaluation.batch === undefined ? {} : { batch: evaluation.batch }),
      ...(evaluation.batchCount > 0 ? { samplesSeen: this.samplesSeen } : {}),
      ...(recordsSharpness(this.sharpnessEvery, t)
        ? { sharpness: this.objective.sharpness(this.theta) }
        : {}),
    };
    if (diverged !== null) {
      if (commit) this.currentStatus = 'diverged';
      return { ...base, state: this.stateRecord(), diverged: true, divergence: diverged };
    }
    if (t >= this.steps) {
      if (commit) this.currentStatus = 'finished';
      return { ...base, state: this.stateRecord() };
    }
    if (!commit) return { ...base, ...this.trialStep(lr) };
    this.optimizer.step(lr);
    this.lastLr = lr;
    this.samplesSeen += evaluation.batchCount;
    this.currentT = t + 1;
    return {
      ...base,
      update: [this.theta[0]! - params[0]!, this.theta[1]! - params[1]!],
      state: this.stateRecord(),
    };
  }

  /**
   * The update and optimizer state of a step with η = `lr` from the current θ and gradient
   * buffer, with θ and the optimizer put back exactly as they were (a snapshot of the state,
   * whose few small copies are the only allocation besides the record).
   */
  private trialStep(lr: number): Pick<StepRecord, 'update' | 'state'> {
    const saved = this.optimizer.snapshot();
    this.savedTheta.set(this.theta);
    try {
      this.optimizer.step(lr);
      return {
        update: [this.theta[0]! - this.savedTheta[0]!, this.theta[1]! - this.savedTheta[1]!],
        state: this.stateRecord(),
      };
    } finally {
      this.optimizer.restore(saved);
      this.theta.set(this.savedTheta);
    }
  }

  private checkFinite(
    loss: number,
    params: number[],
    grad: number[],
    t: number,
  ): Divergence | null {
    const lr = this.lastLr;
    if (!params.every(Number.isFinite)) {
      return divergence(
        'parameter',
        params.find((v) => !Number.isFinite(v))!,
        t,
        lr,
      );
    }
    if (!Number.isFinite(loss)) return divergence('loss', loss, t, lr);
    if (!grad.every(Number.isFinite)) {
      return divergence(
        'gradient',
        grad.find((v) => !Number.isFinite(v))!,
        t,
        lr,
      );
    }
    return null;
  }

  private stateRecord(): Record<string, number[] | number> {
    const out: Record<string, number[] | number> = { t: this.optimizer.stepCount };
    for (const [name, tensor] of Object.entries(this.optimizer.state(0)))
      out[name] = Array.from(tensor);
    return out;
  }

  reconfigure(run: RunConfig): void {
    applyLiveSettings(this.optimizer, this.currentRun, run);
    this.currentRun = run;
  }

  setStepBudget(steps: number): void {
    this.steps = steps;
    if (this.currentStatus === 'finished' && this.currentT < steps) this.currentStatus = 'running';
  }

  snapshot(): TrainerSnapshot {
    const state: TwoParameterState = {
      theta: Float64Array.from(this.theta),
      optimizer: this.optimizer.snapshot(),
      cursor: { ...this.cursor },
      samplesSeen: this.samplesSeen,
      lastLr: this.lastLr,
      status: this.currentStatus,
      run: this.currentRun,
    };
    return { t: this.currentT, state };
  }

  restore(snapshot: TrainerSnapshot): void {
    const state = snapshot.state as TwoParameterState;
    this.theta.set(state.theta);
    this.optimizer.restore(state.optimizer);
    this.cursor = { ...state.cursor };
    this.samplesSeen = state.samplesSeen;
    this.lastLr = state.lastLr;
    this.currentStatus = state.status === 'diverged' ? 'running' : state.status;
    this.currentT = snapshot.t;
    this.setStepBudget(this.steps);
  }
}

/** Resources shared by every run of a two-parameter experiment. */
export interface TwoParameterProblemData {
  readonly surface?: Surface;
  readonly regression?: RegressionData;
}

/** Builds what the runs of a surface or regression experiment share: the surface or data. */
export function prepareTwoParameterProblem(experiment: Experiment): TwoParameterProblemData {
  const problem = experiment.problem;
  if (problem.kind === 'surface') return { surface: createSurface(problem) };
  if (problem.kind === 'regression')
    return { regression: generateRegressionData(problem, experiment.seed) };
  throw new Error(`not a two-parameter problem: ${problem.kind}`);
}

/** One trainer per run; all runs share the start point, the data and the batch order. */
export function createTwoParameterTrainers(
  experiment: Experiment,
  prepared: TwoParameterProblemData = prepareTwoParameterProblem(experiment),
): TwoParameterTrainer[] {
  const problem = experiment.problem;
  return experiment.runs.map((run) => {
    const objective =
      problem.kind === 'surface' && prepared.surface
        ? surfaceObjective(prepared.surface, problem.gradientNoise, experiment.seed)
        : problem.kind === 'regression' && prepared.regression
          ? regressionObjective(
              prepared.regression,
              new BatchOrder(problem.samples, experiment.seed),
            )
          : null;
    if (objective && problem.kind !== 'cnn') {
      return new TwoParameterTrainer(
        run,
        problem.start,
        objective,
        experiment.steps,
        experiment.sharpnessEvery,
      );
    }
    throw new Error(`not a two-parameter problem: ${problem.kind}`);
  });
}
