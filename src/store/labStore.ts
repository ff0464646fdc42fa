/**
 * The one store of the app, composed of slices (experiment, playback, runs, live, CNN), each a
 * `StateCreator<LabState, [], [], XSlice>` in its own file. The experiment config is the single
 * source of truth: every control edits it through an action, the action validates the edit and
 * sends the matching command to the workers. Per-step data live in `live` (RunHistory) and
 * `cnn` (CnnHistory), announced by the live slice's paced counts (liveSlice.ts); React state
 * holds only what changes at human speed.
 */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore, type Mutate, type StoreApi } from 'zustand/vanilla';
import type { Experiment } from '../core/config/experiment.ts';
import { TrainingClient, type TrainingClientOptions } from '../worker/trainingClient.ts';
import { CnnHistory } from './cnnHistory.ts';
import { createCnnSlice } from './cnnSlice.ts';
import type { FetchBytes } from './datasetLoader.ts';
import { createExperimentSlice, initialRuns } from './experimentSlice.ts';
import type { LabServices, LabState } from './labState.ts';
import { createLiveSlice } from './liveSlice.ts';
import { createPlaybackSlice } from './playbackSlice.ts';
import { RunHistory } from './runHistory.ts';
import { createRunsSlice } from './runsSlice.ts';

export type {
  EditError,
  ExperimentSlice,
  LabState,
  PlaybackSlice,
  RunView,
  RunsSlice,
} from './labState.ts';
export { BLOW_UP_FACTOR, REWIND_STEPS, rewindTarget } from './runsSlice.ts';

/**
 * Steps per second when the page opens: an animated pace, so a class sees the path being
 * drawn (200 steps take about seven seconds). "Maximum" is one choice away.
 */
export const DEFAULT_SPEED = 30;

/** The store's API: zustand's, with `subscribe(selector, listener, { equalityFn })` for live views. */
export type LabStoreApi = Mutate<StoreApi<LabState>, [['zustand/subscribeWithSelector', never]]>;

export interface LabStore extends LabStoreApi {
  /** Runs' series, newest records and previews (announced by `pulse`). */
  readonly live: RunHistory;
  /** CNN runs' inspections, per-tensor statistics and evaluations (announced by `inspections` and `pulse`). */
  readonly cnn: CnnHistory;
  readonly client: TrainingClient;
}

export interface LabStoreOptions extends TrainingClientOptions {
  readonly initial: Experiment;
  /** Entries kept per run (see SeriesBuffer). */
  readonly seriesCapacity?: number;
  /** MNIST bytes for CNN experiments, if loaded; else the store downloads data/mnist.bin once. */
  readonly mnist?: () => ArrayBuffer | undefined;
  /** How that download is done (tests pass their own). */
  readonly fetchBytes?: FetchBytes;
  /** Steps per second at first on surfaces and data fits (the page: DEFAULT_SPEED); default null = Maximum. */
  readonly initialSpeed?: number | null;
}

export function createLabStore(options: LabStoreOptions): LabStore {
  const { initial } = options;
  const live = new RunHistory(options.seriesCapacity);
  const cnn = new CnnHistory();
  // The client reports to the store, so it is made after it; actions read it when they run.
  let client: TrainingClient | null = null;
  const services: LabServices = { live, cnn, client: () => client! };
  // A CNN step is slow enough to watch at any pace: it trains as fast as it can.
  const speed = initial.problem.kind === 'cnn' ? null : (options.initialSpeed ?? null);

  const store = createStore<LabState>()(
    subscribeWithSelector((...a) => ({
      ...createExperimentSlice(services, initial)(...a),
      ...createPlaybackSlice(services, speed)(...a),
      ...createRunsSlice(services, initialRuns(initial))(...a),
      ...createLiveSlice()(...a),
      ...createCnnSlice(services, { mnist: options.mnist, fetchBytes: options.fetchBytes })(...a),
    })),
  );

  const workers = new TrainingClient(options, {
    frame: (frame) => store.getState().applyFrame(frame),
    inspection: (message) => store.getState().cnnInspection(message),
    error: (message, fatal) => store.getState().workerFailed(message, fatal),
  });
  client = workers;
  store.getState().loadWorkers(initial);
  return Object.assign(store, { live, cnn, client: workers });
}
