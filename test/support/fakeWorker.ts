/**
 * A stand-in for `new Worker(...)` in Node and jsdom tests: it runs the real TrainingHost
 * (real trainers, real pacing) and delivers messages asynchronously, as a worker would.
 */
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { WorkerCommand, WorkerMessage } from '../../src/worker/protocol.ts';
import type { WorkerLike } from '../../src/worker/trainingClient.ts';
import { TrainingHost, type HostEnvironment } from '../../src/worker/trainingHost.ts';

export interface FakeWorkerOptions {
  /** How the host builds its trainers (default: the core's, as the real worker does). */
  readonly createTrainers?: HostEnvironment['createTrainers'];
  /**
   * Messages the page cannot read: delivered as a `messageerror` event instead, as a browser
   * does when a message fails to deserialize.
   */
  readonly unreadable?: (message: WorkerMessage) => boolean;
}

export class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  /** Every command the UI sent, for assertions. */
  readonly commands: WorkerCommand[] = [];
  /** Every message the host posted, for assertions. */
  readonly posted: WorkerMessage[] = [];
  terminated = false;
  private readonly host: TrainingHost;

  constructor(options: FakeWorkerOptions = {}) {
    this.host = new TrainingHost({
      post: (message) => {
        this.posted.push(message);
        setTimeout(() => {
          if (this.terminated) return;
          if (options.unreadable?.(message)) this.onmessageerror?.({ data: null } as MessageEvent);
          else this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
        }, 0);
      },
      now: () => performance.now(),
      schedule: (task, delayMs) => {
        const id = setTimeout(() => {
          if (!this.terminated) task();
        }, delayMs);
        return () => clearTimeout(id);
      },
      createTrainers:
        options.createTrainers ??
        ((experiment, runs, mnist) => createTrainers(experiment, runs, { mnist })),
    });
  }

  postMessage(message: WorkerCommand): void {
    this.commands.push(message);
    setTimeout(() => {
      if (!this.terminated) this.host.handle(message);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Simulates the worker dying with an uncaught error. */
  die(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
    this.terminated = true;
  }
}

/** Resolves when `predicate` holds, polling every few ms. */
export async function waitFor(predicate: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
