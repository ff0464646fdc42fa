/**
 * The optimizer registry: one constructor per kind, PyTorch's defaults, display titles, and
 * the factory the trainers use.
 */
import type { OptimizerConfig, OptimizerKind } from '../config/experiment.ts';
import { Adadelta } from './adadelta.ts';
import { Adagrad } from './adagrad.ts';
import { Adam } from './adam.ts';
import { Momentum } from './momentum.ts';
import type { Optimizer, ParamTensor } from './optimizer.ts';
import { Rmsprop } from './rmsprop.ts';
import { Sgd } from './sgd.ts';

/**
 * The configuration type of one optimizer kind. (`Readonly<…>` changes nothing in the shape;
 * as a mapped type it lets a config be read as a plain `Record<string, unknown>`.)
 */
export type OptimizerConfigOf<K extends OptimizerKind> = Readonly<
  Extract<OptimizerConfig, { kind: K }>
>;

/**
 * Default hyperparameters per kind: PyTorch's, except momentum (PyTorch's SGD has none):
 * momentum 0.9 in the classic form. Learning rates: 1e-3 for SGD, momentum, Adam and AdamW;
 * 1e-2 for AdaGrad and RMSprop; 1 for Adadelta. AdamW decays weights by 1e-2.
 */
export const OPTIMIZER_DEFAULTS: { readonly [K in OptimizerKind]: OptimizerConfigOf<K> } = {
  sgd: { kind: 'sgd', lr: 1e-3, weightDecay: 0 },
  momentum: {
    kind: 'momentum',
    lr: 1e-3,
    momentum: 0.9,
    dampening: 0,
    nesterov: false,
    weightDecay: 0,
    form: 'classic',
  },
  adagrad: {
    kind: 'adagrad',
    lr: 1e-2,
    eps: 1e-10,
    initialAccumulator: 0,
    lrDecay: 0,
    weightDecay: 0,
  },
  rmsprop: {
    kind: 'rmsprop',
    lr: 1e-2,
    alpha: 0.99,
    eps: 1e-8,
    momentum: 0,
    centered: false,
    weightDecay: 0,
  },
  adam: {
    kind: 'adam',
    lr: 1e-3,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0,
    amsgrad: false,
  },
  adamw: {
    kind: 'adamw',
    lr: 1e-3,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 1e-2,
    amsgrad: false,
  },
  adadelta: { kind: 'adadelta', lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 },
};

/** Every optimizer kind, in the order menus list them. */
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = [
  'sgd',
  'momentum',
  'adagrad',
  'rmsprop',
  'adam',
  'adamw',
  'adadelta',
];

/** Short human title per kind, for legends and menus. */
export const OPTIMIZER_TITLES: { readonly [K in OptimizerKind]: string } = {
  sgd: 'SGD',
  momentum: 'Momentum',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSprop',
  adam: 'Adam',
  adamw: 'AdamW',
  adadelta: 'Adadelta',
};

type Constructor<K extends OptimizerKind> = (
  config: OptimizerConfigOf<K>,
  tensors: readonly ParamTensor[],
) => Optimizer<OptimizerConfigOf<K>>;

const REGISTRY: { readonly [K in OptimizerKind]: Constructor<K> } = {
  sgd: (config, tensors) => new Sgd(config, tensors),
  momentum: (config, tensors) => new Momentum(config, tensors),
  adagrad: (config, tensors) => new Adagrad(config, tensors),
  rmsprop: (config, tensors) => new Rmsprop(config, tensors),
  adam: (config, tensors) => new Adam(config, tensors),
  adamw: (config, tensors) => new Adam(config, tensors),
  adadelta: (config, tensors) => new Adadelta(config, tensors),
};

/**
 * A fresh optimizer of `config.kind` over `tensors` (updated in place by `step`), with its
 * state allocated once here. `configure` later accepts only configurations of the same kind.
 */
export function createOptimizer(
  config: OptimizerConfig,
  tensors: readonly ParamTensor[],
): Optimizer<OptimizerConfig> {
  // The registry is indexed by the same kind as the config; TypeScript cannot correlate them.
  const make = REGISTRY[config.kind] as Constructor<OptimizerKind>;
  return make(config, tensors);
}

/** Name of the state tensor shown as "velocity" in plots and arrows. */
export type PrimaryStateName = 'velocity' | 'm' | 'squareAvg' | 'sum' | 'accDelta';

const PRIMARY_STATE: { readonly [K in OptimizerKind]: PrimaryStateName | null } = {
  sgd: null,
  momentum: 'velocity',
  adagrad: 'sum',
  rmsprop: 'squareAvg',
  adam: 'm',
  adamw: 'm',
  adadelta: 'accDelta',
};

/**
 * The state tensor drawn as the optimizer's "velocity": momentum's velocity, Adam's first
 * moment m, RMSprop's squareAvg, AdaGrad's sum, Adadelta's accDelta; null for SGD (no state).
 */
export function primaryStateName(kind: OptimizerKind): PrimaryStateName | null {
  return PRIMARY_STATE[kind];
}

export type { Optimizer, OptimizerSnapshot, ParamTensor, Tensor } from './optimizer.ts';
