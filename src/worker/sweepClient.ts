/**
 * The page's side of a learning-rate sweep: starts up to `workers` sweep workers, hands each one
 * job at a time (the next when it answers), forwards progress and points, and pauses, resumes
 * or cancels them all. Cancel terminates the workers: nothing is left running.
 */
import type { SweepJob, SweepPoint } from '../core/analysis/sweep.ts';
import type { Experiment } from '../core/config/experiment.ts';
import type { SweepCommand, SweepMessage } from './sweepProtocol.ts';

/** The parts of `Worker` the client uses (a fake in tests). */
export interface SweepWorkerLike {
  postMessage(message: SweepCommand, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<SweepMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface SweepListener {
  progress(index: number, step: number): void;
  point(index: number, point: SweepPoint): void;
  /** Every job has its point. */
  finished(): void;
  error(message: string): void;
}

/** Workers for a sweep on this machine: hardwareConcurrency − 1 (the page keeps one core), at least 1. */
export function sweepWorkerCount(): number {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, cores - 1);
}

export class SweepClient {
  private workers: SweepWorkerLike[] = [];
  private next = 0;
  private remaining = 0;

  constructor(
    private readonly createWorker: () => SweepWorkerLike,
    private readonly listener: SweepListener,
  ) {}

  start(
    experiment: Experiment,
    jobs: readonly SweepJob[],
    mnist?: ArrayBuffer,
    workers = sweepWorkerCount(),
  ): void {
    this.cancel();
    this.next = 0;
    this.remaining = jobs.length;
    const count = Math.max(1, Math.min(workers, jobs.length));
    for (let i = 0; i < count; i++) {
      const worker = this.createWorker();
      this.workers.push(worker);
      const copy = mnist?.slice(0);
      worker.postMessage(
        { type: 'init', experiment, ...(copy ? { mnist: copy } : {}) },
        copy ? [copy] : [],
      );
      worker.onerror = (event) => {
        this.cancel();
        this.listener.error(event.message || 'the sweep worker failed');
      };
      worker.onmessage = (event) => {
        const message = event.data;
        switch (message.type) {
          case 'progress':
            this.listener.progress(message.index, message.step);
            break;
          case 'point':
            this.listener.point(message.index, message.point);
            this.remaining--;
            if (this.remaining === 0) {
              this.cancel();
              this.listener.finished();
            } else this.dispatch(worker, jobs);
            break;
          case 'error':
            this.cancel();
            this.listener.error(message.message);
            break;
          default: {
            const unknown: never = message;
            throw new Error(`unknown sweep message ${JSON.stringify(unknown)}`);
          }
        }
      };
      this.dispatch(worker, jobs);
    }
  }

  private dispatch(worker: SweepWorkerLike, jobs: readonly SweepJob[]): void {
    if (this.next >= jobs.length) return;
    const index = this.next++;
    worker.postMessage({ type: 'job', index, job: jobs[index]! });
  }

  /** Whether workers are running (or paused). */
  get active(): boolean {
    return this.workers.length > 0;
  }

  pause(): void {
    for (const worker of this.workers) worker.postMessage({ type: 'pause' });
  }

  resume(): void {
    for (const worker of this.workers) worker.postMessage({ type: 'resume' });
  }

  /** Stops every worker at once; their jobs are dropped. */
  cancel(): void {
    for (const worker of this.workers) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    }
    this.workers = [];
  }
}
