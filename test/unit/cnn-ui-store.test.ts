/**
 * The CNN part of the lab store with the real client and host (through a fake Worker) and real
 * CNN trainers on the generated shapes: inspections are requested and kept by step, per-tensor
 * statistics and evaluations are recorded, resets forget them; the MNIST download gates the runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SMALL_ARCHITECTURE } from '../../src/core/cnn/architecture.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { InspectionHistory, LayerHistory } from '../../src/store/cnnHistory.ts';
import { checkMnistHeader, type FetchBytes } from '../../src/store/datasetLoader.ts';
import { createLabStore } from '../../src/store/labStore.ts';
import type { WorkerCommand } from '../../src/worker/protocol.ts';
import { FakeWorker, waitFor } from '../support/fakeWorker.ts';

const shapes = parseExperiment({
  problem: {
    kind: 'cnn',
    dataset: 'shapes',
    trainSize: 200,
    testSize: 40,
    evalEvery: 5,
    architecture: SMALL_ARCHITECTURE,
  },
  steps: 12,
  seed: 5,
  runs: [
    { label: 'SGD', batchSize: 10, optimizer: { kind: 'sgd', lr: 0.05 } },
    { label: 'Adam', batchSize: 10, optimizer: { kind: 'adam', lr: 0.002 } },
  ],
});

const mnistExperiment = parseExperiment({
  problem: { kind: 'cnn', dataset: 'mnist', trainSize: 100, testSize: 20, evalEvery: 5 },
  steps: 10,
  seed: 1,
  runs: [{ label: 'SGD', batchSize: 10, optimizer: { kind: 'sgd', lr: 0.01 } }],
});

function setup(
  experiment = shapes,
  extra: { fetchBytes?: FetchBytes; mnist?: () => ArrayBuffer | undefined } = {},
) {
  const workers: FakeWorker[] = [];
  const store = createLabStore({
    initial: experiment,
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    maxWorkers: 2,
    nextFrame: (callback) => setTimeout(callback, 0),
    ...extra,
  });
  return { store, workers };
}

const inspects = (workers: FakeWorker[]) =>
  workers
    .flatMap((w) => w.commands)
    .filter((c): c is Extract<WorkerCommand, { type: 'inspect' }> => c.type === 'inspect');

describe('CNN lab store', () => {
  it('inspects every run at step 0, one worker per run, and keeps inspections by step', async () => {
    const { store, workers } = setup();
    expect(workers).toHaveLength(2); // SGD and Adam train in parallel workers
    await waitFor(() => store.cnn.history('SGD').size > 0 && store.cnn.history('Adam').size > 0);
    const first = store.cnn.history('SGD').latest()!;
    expect(first.step).toBe(0);
    // SMALL_ARCHITECTURE: conv 5×5×4 on 1 channel → one filter bank [4, 1, 5, 5].
    expect(first.filters.map((f) => f.shape)).toEqual([[4, 1, 5, 5]]);
    // Both runs start from the same weights (same seed): identical filters at step 0.
    expect(Array.from(store.cnn.history('Adam').latest()!.filters[0]!.data)).toEqual(
      Array.from(first.filters[0]!.data),
    );
    // Default probe: held-out image 0.
    expect(inspects(workers)[0]!.probe).toBe(0);
  });

  it('the initial weights are inspected even when Play is pressed at once, and after a reset', async () => {
    const { store } = setup();
    store.getState().play();
    await waitFor(() => Object.values(store.getState().runs).every((r) => r.status === 'finished'));
    await waitFor(() => (store.cnn.history('Adam').latest()?.step ?? 0) >= 12);
    expect(store.cnn.history('SGD').steps()[0]).toBe(0);
    expect(store.cnn.history('Adam').steps()[0]).toBe(0);
    store.getState().reset();
    store.getState().play();
    await waitFor(() => store.cnn.history('SGD').size > 0);
    expect(store.cnn.history('SGD').steps()[0]).toBe(0);
  });

  it('records per-tensor statistics and evaluations while training, and asks for new inspections', async () => {
    const { store } = setup();
    await waitFor(() => store.cnn.history('SGD').size > 0);
    store.getState().play();
    await waitFor(() => Object.values(store.getState().runs).every((r) => r.status === 'finished'));
    await waitFor(() => (store.cnn.history('SGD').latest()?.step ?? 0) >= 12);
    const layers = store.cnn.layers('SGD')!;
    // conv1.weight, conv1.bias, dense.weight, dense.bias; one entry per frame's newest record.
    expect(layers.names).toEqual(['conv1.weight', 'conv1.bias', 'dense.weight', 'dense.bias']);
    expect(layers.count).toBeGreaterThan(0);
    expect(layers.lastStep()).toBe(12);
    const grad = layers.view(0, 'gradNorm');
    for (let i = 0; i < grad.count; i++) expect(grad.y[i]).toBeGreaterThan(0);
    // SGD has no optimizer state: state norm 0.
    expect(layers.view(0, 'stateNorm').y[grad.count - 1]).toBe(0);
    // The last step (12) is always evaluated.
    const evaluation = store.cnn.evaluationAt('SGD', null)!;
    expect(evaluation.step).toBe(12);
    const total = evaluation.confusion.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(40); // every held-out image counted once
    // The step-0 inspection and at least one after training.
    expect(store.cnn.history('SGD').steps()[0]).toBe(0);
    expect(store.cnn.history('SGD').size).toBeGreaterThan(1);
  });

  it('a new probe is sent to every run at once; a drawn image goes as pixels', async () => {
    const { store, workers } = setup();
    await waitFor(() => store.cnn.history('SGD').size > 0 && store.cnn.history('Adam').size > 0);
    const before = workers.map((w) => w.commands.length);
    const image = new Float32Array(784).fill(0.5);
    store.getState().setProbe({ kind: 'drawn', image });
    // At once for runs with no request in flight, else as soon as that one is answered.
    await waitFor(() =>
      ['SGD', 'Adam'].every((label) => store.cnn.history(label).latest()!.probe.label === null),
    );
    const sent = inspects(
      workers.map((w, i) => ({ commands: w.commands.slice(before[i]) }) as FakeWorker),
    );
    expect(new Set(sent.map((c) => c.label))).toEqual(new Set(['Adam', 'SGD']));
    expect(sent.every((c) => c.probe instanceof Float32Array)).toBe(true);
    expect(store.cnn.history('SGD').latest()!.probe.image[0]).toBeCloseTo(0.5, 6);
  });

  it('reset forgets inspections, statistics and the cursor', async () => {
    const { store } = setup();
    store.getState().step(3);
    await waitFor(() => (store.cnn.layers('SGD')?.count ?? 0) > 0);
    store.getState().setCursor(1);
    store.getState().reset();
    expect(store.cnn.layers('SGD')).toBeNull();
    expect(store.getState().cursor).toBeNull();
    await waitFor(() => store.cnn.history('SGD').size > 0);
    expect(store.cnn.history('SGD').latest()!.step).toBe(0);
  });

  it('an MNIST experiment waits for the download, then starts its workers with the bytes', async () => {
    const bytes = readFileSync('public/data/mnist.bin');
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const progress: Array<[number, number | null]> = [];
    let release: () => void = () => {};
    const fetchBytes: FetchBytes = (url, onProgress) =>
      new Promise((resolve) => {
        expect(url).toBe('data/mnist.bin');
        release = () => {
          onProgress(buffer.byteLength / 2, buffer.byteLength);
          progress.push([buffer.byteLength / 2, buffer.byteLength]);
          onProgress(buffer.byteLength, buffer.byteLength);
          resolve(buffer);
        };
      });
    const { store, workers } = setup(mnistExperiment, { fetchBytes });
    expect(workers).toHaveLength(0);
    expect(store.getState().dataset.status).toBe('loading');
    store.getState().play(); // pressed during the download
    release();
    await waitFor(() => store.getState().dataset.status === 'ready');
    expect(store.getState().dataset.received).toBe(buffer.byteLength);
    expect(workers).toHaveLength(1);
    const init = workers[0]!.commands[0]!;
    expect(init.type === 'init' && init.mnist?.byteLength).toBe(buffer.byteLength);
    // …and training starts by itself.
    await waitFor(() => store.live.series('SGD').lastStep() >= 2);
  });

  it('a failed download is reported with the reason, and Retry fetches again', async () => {
    let calls = 0;
    const fetchBytes: FetchBytes = async () => {
      calls++;
      if (calls === 1) throw new Error('HTTP 404 Not Found');
      return new ArrayBuffer(10);
    };
    const { store } = setup(mnistExperiment, { fetchBytes });
    await waitFor(() => store.getState().dataset.status === 'error');
    expect(store.getState().dataset.error).toBe(
      'could not load the MNIST digits (data/mnist.bin): HTTP 404 Not Found',
    );
    await store.getState().loadDataset();
    expect(calls).toBe(2);
    // 10 bytes are not an MNIST file: the header check says so before any worker sees it.
    expect(store.getState().dataset.error).toMatch(/fewer than its 32-byte header/);
  });
});

describe('MNIST header check', () => {
  it('accepts the shipped file and names what is wrong with others', () => {
    const bytes = readFileSync('public/data/mnist.bin');
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect(checkMnistHeader(buffer)).toBeNull();
    expect(checkMnistHeader(buffer.slice(0, buffer.byteLength - 1))).toMatch(/truncated or padded/);
    const html = new TextEncoder().encode('<!doctype html><html>…………………………………………').buffer;
    expect(checkMnistHeader(html)).toMatch(/not a Descent Lab MNIST file/);
  });
});

describe('bounded histories', () => {
  const fake = (step: number) => ({ step }) as never;

  it('inspection history keeps the newest half dense and thins the older half', () => {
    const history = new InspectionHistory(8);
    for (let step = 0; step < 9; step++) history.add(fake(step));
    // 9 > 8: the older 5 (0…4) thin to 0, 2, 4; the newest 4 (5…8) stay.
    expect(history.steps()).toEqual([0, 2, 4, 5, 6, 7, 8]);
    expect(history.at(3)!.step).toBe(2);
    expect(history.at(-5)!.step).toBe(0);
    history.dropAfter(5);
    expect(history.steps()).toEqual([0, 2, 4, 5]);
    for (let step = 0; step < 10_000; step++) history.add(fake(100 + step));
    expect(history.size).toBeLessThanOrEqual(8);
    expect(history.latest()!.step).toBe(10_099);
  });

  it('layer history stays within capacity over many steps and keeps the newest step', () => {
    const layers = new LayerHistory(['w'], 16);
    for (let step = 0; step < 100_000; step++) {
      layers.add(step, [
        { name: 'w', gradNorm: step, stateNorm: 0, weightNorm: 1, updateRatio: 0.1 },
      ]);
    }
    expect(layers.count).toBeLessThanOrEqual(16);
    const view = layers.view(0, 'gradNorm');
    expect(view.x[view.count - 1]).toBe(99_999);
    expect(view.y[view.count - 1]).toBe(99_999);
    // Steps stay ascending after every thinning.
    for (let i = 1; i < view.count; i++) expect(view.x[i]!).toBeGreaterThan(view.x[i - 1]!);
  });
});
