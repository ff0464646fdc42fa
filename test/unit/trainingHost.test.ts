/**
 * The worker protocol end to end in Node: a real TrainingHost on one side of a
 * MessageChannel, the test playing the UI on the other (acknowledging frames as the UI does).
 */
import { MessageChannel } from 'node:worker_threads';
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
import { TrainingHost } from '../../src/worker/trainingHost.ts';

interface Ui {
  send(command: WorkerCommand): void;
  messages: WorkerMessage[];
  /** Steps received per run, in order. */
  steps(label: string): number[];
  loss(label: string): number[];
  params(label: string): number[][];
  lr(label: string): number[];
  frames(): FrameMessage[];
  waitFor(predicate: () => boolean, ms?: number): Promise<void>;
  close(): void;
}

const open: Ui[] = [];
afterEach(() => {
  for (const ui of open.splice(0)) ui.close();
});

function connect(): Ui {
  const { port1: workerPort, port2: uiPort } = new MessageChannel();
  const host = new TrainingHost({
    post: (message, transfer) => workerPort.postMessage(message, transfer as ArrayBuffer[]),
    now: () => performance.now(),
    schedule(task, delayMs) {
      const id = setTimeout(task, delayMs);
      return () => clearTimeout(id);
    },
    createTrainers: (experiment, runs, mnist) => createTrainers(experiment, runs, { mnist }),
  });
  workerPort.on('message', (command: WorkerCommand) => host.handle(command));
  const messages: WorkerMessage[] = [];
  uiPort.on('message', (message: WorkerMessage) => {
    messages.push(message);
    // Like the UI: draw, then acknowledge so the next frame may come.
    if (message.type === 'frame')
      setTimeout(() => uiPort.postMessage({ type: 'ack', seq: message.seq }), 1);
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
  const ui: Ui = {
    send: (command) => uiPort.postMessage(command),
    messages,
    frames,
    steps: (label) => column(label, (r, i) => [r.series.step[i]!]).map((v) => v[0]!),
    loss: (label) => column(label, (r, i) => [r.series.loss[i]!]).map((v) => v[0]!),
    lr: (label) => column(label, (r, i) => [r.series.lr[i]!]).map((v) => v[0]!),
    params: (label) =>
      column(label, (r, i) => [r.series.params[2 * i]!, r.series.params[2 * i + 1]!]),
    async waitFor(predicate, ms = 5000) {
      const until = Date.now() + ms;
      while (!predicate()) {
        if (Date.now() > until) throw new Error('timed out waiting');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close() {
      workerPort.close();
      uiPort.close();
    },
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
  it('answers init with ready, then streams coalesced frames while playing', async () => {
    const ui = connect();
    init(ui);
    await ui.waitFor(() => ui.messages.some((m) => m.type === 'ready'));
    ui.send({ type: 'play' });
    await ui.waitFor(() => ui.steps('gd').length >= 501 && ui.steps('mb').length >= 501);
    // Every step exactly once, in order, for both runs.
    expect(ui.steps('gd')).toEqual(Array.from({ length: 501 }, (_, i) => i));
    expect(ui.steps('mb')).toEqual(Array.from({ length: 501 }, (_, i) => i));
    // Coalesced: far fewer frames than steps.
    expect(ui.frames().length).toBeLessThan(200);
    // Full-batch GD on least squares decreases the loss monotonically at this η.
    const loss = ui.loss('gd');
    for (let i = 1; i < loss.length; i++)
      expect(loss[i]!).toBeLessThanOrEqual(loss[i - 1]! + 1e-12);
  });

  it('takes exactly N steps on "step" and stays paused', async () => {
    const ui = connect();
    init(ui);
    ui.send({ type: 'step', count: 5 });
    await ui.waitFor(() => ui.steps('gd').length >= 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ui.steps('gd')).toEqual([0, 1, 2, 3, 4]);
    const last = ui.frames().at(-1)!;
    expect(last.playing).toBe(false);
  });

  it('a live learning-rate change applies at the next step and is recorded as an event', async () => {
    const ui = connect();
    init(ui);
    ui.send({ type: 'step', count: 10 });
    await ui.waitFor(() => ui.steps('gd').length >= 10);
    const run = experiment.runs[0]!;
    const patched: RunConfig = { ...run, optimizer: { ...run.optimizer, lr: 0.01 } };
    ui.send({ type: 'patchRun', label: 'gd', run: patched });
    ui.send({ type: 'step', count: 3 });
    await ui.waitFor(() => ui.steps('gd').length >= 13);
    expect(ui.lr('gd').slice(8, 13)).toEqual([0.05, 0.05, 0.01, 0.01, 0.01]);
    // θ11 = θ10 − 0.01·g10: check against the records themselves.
    const events = ui.frames().flatMap((f) => f.events);
    expect(events).toContainEqual({
      label: 'gd',
      step: 10,
      field: 'optimizer.lr',
      from: '0.05',
      to: '0.01',
    });
  });

  it('rewinds to an exact earlier state and branches with new settings', async () => {
    const ui = connect();
    init(ui);
    ui.send({ type: 'step', count: 60 });
    await ui.waitFor(() => ui.steps('mb').length >= 60);
    const original = ui.params('mb');
    const run = experiment.runs[1]!;
    if (run.optimizer.kind !== 'momentum') throw new Error('run "mb" uses momentum');
    const withoutMomentum: RunConfig = { ...run, optimizer: { ...run.optimizer, momentum: 0 } };
    ui.send({ type: 'rewind', label: 'mb', step: 33 });
    ui.send({ type: 'step', count: 10 });
    await ui.waitFor(() => ui.steps('mb').at(-1) === 42);
    // Replayed steps 33…42 are bit-for-bit the original ones (same batches, same state).
    expect(ui.params('mb').slice(33, 43)).toEqual(original.slice(33, 43));
    expect(ui.steps('mb')).toEqual(Array.from({ length: 43 }, (_, i) => i));
    // Branch at 20 with another momentum: step 20 is the same point, step 21 differs.
    ui.send({
      type: 'rewind',
      label: 'mb',
      step: 20,
      run: withoutMomentum,
    });
    ui.send({ type: 'step', count: 2 });
    await ui.waitFor(() => ui.steps('mb').at(-1) === 21 && ui.steps('mb').length === 22);
    const branched = ui.params('mb');
    expect(branched[20]).toEqual(original[20]);
    expect(branched[21]).not.toEqual(original[21]);
  });

  it('a diverging run stops with its reason while the other run goes on', async () => {
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
    await ui.waitFor(() => ui.steps('calm').length >= 301);
    const wild = ui.frames().flatMap((f) => f.runs.filter((r) => r.label === 'wild'));
    const final = wild.at(-1)!;
    expect(final.status).toBe('diverged');
    expect(final.divergence).toMatchObject({ lr: 0.5 });
    expect(final.divergence!.step).toBeGreaterThan(0);
    expect(ui.steps('wild').length).toBeLessThan(100);
  });

  it('reports an exception to the UI as an error message', async () => {
    const ui = connect();
    init(ui);
    ui.send({ type: 'crash' });
    await ui.waitFor(() => ui.messages.some((m) => m.type === 'error'));
    const error = ui.messages.find((m) => m.type === 'error');
    expect(error).toMatchObject({ type: 'error', fatal: true });
    // A bad command is refused with a message, not a crash.
    ui.send({ type: 'patchRun', label: 'nope', run: experiment.runs[0]! });
    await ui.waitFor(() => ui.messages.filter((m) => m.type === 'error').length >= 2);
    expect(ui.messages.filter((m) => m.type === 'error').at(-1)).toMatchObject({
      message: 'no run labelled "nope" in this worker',
      fatal: false,
    });
  });

  it('refuses a protocol mismatch', async () => {
    const ui = connect();
    ui.send({ type: 'init', protocol: PROTOCOL_VERSION + 1, experiment });
    await ui.waitFor(() => ui.messages.length > 0);
    expect(ui.messages[0]).toMatchObject({ type: 'error' });
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

  it('before any step the preview is θ0 and its first step', async () => {
    const ui = connect();
    init(ui, bowl);
    await ui.waitFor(() => latest(ui, 'hb')?.next != null);
    const hb = latest(ui, 'hb')!;
    expect(hb.last).toBeNull();
    expect(hb.next).toMatchObject({ step: 0, params: [2, 1], grad: [4, 8], loss: 8 });
    expect(hb.next!.state).toEqual({ t: 1, velocity: [0.25, 0.5] });
  });

  it('after "step 1" while paused, the preview is at θ1 (the series holds θ0)', async () => {
    const ui = connect();
    init(ui, bowl);
    ui.send({ type: 'step', count: 1 });
    await ui.waitFor(
      () => latest(ui, 'gd')?.next?.step === 1 && latest(ui, 'hb')?.next?.step === 1,
    );
    expect(ui.params('gd')).toEqual([[2, 1]]);
    const gd = latest(ui, 'gd')!;
    expect(gd.last!.step).toBe(0);
    expect(gd.next).toMatchObject({ step: 1, params: [1.75, 0.5], grad: [3.5, 4], lr: 0.0625 });
    const hb = latest(ui, 'hb')!;
    expect(hb.next).toMatchObject({ step: 1, params: [1.75, 0.5], grad: [3.5, 4] });
    expect(hb.next!.state).toEqual({ t: 2, velocity: [0.34375, 0.5] });
  });

  it('a live change of η while paused sends a frame whose preview uses the new η', async () => {
    const ui = connect();
    init(ui, bowl);
    ui.send({ type: 'step', count: 1 });
    await ui.waitFor(() => latest(ui, 'hb')?.next?.step === 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = framesOf(ui, 'hb');
    const run = bowl.runs[1]!;
    ui.send({
      type: 'patchRun',
      label: 'hb',
      run: { ...run, optimizer: { ...run.optimizer, lr: 0.125 } },
    });
    await ui.waitFor(() => framesOf(ui, 'hb') > before);
    const hb = latest(ui, 'hb')!;
    // No step was taken: still at θ1, but v2 = 0.5·(0.25, 0.5) + 0.125·(3.5, 4) = (0.5625, 0.75).
    expect(hb.series.count).toBe(0);
    expect(hb.next).toMatchObject({ step: 1, params: [1.75, 0.5], lr: 0.125 });
    expect(hb.next!.state).toEqual({ t: 2, velocity: [0.5625, 0.75] });
    expect(ui.frames().at(-1)!.playing).toBe(false);
  });

  it('a reset while paused sends the preview at θ0 again; a finished run has none', async () => {
    const ui = connect();
    init(ui, bowl);
    ui.send({ type: 'step', count: 10 });
    // Budget 3: records 0…3, the last one final.
    await ui.waitFor(() => latest(ui, 'gd')?.status === 'finished');
    expect(ui.steps('gd')).toEqual([0, 1, 2, 3]);
    expect(latest(ui, 'gd')!.next).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = framesOf(ui, 'gd');
    ui.send({ type: 'reset' });
    await ui.waitFor(() => framesOf(ui, 'gd') > before);
    const gd = latest(ui, 'gd')!;
    expect(gd.truncatedAfter).toBe(-1);
    expect(gd.status).toBe('running');
    expect(gd.next).toMatchObject({ step: 0, params: [2, 1], grad: [4, 8] });
  });
});
