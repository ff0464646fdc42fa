/// <reference lib="webworker" />
/**
 * The training worker's entry: connects a TrainingHost to the worker's message port.
 * Anything that escapes the host is reported to the UI as a fatal error.
 */
import { JS_ENGINE } from '../core/cnn/engine.ts';
import { createTrainers } from '../core/run/createTrainers.ts';
import { WorkerData } from '../core/cnn/trainer.ts';
import { loadCnnEngine } from './cnnEngine.ts';
import type { WorkerCommand, WorkerMessage } from './protocol.ts';
import { TrainingHost } from './trainingHost.ts';

declare const self: DedicatedWorkerGlobalScope;

// A zero-delay task queue: setTimeout(0) is clamped to 4 ms when nested.
const channel = new MessageChannel();
const immediate: Array<() => void> = [];
channel.port1.onmessage = () => immediate.shift()?.();

function post(message: WorkerMessage, transfer: Transferable[]): void {
  self.postMessage(message, transfer);
}

function reportFatal(error: unknown): void {
  post(
    { type: 'error', message: error instanceof Error ? error.message : String(error), fatal: true },
    [],
  );
}

/** This worker's images: only those its experiment trains and evaluates on, parsed once. */
const workerData = new WorkerData();

const host = new TrainingHost({
  post,
  now: () => performance.now(),
  schedule(task, delayMs) {
    const guarded = (): void => {
      try {
        task();
      } catch (error) {
        reportFatal(error);
      }
    };
    if (delayMs > 0) {
      const id = setTimeout(guarded, delayMs);
      return () => clearTimeout(id);
    }
    let cancelled = false;
    immediate.push(() => {
      if (!cancelled) guarded();
    });
    channel.port2.postMessage(null);
    return () => {
      cancelled = true;
    };
  },
  createTrainers: (experiment, runs, mnist) =>
    createTrainers(experiment, runs, {
      cnnEngine,
      ...(experiment.problem.kind === 'cnn'
        ? { cnnData: workerData.of(experiment, mnist) }
        : { mnist }),
    }),
});

// Commands wait until the engine is loaded (a few kilobytes, once per worker).
let cnnEngine = JS_ENGINE;
let waiting: WorkerCommand[] | null = [];
void loadCnnEngine().then((engine) => {
  cnnEngine = engine;
  const commands = waiting ?? [];
  waiting = null;
  for (const command of commands) host.handle(command);
});
self.onmessage = (event: MessageEvent<WorkerCommand>) => {
  if (waiting) waiting.push(event.data);
  else host.handle(event.data);
};
self.onerror = (event) => {
  reportFatal(typeof event === 'string' ? event : event.message);
};
