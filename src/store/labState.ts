/**
 * The state of the lab store: one zustand store composed of slices, each declared in its own
 * file against this whole state (`StateCreator<LabState, [], [], XSlice>`), so slices and the
 * store that composes them never import each other.
 */
import type { Experiment, Problem, RunConfig } from '../core/config/experiment.ts';
import type { ConfigIssue } from '../core/config/validate.ts';
import type { Divergence } from '../core/run/records.ts';
import type { RunStatus } from '../core/run/trainer.ts';
import type {
  BranchPoint,
  FrameMessage,
  InspectionMessage,
  LiveEvent,
} from '../worker/protocol.ts';
import type { TrainingClient } from '../worker/trainingClient.ts';
import type { CnnHistory } from './cnnHistory.ts';
import type { DatasetState } from './datasetLoader.ts';
import type { RunHistory } from './runHistory.ts';

/**
 * What the slices share besides the state: the live histories (mutable, announced by the live
 * slice) and the workers' client.
 */
export interface LabServices {
  /** Runs' series, newest records and previews. */
  readonly live: RunHistory;
  /** CNN runs' inspections, per-tensor statistics and evaluations. */
  readonly cnn: CnnHistory;
  /** The workers; made after the store (it reports to the store), so read when an action runs. */
  client(): TrainingClient;
}

/** What the UI shows about a run besides its curves. */
export interface RunView {
  readonly status: RunStatus;
  /** Why it diverged: which value became non-finite, at which step, with which η. */
  readonly divergence: Divergence | null;
}

/**
 * Why an edit was refused: the validation issues (field path, code and values, worded by the
 * UI in its current language), or the text of a command the worker refused.
 */
export type EditError =
  | { readonly kind: 'issues'; readonly issues: readonly ConfigIssue[] }
  | { readonly kind: 'text'; readonly text: string };

export interface ExperimentSlice {
  experiment: Experiment;
  /** Last rejected edit, shown in the error banner until the next valid edit or dismissal. */
  editError: EditError | null;
  loadExperiment(experiment: Experiment): void;
  /** Applies an edit to the whole config (validated); a new problem or start reloads the runs. */
  editExperiment(edit: (experiment: Experiment) => unknown): boolean;
  setProblem(problem: Problem): boolean;
  setStart(start: readonly [number, number]): boolean;
  /** Live edit of one run (η, momentum, schedule, batch size…): applies at the next step. */
  updateRun(label: string, edit: (run: RunConfig) => RunConfig): boolean;
  addRun(run: RunConfig): boolean;
  removeRun(label: string): void;
  /**
   * Adds a run that continues from run `parent`'s θ and optimizer state at `step`, with the
   * parent's settings for the user to change; paused, back to live. Returns its label, or null
   * when it could not be added (unknown parent, six runs already).
   */
  branchRun(parent: string, step: number): string | null;
  /**
   * Loads `experiment` into fresh workers at the current speed, unless it waits for the MNIST
   * download (then false; the download reloads it). Store-internal.
   */
  loadWorkers(experiment: Experiment): boolean;
}

export interface PlaybackSlice {
  playing: boolean;
  /** Steps per second, null = as fast as possible. */
  speed: number | null;
  play(): void;
  pause(): void;
  step(count?: number): void;
  reset(): void;
  setSpeed(stepsPerSecond: number | null): void;
}

export interface RunsSlice {
  runs: Readonly<Record<string, RunView>>;
  events: readonly LiveEvent[];
  /** A worker failure the user must see; the config and history are kept. */
  workerError: string | null;
  /** Rewind a run a few steps before its divergence, halve its learning rate and play on. */
  rewindAndHalve(label: string): void;
  /**
   * The step the step scrubber shows on the map, the curves and the theory (null: live, where
   * the runs are now). Play, Step, Reset and a new experiment go back to live.
   */
  shownStep: number | null;
  setShownStep(step: number | null): void;
  /** Runs branched from another run: label → where they left it. */
  branches: Readonly<Record<string, BranchPoint>>;
  restartWorkers(): void;
  dismissError(): void;
  /** Applies a worker frame to the histories and the runs' statuses (store-internal). */
  applyFrame(frame: FrameMessage): void;
  /** A worker's error: a fatal one stops the runs until Restart (store-internal). */
  workerFailed(message: string, fatal: boolean): void;
}

/**
 * The paces at which the live histories are announced (LIVE_PACE_MS in liveSlice.ts): the map
 * and data scatter, the line charts, and text people read.
 */
export type LivePace = 'map' | 'chart' | 'text';

export interface LiveSlice {
  /** Per pace, how often the histories have been announced as moved at that pace. */
  pulse: Readonly<Record<LivePace, number>>;
  /** Increases when CNN inspections or evaluations were added or dropped (not on mere steps). */
  inspections: number;
  /** The histories moved: each pace counts once at its next turn (store-internal). */
  liveMoved(): void;
  /** The histories were cleared or cut: every pace counts now (store-internal). */
  liveReset(): void;
}

/** The image the runs are inspected with: a held-out image by index, or a drawn 28 × 28 one. */
export type ProbeChoice =
  | { readonly kind: 'test'; readonly index: number }
  | { readonly kind: 'drawn'; readonly image: Float32Array };

export interface CnnSlice {
  /** The MNIST download. */
  dataset: DatasetState;
  probe: ProbeChoice;
  /** The shared step cursor: views show every run's inspection at or before this step; null = live. */
  cursor: number | null;
  /** Starts the MNIST download (again after a failure); the runs load when it arrives. */
  loadDataset(): Promise<void>;
  /** Inspects every run with this probe, at once. */
  setProbe(probe: ProbeChoice): void;
  setCursor(step: number | null): void;
  /** Asks every CNN run for an inspection now (e.g. after a click on "Refresh"). */
  inspectNow(): void;
  // Store-internal hooks of the CNN lab, called by the other slices:
  /** Whether `experiment`'s data are here; if it needs MNIST and it is not, starts the download. */
  cnnReadyToLoad(experiment: Experiment): boolean;
  /** The MNIST bytes, when there are any. */
  cnnMnist(): ArrayBuffer | undefined;
  /** After a reload or reset: the old runs' inspections, requests and cursor are forgotten. */
  cnnCleared(): void;
  /** Right after the workers were (re)loaded or reset: asks every run for its first inspection. */
  cnnStarted(): void;
  /** After a restart of the workers: requests in flight are lost; histories stay. */
  cnnRestarted(): void;
  cnnRemoved(label: string): void;
  /** After a frame was applied to the histories. */
  cnnFrame(frame: FrameMessage): void;
  cnnInspection(message: InspectionMessage): void;
}

export type LabState = ExperimentSlice & PlaybackSlice & RunsSlice & LiveSlice & CnnSlice;
