/**
 * How each hyperparameter of the experiment format is shown: its label (the control's
 * accessible name), control type, range and a one-line meaning, in the UI language. Which
 * fields an optimizer or schedule has comes from the core's defaults, so a new field shows up
 * here by name.
 */
import type { OptimizerKind, ScheduleKind } from '../../core/config/experiment.ts';
import { OPTIMIZER_DEFAULTS } from '../../core/optimizers/index.ts';
import { SCHEDULE_DEFAULTS } from '../../core/schedules/index.ts';
import type { PlainMessageKey, Translate } from '../../i18n/index.ts';

/** A field as shown: label, hint and option labels already in the UI language. */
export type FieldSpec =
  | {
      readonly key: string;
      readonly kind: 'number';
      readonly label: string;
      readonly hint: string;
      readonly min: number;
      readonly max?: number;
      readonly integer?: boolean;
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

/** A field as declared here: the same, with message keys in place of text. */
type FieldDefinition = FieldSpec extends infer F
  ? F extends { readonly kind: 'choice' }
    ? Omit<F, 'label' | 'hint' | 'options'> & {
        readonly label: PlainMessageKey;
        readonly hint: PlainMessageKey;
        readonly options: ReadonlyArray<{
          readonly value: string;
          readonly label: PlainMessageKey;
        }>;
      }
    : Omit<F, 'label' | 'hint'> & {
        readonly label: PlainMessageKey;
        readonly hint: PlainMessageKey;
      }
  : never;

function localize(definition: FieldDefinition, t: Translate): FieldSpec {
  const label = t(definition.label);
  const hint = t(definition.hint);
  if (definition.kind === 'choice') {
    return {
      ...definition,
      label,
      hint,
      options: definition.options.map((o) => ({ value: o.value, label: t(o.label) })),
    };
  }
  return { ...definition, label, hint } as FieldSpec;
}

const OPTIMIZER_FIELDS: Record<string, FieldDefinition> = {
  momentum: {
    key: 'momentum',
    kind: 'slider',
    label: 'field.momentum',
    hint: 'field.momentum.hint',
    min: 0,
    max: 0.999,
    step: 0.001,
  },
  dampening: {
    key: 'dampening',
    kind: 'number',
    label: 'field.dampening',
    hint: 'field.dampening.hint',
    min: 0,
    max: 1,
  },
  nesterov: {
    key: 'nesterov',
    kind: 'boolean',
    label: 'field.nesterov',
    hint: 'field.nesterov.hint',
  },
  form: {
    key: 'form',
    kind: 'choice',
    label: 'field.form',
    hint: 'field.form.hint',
    options: [
      { value: 'classic', label: 'field.form.classic' },
      { value: 'pytorch', label: 'field.form.pytorch' },
    ],
  },
  weightDecay: {
    key: 'weightDecay',
    kind: 'number',
    label: 'field.weightDecay',
    hint: 'field.weightDecay.hint',
    min: 0,
    max: 1000,
  },
  eps: {
    key: 'eps',
    kind: 'number',
    label: 'field.eps',
    hint: 'field.eps.hint',
    min: 0,
    max: 1,
  },
  initialAccumulator: {
    key: 'initialAccumulator',
    kind: 'number',
    label: 'field.initialAccumulator',
    hint: 'field.initialAccumulator.hint',
    min: 0,
  },
  lrDecay: {
    key: 'lrDecay',
    kind: 'number',
    label: 'field.lrDecay',
    hint: 'field.lrDecay.hint',
    min: 0,
    max: 1000,
  },
  alpha: {
    key: 'alpha',
    kind: 'number',
    label: 'field.alpha',
    hint: 'field.alpha.hint',
    min: 0,
    max: 1,
  },
  centered: {
    key: 'centered',
    kind: 'boolean',
    label: 'field.centered',
    hint: 'field.centered.hint',
  },
  beta1: {
    key: 'beta1',
    kind: 'number',
    label: 'field.beta1',
    hint: 'field.beta1.hint',
    min: 0,
    max: 0.999999,
  },
  beta2: {
    key: 'beta2',
    kind: 'number',
    label: 'field.beta2',
    hint: 'field.beta2.hint',
    min: 0,
    max: 0.999999,
  },
  amsgrad: {
    key: 'amsgrad',
    kind: 'boolean',
    label: 'field.amsgrad',
    hint: 'field.amsgrad.hint',
  },
  rho: {
    key: 'rho',
    kind: 'number',
    label: 'field.rho',
    hint: 'field.rho.hint',
    min: 0,
    max: 1,
  },
};

/** The fields of an optimizer besides its kind and learning rate, in the order of its defaults. */
export function optimizerFields(kind: OptimizerKind, t: Translate): FieldSpec[] {
  return Object.keys(OPTIMIZER_DEFAULTS[kind])
    .filter((key) => key !== 'kind' && key !== 'lr')
    .map((key) => {
      const definition = OPTIMIZER_FIELDS[key];
      return definition
        ? localize(definition, t)
        : { key, kind: 'number', label: key, hint: '', min: 0 };
    });
}

const SCHEDULE_FIELDS: Record<string, FieldDefinition> = {
  stepSize: {
    key: 'stepSize',
    kind: 'number',
    label: 'field.stepSize',
    hint: 'field.stepSize.hint',
    min: 1,
    integer: true,
  },
  gamma: {
    key: 'gamma',
    kind: 'number',
    label: 'field.gamma',
    hint: 'field.gamma.hint',
    min: 0,
    max: 1,
  },
  tMax: {
    key: 'tMax',
    kind: 'number',
    label: 'field.tMax',
    hint: 'field.tMax.hint',
    min: 1,
    integer: true,
  },
  etaMin: {
    key: 'etaMin',
    kind: 'number',
    label: 'field.etaMin',
    hint: 'field.etaMin.hint',
    min: 0,
  },
  decayRate: {
    key: 'decayRate',
    kind: 'number',
    label: 'field.decayRate',
    hint: 'field.decayRate.hint',
    min: 0,
  },
  warmupSteps: {
    key: 'warmupSteps',
    kind: 'number',
    label: 'field.warmupSteps',
    hint: 'field.warmupSteps.hint',
    min: 0,
    integer: true,
  },
  warmupStartFactor: {
    key: 'warmupStartFactor',
    kind: 'number',
    label: 'field.warmupStartFactor',
    hint: 'field.warmupStartFactor.hint',
    min: 0,
    max: 1,
  },
};

/** The fields of a schedule besides its kind, in the order of its defaults. */
export function scheduleFields(kind: ScheduleKind, t: Translate): FieldSpec[] {
  return Object.keys(SCHEDULE_DEFAULTS[kind])
    .filter((key) => key !== 'kind')
    .map((key) => {
      const definition = SCHEDULE_FIELDS[key];
      return definition
        ? localize(definition, t)
        : { key, kind: 'number', label: key, hint: '', min: 0 };
    });
}
