/**
 * The UI side of the training workers: spawns them, splits the runs among them (two-parameter
 * runs share one worker; CNN runs get a worker each, up to hardwareConcurrency − 1), forwards
 * commands, and hands frames to the store at most once per animation frame per worker,
 * acknowledging each so workers never flood the page. A heartbeat notices a worker that went
 * silent (it stopped without an error): its runs are reported stopped, and `restart()` recovers.
 */
import type { Experiment, RunConfig } from '../core/config/experiment.ts';
import {
  PROTOCOL_VERSION,
  assertNever,
  type BranchPoint,
  type FrameMessage,
  type InspectionMessage,
  type WorkerCommand,
  type WorkerMessage,
} from './protocol.ts';

/** What the store hears from the workers. */
export interface TrainingClientListener {
  frame(frame: FrameMessage): void;
  inspection(message: InspectionMessage): void;
  /** `fatal`: a worker died; its runs stop until `restart()`. */
  error(message: string, fatal: boolean): void;
}

/** The parts of `Worker` the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: WorkerCommand, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
}

export interface TrainingClientOptions {
  createWorker(): WorkerLike;
  /** Workers available for CNN runs. Default: hardwareConcurrency − 1, at least 1. */
  readonly maxWorkers?: number;
  /** Runs `callback` before the next repaint (requestAnimationFrame in the browser). */
  readonly nextFrame?: (callback: () => void) => void;
  /**
   * Milliseconds between pings to each worker (default 1000; 0 turns the heartbeat off). A
   * worker that sends nothing for `silentAfterMs` (default 6000) is reported stopped: it
   * reads commands at least every few milliseconds, even in the middle of a long CNN step.
   */
  readonly heartbeatMs?: number;
  readonly silentAfterMs?: number;
}

/** Reported when a worker stops answering (i18n/domain.ts words it). */
export const WORKER_SILENT = 'the training worker stopped responding';

interface Slot {
  worker: WorkerLike;
  labels: string[];
  queued: FrameMessage[];
  flushScheduled: boolean;
  /** When the worker was last heard from (any message), in performance.now() milliseconds. */
  lastHeard: number;
  /** Reported silent already: not reported again. */
  silent: boolean;
}

export class TrainingClient {
  private slots: Slot[] = [];
  private experiment: Experiment | null = null;
  private mnist: ArrayBuffer | undefined;
  private disposed = false;
  private readonly nextFrame: (callback: () => void) => void;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private pings = 0;

  constructor(
    private readonly options: TrainingClientOptions,
    private readonly listener: TrainingClientListener,
  ) {
    this.nextFrame =
      options.nextFrame ??
      ((callback) =>
        typeof requestAnimationFrame === 'function'
          ? requestAnimationFrame(() => callback())
          : setTimeout(callback, 16));
  }

  /** Loads an experiment into fresh workers (paused at step 0). */
  load(experiment: Experiment, mnist?: ArrayBuffer): void {
    this.terminate();
    this.experiment = experiment;
    this.mnist = mnist;
    for (const labels of this.partition(experiment)) this.spawn(labels);
    this.stopHeartbeat(); // fresh workers start paused
  }

  /**
   * Pings the workers only while they are meant to be playing: an idle page sets no timer, and
   * a paused worker owes no frames, so silence then means nothing.
   */

  private startHeartbeat(): void {
    const every = this.options.heartbeatMs ?? 1000;
    if (this.heartbeat !== null || every <= 0) return;
    const silentAfter = this.options.silentAfterMs ?? 6000;
    const start = performance.now();
    for (const slot of this.slots) slot.lastHeard = start;
    this.heartbeat = setInterval(() => {
      const now = performance.now();
      for (const slot of this.slots) {
        if (slot.silent) continue;
        if (now - slot.lastHeard > silentAfter) {
          slot.silent = true;
          this.listener.error(WORKER_SILENT, true);
        } else {
          slot.worker.postMessage({ type: 'ping', seq: ++this.pings });
        }
      }
    }, every);
  }

  /** Brings dead workers back with the current experiment (history kept by the store). */
  restart(): void {
    if (this.experiment) this.load(this.experiment, this.mnist);
  }

  play(): void {
    this.broadcast({ type: 'play' });
    this.startHeartbeat();
  }
  pause(): void {
    this.broadcast({ type: 'pause' });
    this.stopHeartbeat();
  }
  step(count = 1): void {
    this.broadcast({ type: 'step', count });
  }
  reset(): void {
    this.broadcast({ type: 'reset' });
  }
  setSpeed(stepsPerSecond: number | null): void {
    this.broadcast({ type: 'setSpeed', stepsPerSecond });
  }
  patchRun(label: string, run: RunConfig): void {
    this.replaceRun(label, run);
    this.owner(label)?.worker.postMessage({ type: 'patchRun', label, run });
  }
  rewind(label: string, step: number, run?: RunConfig): void {
    if (run) this.replaceRun(label, run);
    this.owner(label)?.worker.postMessage({ type: 'rewind', label, step, ...(run ? { run } : {}) });
  }
  inspect(label: string, probe: Float32Array | number, requestId: number): void {
    this.owner(label)?.worker.postMessage({ type: 'inspect', label, probe, requestId });
  }
  /** Adds a run; with `from`, a branch of that run at that step (hosted beside its parent). */
  addRun(run: RunConfig, from?: BranchPoint): void {
    if (!this.experiment) return;
    this.experiment = { ...this.experiment, runs: [...this.experiment.runs, run] };
    const slot =
      (from && this.owner(from.label)) ??
      this.slots.reduce<Slot | undefined>(
        (best, s) => (best === undefined || s.labels.length < best.labels.length ? s : best),
        undefined,
      );
    if (!slot) return;
    slot.labels.push(run.label);
    slot.worker.postMessage({ type: 'addRun', run, ...(from ? { from } : {}) });
  }
  removeRun(label: string): void {
    if (!this.experiment) return;
    this.experiment = {
      ...this.experiment,
      runs: this.experiment.runs.filter((r) => r.label !== label),
    };
    const slot = this.owner(label);
    if (!slot) return;
    slot.labels = slot.labels.filter((l) => l !== label);
    slot.worker.postMessage({ type: 'removeRun', label });
  }
  /** Test hook: make one worker throw. */
  crash(): void {
    this.slots[0]?.worker.postMessage({ type: 'crash' });
  }

  dispose(): void {
    this.disposed = true;
    this.terminate();
    this.stopHeartbeat();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private terminate(): void {
    for (const slot of this.slots) slot.worker.terminate();
    this.slots = [];
  }

  private replaceRun(label: string, run: RunConfig): void {
    if (!this.experiment) return;
    this.experiment = {
      ...this.experiment,
      runs: this.experiment.runs.map((r) => (r.label === label ? run : r)),
    };
  }

  private owner(label: string): Slot | undefined {
    return this.slots.find((slot) => slot.labels.includes(label));
  }

  private broadcast(command: WorkerCommand): void {
    for (const slot of this.slots) slot.worker.postMessage(command);
  }

  private partition(experiment: Experiment): string[][] {
    const labels = experiment.runs.map((r) => r.label);
    if (experiment.problem.kind !== 'cnn') return [labels];
    const available =
      this.options.maxWorkers ?? Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1);
    const count = Math.max(1, Math.min(labels.length, available));
    const groups: string[][] = Array.from({ length: count }, () => []);
    labels.forEach((label, i) => groups[i % count]!.push(label));
    return groups;
  }

  private spawn(labels: string[]): void {
    const experiment = this.experiment;
    if (!experiment) return;
    let worker: WorkerLike;
    try {
      worker = this.options.createWorker();
    } catch (error) {
      this.listener.error(`could not start a training worker: ${(error as Error).message}`, true);
      return;
    }
    const slot: Slot = {
      worker,
      labels,
      queued: [],
      flushScheduled: false,
      lastHeard: performance.now(),
      silent: false,
    };
    worker.onmessage = (event) => this.receive(slot, event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.listener.error(`the training worker stopped: ${event.message || 'unknown error'}`, true);
    };
    // A frame lost this way is never acknowledged, and the worker waits for that: training
    // would freeze without a word. It is a stop, with Restart.
    worker.onmessageerror = () =>
      this.listener.error('a message from the training worker could not be read', true);
    this.slots.push(slot);
    // Each worker gets its own copy of the data: transferring would leave the others without it.
    const mnist = this.mnist?.slice(0);
    worker.postMessage(
      { type: 'init', protocol: PROTOCOL_VERSION, experiment, labels, ...(mnist ? { mnist } : {}) },
      mnist ? [mnist] : [],
    );
  }

  private receive(slot: Slot, message: WorkerMessage): void {
    if (this.disposed || !this.slots.includes(slot)) return;
    slot.lastHeard = performance.now();
    switch (message.type) {
      case 'ready':
      case 'pong':
        return;
      case 'frame':
        slot.queued.push(message);
        if (!slot.flushScheduled) {
          slot.flushScheduled = true;
          this.nextFrame(() => this.flush(slot));
        }
        return;
      case 'inspection':
        return this.listener.inspection(message);
      case 'error':
        return this.listener.error(message.message, message.fatal);
      default:
        assertNever(message);
    }
  }

  private flush(slot: Slot): void {
    slot.flushScheduled = false;
    if (!this.slots.includes(slot)) return;
    const frames = slot.queued;
    slot.queued = [];
    for (const frame of frames) this.listener.frame(frame);
    const newest = frames[frames.length - 1];
    if (newest) slot.worker.postMessage({ type: 'ack', seq: newest.seq });
  }
}
