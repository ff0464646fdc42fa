/**
 * The worker protocol end to end in Node: a real TrainingHost in deterministic surroundings,
 * the test playing the UI on the other side (acknowledging frames as the UI does). No sleeps
 * and no wall clock: time is virtual (every training step costs STEP_MS of it), `schedule`
 * queues tasks, and `settle()` runs them until none is left — the host is then idle, so
 * "nothing else happens" is a fact, not a wait that a late frame could pass or fail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import type { Experiment, RunConfig } from '../../src/core/config/experiment.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import {
  PROTOCOL_VERSION,
  type FrameMessage,
  type WorkerCommand,
  type WorkerMessage,
} from '../../src/worker/protocol.ts';
import { INSPECT_SHARE, SLICE_MS, TrainingHost } from '../../src/worker/trainingHost.ts';
import { tinyExperiment } from '../component/cnnFixtures.ts';
import type { StepRecord } from '../../src/core/run/records.ts';

/** Virtual milliseconds one training step (one run's `advance`) takes. */
const STEP_MS = 1;
/** Virtual milliseconds one inspection (filters and feature maps of a probe) takes. */
const INSPECT_MS = 10;

interface Ui {
  /** Delivers a command to the host in a later task, as postMessage does. */
  send(command: WorkerCommand): void;
  /** Runs queued tasks (commands, ticks, acknowledgements) until none is left. */
  settle(): void;
  messages: WorkerMessage[];
  /** Steps received per run, in order. */
  steps(label: string): number[];
  loss(label: string): number[];
  params(label: string): number[][];
  grad(label: string): number[][];
  /** The primary optimizer state after each step (velocity, m…). */
  state(label: string): number[][];
  lr(label: string): number[];
  /** The run's compute time up to each step, in seconds (`PackedSeries.seconds`). */
  seconds(label: string): number[];
  frames(): FrameMessage[];
  /** Called after each frame arrives (a page asking for something every frame). */
  onFrame?: (() => void) | undefined;
}

interface Task {
  readonly due: number;
  readonly order: number;
  readonly run: () => void;
  cancelled: boolean;
}

const open: Ui[] = [];
afterEach(() => {
  // Every test leaves the host idle: a test that forgot to settle would hide work in flight.
  for (const ui of open.splice(0)) ui.settle();
});

/** `fault(label, t)` true makes that run's step t throw, as a bug in a trainer would. */
function connect(fault: (label: string, t: number) => boolean = () => false): Ui {
  let clock = 0;
  let order = 0;
  const queue: Task[] = [];
  const enqueue = (run: () => void, delayMs: number): (() => void) => {
    const task: Task = { due: clock + delayMs, order: order++, run, cancelled: false };
    queue.push(task);
    return () => {
      task.cancelled = true;
    };
  };
  const messages: WorkerMessage[] = [];
  const host: TrainingHost = new TrainingHost({
    post(message, transfer) {
      // A structured clone that detaches what is transferred, as postMessage does.
      const received = structuredClone(message, { transfer });
      messages.push(received);
      // Like the UI: draw, then acknowledge (in a later task) so the next frame may come.
      if (received.type === 'frame') {
        enqueue(() => host.handle({ type: 'ack', seq: received.seq }), 0);
        ui.onFrame?.();
      }
    },
    now: () => clock,
    schedule: enqueue,
    createTrainers(experiment, runs, mnist) {
      const trainers = createTrainers(experiment, runs, { mnist });
      for (const trainer of trainers) {
        const advance = trainer.advance.bind(trainer);
        trainer.advance = () => {
          clock += STEP_MS;
          if (fault(trainer.label, trainer.t)) throw new TypeError('the step failed');
          return advance();
        };
        // A CNN steps in slices: its step costs STEP_MS when its last slice is done.
        const sliced = trainer as { advanceInSlices?: () => Generator<void, StepRecord, void> };
        const slices = sliced.advanceInSlices?.bind(trainer);
        if (slices)
          sliced.advanceInSlices = function* () {
            const record = yield* slices();
            clock += STEP_MS;
            return record;
          };
        const inspectable = trainer as { inspect?: (probe: number) => unknown };
        const inspect = inspectable.inspect?.bind(trainer);
        if (inspect)
          inspectable.inspect = (probe) => {
            clock += INSPECT_MS;
            return inspect(probe);
          };
      }
      return trainers;
    },
  });
  const frames = (): FrameMessage[] =>
    messages.filter((m): m is FrameMessage => m.type === 'frame');
  const column = (
    label: string,
    pick: (f: FrameMessage['runs'][number], i: number) => number[],
  ): number[][] => {
    const out: number[][] = [];
    for (const frame of frames()) {
      for (const run of frame.runs) {
        if (run.label !== label) continue;
        if (run.truncatedAfter !== undefined)
          out.splice(0, out.length, ...out.filter((_, i) => i <= run.truncatedAfter!));
        for (let i = 0; i < run.series.count; i++) out.push(pick(run, i));
      }
    }
    return out;
  };
  const pair = (values: Float64Array, i: number) => [values[2 * i]!, values[2 * i + 1]!];
  const ui: Ui = {
    send: (command) => void enqueue(() => host.handle(structuredClone(command)), 0),
    settle() {
      for (let ran = 0; ; ran++) {
        if (ran > 100_000) throw new Error('the host never became idle');
        const live = queue.filter((t) => !t.cancelled);
        if (live.length === 0) return;
        const next = live.reduce((a, b) =>
          b.due < a.due || (b.due === a.due && b.order < a.order) ? b : a,
        );
        queue.splice(queue.indexOf(next), 1);
        clock = Math.max(clock, next.due);
        next.run();
      }
    },
    messages,
    frames,
    steps: (label) => column(label, (r, i) => [r.series.step[i]!]).map((v) => v[0]!),
    loss: (label) => column(label, (r, i) => [r.series.loss[i]!]).map((v) => v[0]!),
    lr: (label) => column(label, (r, i) => [r.series.lr[i]!]).map((v) => v[0]!),
    seconds: (label) => column(label, (r, i) => [r.series.seconds[i]!]).map((v) => v[0]!),
    params: (label) => column(label, (r, i) => pair(r.series.params, i)),
    grad: (label) => column(label, (r, i) => pair(r.series.grad, i)),
    state: (label) => column(label, (r, i) => pair(r.series.state, i)),
  };
  open.push(ui);
  return ui;
}

const experiment: Experiment = parseExperiment({
  problem: { kind: 'regression', samples: 40, noise: 0.3 },
  steps: 500,
  seed: 3,
  runs: [
    { label: 'gd', optimizer: { kind: 'sgd', lr: 0.05 } },
    { label: 'mb', batchSize: 8, optimizer: { kind: 'momentum', lr: 0.02, momentum: 0.9 } },
  ],
});

function init(ui: Ui, exp: Experiment = experiment): void {
  ui.send({ type: 'init', protocol: PROTOCOL_VERSION, experiment: exp });
}

describe('training worker protocol', () => {
  it('answers init with ready, then streams frames of one slice of work each while playing', () => {
    const ui = connect();
    init(ui);
    ui.settle();
    expect(ui.messages[0]).toMatchObject({ type: 'ready', labels: ['gd', 'mb'] });
    ui.send({ type: 'play' });
    ui.settle();
    // Every step exactly once, in order, for both runs.
    expect(ui.steps('gd')).toEqual(Array.from({ length: 501 }, (_, i) => i));
    expect(ui.steps('mb')).toEqual(Array.from({ length: 501 }, (_, i) => i));
    // Coalesced by slices: a slice of SLICE_MS holds SLICE_MS / (2 runs · STEP_MS) lock-step
    // steps, and each slice's steps travel in one frame (the UI acknowledges every frame
    // before the next slice ends), so 501 records come in ⌈501 / perSlice⌉ frames.
    const perSlice = SLICE_MS / (2 * STEP_MS);
    const carried = ui
      .frames()
      .map((f) => f.runs.find((r) => r.label === 'gd')?.series.count ?? 0)
      .filter((n) => n > 0);
    expect(carried.slice(0, -1).every((n) => n === perSlice)).toBe(true);
    expect(carried.length).toBe(Math.ceil(501 / perSlice));
    expect(ui.frames().at(-1)!.playing).toBe(false);
    // Full-batch GD on least squares decreases the loss monotonically at this η.
    const loss = ui.loss('gd');
    for (let i = 1; i < loss.length; i++)
      expect(loss[i]!).toBeLessThanOrEqual(loss[i - 1]! + 1e-12);
  });

  it('takes exactly N steps on "step" and stays paused', () => {
    const ui = connect();
    init(ui);
    ui.send({ type: 'step', count: 5 });
    // Settled: the host has nothing left to do, so no later frame can add a step.
    ui.settle();
    expect(ui.steps('gd')).toEqual([0, 1, 2, 3, 4]);
    expect(ui.steps('mb')).toEqual([0, 1, 2, 3, 4]);
    const last = ui.frames().at(-1)!;
    expect(last.playing).toBe(false);
  });

  it('a live learning-rate change applies at the next step and is recorded as an event', () => {
    const ui = connect();
    init(ui);
    ui.send({ type: 'step', count: 10 });
    ui.settle();
    const run = experiment.runs[0]!;
    const patched: RunConfig = { ...run, optimizer: { ...run.optimizer, lr: 0.01 } };
    ui.send({ type: 'patchRun', label: 'gd', run: patched });
    ui.send({ type: 'step', count: 3 });
    ui.settle();
    expect(ui.steps('gd')).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(ui.lr('gd').slice(8, 13)).toEqual([0.05, 0.05, 0.01, 0.01, 0.01]);
    // SGD (no weight decay), per component, against the records themselves:
    // θ10 = θ9 − 0.05·g9 (the old rate), θ11 = θ10 − 0.01·g10 (the new one from step 10 on).
    const theta = ui.params('gd');
    const g = ui.grad('gd');
    for (const i of [0, 1]) {
      expect(g[10]![i]).not.toBe(0);
      expect(theta[10]![i]).toBe(theta[9]![i]! - 0.05 * g[9]![i]!);
      expect(theta[11]![i]).toBe(theta[10]![i]! - 0.01 * g[10]![i]!);
      expect(theta[12]![i]).toBe(theta[11]![i]! - 0.01 * g[11]![i]!);
    }
    const events = ui.frames().flatMap((f) => f.events);
    expect(events).toEqual([
      { label: 'gd', step: 10, field: 'optimizer.lr', from: '0.05', to: '0.01' },
    ]);
  });

  it("times each run's own compute: not pauses, pacing or the other run's turns", () => {
    const ui = connect();
    init(ui);
    // 10 steps a second: the virtual clock waits ~100 ms between rounds, which is not compute.
    ui.send({ type: 'setSpeed', stepsPerSecond: 10 });
    ui.send({ type: 'play' });
    ui.settle();
    expect(ui.steps('gd')).toHaveLength(501);
    // Step k is the (k + 1)-th advance of that run, STEP_MS each: (k + 1) ms, though the
    // clock moved 2 ms per round (two runs) and more between paced rounds.
    const expected = (n: number) => Array.from({ length: n }, (_, k) => ((k + 1) * STEP_MS) / 1000);
    for (const label of ['gd', 'mb']) {
      const steps = ui.steps(label);
      expect(ui.seconds(label)).toEqual(expected(steps.length));
    }
    // A rewind to step 12 restores the time at that step: the replay from the snapshot at
    // step 0 re-costs steps 0…11, so step 12 again comes at 13 ms.
    ui.send({ type: 'rewind', label: 'mb', step: 12 });
    ui.send({ type: 'step', count: 3 });
    ui.settle();
    expect(ui.steps('mb')).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(ui.seconds('mb')).toEqual(expected(15));
  });

  it('rewinds to an exact earlier state and branches with new settings', () => {
    const ui = connect();
    init(ui);
    ui.send({ type: 'step', count: 60 });
    ui.settle();
    const original = ui.params('mb');
    const originalGrad = ui.grad('mb');
    const velocity = ui.state('mb');
    expect(original).toHaveLength(60);
    const run = experiment.runs[1]!;
    if (run.optimizer.kind !== 'momentum') throw new Error('run "mb" uses momentum');
    const withoutMomentum: RunConfig = { ...run, optimizer: { ...run.optimizer, momentum: 0 } };
    ui.send({ type: 'rewind', label: 'mb', step: 33 });
    ui.send({ type: 'step', count: 10 });
    ui.settle();
    // Replayed steps 33…42 are bit-for-bit the original ones (same batches, same state).
    expect(ui.params('mb').slice(33, 43)).toEqual(original.slice(33, 43));
    expect(ui.steps('mb')).toEqual(Array.from({ length: 43 }, (_, i) => i));
    // Branch at 20 without momentum: step 20 is the same point with the same mini-batch.
    ui.send({ type: 'rewind', label: 'mb', step: 20, run: withoutMomentum });
    ui.send({ type: 'step', count: 2 });
    ui.settle();
    expect(ui.steps('mb')).toEqual(Array.from({ length: 22 }, (_, i) => i));
    const branched = ui.params('mb');
    expect(branched[20]).toEqual(original[20]);
    expect(ui.grad('mb')[20]).toEqual(originalGrad[20]);
    // Classic momentum (η = 0.02, γ = 0.9): originally v20 = 0.9·v19 + 0.02·g20 and
    // θ21 = θ20 − v20. Momentum 0 is plain SGD: θ21 = θ20 − 0.02·g20, so the branch lands
    // 0.9·v19 away from the original step — per component, with v19 from the records.
    for (const i of [0, 1]) {
      const theta20 = original[20]![i]!;
      const g20 = originalGrad[20]![i]!;
      expect(branched[21]![i]).toBe(theta20 - 0.02 * g20);
      expect(velocity[20]![i]).toBeCloseTo(0.9 * velocity[19]![i]! + 0.02 * g20, 14);
      expect(original[21]![i]! - branched[21]![i]!).toBeCloseTo(-0.9 * velocity[19]![i]!, 14);
      expect(Math.abs(velocity[19]![i]!)).toBeGreaterThan(1e-4);
    }
  });

  it('branches a new run from θ_k and the optimizer state at step k, replayed with the settings of the time', () => {
    const ui = connect();
    init(ui);
    ui.send({ type: 'step', count: 45 });
    ui.settle();
    // η of "mb" changes live at step 45: a branch before it replays η = 0.02, one after 0.05.
    const mb = experiment.runs[1]!;
    if (mb.optimizer.kind !== 'momentum') throw new Error('run "mb" uses momentum');
    const faster: RunConfig = { ...mb, optimizer: { ...mb.optimizer, lr: 0.05 } };
    ui.send({ type: 'patchRun', label: 'mb', run: faster });
    ui.send({ type: 'step', count: 15 });
    ui.settle();
    const theta = ui.params('mb');
    const grad = ui.grad('mb');
    const velocity = ui.state('mb');
    expect(ui.steps('mb')).toEqual(Array.from({ length: 60 }, (_, i) => i));
    // The user branches at step 43 and lowers η to 0.01 there.
    const slower: RunConfig = {
      ...faster,
      label: 'mb ↳ 43',
      optimizer: { ...mb.optimizer, lr: 0.01 },
    };
    ui.send({ type: 'addRun', run: slower, from: { label: 'mb', step: 43 } });
    ui.send({
      type: 'addRun',
      run: { ...faster, label: 'mb ↳ 50' },
      from: { label: 'mb', step: 50 },
    });
    ui.send({ type: 'step', count: 2 });
    ui.settle();
    expect(ui.steps('mb ↳ 43')).toEqual([43, 44]);
    expect(ui.steps('mb ↳ 50')).toEqual([50, 51]);
    // θ_k exactly, and the same mini-batch at step k (the batch order was restored too).
    expect(ui.params('mb ↳ 43')[0]).toEqual(theta[43]);
    expect(ui.grad('mb ↳ 43')[0]).toEqual(grad[43]);
    expect(ui.params('mb ↳ 50')[0]).toEqual(theta[50]);
    expect(ui.params('mb ↳ 50')[1]).toEqual(theta[51]);
    // Classic momentum from the parent's velocity at k − 1 (its records), with the branch's η:
    // v43 = 0.9·v42 + 0.01·g43, θ44 = θ43 − v43.
    for (const i of [0, 1]) {
      const v43 = 0.9 * velocity[42]![i]! + 0.01 * grad[43]![i]!;
      expect(ui.state('mb ↳ 43')[0]![i]).toBeCloseTo(v43, 14);
      expect(ui.params('mb ↳ 43')[1]![i]).toBeCloseTo(theta[43]![i]! - v43, 14);
      expect(Math.abs(0.9 * velocity[42]![i]!)).toBeGreaterThan(1e-4);
    }
    // The parent went on untouched.
    expect(ui.params('mb').slice(0, 60)).toEqual(theta);
    expect(ui.steps('mb')).toHaveLength(62);
  });

  it('a diverging run stops with its reason while the other run goes on', () => {
    const ui = connect();
    const exp = parseExperiment({
      problem: { kind: 'surface', surface: 'rosenbrock' },
      steps: 300,
      runs: [
        { label: 'wild', optimizer: { kind: 'sgd', lr: 0.5 } },
        { label: 'calm', optimizer: { kind: 'sgd', lr: 0.0005 } },
      ],
    });
    init(ui, exp);
    ui.send({ type: 'play' });
    ui.settle();
    expect(ui.steps('calm')).toHaveLength(301);
    const wild = ui.frames().flatMap((f) => f.runs.filter((r) => r.label === 'wild'));
    const final = wild.at(-1)!;
    expect(final.status).toBe('diverged');
    expect(final.divergence).toMatchObject({ lr: 0.5 });
    expect(final.divergence!.step).toBeGreaterThan(0);
    expect(ui.steps('wild').length).toBeLessThan(100);
  });

  it('stops on a trainer that throws mid-step: one fatal error, nothing trained until init', () => {
    let faulty = true;
    const ui = connect((label, t) => faulty && label === 'mb' && t === 3);
    init(ui);
    ui.send({ type: 'play' });
    ui.settle();
    const errors = () => ui.messages.filter((m) => m.type === 'error');
    expect(errors()).toEqual([
      { type: 'error', message: 'the training worker stopped: the step failed', fatal: true },
    ]);
    // Rounds step every run: gd's step 3 came first; nothing after the failed round went out.
    expect(ui.steps('mb').every((t) => t < 3)).toBe(true);
    expect(ui.steps('gd').every((t) => t <= 3)).toBe(true);
    const sent = ui.frames().length;
    ui.send({ type: 'play' });
    ui.send({ type: 'step', count: 5 });
    ui.settle();
    expect(ui.frames()).toHaveLength(sent);
    expect(errors()).toHaveLength(1);
    // A fresh init (the UI's Restart) trains again.
    faulty = false;
    init(ui);
    ui.send({ type: 'step', count: 5 });
    ui.settle();
    expect(ui.steps('mb').slice(-5)).toEqual([0, 1, 2, 3, 4]); // the records of θ_0 … θ_4
    expect(errors()).toHaveLength(1);
  });

  it('reports an exception to the UI as an error message', () => {
    const ui = connect();
    init(ui);
    ui.send({ type: 'crash' });
    ui.settle();
    const errors = () => ui.messages.filter((m) => m.type === 'error');
    expect(errors()).toEqual([
      {
        type: 'error',
        message: 'the training worker was asked to crash (test)',
        fatal: true,
      },
    ]);
    // A bad command is refused with a message, not a crash.
    ui.send({ type: 'patchRun', label: 'nope', run: experiment.runs[0]! });
    ui.settle();
    expect(errors()).toHaveLength(2);
    expect(errors().at(-1)).toEqual({
      type: 'error',
      message: 'no run labelled "nope" in this worker',
      fatal: false,
    });
  });

  it('refuses a protocol mismatch', () => {
    const ui = connect();
    ui.send({ type: 'init', protocol: PROTOCOL_VERSION + 1, experiment });
    ui.settle();
    expect(ui.messages).toHaveLength(1);
    expect(ui.messages[0]).toMatchObject({ type: 'error', fatal: false });
  });
});

describe('frames carry the preview of each run’s next step', () => {
  // f = x² + 4y² from (2, 1), ∇f = (2x, 8y), η = 1/16 (exact in binary):
  //   θ0 = (2, 1), ∇f(θ0) = (4, 8); SGD: θ1 = θ0 − (4, 8)/16 = (1.75, 0.5), ∇f(θ1) = (3.5, 4).
  //   Classic momentum γ = 0.5: v1 = (4, 8)/16 = (0.25, 0.5), θ1 = (1.75, 0.5);
  //   v2 = 0.5·v1 + η·(3.5, 4) = (0.34375, 0.5).
  const bowl: Experiment = parseExperiment({
    problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + 4*y^2', start: [2, 1] },
    steps: 3,
    seed: 1,
    runs: [
      { label: 'gd', optimizer: { kind: 'sgd', lr: 0.0625 } },
      { label: 'hb', optimizer: { kind: 'momentum', lr: 0.0625, momentum: 0.5 } },
    ],
  });
  const latest = (ui: Ui, label: string) =>
    ui
      .frames()
      .flatMap((f) => f.runs)
      .filter((r) => r.label === label)
      .at(-1);
  const framesOf = (ui: Ui, label: string) =>
    ui
      .frames()
      .flatMap((f) => f.runs)
      .filter((r) => r.label === label).length;

  it('before any step the preview is θ0 and its first step', () => {
    const ui = connect();
    init(ui, bowl);
    ui.settle();
    const hb = latest(ui, 'hb')!;
    expect(hb.last).toBeNull();
    expect(hb.next).toMatchObject({ step: 0, params: [2, 1], grad: [4, 8], loss: 8 });
    expect(hb.next!.state).toEqual({ t: 1, velocity: [0.25, 0.5] });
  });

  it('after "step 1" while paused, the preview is at θ1 (the series holds θ0)', () => {
    const ui = connect();
    init(ui, bowl);
    ui.send({ type: 'step', count: 1 });
    ui.settle();
    expect(ui.params('gd')).toEqual([[2, 1]]);
    const gd = latest(ui, 'gd')!;
    expect(gd.last!.step).toBe(0);
    expect(gd.next).toMatchObject({ step: 1, params: [1.75, 0.5], grad: [3.5, 4], lr: 0.0625 });
    const hb = latest(ui, 'hb')!;
    expect(hb.next).toMatchObject({ step: 1, params: [1.75, 0.5], grad: [3.5, 4] });
    expect(hb.next!.state).toEqual({ t: 2, velocity: [0.34375, 0.5] });
  });

  it('a live change of η while paused sends a frame whose preview uses the new η', () => {
    const ui = connect();
    init(ui, bowl);
    ui.send({ type: 'step', count: 1 });
    ui.settle();
    expect(latest(ui, 'hb')!.next!.step).toBe(1);
    const before = framesOf(ui, 'hb');
    const run = bowl.runs[1]!;
    ui.send({
      type: 'patchRun',
      label: 'hb',
      run: { ...run, optimizer: { ...run.optimizer, lr: 0.125 } },
    });
    ui.settle();
    expect(framesOf(ui, 'hb')).toBe(before + 1);
    const hb = latest(ui, 'hb')!;
    // No step was taken: still at θ1, but v2 = 0.5·(0.25, 0.5) + 0.125·(3.5, 4) = (0.5625, 0.75).
    expect(hb.series.count).toBe(0);
    expect(hb.next).toMatchObject({ step: 1, params: [1.75, 0.5], lr: 0.125 });
    expect(hb.next!.state).toEqual({ t: 2, velocity: [0.5625, 0.75] });
    expect(ui.frames().at(-1)!.playing).toBe(false);
  });

  it('a reset while paused sends the preview at θ0 again; a finished run has none', () => {
    const ui = connect();
    init(ui, bowl);
    ui.send({ type: 'step', count: 10 });
    // Budget 3: records 0…3, the last one final.
    ui.settle();
    expect(latest(ui, 'gd')!.status).toBe('finished');
    expect(ui.steps('gd')).toEqual([0, 1, 2, 3]);
    expect(latest(ui, 'gd')!.next).toBeNull();
    const before = framesOf(ui, 'gd');
    ui.send({ type: 'reset' });
    ui.settle();
    expect(framesOf(ui, 'gd')).toBe(before + 1);
    const gd = latest(ui, 'gd')!;
    expect(gd.truncatedAfter).toBe(-1);
    expect(gd.status).toBe('running');
    expect(gd.next).toMatchObject({ step: 0, params: [2, 1], grad: [4, 8] });
  });
});

describe('inspections', () => {
  it('take at most a fifth of the worker’s time while it trains, and the last is answered on pause', () => {
    const ui = connect();
    const cnn = tinyExperiment({
      steps: 400,
      runs: [{ label: 'SGD', batchSize: 10, optimizer: { kind: 'sgd', lr: 0.1 } }],
    });
    init(ui, cnn);
    ui.settle();
    // A page that asks for a fresh look after every frame.
    let requestId = 0;
    let asked = 0;
    ui.onFrame = () => {
      asked++;
      ui.send({ type: 'inspect', label: 'SGD', probe: 0, requestId: ++requestId });
    };
    ui.send({ type: 'play' });
    ui.settle();
    ui.onFrame = undefined;
    const steps = ui.steps('SGD').at(-1)!;
    // Answered while it trained (once it stops, every request is answered at once).
    const answered = ui.messages.filter(
      (m) => m.type === 'inspection' && (m as { step: number }).step < steps,
    ).length;
    expect(steps).toBe(400);
    expect(asked).toBeGreaterThan(20);
    expect(answered).toBeGreaterThan(5); // answered all along, not only at the end
    expect(answered).toBeLessThan(asked);
    // Inspection time ≤ a fifth of the time: ≤ a quarter of the training time, one over at most.
    const budget = (INSPECT_SHARE / (1 - INSPECT_SHARE)) * steps * STEP_MS + INSPECT_MS;
    expect(answered * INSPECT_MS).toBeLessThanOrEqual(budget);
    // Paused, a request is answered at once, whatever the budget.
    ui.send({ type: 'inspect', label: 'SGD', probe: 0, requestId: ++requestId });
    ui.settle();
    expect(ui.messages.filter((m) => m.type === 'inspection').at(-1)).toMatchObject({ requestId });
  });
});
