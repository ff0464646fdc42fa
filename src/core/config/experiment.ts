/**
 * The experiment format: one versioned JSON shape used by the share URL, file export/import,
 * saved experiments, lessons and the CLI. `validateExperiment` (validate.ts) turns unknown
 * JSON into an `Experiment` with every default filled in; everything downstream may rely on
 * these types being complete.
 */
import type { ArchitectureSpec } from '../cnn/architecture.ts';

/** Current version of the experiment format. */
export const EXPERIMENT_VERSION = 1;
/** Largest step budget an experiment may ask for. */
export const MAX_STEPS = 10_000_000;
/** Most runs one experiment may hold. */
export const MAX_RUNS = 6;

export type SurfaceName =
  | 'quadratic'
  | 'rosenbrock'
  | 'beale'
  | 'himmelblau'
  | 'saddle'
  | 'rastrigin'
  | 'ackley'
  | 'sixHumpCamel'
  | 'ravine';

/** A 2D analytic loss surface, or a custom formula in x and y. */
export interface SurfaceProblem {
  readonly kind: 'surface';
  readonly surface: SurfaceName | 'custom';
  /** The formula when `surface` is "custom", e.g. "x^2 + 10*y^2". */
  readonly expression?: string;
  /** Start point (x, y) shared by every run. Default: the surface's own start. */
  readonly start: readonly [number, number];
  /**
   * Surface parameters, e.g. the quadratic's `conditionNumber` (≥ 1, default 10) and
   * `rotation` (degrees, default 0). Defaults are filled in from the surface's declaration.
   */
  readonly params: Readonly<Record<string, number>>;
  /** Standard deviation of seeded Gaussian noise added to each gradient component. Default 0. */
  readonly gradientNoise: number;
}

/** Fit y = w·x + b to a seeded, generated data set; parameters are (w, b). */
export interface RegressionProblem {
  readonly kind: 'regression';
  /** Number of data points. Default 64. */
  readonly samples: number;
  /** Standard deviation of the Gaussian noise on y. Default 0.5. */
  readonly noise: number;
  /** Fraction of points replaced by outliers, in [0, 1). Default 0. */
  readonly outliers: number;
  /** The true slope and intercept the data are drawn from. Defaults 2 and −1. */
  readonly trueW: number;
  readonly trueB: number;
  /** Start point (w, b). Default (−2, 3). */
  readonly start: readonly [number, number];
}

/** A small convnet trained on MNIST digits or generated shapes. */
export interface CnnProblem {
  readonly kind: 'cnn';
  readonly dataset: 'mnist' | 'shapes';
  /** Training samples used (a deterministic split). Default 8000 (MNIST) / 2000 (shapes). */
  readonly trainSize: number;
  /** Held-out samples. Default 2000 / 500. */
  readonly testSize: number;
  /** Evaluate on the held-out set every this many steps (and at the last step). Default 200. */
  readonly evalEvery: number;
  /** The network. Default: the classic MNIST net. */
  readonly architecture: ArchitectureSpec;
}

export type Problem = SurfaceProblem | RegressionProblem | CnnProblem;
export type ProblemKind = Problem['kind'];

/** Plain SGD: θ ← θ − η·(g + λθ). PyTorch defaults: lr 1e-3, weightDecay 0. */
export interface SgdConfig {
  readonly kind: 'sgd';
  readonly lr: number;
  readonly weightDecay: number;
}

/**
 * SGD with momentum. `form: "classic"` (default): v ← γ·v + η·g, θ ← θ − v.
 * `form: "pytorch"`: v ← μ·v + (1−dampening)·g, θ ← θ − η·v. Defaults: momentum 0.9,
 * dampening 0, nesterov false, weightDecay 0, lr 1e-3.
 */
export interface MomentumConfig {
  readonly kind: 'momentum';
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  readonly form: 'classic' | 'pytorch';
}

/** AdaGrad. PyTorch defaults: lr 0.01, eps 1e-10, initialAccumulator 0, lrDecay 0. */
export interface AdagradConfig {
  readonly kind: 'adagrad';
  readonly lr: number;
  readonly eps: number;
  readonly initialAccumulator: number;
  readonly lrDecay: number;
  readonly weightDecay: number;
}

/** RMSprop. PyTorch defaults: lr 0.01, alpha 0.99, eps 1e-8, momentum 0, centered false. */
export interface RmspropConfig {
  readonly kind: 'rmsprop';
  readonly lr: number;
  readonly alpha: number;
  readonly eps: number;
  readonly momentum: number;
  readonly centered: boolean;
  readonly weightDecay: number;
}

/** Adam (L2 weight decay added to the gradient). Defaults: lr 1e-3, β 0.9/0.999, eps 1e-8. */
export interface AdamConfig {
  readonly kind: 'adam';
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
}

/** AdamW: Adam with decoupled weight decay θ ← θ − η·λ·θ. Default weightDecay 1e-2. */
export interface AdamwConfig extends Omit<AdamConfig, 'kind'> {
  readonly kind: 'adamw';
}

/** Adadelta. PyTorch defaults: lr 1.0, rho 0.9, eps 1e-6. */
export interface AdadeltaConfig {
  readonly kind: 'adadelta';
  readonly lr: number;
  readonly rho: number;
  readonly eps: number;
  readonly weightDecay: number;
}

export type OptimizerConfig =
  | SgdConfig
  | MomentumConfig
  | AdagradConfig
  | RmspropConfig
  | AdamConfig
  | AdamwConfig
  | AdadeltaConfig;
export type OptimizerKind = OptimizerConfig['kind'];

/**
 * Learning-rate schedules, stepped once per optimizer step as PyTorch does; η_t is the rate
 * applied in the update from θ_t to θ_{t+1}, with η₀ = the optimizer's `lr`.
 * `warmupSteps` (default 0) multiplies η_t by a factor rising linearly from
 * `warmupStartFactor` (default 0.1) at t = 0 to 1 at t = warmupSteps (PyTorch's LinearLR).
 */
export type ScheduleConfig = (
  | { readonly kind: 'constant' }
  /** η_t = η₀·γ^⌊t / stepSize⌋. Defaults: stepSize 100, gamma 0.5. */
  | { readonly kind: 'step'; readonly stepSize: number; readonly gamma: number }
  /** η_t = η₀·γ^t. */
  | { readonly kind: 'exponential'; readonly gamma: number }
  /** η_t = η_min + (η₀ − η_min)(1 + cos(π·t / tMax))/2. Default etaMin 0. */
  | { readonly kind: 'cosine'; readonly tMax: number; readonly etaMin: number }
  /** η_t = η₀ / (1 + decayRate·t). */
  | { readonly kind: 'inverseTime'; readonly decayRate: number }
) & { readonly warmupSteps: number; readonly warmupStartFactor: number };
export type ScheduleKind = ScheduleConfig['kind'];

/** One optimizer racing on the experiment's problem. */
export interface RunConfig {
  /** Unique label within the experiment, shown in legends and in step records. */
  readonly label: string;
  readonly optimizer: OptimizerConfig;
  readonly schedule: ScheduleConfig;
  /**
   * Samples per step on data problems: "all" = full batch, 1 = stochastic, k = mini-batch.
   * Defaults: "all" for regression, 20 for CNNs. Ignored on analytic surfaces.
   */
  readonly batchSize: number | 'all';
}

/** A complete, validated experiment. */
export interface Experiment {
  readonly version: typeof EXPERIMENT_VERSION;
  readonly problem: Problem;
  /** Number of optimizer steps to take, 1…MAX_STEPS. */
  readonly steps: number;
  /** Seed of every random choice (data, noise, initial weights, batch order). */
  readonly seed: number;
  readonly runs: readonly RunConfig[];
}
