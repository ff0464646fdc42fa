/**
 * Names from the core in the UI language: optimizers, schedules, run colours and markers,
 * and the coded reports of the core — divergences, formula errors and experiment-validation
 * issues — worded from their codes and values.
 */
import type {
  OptimizerKind,
  Problem,
  ScheduleKind,
  SurfaceName,
} from '../core/config/experiment.ts';
import type { FormulaErrorCode } from '../core/expression/formulaError.ts';
import type { ConfigIssue, ValueSummary } from '../core/config/issue.ts';
import type { Divergence } from '../core/run/records.ts';
import type { PlainMessageKey, Translate } from './translate.ts';

const OPTIMIZERS: { readonly [K in OptimizerKind]: PlainMessageKey } = {
  sgd: 'optimizer.sgd',
  momentum: 'optimizer.momentum',
  adagrad: 'optimizer.adagrad',
  rmsprop: 'optimizer.rmsprop',
  adam: 'optimizer.adam',
  adamw: 'optimizer.adamw',
  adadelta: 'optimizer.adadelta',
};

const SCHEDULES: { readonly [K in ScheduleKind]: PlainMessageKey } = {
  constant: 'schedule.constant',
  step: 'schedule.step',
  exponential: 'schedule.exponential',
  cosine: 'schedule.cosine',
  inverseTime: 'schedule.inverseTime',
};

const COLORS: Readonly<Record<string, PlainMessageKey>> = {
  blue: 'color.blue',
  vermillion: 'color.vermillion',
  'bluish green': 'color.bluishGreen',
  'reddish purple': 'color.reddishPurple',
  orange: 'color.orange',
  'sky blue': 'color.skyBlue',
};

const MARKERS: Readonly<Record<string, PlainMessageKey>> = {
  circle: 'marker.circle',
  square: 'marker.square',
  triangle: 'marker.triangle',
  diamond: 'marker.diamond',
  cross: 'marker.cross',
  star: 'marker.star',
};

/** "Adam", "动量（Momentum）"… */
export function optimizerTitle(kind: OptimizerKind, t: Translate): string {
  return t(OPTIMIZERS[kind]);
}

/** "Cosine annealing", "余弦退火"… */
export function scheduleTitle(kind: ScheduleKind, t: Translate): string {
  return t(SCHEDULES[kind]);
}

/** A run colour's name ("vermillion"); unknown names pass through. */
export function colorName(name: string, t: Translate): string {
  const key = COLORS[name];
  return key ? t(key) : name;
}

/** A marker shape's name ("triangle"); unknown names pass through. */
export function markerName(name: string, t: Translate): string {
  const key = MARKERS[name];
  return key ? t(key) : name;
}

const QUANTITIES: { readonly [Q in Divergence['quantity']]: PlainMessageKey } = {
  loss: 'reason.loss',
  parameter: 'reason.parameter',
  gradient: 'reason.gradient',
};

/** The non-finite values a divergence names. */
const NON_FINITE: { readonly [V in Divergence['value']]: PlainMessageKey } = {
  NaN: 'reason.nan',
  Infinity: 'reason.infinity',
  '-Infinity': 'reason.negativeInfinity',
};

/**
 * Why a run diverged, in the UI language: "loss became Infinity at step 183 with η = 0.8", or,
 * at the start point (no update yet, so no η to blame), that the loss is undefined there.
 */
export function divergenceText(divergence: Divergence, t: Translate): string {
  const { quantity, value, step, lr } = divergence;
  const what = t(QUANTITIES[quantity]);
  const word = t(NON_FINITE[value]);
  if (divergedAtStart(divergence)) return t('reason.atStart', { what, value: word });
  return lr === null
    ? t('reason.became', { what, value: word, step })
    : t('reason.becameWithLr', { what, value: word, step, lr });
}

/**
 * True when a run stopped at its start point, before any update: no learning rate played a
 * part, so rewinding and lowering η cannot help.
 */
export function divergedAtStart(divergence: Divergence): boolean {
  return divergence.step === 0;
}

const SURFACE_TITLES: { readonly [K in SurfaceName]: PlainMessageKey } = {
  quadratic: 'surface.quadratic',
  rosenbrock: 'surface.rosenbrock',
  beale: 'surface.beale',
  himmelblau: 'surface.himmelblau',
  saddle: 'surface.saddle',
  rastrigin: 'surface.rastrigin',
  ackley: 'surface.ackley',
  sixHumpCamel: 'surface.sixHumpCamel',
  ravine: 'surface.ravine',
};

const SURFACE_PARAMETERS: Readonly<Record<string, PlainMessageKey>> = {
  conditionNumber: 'surface.param.conditionNumber',
  rotation: 'surface.param.rotation',
  steepness: 'surface.param.steepness',
  bend: 'surface.param.bend',
};

/** "Ill-conditioned quadratic", "病态二次函数"… */
export function surfaceTitle(name: SurfaceName, t: Translate): string {
  return t(SURFACE_TITLES[name]);
}

/**
 * The name of the loss surface a problem draws: the analytic surface's title, "Custom formula"
 * for a typed formula, "Line-fit loss" for the batch lab's regression; '' for a CNN (no map).
 */
export function problemSurfaceTitle(problem: Problem, t: Translate): string {
  switch (problem.kind) {
    case 'surface':
      return problem.surface === 'custom' ? t('surface.custom') : surfaceTitle(problem.surface, t);
    case 'regression':
      return t('surface.lineFit');
    case 'cnn':
      return '';
  }
}

/** A surface parameter's label by its name; unknown parameters keep the core's label. */
export function surfaceParameterLabel(name: string, fallback: string, t: Translate): string {
  const key = SURFACE_PARAMETERS[name];
  return key ? t(key) : fallback;
}

/** What the UI needs of a formula error: its code and the values it names. */
export interface CodedFormulaError {
  readonly code: FormulaErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A formula error of the core's parser, worded in the UI language. */
export function formulaErrorText(error: CodedFormulaError, t: Translate): string {
  const p = error.params;
  const text = (name: string): string => String(p[name] ?? '');
  const num = (name: string): number => Number(p[name] ?? 0);
  switch (error.code) {
    case 'tooLong':
      return t('formulaError.tooLong', { max: num('max'), length: num('length') });
    case 'empty':
      return t('formulaError.empty');
    case 'tooDeep':
      return t('formulaError.tooDeep', { max: num('max'), position: num('position') });
    case 'endsEarly':
      return t('formulaError.endsEarly', { position: num('position') });
    case 'expectedOperand':
      return t('formulaError.expectedOperand', { position: num('position'), text: text('text') });
    case 'functionNeedsCall':
      return t('formulaError.functionNeedsCall', { name: text('name'), position: num('position') });
    case 'unknownName':
      return t('formulaError.unknownName', { name: text('name'), position: num('position') });
    case 'lowerCaseName':
      return t('formulaError.lowerCaseName', {
        name: text('name'),
        lower: text('lower'),
        position: num('position'),
      });
    case 'notAFunction':
      return t('formulaError.notAFunction', { name: text('name'), position: num('position') });
    case 'unknownFunction':
      return t('formulaError.unknownFunction', {
        name: text('name'),
        position: num('position'),
        functions: text('functions'),
      });
    case 'argumentCount':
      return t('formulaError.argumentCount', {
        name: text('name'),
        expected: num('expected'),
        count: num('count'),
        position: num('position'),
      });
    case 'expectedClose':
      return t('formulaError.expectedClose', { position: num('position'), open: num('open') });
    case 'unexpectedClose':
      return t('formulaError.unexpectedClose', { position: num('position') });
    case 'unexpectedComma':
      return t('formulaError.unexpectedComma', { position: num('position') });
    case 'missingOperator':
      return t('formulaError.missingOperator', { position: num('position'), text: text('text') });
    case 'unexpectedToken':
      return t('formulaError.unexpectedToken', { position: num('position'), text: text('text') });
    case 'unexpectedCharacter':
      return t('formulaError.unexpectedCharacter', {
        position: num('position'),
        text: text('text'),
      });
    case 'malformedNumber':
      return t('formulaError.malformedNumber', { position: num('position'), text: text('text') });
    case 'numberTooLarge':
      return t('formulaError.numberTooLarge', { position: num('position'), text: text('text') });
  }
}

/**
 * A number from a config as the message shows it: whole numbers grouped for the locale
 * (1,000,000), others exactly as JavaScript prints them (0.00012, 1e-8), so a rejected value
 * is never rounded into one that looks allowed (0.99999 < 1 must not read "1").
 */
function exact(value: number): string | number {
  return Number.isInteger(value) ? value : String(value);
}

/** Field names and choices stay as written in the config, in both languages. */
function names(list: readonly string[]): string {
  return list.join(', ');
}

/** What was found instead: "(got 2.5)", "（实际为 "abc"）", "(got an array of 3)"… */
function gotText(got: ValueSummary, t: Translate): string {
  switch (got.kind) {
    case 'missing':
      return t('configIssue.gotNothing');
    case 'null':
      return t('configIssue.got', { value: 'null' });
    case 'number':
      return t('configIssue.got', { value: exact(got.value) });
    case 'boolean':
      return t('configIssue.got', { value: String(got.value) });
    case 'string':
      return t('configIssue.got', { value: JSON.stringify(got.value) });
    case 'longString':
      return t('configIssue.gotLongString', { length: got.length });
    case 'array':
      return t('configIssue.gotArray', { length: got.length });
    case 'object':
      return t('configIssue.gotObject');
    case 'other':
      return t('configIssue.got', { value: got.type });
  }
}

/** Why a config was rejected, in the UI language, without the field path. */
export function configIssueReason(issue: ConfigIssue, t: Translate): string {
  switch (issue.code) {
    case 'notObject':
      return t('configIssue.notObject', { got: gotText(issue.params.got, t) });
    case 'unknownField':
      return issue.params.expected.length === 0
        ? t('configIssue.unknownFieldNone')
        : t('configIssue.unknownField', { expected: names(issue.params.expected) });
    case 'required':
      return t('configIssue.required', { options: names(issue.params.options) });
    case 'notFinite':
      return t('configIssue.notFinite', { got: gotText(issue.params.got, t) });
    case 'notInteger':
      return t('configIssue.notInteger', {
        got: gotText({ kind: 'number', value: issue.params.got }, t),
      });
    case 'outOfRange': {
      const { min, lower = '≥', max, upper = '≤' } = issue.params;
      const got = gotText(issue.params.got, t);
      if (min !== undefined && max !== undefined)
        return t('configIssue.outOfRange', { lower, min: exact(min), upper, max: exact(max), got });
      if (min !== undefined) return t('configIssue.outOfRangeMin', { lower, min: exact(min), got });
      return t('configIssue.outOfRangeMax', { upper, max: exact(max ?? Infinity), got });
    }
    case 'integerRange':
      return t('configIssue.integerRange', {
        min: exact(issue.params.min),
        max: exact(issue.params.max),
        got: gotText(issue.params.got, t),
      });
    case 'notBoolean':
      return t('configIssue.notBoolean', { got: gotText(issue.params.got, t) });
    case 'notOneOf':
      return t('configIssue.notOneOf', {
        options: names(issue.params.options),
        got: gotText(issue.params.got, t),
      });
    case 'notPoint':
      return t('configIssue.notPoint', {
        limit: exact(issue.params.limit),
        got: gotText(issue.params.got, t),
      });
    case 'notFormula':
      return t('configIssue.notFormula', { got: gotText(issue.params.got, t) });
    case 'formula':
      return formulaErrorText(issue.params.formula, t);
    case 'expressionNotCustom':
      return t('configIssue.expressionNotCustom');
    case 'mnistSize':
      return t('configIssue.mnistSize', {
        max: exact(issue.params.max),
        total: exact(issue.params.got),
      });
    case 'runCount':
      return t('configIssue.runCount', {
        max: exact(issue.params.max),
        got: gotText(issue.params.got, t),
      });
    case 'labelLength':
      return t('configIssue.labelLength', {
        max: exact(issue.params.max),
        got: gotText(issue.params.got, t),
      });
    case 'duplicateLabel':
      return t('configIssue.duplicateLabel', { label: issue.params.label });
    case 'batchSize': {
      const got = gotText(issue.params.got, t);
      return issue.params.max === null
        ? t('configIssue.batchSizeUnbounded', { got })
        : t('configIssue.batchSize', { max: exact(issue.params.max), got });
    }
    case 'version':
      return t('configIssue.version', {
        expected: exact(issue.params.expected),
        got: gotText(issue.params.got, t),
      });
    case 'unreadable':
      return t('configIssue.unreadable', { reason: issue.params.reason });
    case 'notArchitecture':
      return t('configIssue.notArchitecture', { got: gotText(issue.params.got, t) });
    case 'inputShape':
      return t('configIssue.inputShape', {
        expected: `[${issue.params.expected.join(', ')}]`,
        got: gotText(issue.params.got, t),
      });
    case 'notLayerList':
      return t('configIssue.notLayerList', { got: gotText(issue.params.got, t) });
    case 'tooManyLayers':
      return t('configIssue.tooManyLayers', {
        max: exact(issue.params.max),
        count: exact(issue.params.got),
      });
    case 'notLayer':
      return t('configIssue.notLayer', {
        example: '{"type": "relu"}',
        got: gotText(issue.params.got, t),
      });
    case 'unknownLayerField':
      return t('configIssue.unknownLayerField', {
        layer: issue.params.layer,
        expected: names(issue.params.expected),
      });
    case 'padTooLarge':
      return t('configIssue.padTooLarge', {
        pad: exact(issue.params.pad),
        size: exact(issue.params.size),
      });
    case 'kernelTooLarge':
      return t('configIssue.kernelTooLarge', {
        size: exact(issue.params.size),
        height: exact(issue.params.height),
        width: exact(issue.params.width),
        pad: exact(issue.params.pad),
      });
    case 'poolTooLarge':
      return t('configIssue.poolTooLarge', {
        size: exact(issue.params.size),
        height: exact(issue.params.height),
        width: exact(issue.params.width),
      });
    case 'im2colTooLarge':
      return t('configIssue.im2colTooLarge', {
        values: exact(issue.params.values),
        max: exact(issue.params.max),
      });
    case 'tooManyMacs':
      return t('configIssue.tooManyMacs', {
        macs: exact(issue.params.macs),
        max: exact(issue.params.max),
      });
    case 'tooManyActivations':
      return t('configIssue.tooManyActivations', {
        activations: exact(issue.params.activations),
        max: exact(issue.params.max),
      });
  }
}

/**
 * One config issue in the UI language, field path first: "runs[0].optimizer.lr: must be ≥ 0
 * and ≤ 1,000,000 (got -1)", "字段 runs[0].optimizer.lr：必须 ≥ 0 且 ≤ 1,000,000（实际为 -1）".
 * Paths stay as written in the config.
 */
export function configIssueText(issue: ConfigIssue, t: Translate): string {
  const reason = configIssueReason(issue, t);
  return issue.path ? t('configIssue.at', { path: issue.path, reason }) : reason;
}

/**
 * A list of config issues, one line each; past `max` lines (default: all), the rest are
 * counted in a last line ("…and 3 more").
 */
export function configIssueLines(
  issues: readonly ConfigIssue[],
  t: Translate,
  max = Infinity,
): string[] {
  if (issues.length <= max) return issues.map((issue) => configIssueText(issue, t));
  const shown = Math.max(0, Math.floor(max));
  return [
    ...issues.slice(0, shown).map((issue) => configIssueText(issue, t)),
    t('configIssue.more', { count: issues.length - shown }),
  ];
}

/** Fixed English forms of the errors the worker, its client and the data loader report. */
const SYSTEM_ERRORS: ReadonlyArray<{
  readonly pattern: RegExp;
  readonly word: (match: RegExpExecArray, t: Translate) => string;
}> = [
  {
    pattern: /^the training worker stopped responding$/,
    word: (_, t) => t('systemError.workerSilent'),
  },
  {
    pattern: /^the training worker stopped: ([^]*)$/,
    word: (m, t) => t('systemError.workerStopped', { detail: detailText(m[1]!, t) }),
  },
  {
    pattern: /^could not start a training worker: ([^]*)$/,
    word: (m, t) => t('systemError.workerStart', { detail: detailText(m[1]!, t) }),
  },
  {
    pattern: /^a message from the training worker could not be read$/,
    word: (_, t) => t('systemError.unreadableMessage'),
  },
  {
    pattern: /^the training worker was asked to crash \(test\)$/,
    word: (_, t) => t('systemError.crashTest'),
  },
  {
    pattern: /^protocol (\S+) does not match the worker's (\S+); reload the page$/,
    word: (m, t) => t('systemError.protocol', { page: m[1]!, worker: m[2]! }),
  },
  {
    pattern: /^could not load the MNIST digits \(([^)]*)\): ([^]*)$/,
    word: (m, t) => t('systemError.mnist', { url: m[1]!, detail: detailText(m[2]!, t) }),
  },
  {
    pattern: /^the file has (\d+) bytes, fewer than its (\d+)-byte header$/,
    word: (m, t) => t('systemError.mnistShort', { bytes: Number(m[1]), header: Number(m[2]) }),
  },
  {
    pattern: /^it is not a Descent Lab MNIST file \(a web page instead of the data\?\)$/,
    word: (_, t) => t('systemError.mnistNotData'),
  },
  {
    pattern: /^it has format version (\d+), this page reads version (\d+)$/,
    word: (m, t) =>
      t('systemError.mnistVersion', { version: Number(m[1]), expected: Number(m[2]) }),
  },
  {
    pattern: /^it is truncated or padded: (\d+) bytes, the header promises (\d+)$/,
    word: (m, t) => t('systemError.mnistLength', { bytes: Number(m[1]), promised: Number(m[2]) }),
  },
];

/** The browser's own words for a failure pass through; only "unknown error" is ours. */
function detailText(detail: string, t: Translate): string {
  return detail === 'unknown error' ? t('systemError.unknown') : systemErrorText(detail, t);
}

/**
 * An error reported by the training worker, its client or the MNIST loader, in the UI
 * language when it has one of their fixed forms ("the training worker stopped: …"). What the
 * browser or the network said inside it ("out of memory", "HTTP 404") passes through.
 */
export function systemErrorText(message: string, t: Translate): string {
  for (const { pattern, word } of SYSTEM_ERRORS) {
    const match = pattern.exec(message);
    if (match) return word(match, t);
  }
  return message;
}
