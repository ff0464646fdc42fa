/**
 * Names from the core in the UI language: optimizers, schedules, run colours and markers,
 * and the divergence reasons the trainers write ("loss became Infinity at step 183 with
 * η = 0.8"), which are recognised by their fixed pattern and rephrased.
 */
import type { OptimizerKind, ScheduleKind, SurfaceName } from '../core/config/experiment.ts';
import type { FormulaErrorCode } from '../core/expression/formulaError.ts';
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

const SUBJECTS: Readonly<Record<string, PlainMessageKey>> = {
  loss: 'reason.loss',
  'a parameter': 'reason.parameter',
  'the gradient': 'reason.gradient',
};

const REASON =
  /^(loss|a parameter|the gradient) became (NaN|Infinity|-Infinity) at step (\d+)(?: with η = (\S+))?$/;

/** A divergence reason of the core, in the UI language (unrecognised text passes through). */
export function divergenceText(reason: string, t: Translate): string {
  const match = REASON.exec(reason);
  if (!match) return reason;
  const [, subject, value, step, lr] = match;
  const what = t(SUBJECTS[subject!]!);
  return lr === undefined
    ? t('reason.became', { what, value: value!, step: Number(step) })
    : t('reason.becameWithLr', { what, value: value!, step: Number(step), lr });
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
