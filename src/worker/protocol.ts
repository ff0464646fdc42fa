/**
 * The typed protocol between the UI's TrainingClient and a training worker: one interface
 * per message, a string-literal `type`, an exported union per direction. The UI imports these
 * with `import type` only.
 */
import type { Experiment, RunConfig } from '../core/config/experiment.ts';
import type { Divergence, StepRecord } from '../core/run/records.ts';
import type { RunStatus } from '../core/run/trainer.ts';
import type { CnnInspection } from '../core/cnn/trainer.ts';

/** Bumped on any incompatible change; a mismatched worker refuses to start. */
export const PROTOCOL_VERSION = 3;

// ── UI → worker ────────────────────────────────────────────────────────────────────────────

/** Load an experiment and host the runs named in `labels` (all when omitted). Paused after. */
export interface InitCommand {
  readonly type: 'init';
  readonly protocol: number;
  readonly experiment: Experiment;
  readonly labels?: readonly string[];
  /** The MNIST file's bytes, for CNN problems on MNIST (loaded once by the UI). */
  readonly mnist?: ArrayBuffer;
}
export interface PlayCommand {
  readonly type: 'play';
}
export interface PauseCommand {
  readonly type: 'pause';
}
/** Take `count` steps then pause. */
export interface StepCommand {
  readonly type: 'step';
  readonly count: number;
}
/** Back to step 0 with the current settings (fresh initial state). */
export interface ResetCommand {
  readonly type: 'reset';
}
/** Steps per second; `null` means as fast as possible. */
export interface SetSpeedCommand {
  readonly type: 'setSpeed';
  readonly stepsPerSecond: number | null;
}
/** Live change of one run's settings; applied at the next step boundary and recorded as an event. */
export interface PatchRunCommand {
  readonly type: 'patchRun';
  readonly label: string;
  readonly run: RunConfig;
}
export interface AddRunCommand {
  readonly type: 'addRun';
  readonly run: RunConfig;
  /**
   * A branch: the new run starts where run `label` was at step `step` (θ, optimizer state,
   * batch order, as a rewind would restore them) and goes on with `run`'s settings.
   */
  readonly from?: BranchPoint;
}
/** Where a branch leaves its parent run. */
export interface BranchPoint {
  readonly label: string;
  readonly step: number;
}
export interface RemoveRunCommand {
  readonly type: 'removeRun';
  readonly label: string;
}
/** Rewind a run to step `step` (≤ its current step); with `run`, branch with new settings. */
export interface RewindCommand {
  readonly type: 'rewind';
  readonly label: string;
  readonly step: number;
  readonly run?: RunConfig;
}
/** Ask a CNN run for filters, activations of a probe image and velocities. */
export interface InspectCommand {
  readonly type: 'inspect';
  readonly label: string;
  /** A 28×28 probe image in [0, 1] (e.g. drawn by the user), or a test-set index. */
  readonly probe: Float32Array | number;
  readonly requestId: number;
}
/** The UI has drawn frame `seq`; the worker may send the next one. */
export interface AckCommand {
  readonly type: 'ack';
  readonly seq: number;
}
/** Are you there? The worker answers with a PongMessage as soon as it reads this. */
export interface PingCommand {
  readonly type: 'ping';
  readonly seq: number;
}
/** For tests of error reporting: make the worker throw. */
export interface CrashCommand {
  readonly type: 'crash';
}

export type WorkerCommand =
  | InitCommand
  | PlayCommand
  | PauseCommand
  | StepCommand
  | ResetCommand
  | SetSpeedCommand
  | PatchRunCommand
  | AddRunCommand
  | RemoveRunCommand
  | RewindCommand
  | InspectCommand
  | AckCommand
  | PingCommand
  | CrashCommand;

// ── worker → UI ────────────────────────────────────────────────────────────────────────────

/**
 * Per-step columns of one run, packed for transfer: `step[i]` with the matching `loss[i]`,
 * `lr[i]`, and `width` values per step in each vector column (2 for two-parameter problems).
 * Columns a problem does not have are empty arrays.
 */
export interface PackedSeries {
  readonly count: number;
  readonly step: Float64Array;
  readonly loss: Float64Array;
  readonly lr: Float64Array;
  /** θ_t (x, y or w, b), 2 per step. */
  readonly params: Float64Array;
  /** The gradient used (mini-batch / noisy), 2 per step. */
  readonly grad: Float64Array;
  /** The optimizer's primary state after the update (velocity, m…), 2 per step; NaN when none. */
  readonly state: Float64Array;
  /** Samples processed before θ_t (data problems), else empty. */
  readonly samplesSeen: Float64Array;
  /**
   * Seconds of the run's own compute time up to θ_t: what a wall clock would read had the run
   * trained alone at full speed (pauses, pacing and the other runs' turns left out).
   */
  readonly seconds: Float64Array;
  /** CNN: batch accuracy per step, else empty. */
  readonly accuracy: Float64Array;
  /** CNN: held-out accuracy at evaluation steps, NaN elsewhere. */
  readonly testAccuracy: Float64Array;
  /** Sharpness at the steps that measure it (the experiment's `sharpnessEvery`), NaN elsewhere. */
  readonly sharpness?: Float64Array;
}

/** A live change, recorded so plots can mark it: "η 0.01 → 0.02 at step 120". */
export interface LiveEvent {
  readonly label: string;
  readonly step: number;
  /** Field path that changed, e.g. "optimizer.lr". */
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

export interface RunFrame {
  readonly label: string;
  readonly status: RunStatus;
  /** Set when the run diverged: which value, at which step, with which η. */
  readonly divergence?: Divergence;
  /** Steps since the last frame (may be empty). */
  readonly series: PackedSeries;
  /** The newest record in full (optimizer state, CNN layer statistics, confusion matrix). */
  readonly last: StepRecord | null;
  /**
   * Where the run is now and what its next step will do: the record the next step would
   * produce (θ_t, f(θ_t), the gradient it will use, η_t, the optimizer state after it), as of
   * when the frame was built — so it follows steps, live changes, resets and rewinds. Null when
   * the run cannot step (finished, diverged) or cannot preview (CNN runs).
   */
  readonly next: StepRecord | null;
  /** Set when this frame follows a rewind/reset: the UI drops its history after this step. */
  readonly truncatedAfter?: number;
}

export interface ReadyMessage {
  readonly type: 'ready';
  readonly protocol: number;
  readonly labels: readonly string[];
}
export interface FrameMessage {
  readonly type: 'frame';
  readonly seq: number;
  readonly playing: boolean;
  readonly runs: readonly RunFrame[];
  readonly events: readonly LiveEvent[];
}
/** Answer to InspectCommand; arrays are transferred. */
export interface InspectionMessage {
  readonly type: 'inspection';
  readonly requestId: number;
  readonly label: string;
  readonly step: number;
  readonly inspection: CnnInspection;
}
/** A command was refused (e.g. a bad patch) or the worker failed; `fatal` means restart it. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
  readonly fatal: boolean;
}

/** Answer to PingCommand: the worker is alive and reading its commands. */
export interface PongMessage {
  readonly type: 'pong';
  readonly seq: number;
}

export type WorkerMessage =
  ReadyMessage | FrameMessage | InspectionMessage | ErrorMessage | PongMessage;

/** Exhaustiveness guard for `switch` statements over command and message unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
