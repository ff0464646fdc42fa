/**
 * Messages between the page and a learning-rate sweep worker (sweepWorker.ts). The page sends
 * the experiment once, then one job at a time; the worker answers with progress inside a job
 * and the job's point when it ends. Pause and resume take effect within a slice (≈ 10 ms).
 */
import type { SweepJob, SweepPoint } from '../core/analysis/sweep.ts';
import type { Experiment } from '../core/config/experiment.ts';

export interface SweepInitCommand {
  readonly type: 'init';
  readonly experiment: Experiment;
  /** The MNIST file's bytes, for MNIST experiments (transferred). */
  readonly mnist?: ArrayBuffer;
}
export interface SweepJobCommand {
  readonly type: 'job';
  /** Position of the job in the sweep, echoed in the answers. */
  readonly index: number;
  readonly job: SweepJob;
}
export interface SweepPauseCommand {
  readonly type: 'pause';
}
export interface SweepResumeCommand {
  readonly type: 'resume';
}
export type SweepCommand =
  SweepInitCommand | SweepJobCommand | SweepPauseCommand | SweepResumeCommand;

export interface SweepProgressMessage {
  readonly type: 'progress';
  readonly index: number;
  /** Steps of the job done so far. */
  readonly step: number;
}
export interface SweepPointMessage {
  readonly type: 'point';
  readonly index: number;
  readonly point: SweepPoint;
}
export interface SweepErrorMessage {
  readonly type: 'error';
  readonly message: string;
}
export type SweepMessage = SweepProgressMessage | SweepPointMessage | SweepErrorMessage;
