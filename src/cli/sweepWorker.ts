/**
 * A worker thread of `descent-lab sweep`: replays the sweep jobs it is sent, one at a time,
 * and answers each with its point. Started through sweepWorkerBoot.mjs (tsx does not reach
 * worker threads by itself).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runSweepJob, type SweepJob } from '../core/analysis/sweep.ts';
import type { Experiment } from '../core/config/experiment.ts';
import type { TrainerResources } from '../core/run/createTrainers.ts';
import { cnnEngineForNode, readMnist } from './nodeResources.ts';

/** A job for the worker: its position in the sweep and what to replay. */
export interface SweepRequest {
  readonly index: number;
  readonly job: SweepJob;
}

const { experiment } = workerData as { readonly experiment: Experiment };
const problem = experiment.problem;
// Loaded once per worker: every job of a sweep shares the problem.
const resources: TrainerResources =
  problem.kind === 'cnn'
    ? {
        mnist: problem.dataset === 'mnist' ? readMnist() : undefined,
        cnnEngine: cnnEngineForNode(),
      }
    : {};

parentPort!.on('message', ({ index, job }: SweepRequest) => {
  parentPort!.postMessage({ index, point: runSweepJob(experiment, job, resources) });
});
