/**
 * The one store of the app, built from slices. The experiment config is the single source of
 * truth: every control edits it through an action here, the action validates the edit and
 * sends the matching command to the workers. Per-step data live in `live` (RunHistory) and
 * `cnn` (CnnHistory), announced by the live slice's paced counts (liveSlice.ts); React state
 * holds only what changes at human speed.
 */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore, type Mutate, type StoreApi } from 'zustand/vanilla';
import { MAX_LABEL_LENGTH, type Experiment, type RunConfig } from '../core/config/experiment.ts';
import { validateExperiment } from '../core/config/validate.ts';
import { TrainingClient, type TrainingClientOptions } from '../worker/trainingClient.ts';
import { CnnHistory } from './cnnHistory.ts';
import { CnnController } from './cnnSlice.ts';
import type { FetchBytes } from './datasetLoader.ts';
import type { LabState, RunView } from './labState.ts';
import { createLiveSlice } from './liveSlice.ts';
import { RunHistory } from './runHistory.ts';
import type { SeriesBuffer } from './seriesBuffer.ts';

export type {
  EditError,
  ExperimentSlice,
  LabState,
  PlaybackSlice,
  RunView,
  RunsSlice,
} from './labState.ts';

/**
 * Steps per second when the page opens: an animated pace, so a class sees the path being
 * drawn (200 steps take about seven seconds). "Maximum" is one choice away.
 */
export const DEFAULT_SPEED = 30;

/** Most live-change events kept for marking plots. */
const MAX_EVENTS = 500;
/** A diverged run rewinds at least this many steps before its η is halved. */
export const REWIND_STEPS = 10;
/** Growth of the loss over its lowest value so far that counts as the start of a blow-up. */
export const BLOW_UP_FACTOR = 10;

/**
 * Where to rewind a diverged run: REWIND_STEPS before the end, or earlier, to the last step
 * before its loss first grew BLOW_UP_FACTOR-fold over its lowest value so far (or stopped
 * being finite) — by then the parameters are often so far out that half the learning rate
 * would blow up again.
 */
export function rewindTarget(series: SeriesBuffer, divergedAt: number): number {
  const steps = series.column('step');
  const loss = series.column('loss');
  let lowest = Infinity;
  let target = Math.max(0, divergedAt - REWIND_STEPS);
  for (let i = 0; i < steps.length; i++) {
    const value = loss[i]!;
    if (
      !Number.isFinite(value) ||
      (Number.isFinite(lowest) && value > BLOW_UP_FACTOR * Math.max(lowest, 1e-300))
    ) {
      target = Math.min(target, i > 0 ? steps[i - 1]! : 0);
      break;
    }
    lowest = Math.min(lowest, value);
  }
  return target;
}

/** The label of a branch of run `parent` at step `step`: "SGD ↳ 40" (numbered when taken). */
export function branchLabel(parent: string, step: number, experiment: Experiment): string {
  const suffix = ` ↳ ${step}`;
  const base = parent.slice(0, MAX_LABEL_LENGTH - suffix.length - 3) + suffix;
  const taken = new Set(experiment.runs.map((r) => r.label));
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base} ${k}`)) return `${base} ${k}`;
}

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

function initialRuns(experiment: Experiment): Record<string, RunView> {
  return Object.fromEntries(
    experiment.runs.map((r) => [r.label, { status: 'running', divergence: null }]),
  );
}

export function createLabStore(options: LabStoreOptions): LabStore {
  const live = new RunHistory(options.seriesCapacity);
  const cnnLive = new CnnHistory();
  // Its hooks run only after the store and the client below exist.
  const cnn: CnnController = new CnnController({
    live,
    cnn: cnnLive,
    getState: () => store.getState(),
    setState: (partial) => store.setState(partial),
    client: () => client,
    reload: (experiment) => store.getState().loadExperiment(experiment),
    mnist: options.mnist,
    fetchBytes: options.fetchBytes,
  });

  const store = createStore<LabState>()(
    subscribeWithSelector((set, get, api) => {
      const validated = (candidate: unknown): Experiment | null => {
        const result = validateExperiment(candidate);
        if (!result.ok) {
          set({ editError: { kind: 'issues', issues: result.issues } });
          return null;
        }
        set({ editError: null });
        return result.value;
      };

      const reload = (experiment: Experiment): void => {
        live.clear();
        cnn.clear();
        get().liveReset();
        set({
          experiment,
          runs: initialRuns(experiment),
          events: [],
          playing: false,
          workerError: null,
          shownStep: null,
          branches: {},
        });
        // An MNIST experiment waits for the data (the download reloads it when done); the old
        // runs stop meanwhile.
        if (!cnn.readyToLoad(experiment)) {
          client.pause();
          return;
        }
        client.load(experiment, cnn.mnist());
        cnn.started();
        client.setSpeed(get().speed);
      };

      return {
        // ── experiment slice
        experiment: options.initial,
        editError: null,
        loadExperiment: (experiment) => reload(experiment),
        editExperiment(edit) {
          const next = validated(edit(get().experiment));
          if (!next) return false;
          reload(next);
          return true;
        },
        setProblem: (problem) => get().editExperiment((e) => ({ ...e, problem })),
        setStart: (start) =>
          get().editExperiment((e) =>
            'start' in e.problem
              ? { ...e, problem: { ...e.problem, start: [start[0], start[1]] } }
              : e,
          ),
        updateRun(label, edit) {
          const current = get().experiment;
          const next = validated({
            ...current,
            runs: current.runs.map((r) => (r.label === label ? edit(r) : r)),
          });
          if (!next) return false;
          const run = next.runs.find((r) => r.label === label);
          if (!run) return false;
          set({ experiment: next });
          client.patchRun(label, run);
          return true;
        },
        addRun(run) {
          const current = get().experiment;
          const next = validated({ ...current, runs: [...current.runs, run] });
          if (!next) return false;
          const added = next.runs[next.runs.length - 1]!;
          set({
            experiment: next,
            runs: { ...get().runs, [added.label]: { status: 'running', divergence: null } },
          });
          client.addRun(added);
          return true;
        },
        removeRun(label) {
          const current = get().experiment;
          if (current.runs.length <= 1) return;
          const runs = { ...get().runs };
          delete runs[label];
          const branches = { ...get().branches };
          delete branches[label];
          set({
            experiment: { ...current, runs: current.runs.filter((r) => r.label !== label) },
            runs,
            branches,
          });
          live.remove(label);
          cnn.removed(label);
          get().liveReset();
          client.removeRun(label);
        },

        // ── playback slice
        playing: false,
        // A CNN step is slow enough to watch at any pace: it trains as fast as it can.
        speed: options.initial.problem.kind === 'cnn' ? null : (options.initialSpeed ?? null),
        play() {
          set({ playing: true, shownStep: null });
          client.play();
        },
        pause() {
          set({ playing: false });
          client.pause();
        },
        step(count = 1) {
          set({ playing: false, shownStep: null });
          client.step(count);
        },
        reset() {
          live.clear();
          cnn.clear();
          get().liveReset();
          // Every run starts again from the start point: none is a branch any more.
          set({
            playing: false,
            runs: initialRuns(get().experiment),
            events: [],
            shownStep: null,
            branches: {},
          });
          client.reset();
          cnn.started();
        },
        setSpeed(stepsPerSecond) {
          set({ speed: stepsPerSecond });
          client.setSpeed(stepsPerSecond);
        },

        // ── runs slice
        runs: initialRuns(options.initial),
        events: [],
        workerError: null,
        rewindAndHalve(label) {
          const run = get().experiment.runs.find((r) => r.label === label);
          if (!run) return;
          const target = rewindTarget(live.series(label), live.last(label)?.step ?? 0);
          const halved: RunConfig = {
            ...run,
            optimizer: { ...run.optimizer, lr: run.optimizer.lr / 2 },
          };
          const experiment = get().experiment;
          set({
            experiment: {
              ...experiment,
              runs: experiment.runs.map((r) => (r.label === label ? halved : r)),
            },
            runs: { ...get().runs, [label]: { status: 'running', divergence: null } },
          });
          client.rewind(label, target, halved);
          // Carry on from there: the learner wants to see the calmer run continue.
          set({ playing: true });
          client.play();
        },
        shownStep: null,
        setShownStep(step) {
          // Looking back pauses: the runs would otherwise move on behind the shown step.
          if (step !== null && get().playing) get().pause();
          set({ shownStep: step });
        },
        branches: {},
        branchRun(parent, step) {
          const current = get().experiment;
          const run = current.runs.find((r) => r.label === parent);
          if (!run) return null;
          const label = branchLabel(parent, step, current);
          const next = validated({ ...current, runs: [...current.runs, { ...run, label }] });
          if (!next) return null;
          const added = next.runs[next.runs.length - 1]!;
          if (get().playing) get().pause();
          set({
            experiment: next,
            runs: { ...get().runs, [label]: { status: 'running', divergence: null } },
            branches: { ...get().branches, [label]: { label: parent, step } },
            shownStep: null,
          });
          client.addRun(added, { label: parent, step });
          return label;
        },
        restartWorkers() {
          set({ workerError: null, playing: false });
          cnn.restarted();
          client.restart();
          client.setSpeed(get().speed);
          cnn.started();
        },
        dismissError: () => set({ workerError: null, editError: null }),

        // ── live slice: paced announcements of the histories
        ...createLiveSlice()(set, get, api),

        // ── CNN slice: data download, probe, step cursor, inspections
        ...cnn.slice(),
      };
    }),
  );

  const client: TrainingClient = new TrainingClient(options, {
    frame(frame) {
      const state = store.getState();
      let runs = state.runs;
      for (const run of frame.runs) {
        if (!(run.label in runs)) continue; // a run removed while its frame was in flight
        live.applyFrame(run);
        const view = runs[run.label];
        const divergence = run.divergence ?? null;
        // Frames are copies: a divergence is the same one if it happened at the same step.
        if (!view || view.status !== run.status || view.divergence?.step !== divergence?.step) {
          runs = { ...runs, [run.label]: { status: run.status, divergence } };
        }
      }
      const patch: Partial<LabState> = {};
      if (runs !== state.runs) patch.runs = runs;
      if (frame.events.length > 0)
        patch.events = [...state.events, ...frame.events].slice(-MAX_EVENTS);
      // Every run has finished or diverged: nothing plays any more.
      if (state.playing && !Object.values(runs).some((r) => r.status === 'running'))
        patch.playing = false;
      if (Object.keys(patch).length > 0) store.setState(patch);
      cnn.frame(frame);
      state.liveMoved();
    },
    inspection(message) {
      cnn.inspection(message);
    },
    error(message, fatal) {
      if (fatal) store.setState({ workerError: message, playing: false });
      else store.setState({ editError: { kind: 'text', text: message } });
    },
  });

  if (cnn.readyToLoad(options.initial)) {
    client.load(options.initial, cnn.mnist());
    client.setSpeed(store.getState().speed);
    cnn.started();
  }
  return Object.assign(store, { live, cnn: cnnLive, client });
}
