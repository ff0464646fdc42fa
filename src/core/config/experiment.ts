/**
 * The experiment format, declared once: one versioned JSON shape used by the share URL, file
 * export/import, saved experiments, lessons and the CLI. The schemas below (and each
 * optimizer's and schedule's, next to its implementation) give the types, the defaults and
 * the ranges; `validateExperiment` (validate.ts) reads unknown JSON with them and adds the
 * checks that span fields. Everything downstream may rely on these types being complete.
 */
import * as v from 'valibot';
import { DEFAULT_ARCHITECTURE, architectureSchema } from '../cnn/architecture.ts';
import { optimizerOptions } from '../optimizers/index.ts';
import { scheduleOptions } from '../schedules/index.ts';
import { summarizeValue } from './issue.ts';
import { MAX_STEPS } from './limits.ts';
import { choiceField, coded, fields, numberField, requiredNumber } from './schema.ts';

export { MAX_STEPS } from './limits.ts';
export type {
  AdadeltaConfig,
  AdagradConfig,
  AdamConfig,
  AdamwConfig,
  MomentumConfig,
  OptimizerConfig,
  OptimizerKind,
  RmspropConfig,
  SgdConfig,
} from '../optimizers/index.ts';
export type { ScheduleConfig, ScheduleKind } from '../schedules/index.ts';

/** Current version of the experiment format. */
export const EXPERIMENT_VERSION = 1;
/** Most runs one experiment may hold. */
export const MAX_RUNS = 6;
/** Longest run label, in characters. */
export const MAX_LABEL_LENGTH = 40;
/** Largest regression data set. */
export const MAX_REGRESSION_SAMPLES = 10_000;
/** Largest |coordinate| of a start point. */
export const MAX_COORDINATE = 1e6;

/** The analytic surfaces, in the order a picker lists them. */
export const SURFACE_NAMES = [
  'quadratic',
  'rosenbrock',
  'beale',
  'himmelblau',
  'saddle',
  'rastrigin',
  'ackley',
  'sixHumpCamel',
  'ravine',
] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];

/** A point (x, y): two finite numbers within ±MAX_COORDINATE. */
const point = coded(
  v.custom<readonly [number, number]>(
    (x) =>
      Array.isArray(x) &&
      x.length === 2 &&
      x.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= MAX_COORDINATE),
  ),
  {
    value: (got) => ({
      code: 'notPoint',
      params: { limit: MAX_COORDINATE, got: summarizeValue(got) },
    }),
  },
);

/**
 * A 2D analytic loss surface, or a custom formula in x and y. What depends on the surface
 * (its parameters, the formula, the default start) is checked in validate.ts.
 */
const surfaceProblem = fields({
  kind: v.literal('surface'),
  surface: v.picklist([...SURFACE_NAMES, 'custom']),
  /** The formula when `surface` is "custom", e.g. "x^2 + 10*y^2". */
  expression: v.optional(
    coded(v.string(), {
      value: (got) => ({ code: 'notFormula', params: { got: summarizeValue(got) } }),
    }),
  ),
  /** Start point (x, y) shared by every run. Default: the surface's own start. */
  start: v.optional(point),
  /**
   * Surface parameters, e.g. the quadratic's `conditionNumber` (≥ 1, default 10) and
   * `rotation` (degrees, default 0): declared by each surface, read in validate.ts.
   */
  params: v.optional(v.unknown()),
  /** Standard deviation of seeded Gaussian noise added to each gradient component. */
  gradientNoise: numberField(0, { min: 0, max: 1e3 }),
});

/** Fit y = w·x + b to a seeded, generated data set; parameters are (w, b). */
const regressionProblem = fields({
  kind: v.literal('regression'),
  /** Number of data points. */
  samples: numberField(64, { min: 2, max: MAX_REGRESSION_SAMPLES }, { integer: true }),
  /** Standard deviation of the Gaussian noise on y. */
  noise: numberField(0.5, { min: 0, max: 100 }),
  /** Fraction of points replaced by outliers, in [0, 1). */
  outliers: numberField(0, { min: 0, max: 1, upper: '<' }),
  /** The true slope and intercept the data are drawn from. */
  trueW: numberField(2, { min: -1e3, max: 1e3 }),
  trueB: numberField(-1, { min: -1e3, max: 1e3 }),
  /** Start point (w, b). */
  start: v.optional(point, [-2, 3] as const),
});

/** The data sets a CNN trains on: default split sizes and the most each can give. */
export const CNN_DATASETS = {
  mnist: { trainSize: 8000, testSize: 2000, maxTrain: 9000, maxTest: 5000 },
  shapes: { trainSize: 2000, testSize: 500, maxTrain: 20_000, maxTest: 5000 },
} as const;
/** MNIST digits shipped with the app: trainSize + testSize may not exceed it. */
export const MNIST_DIGITS = 10_000;

/**
 * A small convnet trained on MNIST digits or generated shapes. The split sizes' defaults and
 * limits depend on the data set (CNN_DATASETS, checked in validate.ts).
 */
const cnnProblem = fields({
  kind: v.literal('cnn'),
  dataset: choiceField(['mnist', 'shapes'], 'mnist'),
  /** Training samples used (a deterministic split). */
  trainSize: v.optional(
    requiredNumber({ min: 1, max: CNN_DATASETS.shapes.maxTrain }, { integer: true }),
  ),
  /** Held-out samples. */
  testSize: v.optional(
    requiredNumber({ min: 1, max: CNN_DATASETS.shapes.maxTest }, { integer: true }),
  ),
  /** Evaluate on the held-out set every this many steps (and at the last step). */
  evalEvery: numberField(200, { min: 1, max: MAX_STEPS }, { integer: true }),
  /** The network. Default: the classic MNIST net. */
  architecture: v.optional(architectureSchema, DEFAULT_ARCHITECTURE),
});

const problemSchema = v.variant('kind', [surfaceProblem, regressionProblem, cnnProblem]);

/** One optimizer racing on the experiment's problem. */
const runSchema = fields({
  /**
   * Unique label within the experiment, shown in legends and in step records: 1 to
   * MAX_LABEL_LENGTH characters, not only spaces. Default: the optimizer's kind (numbered
   * when there are several runs).
   */
  label: v.optional(
    coded(
      v.pipe(
        v.string(),
        v.check((s) => s.trim() !== ''),
        v.maxLength(MAX_LABEL_LENGTH),
      ),
      {
        value: (got) => ({
          code: 'labelLength',
          params: { max: MAX_LABEL_LENGTH, got: summarizeValue(got) },
        }),
      },
    ),
  ),
  optimizer: optimizerOptions,
  /** Default: constant. */
  schedule: v.optional(scheduleOptions, {}),
  /**
   * Samples per step on data problems: "all" = full batch, 1 = stochastic, k = mini-batch.
   * Its bound is the problem's data size, so validate.ts reads it. Defaults: "all" for
   * regression, 20 for CNNs. Ignored on analytic surfaces.
   */
  batchSize: v.optional(v.unknown()),
});

/** The experiment as its schema reads it, before the checks that span fields. */
export const experimentSchema = fields({
  version: v.optional(v.literal(EXPERIMENT_VERSION)),
  problem: problemSchema,
  /** Number of optimizer steps to take. */
  steps: numberField(200, { min: 1, max: MAX_STEPS }, { integer: true }),
  /** Seed of every random choice (data, noise, initial weights, batch order). */
  seed: numberField(1, { min: 0, max: 2 ** 32 - 1 }, { integer: true }),
  runs: coded(v.pipe(v.array(runSchema), v.minLength(1), v.maxLength(MAX_RUNS)), {
    value: (got) => ({ code: 'runCount', params: { max: MAX_RUNS, got: summarizeValue(got) } }),
  }),
  /**
   * Record the sharpness (top eigenvalue of the training loss's Hessian) every this many steps
   * (src/core/analysis/sharpness.ts). Absent: off.
   */
  sharpnessEvery: v.optional(requiredNumber({ min: 1, max: MAX_STEPS }, { integer: true })),
});

type Read<S extends v.GenericSchema> = Readonly<v.InferOutput<S>>;

export type SurfaceProblem = Omit<
  Read<typeof surfaceProblem>,
  'expression' | 'start' | 'params'
> & {
  readonly expression?: string;
  readonly start: readonly [number, number];
  readonly params: Readonly<Record<string, number>>;
};
export type RegressionProblem = Read<typeof regressionProblem>;
export type CnnProblem = Omit<Read<typeof cnnProblem>, 'trainSize' | 'testSize'> & {
  readonly trainSize: number;
  readonly testSize: number;
};
export type Problem = SurfaceProblem | RegressionProblem | CnnProblem;
export type ProblemKind = Problem['kind'];

export type RunConfig = Omit<Read<typeof runSchema>, 'label' | 'batchSize'> & {
  readonly label: string;
  readonly batchSize: number | 'all';
};

/** A complete, validated experiment. */
export interface Experiment {
  readonly version: typeof EXPERIMENT_VERSION;
  readonly problem: Problem;
  /** Number of optimizer steps to take, 1…MAX_STEPS. */
  readonly steps: number;
  /** Seed of every random choice (data, noise, initial weights, batch order). */
  readonly seed: number;
  readonly runs: readonly RunConfig[];
  /** Record the sharpness every this many steps; absent when off. */
  readonly sharpnessEvery?: number;
}
