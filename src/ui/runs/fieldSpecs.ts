/**
 * How each hyperparameter of the experiment format is shown: its label (the control's
 * accessible name) and one-line meaning, whether a number is a linear slider, and the order
 * fields appear in. Which fields an optimizer or schedule has, their ranges, whether they are
 * whole numbers, their choices and defaults all come from the core's schemas, so a field
 * declared there shows up here with no other edit (under its own name until it is given a
 * label).
 */
import * as v from 'valibot';
import type { OptimizerKind, ScheduleKind } from '../../core/config/experiment.ts';
import {
  boundsOf,
  isIntegerField,
  unwrap,
  type AnySchema,
  type Bounds,
} from '../../core/config/schema.ts';
import { optionsOf } from '../../core/optimizers/index.ts';
import { scheduleOptionsOf } from '../../core/schedules/index.ts';
import type { PlainMessageKey, Translate } from '../../i18n/index.ts';

/** A field as shown: label, hint and option labels already in the UI language. */
export type FieldSpec =
  | {
      readonly key: string;
      readonly kind: 'number';
      readonly label: string;
      readonly hint: string;
      /** The range as the schema declares it (bounds may be exclusive). */
      readonly bounds: Bounds;
      readonly integer: boolean;
      /** True for a value the schema accepts. */
      readonly accepts: (value: number) => boolean;
    }
  | {
      readonly key: string;
      readonly kind: 'slider';
      readonly label: string;
      readonly hint: string;
      readonly min: number;
      readonly max: number;
      readonly step: number;
    }
  | {
      readonly key: string;
      readonly kind: 'boolean';
      readonly label: string;
      readonly hint: string;
    }
  | {
      readonly key: string;
      readonly kind: 'choice';
      readonly label: string;
      readonly hint: string;
      readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
    };

/** How a field is presented. */
interface Presentation {
  readonly label: PlainMessageKey;
  readonly hint: PlainMessageKey;
  /** A bounded number drawn as a linear slider (else a typed number field). */
  readonly scale?: 'linear';
  /** Labels of a choice's values. */
  readonly options?: Readonly<Record<string, PlainMessageKey>>;
}

/** Slider positions across a range: a step of 1/1000 of it. */
const SLIDER_STEPS = 1000;

/** Optimizer fields besides kind and learning rate, in the order they are listed. */
const OPTIMIZER_FIELDS: Readonly<Record<string, Presentation>> = {
  alpha: { label: 'field.alpha', hint: 'field.alpha.hint' },
  beta1: { label: 'field.beta1', hint: 'field.beta1.hint' },
  beta2: { label: 'field.beta2', hint: 'field.beta2.hint' },
  rho: { label: 'field.rho', hint: 'field.rho.hint' },
  eps: { label: 'field.eps', hint: 'field.eps.hint' },
  initialAccumulator: { label: 'field.initialAccumulator', hint: 'field.initialAccumulator.hint' },
  lrDecay: { label: 'field.lrDecay', hint: 'field.lrDecay.hint' },
  momentum: { label: 'field.momentum', hint: 'field.momentum.hint', scale: 'linear' },
  dampening: { label: 'field.dampening', hint: 'field.dampening.hint' },
  nesterov: { label: 'field.nesterov', hint: 'field.nesterov.hint' },
  centered: { label: 'field.centered', hint: 'field.centered.hint' },
  weightDecay: { label: 'field.weightDecay', hint: 'field.weightDecay.hint' },
  amsgrad: { label: 'field.amsgrad', hint: 'field.amsgrad.hint' },
  form: {
    label: 'field.form',
    hint: 'field.form.hint',
    options: { classic: 'field.form.classic', pytorch: 'field.form.pytorch' },
  },
};

/** Schedule fields besides kind, in the order they are listed. */
const SCHEDULE_FIELDS: Readonly<Record<string, Presentation>> = {
  stepSize: { label: 'field.stepSize', hint: 'field.stepSize.hint' },
  gamma: { label: 'field.gamma', hint: 'field.gamma.hint' },
  tMax: { label: 'field.tMax', hint: 'field.tMax.hint' },
  etaMin: { label: 'field.etaMin', hint: 'field.etaMin.hint' },
  decayRate: { label: 'field.decayRate', hint: 'field.decayRate.hint' },
  warmupSteps: { label: 'field.warmupSteps', hint: 'field.warmupSteps.hint' },
  warmupStartFactor: { label: 'field.warmupStartFactor', hint: 'field.warmupStartFactor.hint' },
};

/** The field `key` of an options schema, as shown. */
function fieldSpec(
  key: string,
  schema: AnySchema,
  presentation: Presentation | undefined,
  t: Translate,
): FieldSpec {
  const label = presentation ? t(presentation.label) : key;
  const hint = presentation ? t(presentation.hint) : '';
  const inner = unwrap(schema) as AnySchema & { options?: readonly string[] };
  if (inner.type === 'boolean') return { key, kind: 'boolean', label, hint };
  if (inner.type === 'picklist') {
    const names = presentation?.options ?? {};
    const options = (inner.options ?? []).map((value) => {
      const name = names[value];
      return { value, label: name ? t(name) : value };
    });
    return { key, kind: 'choice', label, hint, options };
  }
  const bounds = boundsOf(schema) ?? {};
  const { min, max } = bounds;
  if (presentation?.scale === 'linear' && min !== undefined && max !== undefined) {
    const step = (max - min) / SLIDER_STEPS;
    return {
      key,
      kind: 'slider',
      label,
      hint,
      min: bounds.lower === '>' ? min + step : min,
      max: bounds.upper === '<' ? max - step : max,
      step,
    };
  }
  return {
    key,
    kind: 'number',
    label,
    hint,
    bounds,
    integer: isIntegerField(schema),
    accepts: (value) => v.is(schema, value),
  };
}

/** The fields of `entries` but `skip`, in the order of `presentations`, then undeclared ones. */
function fieldSpecs(
  entries: Readonly<Record<string, AnySchema>>,
  skip: readonly string[],
  presentations: Readonly<Record<string, Presentation>>,
  t: Translate,
): FieldSpec[] {
  const keys = Object.keys(entries).filter((key) => !skip.includes(key));
  const rank = (key: string) => {
    const i = Object.keys(presentations).indexOf(key);
    return i < 0 ? Infinity : i;
  };
  return keys
    .map((key, index) => ({ key, index }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.index - b.index)
    .map(({ key }) => fieldSpec(key, entries[key]!, presentations[key], t));
}

/** The fields of an optimizer besides its kind and learning rate. */
export function optimizerFields(kind: OptimizerKind, t: Translate): FieldSpec[] {
  return fieldSpecs(optionsOf(kind).entries, ['kind', 'lr'], OPTIMIZER_FIELDS, t);
}

/** The fields of a schedule besides its kind. */
export function scheduleFields(kind: ScheduleKind, t: Translate): FieldSpec[] {
  return fieldSpecs(scheduleOptionsOf(kind).entries, ['kind'], SCHEDULE_FIELDS, t);
}
