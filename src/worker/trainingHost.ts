/**
 * The worker's brain, free of worker globals so tests can drive it in Node: it hosts the runs
 * of an experiment, applies commands between slices of work (a long CNN step is worked on a
 * few milliseconds at a time, so a command waits at most one slice), paces the steps, and streams
 * coalesced frames — at most one in flight until the UI acknowledges it, so the UI is never
 * flooded. `worker.ts` connects it to `self`.
 */
import type { CnnInspection } from '../core/cnn/trainer.ts';
import type { Experiment, RunConfig } from '../core/config/experiment.ts';
import type { Divergence, StepRecord } from '../core/run/records.ts';
import type { RunTrainer, TrainerSnapshot } from '../core/run/trainer.ts';
import { primaryStateName } from '../core/optimizers/index.ts';
import {
  PROTOCOL_VERSION,
  assertNever,
  type BranchPoint,
  type LiveEvent,
  type RunFrame,
  type WorkerCommand,
  type WorkerMessage,
} from './protocol.ts';
import { SeriesPacker, transferablesOf } from './seriesPacker.ts';

/** What the host needs from its surroundings (a worker, or a test). */
export interface HostEnvironment {
  post(message: WorkerMessage, transfer: Transferable[]): void;
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls `task` after `delayMs` (0 = as soon as possible); returns a cancel function. */
  schedule(task: () => void, delayMs: number): () => void;
  /** Builds trainers for the given runs of an experiment. */
  createTrainers(
    experiment: Experiment,
    runs: readonly RunConfig[],
    mnist: ArrayBuffer | undefined,
  ): RunTrainer[];
}

/** Longest slice of work between two looks at the message queue, in ms. */
export const SLICE_MS = 12;
/**
 * Steps kept pending per run while the UI has not acknowledged a frame, before pausing work.
 * It bounds what one frame carries (and so the main thread's work per frame): at ~30 acked
 * frames a second it still allows ~30,000 steps a second per run.
 */
const MAX_PENDING = 1000;

/**
 * Inspections (filters, feature maps) may take at most a fifth of a training worker's time:
 * while it trains, a run's inspection waits (the newest request kept) while its inspection time
 * exceeds a quarter of its training time.
 */
export const INSPECT_SHARE = 1 / 5;
/** A snapshot every this many steps (and at every live change), for rewind. */
const SNAPSHOT_EVERY = 20;
/** Most snapshots kept per run; older ones are thinned out. */
const MAX_SNAPSHOTS = 300;

/**
 * A trainer snapshot with the run's compute time at that step and the settings its following
 * steps were taken with, so a rewind or a branch replays them exactly.
 */
interface Snapshot {
  readonly state: TrainerSnapshot;
  readonly computeMs: number;
  readonly run: RunConfig;
}

interface HostedRun {
  trainer: RunTrainer;
  packer: SeriesPacker;
  last: StepRecord | null;
  snapshots: Snapshot[];
  /** Milliseconds spent computing this run's steps so far (see `PackedSeries.seconds`). */
  computeMs: number;
  truncatedAfter: number | undefined;
  divergence: Divergence | undefined;
  changed: boolean;
  /** The step in progress when it is worked on in slices, else null. */
  pending: Generator<void, StepRecord, void> | null;
  /**
   * An inspection asked for during a step in progress, or over its time budget while training:
   * answered once the step is complete and the budget allows.
   */
  deferredInspect: { probe: Float32Array | number; requestId: number } | null;
  /** Milliseconds spent answering this run's inspections (see INSPECT_SHARE). */
  inspectMs: number;
}

export class TrainingHost {
  private experiment: Experiment | null = null;
  private labels: string[] = [];
  private mnist: ArrayBuffer | undefined;
  private runs = new Map<string, HostedRun>();
  private playing = false;
  private stepsToTake = 0;
  private stepsPerSecond: number | null = null;
  private lastPacedAt = 0;
  private seq = 0;
  private awaitingAck = false;
  private events: LiveEvent[] = [];
  private cancelTick: (() => void) | null = null;
  /** Runs still to take their step in the current round (all runs step t before any steps t + 1). */
  private round: HostedRun[] = [];
  /** A trainer threw mid-step: nothing is trained until the next `init`. */
  private faulted = false;

  constructor(private readonly env: HostEnvironment) {}

  /** Handles one command; errors in a command are reported, never thrown. */
  handle(command: WorkerCommand): void {
    try {
      this.apply(command);
    } catch (error) {
      this.env.post(
        { type: 'error', message: errorMessage(error), fatal: command.type === 'crash' },
        [],
      );
      return;
    }
    this.wake();
  }

  private apply(command: WorkerCommand): void {
    switch (command.type) {
      case 'init':
        if (command.protocol !== PROTOCOL_VERSION) {
          throw new Error(
            `protocol ${command.protocol} does not match the worker's ${PROTOCOL_VERSION}; reload the page`,
          );
        }
        this.experiment = command.experiment;
        this.mnist = command.mnist;
        this.labels = command.labels
          ? [...command.labels]
          : command.experiment.runs.map((r) => r.label);
        this.playing = false;
        this.stepsToTake = 0;
        this.faulted = false;
        this.build(this.hostedRunConfigs());
        this.env.post({ type: 'ready', protocol: PROTOCOL_VERSION, labels: this.labels }, []);
        return;
      case 'play':
        this.requireExperiment();
        this.playing = true;
        this.lastPacedAt = this.env.now();
        return;
      case 'pause':
        this.playing = false;
        this.stepsToTake = 0;
        this.markAllChanged();
        this.answerDeferredInspections();
        return;
      case 'step':
        this.requireExperiment();
        this.playing = false;
        this.stepsToTake += Math.max(0, Math.floor(command.count));
        return;
      case 'reset':
        this.requireExperiment();
        this.playing = false;
        this.stepsToTake = 0;
        this.build([...this.runs.values()].map((r) => r.trainer.run));
        return;
      case 'setSpeed':
        this.stepsPerSecond = command.stepsPerSecond;
        this.lastPacedAt = this.env.now();
        return;
      case 'patchRun':
        return this.patch(command.label, command.run);
      case 'addRun':
        return this.addRun(command.run, command.from);
      case 'removeRun':
        this.runs.delete(command.label);
        this.labels = this.labels.filter((l) => l !== command.label);
        return;
      case 'rewind':
        return this.rewind(command.label, command.step, command.run);
      case 'inspect':
        return this.inspect(command.label, command.probe, command.requestId);
      case 'ack':
        if (command.seq === this.seq) this.awaitingAck = false;
        return;
      case 'ping':
        this.env.post({ type: 'pong', seq: command.seq }, []);
        return;
      case 'crash':
        throw new Error('the training worker was asked to crash (test)');
      default:
        assertNever(command);
    }
  }

  private requireExperiment(): Experiment {
    if (!this.experiment) throw new Error('no experiment loaded yet');
    return this.experiment;
  }

  private hostedRunConfigs(): RunConfig[] {
    const experiment = this.requireExperiment();
    return experiment.runs.filter((r) => this.labels.includes(r.label));
  }

  /** (Re)creates the given runs from step 0, sharing the experiment's seed and start. */
  private build(runConfigs: readonly RunConfig[]): void {
    const experiment = this.requireExperiment();
    const trainers = this.env.createTrainers(
      { ...experiment, runs: runConfigs },
      runConfigs,
      this.mnist,
    );
    this.runs = new Map(trainers.map((trainer) => [trainer.label, this.hosted(trainer)]));
    this.round = [];
    this.events = [];
  }

  private hosted(trainer: RunTrainer): HostedRun {
    return {
      trainer,
      packer: new SeriesPacker(primaryStateName(trainer.run.optimizer.kind)),
      last: null,
      snapshots: [],
      computeMs: 0,
      truncatedAfter: -1,
      divergence: undefined,
      changed: true,
      pending: null,
      deferredInspect: null,
      inspectMs: 0,
    };
  }

  /** Drops the step in progress of `hosted`: the run is back as it was before that step. */
  private abandonStep(hosted: HostedRun): void {
    hosted.pending?.return(undefined as never);
    hosted.pending = null;
  }

  private run(label: string): HostedRun {
    const run = this.runs.get(label);
    if (!run) throw new Error(`no run labelled "${label}" in this worker`);
    return run;
  }

  private patch(label: string, next: RunConfig): void {
    const hosted = this.run(label);
    this.abandonStep(hosted); // the step restarts with the new settings
    const previous = hosted.trainer.run;
    const step = hosted.trainer.t;
    for (const change of diffRuns(previous, next)) this.events.push({ label, step, ...change });
    if (previous.optimizer.kind !== next.optimizer.kind) {
      // A different optimizer has different state: that run starts again from step 0.
      const experiment = this.requireExperiment();
      const [trainer] = this.env.createTrainers(
        { ...experiment, runs: [next] },
        [next],
        this.mnist,
      );
      if (!trainer) throw new Error(`could not build run "${label}"`);
      this.runs.set(label, this.hosted(trainer));
      return;
    }
    hosted.trainer.reconfigure(next);
    // Taken after the change: a snapshot holds the settings of the steps that follow it.
    this.takeSnapshot(hosted);
    hosted.changed = true;
  }

  private addRun(run: RunConfig, from: BranchPoint | undefined): void {
    if (this.runs.has(run.label)) throw new Error(`a run labelled "${run.label}" exists already`);
    const experiment = this.requireExperiment();
    const [trainer] = this.env.createTrainers({ ...experiment, runs: [run] }, [run], this.mnist);
    if (!trainer) throw new Error(`could not build run "${run.label}"`);
    const hosted = this.hosted(trainer);
    if (from) {
      // A branch is its parent's history up to the branch point, replayed as a rewind would.
      const parent = this.run(from.label);
      const target = Math.max(0, Math.min(Math.floor(from.step), parent.trainer.t));
      if (target > 0) this.moveTo(hosted, parent.snapshots, target);
    }
    this.runs.set(run.label, hosted);
    this.labels.push(run.label);
  }

  private rewind(label: string, step: number, branch: RunConfig | undefined): void {
    const hosted = this.run(label);
    this.abandonStep(hosted);
    const target = Math.max(0, Math.min(Math.floor(step), hosted.trainer.t));
    this.moveTo(hosted, hosted.snapshots, target);
    if (branch) this.patch(label, branch);
  }

  /**
   * Puts `hosted` at step `target` of a history (its own, or a parent's for a branch): the
   * newest snapshot at or before it, then the steps from there replayed with the settings they
   * were taken with — trainers are deterministic, and every live change left a snapshot. The
   * run then goes on with its own current settings.
   */
  private moveTo(hosted: HostedRun, snapshots: readonly Snapshot[], target: number): void {
    const trainer = hosted.trainer;
    const snapshot = [...snapshots].reverse().find((s) => s.state.t <= target);
    if (!snapshot) throw new Error(`no snapshot at or before step ${target} of "${trainer.label}"`);
    const settings = trainer.run;
    trainer.restore(snapshot.state);
    if (snapshot.run !== settings) trainer.reconfigure({ ...snapshot.run, label: settings.label });
    // The replay costs what those steps cost the first time, so it counts as their compute time.
    const replayStarted = this.env.now();
    while (trainer.t < target && trainer.status === 'running') trainer.advance();
    hosted.computeMs = snapshot.computeMs + (this.env.now() - replayStarted);
    if (trainer.run !== settings) trainer.reconfigure(settings);
    hosted.snapshots = snapshots.filter((s) => s.state.t <= target);
    hosted.packer.clear();
    hosted.truncatedAfter = target - 1;
    hosted.divergence = undefined;
    hosted.last = null;
    hosted.changed = true;
  }

  private inspect(label: string, probe: Float32Array | number, requestId: number): void {
    const hosted = this.run(label);
    // Mid-step the gradients are partial sums: while working, answer once the step is
    // complete; while paused, drop the step in progress (it is redone) and answer now.
    const working = this.playing || this.stepsToTake > 0;
    const overBudget = hosted.inspectMs > (INSPECT_SHARE / (1 - INSPECT_SHARE)) * hosted.computeMs;
    if (working && (hosted.pending || overBudget)) {
      hosted.deferredInspect = { probe, requestId };
      return;
    }
    this.abandonStep(hosted);
    const trainer = hosted.trainer as RunTrainer & {
      inspect?: (probe: Float32Array | number) => CnnInspection;
    };
    if (!trainer.inspect) throw new Error(`run "${label}" has no network to inspect`);
    const started = this.env.now();
    const inspection = trainer.inspect(probe);
    hosted.inspectMs += this.env.now() - started;
    this.env.post(
      { type: 'inspection', requestId, label, step: hosted.trainer.t, inspection },
      collectBuffers(inspection),
    );
  }

  /** Paused, nothing competes with an inspection that was waiting for its budget. */
  private answerDeferredInspections(): void {
    for (const hosted of this.runs.values()) {
      const deferred = hosted.deferredInspect;
      hosted.deferredInspect = null;
      if (deferred) this.inspect(hosted.trainer.label, deferred.probe, deferred.requestId);
    }
  }

  private markAllChanged(): void {
    for (const run of this.runs.values()) run.changed = true;
  }

  private takeSnapshot(hosted: HostedRun): void {
    const t = hosted.trainer.t;
    const lastSnap = hosted.snapshots[hosted.snapshots.length - 1];
    if (lastSnap && lastSnap.state.t === t) hosted.snapshots.pop();
    hosted.snapshots.push({
      state: hosted.trainer.snapshot(),
      computeMs: hosted.computeMs,
      run: hosted.trainer.run,
    });
    if (hosted.snapshots.length > MAX_SNAPSHOTS) {
      // Keep the newest half as is and every other one of the older half.
      const half = MAX_SNAPSHOTS / 2;
      const older = hosted.snapshots.slice(0, -half).filter((_, i) => i % 2 === 0);
      hosted.snapshots = [...older, ...hosted.snapshots.slice(-half)];
    }
  }

  /**
   * Works on the current round (every running run's next step) until it is complete or
   * `deadline` passes: "done" when every run has stepped, "partial" when time ran out first,
   * "stuck" when no run can move.
   */
  private workOnRound(deadline: number): 'done' | 'partial' | 'stuck' {
    if (this.round.length === 0) {
      this.round = [...this.runs.values()].filter(
        (h) => h.trainer.status === 'running' && h.packer.size < MAX_PENDING,
      );
      if (this.round.length === 0) return 'stuck';
    }
    while (this.round.length > 0) {
      const hosted = this.round[0]!;
      // A run removed, rebuilt or stopped since the round began has no step owed.
      if (this.runs.get(hosted.trainer.label) !== hosted || hosted.trainer.status !== 'running') {
        this.round.shift();
        continue;
      }
      const record = this.advance(hosted, deadline);
      if (record === null) return 'partial';
      this.round.shift();
      hosted.packer.add(record, hosted.computeMs / 1000);
      hosted.last = record;
      hosted.changed = true;
      if (record.divergence !== undefined) hosted.divergence = record.divergence;
      const deferred = hosted.deferredInspect;
      hosted.deferredInspect = null;
      if (deferred) this.inspect(hosted.trainer.label, deferred.probe, deferred.requestId);
    }
    return 'done';
  }

  /** One step of `hosted`, or null when `deadline` passed first (the step stays in progress). */
  private advance(hosted: HostedRun, deadline: number): StepRecord | null {
    const trainer = hosted.trainer;
    if (!hosted.pending && trainer.t % SNAPSHOT_EVERY === 0) this.takeSnapshot(hosted);
    const started = this.env.now();
    if (!hosted.pending) {
      if (!trainer.advanceInSlices) {
        const record = trainer.advance();
        hosted.computeMs += this.env.now() - started;
        return record;
      }
      hosted.pending = trainer.advanceInSlices();
    }
    for (;;) {
      const next = hosted.pending.next();
      const now = this.env.now();
      if (next.done) {
        hosted.pending = null;
        hosted.computeMs += now - started;
        return next.value;
      }
      if (now >= deadline) {
        hosted.computeMs += now - started;
        return null;
      }
    }
  }

  private anyRunning(): boolean {
    for (const hosted of this.runs.values()) if (hosted.trainer.status === 'running') return true;
    return false;
  }

  /** Whether some run can take a step now (running, and its pending steps are not capped). */
  private canAdvance(): boolean {
    for (const hosted of this.runs.values()) {
      if (hosted.trainer.status === 'running' && hosted.packer.size < MAX_PENDING) return true;
    }
    return false;
  }

  /** Schedules the next tick if there is anything to do. */
  private wake(): void {
    if (this.cancelTick || this.faulted) return;
    const busy = (this.playing || this.stepsToTake > 0) && this.canAdvance();
    const hasNews = !this.awaitingAck && [...this.runs.values()].some((r) => r.changed);
    if (!busy && !hasNews && this.events.length === 0) return;
    // A step in progress goes on at once; pacing applies between steps.
    const midStep = this.round.some((h) => h.pending !== null);
    const delay =
      busy && this.playing && this.stepsPerSecond !== null && !midStep
        ? 1000 / this.stepsPerSecond
        : 0;
    this.cancelTick = this.env.schedule(
      () => {
        this.cancelTick = null;
        try {
          this.tick();
        } catch (error) {
          this.stopOnFault(error);
          return;
        }
        this.wake();
      },
      Math.min(delay, 1000),
    );
  }

  /**
   * A trainer threw mid-step: its run is half-updated, so nothing more is trained until the
   * UI restarts the worker; the UI hears of it once, as a stopped worker.
   */
  private stopOnFault(error: unknown): void {
    this.faulted = true;
    this.playing = false;
    this.stepsToTake = 0;
    this.round = [];
    this.env.post(
      {
        type: 'error',
        message: `the training worker stopped: ${errorMessage(error)}`,
        fatal: true,
      },
      [],
    );
  }

  private tick(): void {
    const started = this.env.now();
    const deadline = started + SLICE_MS;
    if (this.stepsToTake > 0) {
      while (this.stepsToTake > 0 && this.env.now() < deadline) {
        const worked = this.workOnRound(deadline);
        if (worked === 'partial') break;
        if (worked === 'stuck') {
          if (!this.anyRunning()) this.stepsToTake = 0;
          break;
        }
        this.stepsToTake--;
      }
    } else if (this.playing) {
      let budget = Infinity;
      if (this.stepsPerSecond !== null) {
        const owed = Math.floor(((started - this.lastPacedAt) * this.stepsPerSecond) / 1000);
        budget = Math.max(1, owed);
        this.lastPacedAt =
          owed >= 1 ? this.lastPacedAt + (owed * 1000) / this.stepsPerSecond : started;
      }
      for (let i = 0; i < budget && this.env.now() < deadline; i++) {
        if (this.workOnRound(deadline) !== 'done') break;
      }
      if (!this.anyRunning()) this.playing = false;
    }
    if (!this.playing && this.stepsToTake === 0) this.answerDeferredInspections();
    this.sendFrame();
  }

  private sendFrame(): void {
    if (this.awaitingAck) return;
    const changed = [...this.runs.values()].filter((r) => r.changed);
    if (changed.length === 0 && this.events.length === 0) return;
    const transfer: ArrayBuffer[] = [];
    const runs: RunFrame[] = changed.map((hosted) => {
      const series = hosted.packer.take();
      transfer.push(...transferablesOf(series));
      const frame: RunFrame = {
        label: hosted.trainer.label,
        status: hosted.trainer.status,
        series,
        last: hosted.last,
        // Built here, not per step: only the newest preview matters, and at most once a frame.
        next: hosted.trainer.preview?.() ?? null,
        ...(hosted.divergence === undefined ? {} : { divergence: hosted.divergence }),
        ...(hosted.truncatedAfter === undefined ? {} : { truncatedAfter: hosted.truncatedAfter }),
      };
      hosted.changed = false;
      hosted.truncatedAfter = undefined;
      return frame;
    });
    this.seq += 1;
    this.awaitingAck = true;
    const playing = this.playing || this.stepsToTake > 0;
    this.env.post({ type: 'frame', seq: this.seq, playing, runs, events: this.events }, transfer);
    this.events = [];
  }
}

/** Leaf-by-leaf differences between two run configs, for live-change events. */
export function diffRuns(
  a: RunConfig,
  b: RunConfig,
): Array<{ field: string; from: string; to: string }> {
  const out: Array<{ field: string; from: string; to: string }> = [];
  const visit = (x: unknown, y: unknown, path: string): void => {
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const key of keys) {
        visit(
          (x as Record<string, unknown>)[key],
          (y as Record<string, unknown>)[key],
          path ? `${path}.${key}` : key,
        );
      }
    } else if (x !== y) {
      out.push({ field: path, from: String(x ?? '—'), to: String(y ?? '—') });
    }
  };
  visit(a, b, '');
  return out;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every ArrayBuffer reachable inside a plain object (for transfer). */
function collectBuffers(value: unknown, out: ArrayBuffer[] = []): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (!out.includes(value.buffer as ArrayBuffer)) out.push(value.buffer as ArrayBuffer);
  } else if (Array.isArray(value)) {
    for (const item of value) collectBuffers(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectBuffers(item, out);
  }
  return out;
}
