/**
 * Default learning rates for a surface, from its own curvature at the start point, so that a
 * run started with them neither diverges nor crawls (issue 12: "every built-in surface played
 * with its defaults makes visible progress").
 *
 * Gradient descent on a quadratic with largest curvature λ is stable for η < 2/λ; the plain
 * methods take a fraction of that limit. Momentum's limit is larger (2(1 + γ)/λ for the heavy
 * ball) but its path overshoots on curved valleys, so it takes a smaller fraction of the plain
 * limit. The adaptive methods step about η per coordinate whatever the curvature: their
 * default is a small fraction of the view (AdaGrad more, since its steps shrink). Adadelta's
 * η scales a step that is already unit-consistent: PyTorch's default of 1 stays.
 *
 * Curvature at one point does not bound a whole path (a saddle's negative curvature makes any
 * rate run away eventually), so `safeLearningRate` then plays the run for the experiment's
 * budget and halves the guess until the path stays finite and near the view.
 */
import type { OptimizerConfig, OptimizerKind, SurfaceProblem } from '../config/experiment.ts';
import { SCHEDULE_DEFAULTS } from '../schedules/index.ts';
import { createSurface } from '../surfaces/index.ts';
import type { Surface } from '../surfaces/surface.ts';
import { createTwoParameterTrainers } from './twoParameterTrainer.ts';

/** Fraction of the gradient-descent stability limit 2/λ taken by plain descent. */
export const SGD_LIMIT_FRACTION = 0.4;
/** Fraction of 2/λ taken by momentum (γ = 0.9 multiplies the long-run step by ten). */
export const MOMENTUM_LIMIT_FRACTION = 0.1;

/** The largest absolute Hessian eigenvalue of `surface` at (x, y); NaN if not finite. */
export function curvatureScale(surface: Surface, x: number, y: number): number {
  const h = new Float64Array(3);
  surface.hessian(x, y, h);
  const [a, b, c] = [h[0]!, h[1]!, h[2]!];
  // Eigenvalues of [[a, b], [b, c]]: mean ± radius.
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  const scale = Math.abs(mean) + radius;
  return Number.isFinite(scale) ? scale : NaN;
}

/** Rounds down to one significant digit (0.0437 → 0.04), keeping slider values readable. */
export function roundDown(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Number((Math.floor(value / magnitude + 1e-9) * magnitude).toPrecision(1));
}

/**
 * The default learning rate of an optimizer of `kind` on `surface` started at `start`.
 * Where the curvature there is zero or unknown, the curvature at the surface's minimum (or its
 * first critical point) stands in.
 */
export function defaultLearningRate(
  kind: OptimizerKind,
  surface: Surface,
  start: readonly [number, number],
): number {
  const { xMin, xMax, yMin, yMax } = surface.viewBox;
  const span = Math.min(xMax - xMin, yMax - yMin);
  switch (kind) {
    case 'sgd':
    case 'momentum': {
      let lambda = curvatureScale(surface, start[0], start[1]);
      const critical = surface.criticalPoints[0];
      if (!(lambda > 1e-12) && critical) lambda = curvatureScale(surface, critical.x, critical.y);
      if (!(lambda > 1e-12)) return roundDown(0.01 * span);
      const fraction = kind === 'sgd' ? SGD_LIMIT_FRACTION : MOMENTUM_LIMIT_FRACTION;
      return roundDown((fraction * 2) / lambda);
    }
    case 'adagrad':
      return roundDown(0.05 * span);
    case 'rmsprop':
    case 'adam':
    case 'adamw':
      return roundDown(0.01 * span);
    case 'adadelta':
      return 1;
  }
}

/** How far outside the view (in view widths, each side) a default run may wander. */
export const WANDER_LIMIT = 1;
/** Most halvings tried before giving up on a guess. */
const MAX_HALVINGS = 30;

/** Whether `optimizer` on `problem` stays finite and within WANDER_LIMIT of the view for `steps`. */
export function staysInView(
  problem: SurfaceProblem,
  surface: Surface,
  optimizer: OptimizerConfig,
  steps: number,
): boolean {
  const { xMin, xMax, yMin, yMax } = surface.viewBox;
  const dx = WANDER_LIMIT * (xMax - xMin);
  const dy = WANDER_LIMIT * (yMax - yMin);
  const [trainer] = createTwoParameterTrainers({
    version: 1,
    problem,
    steps,
    seed: 1,
    runs: [{ label: 'probe', batchSize: 'all', optimizer, schedule: SCHEDULE_DEFAULTS.constant }],
  });
  if (!trainer) return false;
  while (trainer.status === 'running') {
    const record = trainer.advance();
    if (record.diverged) return false;
    const [x, y] = record.params ?? [NaN, NaN];
    if (!(x! >= xMin - dx && x! <= xMax + dx && y! >= yMin - dy && y! <= yMax + dy)) return false;
  }
  return trainer.status === 'finished';
}

/**
 * The default learning rate for `optimizer`'s method on `problem`: the curvature-based guess,
 * halved (and rounded to one digit) until a run of `steps` steps stays finite and near the view.
 */
export function safeLearningRate(
  problem: SurfaceProblem,
  optimizer: OptimizerConfig,
  steps: number,
): number {
  const surface = createSurface(problem);
  let lr = defaultLearningRate(optimizer.kind, surface, problem.start);
  for (let k = 0; k < MAX_HALVINGS; k++) {
    if (staysInView(problem, surface, { ...optimizer, lr } as OptimizerConfig, steps)) return lr;
    lr = roundDown(lr / 2);
  }
  return lr;
}
