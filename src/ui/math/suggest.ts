/**
 * A sensible first learning rate for a run added to an experiment, so a new optimizer starts
 * visibly moving instead of crawling at a default tuned for neural networks.
 */
import type { OptimizerKind, RunConfig } from '../../core/config/experiment.ts';
import { OPTIMIZER_DEFAULTS } from '../../core/optimizers/index.ts';

/** What is known about the problem where the run starts. */
export interface StartFacts {
  /** Largest Hessian eigenvalue at the start point (NaN when unknown). */
  readonly lambdaMax: number;
  /** Smaller side of the surface's view box, in parameter units (NaN when unknown). */
  readonly span: number;
}

/** Rounds to one significant digit (0.0437 → 0.04), keeping slider values readable. */
export function roundLr(value: number): number {
  return Number(value.toPrecision(1));
}

/**
 * The learning rate for a new run of `kind`: the rate of an existing run of the same kind;
 * for SGD and momentum half the GD stability limit, 1/λmax (or an existing SGD/momentum
 * run's rate); for AdaGrad, RMSprop and Adam(W) — whose steps are about η per coordinate —
 * 1% of the view (5% for AdaGrad, whose steps shrink); otherwise the PyTorch default.
 */
export function suggestedLearningRate(
  kind: OptimizerKind,
  runs: readonly RunConfig[],
  facts: StartFacts,
): number {
  const same = runs.find((r) => r.optimizer.kind === kind);
  if (same) return same.optimizer.lr;
  const fallback = OPTIMIZER_DEFAULTS[kind].lr;
  switch (kind) {
    case 'sgd':
    case 'momentum': {
      const plain = runs.find((r) => r.optimizer.kind === 'sgd' || r.optimizer.kind === 'momentum');
      if (plain) return plain.optimizer.lr;
      return facts.lambdaMax > 0 ? roundLr(1 / facts.lambdaMax) : fallback;
    }
    case 'adagrad':
      return facts.span > 0 ? roundLr(0.05 * facts.span) : fallback;
    case 'rmsprop':
    case 'adam':
    case 'adamw':
      return facts.span > 0 ? roundLr(0.01 * facts.span) : fallback;
    case 'adadelta':
      return fallback;
  }
}
