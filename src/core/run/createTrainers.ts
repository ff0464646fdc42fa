/** One entry point that builds the trainers of any experiment, whatever its problem kind. */
import type { Experiment, RunConfig } from '../config/experiment.ts';
import type { CnnEngine } from '../cnn/engine.ts';
import { createCnnTrainers, type CnnData } from '../cnn/trainer.ts';
import type { RunTrainer } from './trainer.ts';
import { createTwoParameterTrainers } from './twoParameterTrainer.ts';

/**
 * What CNN problems need beyond the config: the MNIST file's bytes (for dataset "mnist") and
 * the engine that runs the network (default: plain JavaScript).
 */
export interface TrainerResources {
  readonly mnist?: ArrayBuffer | undefined;
  /** CNN data prepared already (see `WorkerData`): used instead of parsing `mnist` again. */
  readonly cnnData?: CnnData | undefined;
  readonly cnnEngine?: CnnEngine | undefined;
}

/**
 * Trainers for `runs` (default: all runs) of `experiment`. Runs built together or apart share
 * the start point, initial weights and data order, since all derive from the experiment's seed.
 */
export function createTrainers(
  experiment: Experiment,
  runs: readonly RunConfig[] = experiment.runs,
  resources: TrainerResources = {},
): RunTrainer[] {
  const subset: Experiment = { ...experiment, runs };
  switch (experiment.problem.kind) {
    case 'surface':
    case 'regression':
      return createTwoParameterTrainers(subset);
    case 'cnn':
      return createCnnTrainers(
        subset,
        resources.cnnData ?? { mnist: resources.mnist },
        resources.cnnEngine ? { engine: resources.cnnEngine } : {},
      );
  }
}
