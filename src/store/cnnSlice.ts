/**
 * The CNN lab's part of the lab store: the MNIST download (once, with progress; the runs start
 * when the bytes are there), the probe image every run is inspected with (a held-out image or
 * one the learner drew), the shared step cursor, and the inspection requests — sent for every
 * CNN run whenever it has moved on, at most every INSPECT_INTERVAL_MS while training streams,
 * one in flight per run, and at once when the probe changes or on demand.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { Experiment } from '../core/config/experiment.ts';
import type { FrameMessage, InspectionMessage } from '../worker/protocol.ts';
import type { TrainingClient } from '../worker/trainingClient.ts';
import type { CnnHistory } from './cnnHistory.ts';
import { DATASET_IDLE, MnistLoader, type FetchBytes } from './datasetLoader.ts';
import type { CnnSlice, LabServices, LabState } from './labState.ts';
import type { RunHistory } from './runHistory.ts';

/** Least time between two inspection requests of one run while it trains, in ms (4 per second). */
export const INSPECT_INTERVAL_MS = 250;
/** A request unanswered this long is given up (its worker died or dropped it), in ms. */
export const INSPECT_TIMEOUT_MS = 3000;

export interface CnnControllerOptions {
  readonly live: RunHistory;
  readonly cnn: CnnHistory;
  getState(): LabState;
  setState(partial: Partial<LabState>): void;
  client(): TrainingClient;
  /** Reloads the runs of `experiment` (the store's reload). */
  reload(experiment: Experiment): void;
  /** MNIST bytes given by the page (tests, tools); else they are downloaded. */
  readonly mnist?: (() => ArrayBuffer | undefined) | undefined;
  readonly fetchBytes?: FetchBytes | undefined;
  /** Milliseconds, monotonic; default performance.now. */
  readonly now?: (() => number) | undefined;
}

/** Whether `experiment` trains on the MNIST file. */
export function needsMnist(experiment: Experiment): boolean {
  return experiment.problem.kind === 'cnn' && experiment.problem.dataset === 'mnist';
}

interface Request {
  readonly label: string;
  readonly generation: number;
}

/** Drives the CNN slice; the other slices call its hooks (the slice's `cnn…` actions). */
export class CnnController {
  private readonly loader: MnistLoader;
  private waitingForData = false;
  private generation = 0;
  private nextId = 1;
  private probeVersion = 0;
  private readonly requests = new Map<number, Request>();
  /** label → when its unanswered request was sent. */
  private readonly outstanding = new Map<string, number>();
  /** label → the newest step and probe version it was last asked about, and when. */
  private readonly asked = new Map<string, { step: number; probe: number; at: number }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: CnnControllerOptions) {
    this.loader = new MnistLoader((dataset) => options.setState({ dataset }), options.fetchBytes);
    this.now = options.now ?? (() => performance.now());
  }

  /** The slice's initial state and public actions. */
  slice(): Pick<
    CnnSlice,
    'dataset' | 'probe' | 'cursor' | 'loadDataset' | 'setProbe' | 'setCursor' | 'inspectNow'
  > {
    return {
      dataset: DATASET_IDLE,
      probe: { kind: 'test', index: 0 },
      cursor: null,
      loadDataset: () => this.loadDataset(),
      setProbe: (probe) => {
        this.options.setState({ probe });
        this.probeVersion++;
        this.inspect(true);
      },
      setCursor: (cursor) => this.options.setState({ cursor }),
      inspectNow: () => {
        this.asked.clear();
        this.inspect(true);
      },
    };
  }

  /** The MNIST bytes, when there are any. */
  mnist(): ArrayBuffer | undefined {
    return this.loader.data ?? this.options.mnist?.();
  }

  /**
   * Whether the runs of `experiment` can be loaded now. If they need the MNIST file and it is
   * not here, starts the download and returns false; the store is reloaded when it arrives.
   */
  readyToLoad(experiment: Experiment): boolean {
    if (!needsMnist(experiment) || this.mnist() !== undefined) {
      this.waitingForData = false;
      return true;
    }
    this.waitingForData = true;
    void this.loadDataset();
    return false;
  }

  private async loadDataset(): Promise<void> {
    const bytes = await this.loader.load();
    if (!bytes || !this.waitingForData) return;
    const { getState, reload } = this.options;
    // Play pressed during the download starts training as soon as the data is in.
    const wasPlaying = getState().playing;
    reload(getState().experiment);
    if (wasPlaying) getState().play();
  }

  /** After a reload, reset or restart: forget the old runs' inspections, requests and cursor. */
  clear(): void {
    this.generation++;
    this.requests.clear();
    this.outstanding.clear();
    this.asked.clear();
    this.options.cnn.clear();
    this.options.setState({ cursor: null });
    this.publish();
  }

  /**
   * Right after the workers were (re)loaded or reset, before any play or step reaches them:
   * asks every run for its inspection at step 0, so the initial filters are always recorded.
   */
  started(): void {
    this.inspect(true);
  }

  /** After a restart of the workers: requests in flight are lost; histories stay. */
  restarted(): void {
    this.generation++;
    this.requests.clear();
    this.outstanding.clear();
    this.asked.clear();
  }

  removed(label: string): void {
    this.outstanding.delete(label);
    this.asked.delete(label);
    this.options.cnn.remove(label);
    this.publish();
  }

  /** Called after the store applied a frame (the runs' series already hold it). */
  frame(frame: FrameMessage): void {
    if (this.options.getState().experiment.problem.kind !== 'cnn') return;
    const runs = this.options.getState().runs;
    const { cnn } = this.options;
    for (const run of frame.runs) {
      if (!(run.label in runs)) continue;
      if (run.truncatedAfter !== undefined) {
        cnn.truncate(run.label, run.truncatedAfter);
        // A request about a step that no longer exists (rewind, restart) is asked again.
        const asked = this.asked.get(run.label);
        if (asked && asked.step > run.truncatedAfter) this.asked.delete(run.label);
      }
      if (run.last) cnn.addRecord(run.label, run.last);
    }
    this.publish();
    this.inspect(false);
  }

  inspection(message: InspectionMessage): void {
    const request = this.requests.get(message.requestId);
    if (!request) return;
    this.requests.delete(message.requestId);
    if (request.generation !== this.generation) return;
    this.outstanding.delete(request.label);
    const inspection = message.inspection;
    if (request.label in this.options.getState().runs) {
      const { cnn } = this.options;
      cnn.addInspection(request.label, inspection);
      const evaluation = inspection.evaluation;
      if (evaluation) {
        cnn.addEvaluation(request.label, {
          step: evaluation.step,
          accuracy: evaluation.accuracy,
          confusion: evaluation.confusion,
        });
      }
      this.publish();
    }
    this.inspect(false);
  }

  /** Announces added or dropped inspections and evaluations as the store's `inspections` count. */
  private publish(): void {
    const version = this.options.cnn.inspectionVersion;
    if (this.options.getState().inspections !== version)
      this.options.setState({ inspections: version });
  }

  /**
   * Sends an inspection request to every CNN run that has moved on (or has a new probe) since
   * it was last asked, with none in flight; unless `force`, not sooner than
   * INSPECT_INTERVAL_MS after the last request (a timer catches up on the ones held back).
   */
  private inspect(force: boolean): void {
    const state = this.options.getState();
    if (state.experiment.problem.kind !== 'cnn' || this.waitingForData) return;
    const now = this.now();
    let wait = Infinity;
    for (const run of state.experiment.runs) {
      const label = run.label;
      if (!(label in state.runs)) continue;
      const step = this.options.live.series(label).lastStep();
      const asked = this.asked.get(label);
      if (asked && asked.step === step && asked.probe === this.probeVersion) continue;
      const sent = this.outstanding.get(label);
      if (sent !== undefined && now - sent < INSPECT_TIMEOUT_MS) continue; // re-checked on its answer
      const since = asked ? now - asked.at : Infinity;
      // Only training is throttled: a new probe is the learner's doing and is answered at once.
      const newProbe = asked !== undefined && asked.probe !== this.probeVersion;
      if (!force && !newProbe && since < INSPECT_INTERVAL_MS) {
        wait = Math.min(wait, INSPECT_INTERVAL_MS - since);
        continue;
      }
      this.send(label, step, now);
    }
    if (wait < Infinity && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.inspect(false);
      }, wait);
    }
  }

  private send(label: string, step: number, now: number): void {
    const state = this.options.getState();
    const probe = state.probe;
    const testSize =
      state.experiment.problem.kind === 'cnn' ? state.experiment.problem.testSize : 1;
    const id = this.nextId++;
    this.requests.set(id, { label, generation: this.generation });
    this.outstanding.set(label, now);
    this.asked.set(label, { step, probe: this.probeVersion, at: now });
    this.options
      .client()
      .inspect(
        label,
        probe.kind === 'test'
          ? Math.max(0, Math.min(testSize - 1, Math.floor(probe.index)))
          : probe.image,
        id,
      );
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The CNN lab's slice of the lab store, driven by a CnnController. */
export function createCnnSlice(
  services: LabServices,
  options: Pick<CnnControllerOptions, 'mnist' | 'fetchBytes' | 'now'> = {},
): StateCreator<LabState, [], [], CnnSlice> {
  return (set, get) => {
    const controller = new CnnController({
      ...options,
      live: services.live,
      cnn: services.cnn,
      getState: get,
      setState: set,
      client: services.client,
      reload: (experiment) => get().loadExperiment(experiment),
    });
    return {
      ...controller.slice(),
      cnnReadyToLoad: (experiment) => controller.readyToLoad(experiment),
      cnnMnist: () => controller.mnist(),
      cnnCleared: () => controller.clear(),
      cnnStarted: () => controller.started(),
      cnnRestarted: () => controller.restarted(),
      cnnRemoved: (label) => controller.removed(label),
      cnnFrame: (frame) => controller.frame(frame),
      cnnInspection: (message) => controller.inspection(message),
    };
  };
}
