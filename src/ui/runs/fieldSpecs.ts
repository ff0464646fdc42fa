/**
 * How each hyperparameter of the experiment format is shown: its label (the control's
 * accessible name), control type, range and a one-line meaning. Which fields an optimizer or
 * schedule has comes from the core's defaults, so a new field shows up here by name.
 */
import type { OptimizerKind, ScheduleKind } from '../../core/config/experiment.ts';
import { OPTIMIZER_DEFAULTS } from '../../core/optimizers/index.ts';
import { SCHEDULE_DEFAULTS } from '../../core/schedules/index.ts';

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

const OPTIMIZER_FIELDS: Record<string, FieldSpec> = {
  momentum: {
    key: 'momentum',
    kind: 'slider',
    label: 'Momentum',
    hint: 'γ: the fraction of the last step carried into the next',
    min: 0,
    max: 0.999,
    step: 0.001,
  },
  dampening: {
    key: 'dampening',
    kind: 'number',
    label: 'Dampening',
    hint: 'd: the new gradient enters the velocity scaled by 1 − d',
    min: 0,
    max: 1,
  },
  nesterov: {
    key: 'nesterov',
    kind: 'boolean',
    label: 'Nesterov',
    hint: 'look ahead along the velocity',
  },
  form: {
    key: 'form',
    kind: 'choice',
    label: 'Momentum form',
    hint: 'classic keeps the old η inside the velocity; PyTorch applies a new η at once',
    options: [
      { value: 'classic', label: 'classic: v ← γv + ηg, θ ← θ − v' },
      { value: 'pytorch', label: 'PyTorch: v ← μv + g, θ ← θ − ηv' },
    ],
  },
  weightDecay: {
    key: 'weightDecay',
    kind: 'number',
    label: 'Weight decay',
    hint: 'λ: adds λθ to the gradient (decoupled in AdamW)',
    min: 0,
    max: 1000,
  },
  eps: {
    key: 'eps',
    kind: 'number',
    label: 'Epsilon (ε)',
    hint: 'keeps the division finite',
    min: 0,
    max: 1,
  },
  initialAccumulator: {
    key: 'initialAccumulator',
    kind: 'number',
    label: 'Initial accumulator',
    hint: 'starting value of the sum of squared gradients',
    min: 0,
  },
  lrDecay: {
    key: 'lrDecay',
    kind: 'number',
    label: 'Learning-rate decay',
    hint: 'η / (1 + (t − 1)·decay)',
    min: 0,
    max: 1000,
  },
  alpha: {
    key: 'alpha',
    kind: 'number',
    label: 'Alpha (α)',
    hint: 'smoothing of the squared-gradient average',
    min: 0,
    max: 1,
  },
  centered: {
    key: 'centered',
    kind: 'boolean',
    label: 'Centered',
    hint: 'divide by the gradient’s variance estimate',
  },
  beta1: {
    key: 'beta1',
    kind: 'number',
    label: 'Beta 1 (β₁)',
    hint: 'decay of the first moment m',
    min: 0,
    max: 0.999999,
  },
  beta2: {
    key: 'beta2',
    kind: 'number',
    label: 'Beta 2 (β₂)',
    hint: 'decay of the second moment v',
    min: 0,
    max: 0.999999,
  },
  amsgrad: {
    key: 'amsgrad',
    kind: 'boolean',
    label: 'AMSGrad',
    hint: 'use the running maximum of v',
  },
  rho: {
    key: 'rho',
    kind: 'number',
    label: 'Rho (ρ)',
    hint: 'decay of the running averages',
    min: 0,
    max: 1,
  },
};

/** The fields of an optimizer besides its kind and learning rate, in the order of its defaults. */
export function optimizerFields(kind: OptimizerKind): FieldSpec[] {
  return Object.keys(OPTIMIZER_DEFAULTS[kind])
    .filter((key) => key !== 'kind' && key !== 'lr')
    .map((key) => OPTIMIZER_FIELDS[key] ?? { key, kind: 'number', label: key, hint: '', min: 0 });
}

const SCHEDULE_FIELDS: Record<string, FieldSpec> = {
  stepSize: {
    key: 'stepSize',
    kind: 'number',
    label: 'Step size',
    hint: 'η is multiplied by γ every this many steps',
    min: 1,
    integer: true,
  },
  gamma: { key: 'gamma', kind: 'number', label: 'Gamma (γ)', hint: 'decay factor', min: 0, max: 1 },
  tMax: {
    key: 'tMax',
    kind: 'number',
    label: 'Period T max',
    hint: 'steps from η₀ down to η min',
    min: 1,
    integer: true,
  },
  etaMin: {
    key: 'etaMin',
    kind: 'number',
    label: 'Minimum η',
    hint: 'the floor of the cosine',
    min: 0,
  },
  decayRate: {
    key: 'decayRate',
    kind: 'number',
    label: 'Decay rate',
    hint: 'η_t = η₀ / (1 + rate·t)',
    min: 0,
  },
  warmupSteps: {
    key: 'warmupSteps',
    kind: 'number',
    label: 'Warm-up steps',
    hint: 'η rises linearly over these first steps (0: none)',
    min: 0,
    integer: true,
  },
  warmupStartFactor: {
    key: 'warmupStartFactor',
    kind: 'number',
    label: 'Warm-up start factor',
    hint: 'fraction of η at step 0',
    min: 0,
    max: 1,
  },
};

/** The fields of a schedule besides its kind, in the order of its defaults. */
export function scheduleFields(kind: ScheduleKind): FieldSpec[] {
  return Object.keys(SCHEDULE_DEFAULTS[kind])
    .filter((key) => key !== 'kind')
    .map((key) => SCHEDULE_FIELDS[key] ?? { key, kind: 'number', label: key, hint: '', min: 0 });
}
