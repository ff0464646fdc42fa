/**
 * A trainer advances one run of an experiment step by step and describes each step as a
 * `StepRecord`. The worker, the CLI and the tests drive trainers; they never see how a run's
 * gradient is computed (analytic surface, regression data or a CNN).
 */
import type { OptimizerConfig, RunConfig } from '../config/experiment.ts';
import type { Optimizer } from '../optimizers/optimizer.ts';
import type { StepRecord } from './records.ts';

/** running: more steps to take; finished: the step budget is used up; diverged: it blew up. */
export type RunStatus = 'running' | 'finished' | 'diverged';

/** An opaque copy of a trainer's whole state at step `t`, for rewind and branch. */
export interface TrainerSnapshot {
  readonly t: number;
  readonly state: unknown;
}

export interface RunTrainer {
  readonly label: string;
  /** The step t of the current parameters θ_t. */
  readonly t: number;
  readonly status: RunStatus;
  /** The run's current settings (after any live change). */
  readonly run: RunConfig;
  /**
   * Describes θ_t and applies the update to θ_{t+1}. At t = the step budget, or on a
   * non-finite loss, parameter or gradient, it returns the run's final record instead
   * (`diverged: true` with a reason in the second case) and the status changes.
   * Only call while `status` is "running".
   */
  advance(): StepRecord;
  /**
   * The same step as `advance`, in slices: it yields between pieces of work (a CNN yields
   * after every sample), so a host can read commands in between however long the step is.
   * Abandoned part-way (`return()`), it leaves the run as before the step. Trainers whose
   * steps are always short omit it.
   */
  advanceInSlices?(): Generator<void, StepRecord, void>;
  /**
   * The record the next `advance()` would return — θ_t, f(θ_t), the gradient the step will
   * use (the same noise draw and mini-batch), η_t and the optimizer state after the update —
   * computed without changing anything: θ, optimizer state, t, batch cursor and status stay as
   * they were, so `preview()` then `advance()` give equal records. It includes `diverged` and
   * `reason` when the next step would end the run on a non-finite value. Null when `status`
   * is not "running" (there is no next step). Trainers that cannot preview (CNN) omit it.
   */
  preview?(): StepRecord | null;
  /** Live change of hyperparameters, schedule or batch size; applies from the next step. */
  reconfigure(run: RunConfig): void;
  /** Changes the step budget (a finished run with a larger budget runs again). */
  setStepBudget(steps: number): void;
  snapshot(): TrainerSnapshot;
  restore(snapshot: TrainerSnapshot): void;
}

/**
 * Applies a live change of a run's settings to its optimizer (hyperparameters only: a
 * different optimizer kind has different state, so the run must be rebuilt instead).
 */
export function applyLiveSettings(
  optimizer: Optimizer<OptimizerConfig>,
  current: RunConfig,
  next: RunConfig,
): void {
  if (next.optimizer.kind !== current.optimizer.kind) {
    throw new Error(
      `a run cannot change optimizer kind live (${current.optimizer.kind} → ${next.optimizer.kind})`,
    );
  }
  optimizer.configure(next.optimizer);
}

/** "loss became Infinity at step 183 with η = 0.8" */
export function divergenceReason(
  what: string,
  value: number,
  t: number,
  lr: number | null,
): string {
  const shown = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return `${what} became ${shown} at step ${t}${lr === null ? '' : ` with η = ${formatLr(lr)}`}`;
}

function formatLr(lr: number): string {
  return Number(lr.toPrecision(4)).toString();
}
