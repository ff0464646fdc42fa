/** A training worker for the stream benchmark: the real TrainingHost on a Node worker thread. */
import { parentPort } from 'node:worker_threads';
import { cnnEngineForNode } from '../src/cli/nodeResources.ts';
import { createTrainers } from '../src/core/run/createTrainers.ts';
import type { WorkerCommand } from '../src/worker/protocol.ts';
import { TrainingHost } from '../src/worker/trainingHost.ts';

const port = parentPort!;
const host = new TrainingHost({
  post: (message, transfer) => port.postMessage(message, transfer as ArrayBuffer[]),
  now: () => performance.now(),
  schedule(task, delayMs) {
    if (delayMs > 0) {
      const id = setTimeout(task, delayMs);
      return () => clearTimeout(id);
    }
    const id = setImmediate(task);
    return () => clearImmediate(id);
  },
  // The engine the app's workers use: WebAssembly SIMD where available.
  createTrainers: (experiment, runs, mnist) =>
    createTrainers(experiment, runs, { mnist, cnnEngine: cnnEngineForNode() }),
});
port.on('message', (command: WorkerCommand) => host.handle(command));
