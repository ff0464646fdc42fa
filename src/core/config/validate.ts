/**
 * Validation of experiment configs from any untrusted source (URL, file, CLI, lessons).
 * Unknown JSON in, a complete `Experiment` out, with every default filled in here and only
 * here; or a list of issues, each naming the field path and the reason. Nothing in the input
 * is ever executed, and only known fields are copied (so `__proto__` and friends go nowhere).
 */
import { FormulaError } from '../expression/index.ts';
import { configIssue, summarizeValue, type ConfigIssue, type IssueDetail } from './issue.ts';
import { OPTIMIZER_DEFAULTS } from '../optimizers/index.ts';
import { SCHEDULE_DEFAULTS } from '../schedules/index.ts';
import { SURFACES, compileCustomSurface } from '../surfaces/index.ts';
import { DEFAULT_ARCHITECTURE, checkArchitecture } from '../cnn/architecture.ts';
import {
  EXPERIMENT_VERSION,
  MAX_RUNS,
  MAX_STEPS,
  type CnnProblem,
  type Experiment,
  type OptimizerConfig,
  type OptimizerKind,
  type Problem,
  type RegressionProblem,
  type RunConfig,
  type ScheduleConfig,
  type ScheduleKind,
  type SurfaceName,
  type SurfaceProblem,
} from './experiment.ts';

export {
  CONFIG_ISSUE_CODES,
  summarizeValue,
  type ConfigIssue,
  type ConfigIssueCode,
  type IssueDetail,
  type ValueSummary,
} from './issue.ts';

/** Thrown by `parseExperiment`; its message lists every issue, one per line. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n'));
    this.name = 'ConfigError';
  }
}

export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Longest run label, in characters. */
export const MAX_LABEL_LENGTH = 40;
/** Largest regression data set. */
export const MAX_REGRESSION_SAMPLES = 10_000;
/** Largest |coordinate| of a start point. */
export const MAX_COORDINATE = 1e6;
/** MNIST digits shipped with the app: trainSize + testSize may not exceed it. */
const MNIST_DIGITS = 10_000;

type Json = Record<string, unknown>;

/** Collects issues while reading one config; every reader returns a usable fallback. */
class Reader {
  readonly issues: ConfigIssue[] = [];

  /** Records an issue at `path`: `detail` for the UI to word, `message` in English. */
  fail(path: string, message: string, detail: IssueDetail): void {
    this.issues.push(configIssue(path, message, detail));
  }

  object(value: unknown, path: string, allowed: readonly string[]): Json | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `must be an object (got ${describe(value)})`, {
        code: 'notObject',
        params: { got: summarizeValue(value) },
      });
      return null;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const expected = allowed.length
          ? `expected one of: ${allowed.join(', ')}`
          : 'none are allowed here';
        this.fail(join(path, key), `unknown field (${expected})`, {
          code: 'unknownField',
          params: { expected: allowed },
        });
      }
    }
    return value as Json;
  }

  number(
    obj: Json,
    key: string,
    path: string,
    fallback: number,
    range: {
      min?: number;
      max?: number;
      minExclusive?: boolean;
      maxExclusive?: boolean;
      integer?: boolean;
    } = {},
  ): number {
    const at = join(path, key);
    const raw = own(obj, key);
    if (raw === undefined) return fallback;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      this.fail(at, `must be a finite number (got ${describe(raw)})`, {
        code: 'notFinite',
        params: { got: summarizeValue(raw) },
      });
      return fallback;
    }
    const { min, max, minExclusive = false, maxExclusive = false, integer = false } = range;
    const tooLow = min !== undefined && (minExclusive ? raw <= min : raw < min);
    const tooHigh = max !== undefined && (maxExclusive ? raw >= max : raw > max);
    if (integer && !Number.isInteger(raw)) {
      this.fail(at, `must be a whole number (got ${raw})`, {
        code: 'notInteger',
        params: { got: raw },
      });
    } else if (tooLow || tooHigh) {
      this.fail(at, `must be ${rangeText(range)} (got ${raw})`, {
        code: 'outOfRange',
        params: {
          ...(min === undefined ? {} : { min, lower: minExclusive ? '>' : '≥' }),
          ...(max === undefined ? {} : { max, upper: maxExclusive ? '<' : '≤' }),
          got: summarizeValue(raw),
        },
      });
    }
    return raw;
  }

  boolean(obj: Json, key: string, path: string, fallback: boolean): boolean {
    const raw = own(obj, key);
    if (raw === undefined) return fallback;
    if (typeof raw !== 'boolean') {
      this.fail(join(path, key), `must be true or false (got ${describe(raw)})`, {
        code: 'notBoolean',
        params: { got: summarizeValue(raw) },
      });
      return fallback;
    }
    return raw;
  }

  choice<T extends string>(
    obj: Json,
    key: string,
    path: string,
    options: readonly T[],
    fallback?: T,
  ): T {
    const raw = own(obj, key);
    const at = join(path, key);
    if (raw === undefined) {
      if (fallback !== undefined) return fallback;
      this.fail(at, `is required (one of: ${options.join(', ')})`, {
        code: 'required',
        params: { options },
      });
      return options[0] as T;
    }
    if (typeof raw !== 'string' || !(options as readonly string[]).includes(raw)) {
      this.fail(at, `must be one of: ${options.join(', ')} (got ${describe(raw)})`, {
        code: 'notOneOf',
        params: { options, got: summarizeValue(raw) },
      });
      return fallback ?? (options[0] as T);
    }
    return raw as T;
  }

  point(
    obj: Json,
    key: string,
    path: string,
    fallback: readonly [number, number],
  ): readonly [number, number] {
    const raw = own(obj, key);
    if (raw === undefined) return fallback;
    if (
      !Array.isArray(raw) ||
      raw.length !== 2 ||
      !raw.every(
        (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_COORDINATE,
      )
    ) {
      this.fail(
        join(path, key),
        `must be two finite numbers [x, y] within ±1e6 (got ${describe(raw)})`,
        { code: 'notPoint', params: { limit: MAX_COORDINATE, got: summarizeValue(raw) } },
      );
      return fallback;
    }
    return [raw[0] as number, raw[1] as number];
  }
}

function own(obj: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') {
    return value.length > 30 ? `a string of ${value.length} characters` : JSON.stringify(value);
  }
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function rangeText(r: {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}): string {
  const lo = r.min === undefined ? '' : `${r.minExclusive ? '>' : '≥'} ${r.min}`;
  const hi = r.max === undefined ? '' : `${r.maxExclusive ? '<' : '≤'} ${r.max}`;
  return lo && hi ? `${lo} and ${hi}` : lo || hi;
}

const SURFACE_NAMES = Object.keys(SURFACES) as SurfaceName[];

function readSurfaceProblem(r: Reader, p: Json, path: string): SurfaceProblem {
  const surface = r.choice(p, 'surface', path, [...SURFACE_NAMES, 'custom'] as const);
  let start: readonly [number, number] = [0, 0];
  let expression: string | undefined;
  const params: Record<string, number> = {};
  if (surface === 'custom') {
    const raw = own(p, 'expression');
    if (typeof raw !== 'string') {
      r.fail(join(path, 'expression'), `must be a formula in x and y (got ${describe(raw)})`, {
        code: 'notFormula',
        params: { got: summarizeValue(raw) },
      });
    } else {
      expression = raw;
      try {
        start = compileCustomSurface(raw).start;
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        r.fail(join(path, 'expression'), error.message, {
          code: 'formula',
          params: {
            formula: { code: error.code, params: error.params },
            position: error.position,
            length: error.length,
          },
        });
      }
    }
    const rawParams = own(p, 'params');
    if (rawParams !== undefined) r.object(rawParams, join(path, 'params'), []);
  } else {
    const definition = SURFACES[surface];
    const rawParams = own(p, 'params') ?? {};
    const obj =
      r.object(
        rawParams,
        join(path, 'params'),
        definition.parameters.map((q) => q.name),
      ) ?? {};
    for (const q of definition.parameters) {
      params[q.name] = r.number(obj, q.name, join(path, 'params'), q.default, {
        min: q.min,
        max: q.max,
      });
    }
    start = definition.create(params).start;
    if (own(p, 'expression') !== undefined) {
      r.fail(join(path, 'expression'), 'is only used with "surface": "custom"', {
        code: 'expressionNotCustom',
        params: {},
      });
    }
  }
  return {
    kind: 'surface',
    surface,
    ...(expression === undefined ? {} : { expression }),
    start: r.point(p, 'start', path, start),
    params,
    gradientNoise: r.number(p, 'gradientNoise', path, 0, { min: 0, max: 1e3 }),
  };
}

function readRegressionProblem(r: Reader, p: Json, path: string): RegressionProblem {
  return {
    kind: 'regression',
    samples: r.number(p, 'samples', path, 64, {
      min: 2,
      max: MAX_REGRESSION_SAMPLES,
      integer: true,
    }),
    noise: r.number(p, 'noise', path, 0.5, { min: 0, max: 100 }),
    outliers: r.number(p, 'outliers', path, 0, { min: 0, max: 1, maxExclusive: true }),
    trueW: r.number(p, 'trueW', path, 2, { min: -1e3, max: 1e3 }),
    trueB: r.number(p, 'trueB', path, -1, { min: -1e3, max: 1e3 }),
    start: r.point(p, 'start', path, [-2, 3]),
  };
}

function readCnnProblem(r: Reader, p: Json, path: string): CnnProblem {
  const dataset = r.choice(p, 'dataset', path, ['mnist', 'shapes'] as const, 'mnist');
  const mnist = dataset === 'mnist';
  const trainSize = r.number(p, 'trainSize', path, mnist ? 8000 : 2000, {
    min: 1,
    max: mnist ? 9000 : 20_000,
    integer: true,
  });
  const testSize = r.number(p, 'testSize', path, mnist ? 2000 : 500, {
    min: 1,
    max: mnist ? 5000 : 5000,
    integer: true,
  });
  if (mnist && trainSize + testSize > MNIST_DIGITS) {
    r.fail(
      join(path, 'testSize'),
      `trainSize + testSize must be ≤ ${MNIST_DIGITS}, the MNIST digits shipped (got ${trainSize + testSize})`,
      { code: 'mnistSize', params: { max: MNIST_DIGITS, got: trainSize + testSize } },
    );
  }
  const rawArchitecture = own(p, 'architecture');
  let architecture = DEFAULT_ARCHITECTURE;
  if (rawArchitecture !== undefined) {
    const checked = checkArchitecture(rawArchitecture, join(path, 'architecture'));
    if (checked.ok) architecture = checked.value;
    else r.issues.push(...checked.issues);
  }
  return {
    kind: 'cnn',
    dataset,
    trainSize,
    testSize,
    evalEvery: r.number(p, 'evalEvery', path, 200, { min: 1, max: MAX_STEPS, integer: true }),
    architecture,
  };
}

const PROBLEM_FIELDS: Record<Problem['kind'], readonly string[]> = {
  surface: ['kind', 'surface', 'expression', 'start', 'params', 'gradientNoise'],
  regression: ['kind', 'samples', 'noise', 'outliers', 'trueW', 'trueB', 'start'],
  cnn: ['kind', 'dataset', 'trainSize', 'testSize', 'evalEvery', 'architecture'],
};

function readProblem(r: Reader, raw: unknown, path: string): Problem | null {
  const kindProbe = typeof raw === 'object' && raw !== null ? own(raw as Json, 'kind') : undefined;
  const kind = r.choice({ kind: kindProbe }, 'kind', path, [
    'surface',
    'regression',
    'cnn',
  ] as const);
  if (r.issues.length) return null;
  const p = r.object(raw, path, PROBLEM_FIELDS[kind]);
  if (!p) return null;
  switch (kind) {
    case 'surface':
      return readSurfaceProblem(r, p, path);
    case 'regression':
      return readRegressionProblem(r, p, path);
    case 'cnn':
      return readCnnProblem(r, p, path);
  }
}

/** Allowed range of every optimizer hyperparameter, by field name. */
const HYPER_RANGES: Record<
  string,
  { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean }
> = {
  lr: { min: 0, max: 1e6 },
  weightDecay: { min: 0, max: 1e3 },
  momentum: { min: 0, max: 1, maxExclusive: true },
  dampening: { min: 0, max: 1 },
  eps: { min: 0, max: 1, minExclusive: true },
  initialAccumulator: { min: 0, max: 1e6 },
  lrDecay: { min: 0, max: 1e3 },
  alpha: { min: 0, max: 1 },
  beta1: { min: 0, max: 1, maxExclusive: true },
  beta2: { min: 0, max: 1, maxExclusive: true },
  rho: { min: 0, max: 1 },
};

const OPTIMIZER_KINDS = Object.keys(OPTIMIZER_DEFAULTS) as OptimizerKind[];

function readOptimizer(r: Reader, raw: unknown, path: string): OptimizerConfig {
  const probe = typeof raw === 'object' && raw !== null ? own(raw as Json, 'kind') : undefined;
  const before = r.issues.length;
  const kind = r.choice({ kind: probe }, 'kind', path, OPTIMIZER_KINDS);
  const defaults: Record<string, unknown> = OPTIMIZER_DEFAULTS[kind];
  if (r.issues.length > before) return OPTIMIZER_DEFAULTS.sgd;
  const o = r.object(raw, path, Object.keys(defaults));
  if (!o) return OPTIMIZER_DEFAULTS[kind];
  const out: Record<string, unknown> = { kind };
  for (const [key, fallback] of Object.entries(defaults)) {
    if (key === 'kind') continue;
    if (typeof fallback === 'number')
      out[key] = r.number(o, key, path, fallback, HYPER_RANGES[key] ?? {});
    else if (typeof fallback === 'boolean') out[key] = r.boolean(o, key, path, fallback);
    else if (key === 'form')
      out[key] = r.choice(o, key, path, ['classic', 'pytorch'] as const, 'classic');
  }
  return out as unknown as OptimizerConfig;
}

const SCHEDULE_KINDS = Object.keys(SCHEDULE_DEFAULTS) as ScheduleKind[];

function readSchedule(r: Reader, raw: unknown, path: string, steps: number): ScheduleConfig {
  if (raw === undefined) return SCHEDULE_DEFAULTS.constant;
  const probe = typeof raw === 'object' && raw !== null ? own(raw as Json, 'kind') : undefined;
  const before = r.issues.length;
  const kind = r.choice({ kind: probe }, 'kind', path, SCHEDULE_KINDS, 'constant');
  if (r.issues.length > before) return SCHEDULE_DEFAULTS.constant;
  const defaults: Record<string, unknown> = SCHEDULE_DEFAULTS[kind];
  const s = r.object(raw, path, Object.keys(defaults));
  if (!s) return SCHEDULE_DEFAULTS[kind];
  const ranges: Record<string, Parameters<Reader['number']>[4]> = {
    stepSize: { min: 1, max: MAX_STEPS, integer: true },
    gamma: { min: 0, max: 1 },
    tMax: { min: 1, max: MAX_STEPS, integer: true },
    etaMin: { min: 0, max: 1e6 },
    decayRate: { min: 0, max: 1e6 },
    warmupSteps: { min: 0, max: Math.max(steps, 0), integer: true },
    warmupStartFactor: { min: 0, max: 1 },
  };
  const out: Record<string, unknown> = { kind };
  for (const [key, fallback] of Object.entries(defaults)) {
    if (key === 'kind') continue;
    out[key] = r.number(s, key, path, fallback as number, ranges[key] ?? {});
  }
  return out as unknown as ScheduleConfig;
}

function readBatchSize(
  r: Reader,
  run: Json,
  path: string,
  problem: Problem | null,
): number | 'all' {
  const raw = own(run, 'batchSize');
  const fallback = problem?.kind === 'cnn' ? 20 : 'all';
  if (raw === undefined || raw === 'all') return raw ?? fallback;
  const limit =
    problem?.kind === 'regression'
      ? problem.samples
      : problem?.kind === 'cnn'
        ? problem.trainSize
        : Infinity;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > limit) {
    r.fail(
      join(path, 'batchSize'),
      `must be "all" or a whole number from 1 to ${Number.isFinite(limit) ? limit : 'the data size'} (got ${describe(raw)})`,
      {
        code: 'batchSize',
        params: { max: Number.isFinite(limit) ? limit : null, got: summarizeValue(raw) },
      },
    );
    return fallback;
  }
  return raw;
}

function readRuns(r: Reader, raw: unknown, problem: Problem | null, steps: number): RunConfig[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_RUNS) {
    r.fail('runs', `must be a list of 1 to ${MAX_RUNS} runs (got ${describe(raw)})`, {
      code: 'runCount',
      params: { max: MAX_RUNS, got: summarizeValue(raw) },
    });
    return [];
  }
  const labels = new Set<string>();
  return raw.map((item, i) => {
    const path = join('runs', i);
    const run = r.object(item, path, ['label', 'optimizer', 'schedule', 'batchSize']) ?? {};
    const optimizer = readOptimizer(r, own(run, 'optimizer'), join(path, 'optimizer'));
    let label = own(run, 'label');
    if (label === undefined) label = `${optimizer.kind}${raw.length > 1 ? ` ${i + 1}` : ''}`;
    if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_LABEL_LENGTH) {
      r.fail(
        join(path, 'label'),
        `must be a name of 1 to ${MAX_LABEL_LENGTH} characters (got ${describe(label)})`,
        { code: 'labelLength', params: { max: MAX_LABEL_LENGTH, got: summarizeValue(label) } },
      );
      label = `run ${i + 1}`;
    } else if (labels.has(label)) {
      r.fail(join(path, 'label'), `"${label}" is used by an earlier run; labels must be unique`, {
        code: 'duplicateLabel',
        params: { label },
      });
    }
    labels.add(label as string);
    return {
      label: label as string,
      optimizer,
      schedule: readSchedule(r, own(run, 'schedule'), join(path, 'schedule'), steps),
      batchSize: readBatchSize(r, run, path, problem),
    };
  });
}

/** Validates untrusted JSON as an experiment, filling in every default. */
export function validateExperiment(input: unknown): ValidationResult<Experiment> {
  const r = new Reader();
  const root = r.object(input, '', ['version', 'problem', 'steps', 'seed', 'runs']);
  if (!root) return { ok: false, issues: r.issues };
  const version = own(root, 'version');
  if (version !== undefined && version !== EXPERIMENT_VERSION) {
    r.fail('version', `this app reads version ${EXPERIMENT_VERSION} (got ${describe(version)})`, {
      code: 'version',
      params: { expected: EXPERIMENT_VERSION, got: summarizeValue(version) },
    });
    return { ok: false, issues: r.issues };
  }
  const problem = readProblem(r, own(root, 'problem'), 'problem');
  const steps = r.number(root, 'steps', '', 200, { min: 1, max: MAX_STEPS, integer: true });
  const seed = r.number(root, 'seed', '', 1, { min: 0, max: 2 ** 32 - 1, integer: true });
  const runs = readRuns(r, own(root, 'runs'), problem, steps);
  if (r.issues.length > 0 || !problem) return { ok: false, issues: r.issues };
  return { ok: true, value: { version: EXPERIMENT_VERSION, problem, steps, seed, runs } };
}

/** Like `validateExperiment`, but throws a `ConfigError` listing every issue. */
export function parseExperiment(input: unknown): Experiment {
  const result = validateExperiment(input);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.value;
}
