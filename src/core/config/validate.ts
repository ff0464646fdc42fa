/**
 * Validation of experiment configs from any untrusted source (URL, file, CLI, lessons):
 * unknown JSON in, a complete `Experiment` out, or every issue found, each naming the field
 * path, a code and its values. The schemas (experiment.ts, and each optimizer's and
 * schedule's) check every field and fill in its default; what is left here are the rules
 * that span fields: the surface's own parameters and start, a custom formula, the data set's
 * sizes, run labels, batch sizes against the data size, and warm-up within the run.
 */
import { shapeIssues } from '../cnn/architecture.ts';
import { FormulaError } from '../expression/index.ts';
import { SURFACES, compileCustomSurface } from '../surfaces/index.ts';
import { summarizeValue, type ConfigIssue } from './issue.ts';
import { fields, numberField, readWith } from './schema.ts';
import {
  CNN_DATASETS,
  EXPERIMENT_VERSION,
  MNIST_DIGITS,
  experimentSchema,
  type Experiment,
  type Problem,
  type RunConfig,
} from './experiment.ts';

export {
  CONFIG_ISSUE_CODES,
  summarizeValue,
  type ConfigIssue,
  type ConfigIssueCode,
  type IssueDetail,
  type ValueSummary,
} from './issue.ts';
export { MAX_COORDINATE, MAX_LABEL_LENGTH, MAX_REGRESSION_SAMPLES } from './experiment.ts';

/** Thrown by `parseExperiment`; its message lists every issue's path and code. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map((i) => `${i.path || '(config)'}: ${i.code}`).join('\n'));
    this.name = 'ConfigError';
  }
}

export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

type Parsed = Extract<ReturnType<typeof readWith<typeof experimentSchema>>, { ok: true }>['value'];

/** Validates untrusted JSON as an experiment, filling in every default. */
export function validateExperiment(input: unknown): ValidationResult<Experiment> {
  // Another version is a different format: say only that.
  const version =
    typeof input === 'object' && input !== null && Object.hasOwn(input, 'version')
      ? (input as { version: unknown }).version
      : undefined;
  if (version !== undefined && version !== EXPERIMENT_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'version',
          code: 'version',
          params: { expected: EXPERIMENT_VERSION, got: summarizeValue(version) },
        },
      ],
    };
  }
  const read = readWith(experimentSchema, input);
  if (!read.ok) return read;
  const issues: ConfigIssue[] = [];
  const problem = checkProblem(read.value.problem, issues);
  const labels = new Set<string>();
  const runs = read.value.runs.map((run, i, all) =>
    checkRun(run, i, all.length, { problem, steps: read.value.steps, labels }, issues),
  );
  if (issues.length > 0) return { ok: false, issues };
  const { steps, seed, sharpnessEvery } = read.value;
  return {
    ok: true,
    value: {
      version: EXPERIMENT_VERSION,
      problem,
      steps,
      seed,
      runs,
      ...(sharpnessEvery === undefined ? {} : { sharpnessEvery }),
    },
  };
}

/** Like `validateExperiment`, but throws a `ConfigError` listing every issue. */
export function parseExperiment(input: unknown): Experiment {
  const result = validateExperiment(input);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.value;
}

/** The problem with what depends on its surface or data set filled in and checked. */
function checkProblem(problem: Parsed['problem'], issues: ConfigIssue[]): Problem {
  switch (problem.kind) {
    case 'regression':
      return problem;
    case 'cnn': {
      const { dataset } = problem;
      const limits = CNN_DATASETS[dataset];
      const trainSize = problem.trainSize ?? limits.trainSize;
      const testSize = problem.testSize ?? limits.testSize;
      if (trainSize > limits.maxTrain) {
        issues.push({
          path: 'problem.trainSize',
          code: 'outOfRange',
          params: {
            min: 1,
            lower: '≥',
            max: limits.maxTrain,
            upper: '≤',
            got: summarizeValue(trainSize),
          },
        });
      } else if (dataset === 'mnist' && trainSize + testSize > MNIST_DIGITS) {
        issues.push({
          path: 'problem.testSize',
          code: 'mnistSize',
          params: { max: MNIST_DIGITS, got: trainSize + testSize },
        });
      }
      issues.push(...shapeIssues(problem.architecture, 'problem.architecture'));
      return { ...problem, trainSize, testSize };
    }
    case 'surface': {
      const { surface, expression, start, params, gradientNoise } = problem;
      if (surface === 'custom') {
        let formulaStart: readonly [number, number] = [0, 0];
        if (expression === undefined) {
          issues.push({
            path: 'problem.expression',
            code: 'notFormula',
            params: { got: summarizeValue(undefined) },
          });
        } else {
          try {
            formulaStart = compileCustomSurface(expression).start;
          } catch (error) {
            if (!(error instanceof FormulaError)) throw error;
            issues.push({
              path: 'problem.expression',
              code: 'formula',
              params: {
                formula: { code: error.code, params: error.params },
                position: error.position,
                length: error.length,
              },
            });
          }
        }
        // A formula has no parameters.
        const none = readWith(fields({}), params ?? {}, 'problem.params');
        if (!none.ok) issues.push(...none.issues);
        return {
          kind: 'surface',
          surface,
          ...(expression === undefined ? {} : { expression }),
          start: start ?? formulaStart,
          params: {},
          gradientNoise,
        };
      }
      if (expression !== undefined) {
        issues.push({ path: 'problem.expression', code: 'expressionNotCustom', params: {} });
      }
      const definition = SURFACES[surface];
      const declared = fields(
        Object.fromEntries(
          definition.parameters.map((q) => [
            q.name,
            numberField(q.default, { min: q.min, max: q.max }),
          ]),
        ),
      );
      const read = readWith(declared, params ?? {}, 'problem.params');
      if (!read.ok) issues.push(...read.issues);
      const values = read.ok ? read.value : {};
      return {
        kind: 'surface',
        surface,
        start: start ?? (read.ok ? definition.create(values).start : [0, 0]),
        params: values,
        gradientNoise,
      };
    }
  }
}

/** What a run is checked against: the problem, the step budget, the labels used before it. */
interface RunContext {
  readonly problem: Problem;
  readonly steps: number;
  readonly labels: Set<string>;
}

/**
 * A run with its label and batch size filled in; its label unique, its warm-up within the
 * run and its batch within the data.
 */
function checkRun(
  run: Parsed['runs'][number],
  index: number,
  count: number,
  { problem, steps, labels }: RunContext,
  issues: ConfigIssue[],
): RunConfig {
  const path = `runs[${index}]`;
  const { optimizer, schedule } = run;
  const label = run.label ?? `${optimizer.kind}${count > 1 ? ` ${index + 1}` : ''}`;
  if (labels.has(label)) {
    issues.push({ path: `${path}.label`, code: 'duplicateLabel', params: { label } });
  }
  labels.add(label);
  if (schedule.warmupSteps > steps) {
    issues.push({
      path: `${path}.schedule.warmupSteps`,
      code: 'outOfRange',
      params: {
        min: 0,
        lower: '≥',
        max: steps,
        upper: '≤',
        got: summarizeValue(schedule.warmupSteps),
      },
    });
  }
  return {
    label,
    optimizer,
    schedule,
    batchSize: checkBatchSize(run.batchSize, path, problem, issues),
  };
}

/** "all", or a whole number from 1 to the data size (unbounded on a surface). */
function checkBatchSize(
  raw: unknown,
  path: string,
  problem: Problem,
  issues: ConfigIssue[],
): number | 'all' {
  const fallback = problem.kind === 'cnn' ? 20 : 'all';
  if (raw === undefined) return fallback;
  if (raw === 'all') return raw;
  const limit =
    problem.kind === 'regression'
      ? problem.samples
      : problem.kind === 'cnn'
        ? problem.trainSize
        : Infinity;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > limit) {
    issues.push({
      path: `${path}.batchSize`,
      code: 'batchSize',
      params: { max: Number.isFinite(limit) ? limit : null, got: summarizeValue(raw) },
    });
    return fallback;
  }
  return raw;
}
