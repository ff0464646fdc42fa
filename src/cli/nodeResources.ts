/** Builds trainers in Node, loading what a problem needs from disk (MNIST for CNN runs). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Experiment } from '../core/config/experiment.ts';
import { createTrainers } from '../core/run/createTrainers.ts';
import type { RunTrainer } from '../core/run/trainer.ts';

/** Where `npm install` generates the MNIST file (scripts/build-mnist.mjs). */
export const MNIST_PATH = fileURLToPath(new URL('../../public/data/mnist.bin', import.meta.url));

/** A problem's data could not be loaded; the CLI reports it like a bad config. */
export class MissingDataError extends Error {}

export function readMnist(): ArrayBuffer {
  try {
    const bytes = readFileSync(MNIST_PATH);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  } catch {
    throw new MissingDataError(
      `the MNIST data file ${MNIST_PATH} is missing; run npm install to generate it`,
    );
  }
}

export function createTrainersForNode(experiment: Experiment): RunTrainer[] {
  const problem = experiment.problem;
  const mnist = problem.kind === 'cnn' && problem.dataset === 'mnist' ? readMnist() : undefined;
  return createTrainers(experiment, experiment.runs, { mnist });
}
