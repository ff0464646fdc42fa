/**
 * Streaming benchmark (issue 4): six surface runs at full speed in one worker plus one CNN run
 * on MNIST in another, each feeding a real lab store on the main thread through the real
 * TrainingClient. The main thread is driven by a 60 Hz frame clock standing in for
 * requestAnimationFrame; we measure the work it does per frame (receiving frames, packing them
 * into the bounded series, notifying subscribers), the frames delivered per second, and the
 * steps per second the workers sustain. Drawing is measured in the browser tests (long tasks).
 */
import { Worker } from 'node:worker_threads';
import { parseExperiment } from '../src/core/config/validate.ts';
import { createLabStore } from '../src/store/labStore.ts';
import type { WorkerCommand, WorkerMessage } from '../src/worker/protocol.ts';
import type { WorkerLike } from '../src/worker/trainingClient.ts';
import { MNIST_PATH } from './mnistFile.ts';
import { readFileSync } from 'node:fs';

export interface StreamBenchResult {
  readonly seconds: number;
  readonly framesPerSecond: { readonly surface: number; readonly cnn: number };
  readonly stepsPerSecond: { readonly surfacePerRun: number; readonly cnn: number };
  readonly mainThreadMsPerFrame: {
    readonly mean: number;
    readonly p95: number;
    readonly max: number;
  };
  readonly longTasks: number;
}

const WORKER_URL = new URL('./streamWorker.ts', import.meta.url).href;

/** A worker_threads Worker that loads TypeScript through tsx, shaped like a DOM Worker. */
function nodeWorker(onFrame: () => void = () => {}): WorkerLike {
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); });`,
    { eval: true },
  );
  const like: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message: WorkerCommand, transfer?: Transferable[]) =>
      worker.postMessage(message, (transfer ?? []) as ArrayBuffer[]),
    terminate: () => void worker.terminate(),
  };
  worker.on('message', (data: WorkerMessage) => {
    if (data.type === 'frame') onFrame();
    like.onmessage?.({ data } as MessageEvent<WorkerMessage>);
  });
  worker.on('error', (error) => like.onerror?.({ message: error.message } as ErrorEvent));
  return like;
}

/** A 60 Hz stand-in for requestAnimationFrame that times each frame's callbacks. */
class FrameClock {
  private queue: Array<() => void> = [];
  readonly frameMs: number[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  request = (callback: () => void): void => {
    this.queue.push(callback);
  };

  start(): void {
    this.timer = setInterval(() => {
      const callbacks = this.queue;
      this.queue = [];
      const started = performance.now();
      for (const callback of callbacks) callback();
      if (callbacks.length > 0) this.frameMs.push(performance.now() - started);
    }, 1000 / 60);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** Counts the frames the workers made by the returned `createWorker` send to their store. */
function countFrames(): { frames: number; createWorker: () => WorkerLike } {
  const counter = { frames: 0, createWorker: () => nodeWorker(() => counter.frames++) };
  return counter;
}

export async function runStreamBench(seconds = 8): Promise<StreamBenchResult> {
  const clock = new FrameClock();
  const surface = parseExperiment({
    problem: { kind: 'surface', surface: 'rosenbrock' },
    steps: 10_000_000,
    runs: ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adadelta'].map((kind) => ({
      label: kind,
      optimizer: { kind, lr: 1e-4 },
    })),
  });
  const cnn = parseExperiment({
    problem: { kind: 'cnn', dataset: 'mnist', evalEvery: 1_000_000 },
    steps: 10_000_000,
    runs: [
      {
        label: 'momentum',
        batchSize: 20,
        optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 },
      },
    ],
  });
  const bytes = readFileSync(MNIST_PATH);
  const mnist = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const options = { nextFrame: clock.request, maxWorkers: 1 };
  const surfaceFrames = countFrames();
  const cnnFrames = countFrames();
  const surfaceStore = createLabStore({
    ...options,
    createWorker: surfaceFrames.createWorker,
    initial: surface,
  });
  const cnnStore = createLabStore({
    ...options,
    createWorker: cnnFrames.createWorker,
    initial: cnn,
    mnist: () => mnist,
  });
  clock.start();
  // Let the workers start (module loading, data parsing) before timing.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  surfaceStore.getState().play();
  cnnStore.getState().play();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const startFrames = { surface: surfaceFrames.frames, cnn: cnnFrames.frames };
  const startSteps = {
    surface: surfaceStore.live.series('sgd').lastStep(),
    cnn: cnnStore.live.series('momentum').lastStep(),
  };
  clock.frameMs.length = 0;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const frameMs = clock.frameMs.slice().sort((a, b) => a - b);
  const result: StreamBenchResult = {
    seconds,
    framesPerSecond: {
      surface: (surfaceFrames.frames - startFrames.surface) / seconds,
      cnn: (cnnFrames.frames - startFrames.cnn) / seconds,
    },
    stepsPerSecond: {
      surfacePerRun: (surfaceStore.live.series('sgd').lastStep() - startSteps.surface) / seconds,
      cnn: (cnnStore.live.series('momentum').lastStep() - startSteps.cnn) / seconds,
    },
    mainThreadMsPerFrame: {
      mean: frameMs.reduce((s, v) => s + v, 0) / Math.max(1, frameMs.length),
      p95: frameMs[Math.floor(frameMs.length * 0.95)] ?? 0,
      max: frameMs.at(-1) ?? 0,
    },
    longTasks: frameMs.filter((ms) => ms > 50).length,
  };
  clock.stop();
  surfaceStore.client.dispose();
  cnnStore.client.dispose();
  return result;
}

export function formatStreamBench(r: StreamBenchResult): string {
  const f = (v: number, d = 1): string => v.toFixed(d);
  return [
    `Streaming: 6 surface runs (one worker) + 1 CNN run on MNIST (another worker), ${r.seconds} s at full speed`,
    '',
    '| measure                                   | value |',
    '|-------------------------------------------|-------|',
    `| frames delivered per second, surface store | ${f(r.framesPerSecond.surface)} |`,
    `| frames delivered per second, CNN store     | ${f(r.framesPerSecond.cnn)} |`,
    `| steps per second, each surface run         | ${f(r.stepsPerSecond.surfacePerRun, 0)} |`,
    `| steps per second, CNN run (batch 20)       | ${f(r.stepsPerSecond.cnn)} |`,
    `| main-thread ms per frame, mean             | ${f(r.mainThreadMsPerFrame.mean, 2)} (target ≤ 4) |`,
    `| main-thread ms per frame, p95              | ${f(r.mainThreadMsPerFrame.p95, 2)} |`,
    `| main-thread ms per frame, max              | ${f(r.mainThreadMsPerFrame.max, 2)} |`,
    `| frames over 50 ms                         | ${r.longTasks} (target 0) |`,
  ].join('\n');
}
