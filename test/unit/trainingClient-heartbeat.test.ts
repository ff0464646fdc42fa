/**
 * A worker that stops without a word (closed, killed for memory) is noticed by the heartbeat,
 * reported once as stopped, and `restart()` brings training back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { WorkerCommand, WorkerMessage } from '../../src/worker/protocol.ts';
import { TrainingClient, WORKER_SILENT, type WorkerLike } from '../../src/worker/trainingClient.ts';
import { TrainingHost } from '../../src/worker/trainingHost.ts';

/** A worker running a real host in-process, which can be made to go silent. */
class Worker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  silent = false;
  private readonly host = new TrainingHost({
    post: (message) => {
      if (!this.silent) setTimeout(() => this.onmessage?.({ data: message } as MessageEvent), 0);
    },
    now: () => performance.now(),
    schedule(task, delayMs) {
      const id = setTimeout(task, delayMs);
      return () => clearTimeout(id);
    },
    createTrainers: (experiment, runs) => createTrainers(experiment, runs),
  });
  postMessage(command: WorkerCommand): void {
    if (!this.silent) this.host.handle(command);
  }
  terminate(): void {
    this.silent = true;
  }
}

const experiment = parseExperiment({
  problem: { kind: 'surface', surface: 'beale' },
  runs: [{ label: 'adam', optimizer: { kind: 'adam', lr: 0.05 } }],
});

// Fake time drives the pings, the worker's pacing and the clock the silence is measured on:
// "nothing is reported" holds after a stretch of time that no slow machine can shorten.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the heartbeat', () => {
  it('reports a silent worker once, and restart recovers', async () => {
    const workers: Worker[] = [];
    const errors: Array<[string, boolean]> = [];
    let frames = 0;
    const client = new TrainingClient(
      {
        createWorker: () => {
          workers.push(new Worker());
          return workers.at(-1)!;
        },
        nextFrame: (callback) => setTimeout(callback, 0),
        heartbeatMs: 20,
        silentAfterMs: 150,
      },
      {
        frame: () => frames++,
        inspection: () => {},
        error: (message, fatal) => errors.push([message, fatal]),
      },
    );
    const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);
    try {
      client.load(experiment);
      await wait(300); // paused: no pings are owed, so a quiet worker is not reported
      expect(errors).toEqual([]);
      client.play();
      await wait(400); // a healthy worker answers every ping: nothing reported
      expect(errors).toEqual([]);
      workers[0]!.silent = true;
      await wait(400);
      expect(errors).toEqual([[WORKER_SILENT, true]]);
      const framesBefore = frames;
      client.restart();
      client.play();
      await wait(400);
      expect(errors).toHaveLength(1);
      expect(workers).toHaveLength(2);
      expect(frames).toBeGreaterThan(framesBefore); // the new worker trains
    } finally {
      client.dispose();
    }
  });
});
