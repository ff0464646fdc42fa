/** Builds trainers in Node, loading what a problem needs from disk (MNIST for CNN runs). */
import type { Experiment } from '../core/config/experiment.ts';
import { createTwoParameterTrainers } from '../core/run/twoParameterTrainer.ts';
import type { RunTrainer } from '../core/run/trainer.ts';

export async function createTrainersForNode(experiment: Experiment): Promise<RunTrainer[]> {
  if (experiment.problem.kind === 'cnn') throw new Error('CNN runs are not wired into the CLI yet');
  return Promise.resolve(createTwoParameterTrainers(experiment));
}
