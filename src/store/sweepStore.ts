/**
 * The state of a workspace's learning-rate sweep: which replays it holds, their points as they
 * arrive, progress in steps, and Pause / Resume / Cancel. The replays run in SweepClient's
 * workers; this store only gathers what they send (a few messages a second).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  appSweepExperiment,
  logSpaced,
  sweepJobs,
  type SweepComparison,
  type SweepJob,
  type SweepPoint,
} from '../core/analysis/sweep.ts';
import type { Experiment } from '../core/config/experiment.ts';
import { SweepClient, type SweepWorkerLike } from '../worker/sweepClient.ts';

export type SweepStatus = 'idle' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';

export interface SweepSettings {
  readonly min: number;
  readonly max: number;
  readonly count: number;
  readonly comparison: SweepComparison;
}

export interface SweepState {
  status: SweepStatus;
  jobs: readonly SweepJob[];
  /** Point of each job, null until it arrives. */
  points: readonly (SweepPoint | null)[];
  /** Steps each replay takes, and the steps done over all replays. */
  budget: number;
  stepsDone: number;
  error: string | null;
  start(experiment: Experiment, settings: SweepSettings, mnist?: ArrayBuffer): void;
  pause(): void;
  resume(): void;
  cancel(): void;
}

export interface SweepStoreOptions {
  readonly createWorker: () => SweepWorkerLike;
  /** Workers to use; default hardwareConcurrency − 1, at least 1. */
  readonly workers?: number;
}

export function createSweepStore(options: SweepStoreOptions): StoreApi<SweepState> {
  let done: number[] = [];
  const store = createStore<SweepState>()((set, get) => {
    const client = new SweepClient(options.createWorker, {
      progress(index, step) {
        const before = done[index] ?? 0;
        done[index] = Math.min(step, get().budget);
        set({ stepsDone: get().stepsDone + done[index]! - before });
      },
      point(index, point) {
        const before = done[index] ?? 0;
        done[index] = get().budget;
        const points = get().points.slice();
        points[index] = point;
        set({ points, stepsDone: get().stepsDone + get().budget - before });
      },
      finished: () => set({ status: 'finished' }),
      error: (message) => set({ status: 'failed', error: message }),
    });
    return {
      status: 'idle',
      jobs: [],
      points: [],
      budget: 0,
      stepsDone: 0,
      error: null,
      start(experiment, settings, mnist) {
        const replayed = appSweepExperiment(experiment);
        const rates = logSpaced(settings.min, settings.max, settings.count);
        const jobs = sweepJobs(replayed, rates, settings.comparison);
        done = jobs.map(() => 0);
        set({
          status: 'running',
          jobs,
          points: jobs.map(() => null),
          budget: replayed.steps,
          stepsDone: 0,
          error: null,
        });
        client.start(replayed, jobs, mnist, options.workers);
      },
      pause() {
        if (get().status !== 'running') return;
        client.pause();
        set({ status: 'paused' });
      },
      resume() {
        if (get().status !== 'paused') return;
        client.resume();
        set({ status: 'running' });
      },
      cancel() {
        if (get().status !== 'running' && get().status !== 'paused') return;
        client.cancel();
        set({ status: 'cancelled' });
      },
    };
  });
  return store;
}
