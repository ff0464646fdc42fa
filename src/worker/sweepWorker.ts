/// <reference lib="webworker" />
/**
 * A learning-rate sweep worker: replays the jobs the page sends, one at a time, in slices of
 * about SLICE_MS, so pause and new messages are read between slices and progress goes out
 * every PROGRESS_MS.
 */
import { jobTrainer, sweepPointInSlices } from '../core/analysis/sweep.ts';
import type { Experiment } from '../core/config/experiment.ts';
import type { TrainerResources } from '../core/run/createTrainers.ts';
import { loadCnnEngine } from './cnnEngine.ts';
import type { SweepCommand, SweepJobCommand, SweepMessage } from './sweepProtocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const SLICE_MS = 10;
const PROGRESS_MS = 100;

// A zero-delay task queue: setTimeout(0) is clamped to 4 ms when nested.
const channel = new MessageChannel();
const waiting: Array<() => void> = [];
channel.port1.onmessage = () => waiting.shift()?.();
const nextTask = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

let experiment: Experiment | null = null;
let resources: Promise<TrainerResources> = Promise.resolve({});
let paused = false;
let resume: (() => void) | null = null;
const queue: SweepJobCommand[] = [];
let working = false;

const post = (message: SweepMessage) => self.postMessage(message);

async function work(): Promise<void> {
  working = true;
  try {
    for (let next = queue.shift(); next && experiment; next = queue.shift()) {
      const { index, job } = next;
      const trainer = jobTrainer(experiment, job, await resources);
      const slices = sweepPointInSlices(trainer, job);
      let lastProgress = performance.now();
      for (;;) {
        const sliceEnd = performance.now() + SLICE_MS;
        let result = slices.next();
        while (!result.done && performance.now() < sliceEnd) result = slices.next();
        if (result.done) {
          post({ type: 'point', index, point: result.value });
          break;
        }
        if (performance.now() - lastProgress >= PROGRESS_MS) {
          lastProgress = performance.now();
          post({ type: 'progress', index, step: trainer.t });
        }
        await nextTask();
        while (paused) await new Promise<void>((resolve) => (resume = resolve));
      }
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    working = false;
  }
}

self.onmessage = (event: MessageEvent<SweepCommand>) => {
  const command = event.data;
  switch (command.type) {
    case 'init': {
      experiment = command.experiment;
      const mnist = command.mnist;
      resources =
        command.experiment.problem.kind === 'cnn'
          ? loadCnnEngine().then((cnnEngine) => ({ mnist, cnnEngine }))
          : Promise.resolve({});
      break;
    }
    case 'job':
      queue.push(command);
      if (!working) void work();
      break;
    case 'pause':
      paused = true;
      break;
    case 'resume':
      paused = false;
      resume?.();
      resume = null;
      break;
    default: {
      const unknown: never = command;
      throw new Error(`unknown sweep command ${JSON.stringify(unknown)}`);
    }
  }
};
