/**
 * The optimizer registry: the options schema of every kind (each declared next to its update
 * rule), the defaults and types read from them, display titles, and the factory the trainers
 * use.
 */
import * as v from 'valibot';
import { variantKinds } from '../config/schema.ts';
import { Adadelta, adadeltaOptions } from './adadelta.ts';
import { Adagrad, adagradOptions } from './adagrad.ts';
import { Adam, adamOptions, adamwOptions } from './adam.ts';
import { Momentum, momentumOptions } from './momentum.ts';
import type { Optimizer, ParamTensor } from './optimizer.ts';
import { Rmsprop, rmspropOptions } from './rmsprop.ts';
import { Sgd, sgdOptions } from './sgd.ts';

/** An optimizer config, told apart by `kind`, in the order menus list the kinds. */
export const optimizerOptions = v.variant('kind', [
  sgdOptions,
  momentumOptions,
  adagradOptions,
  rmspropOptions,
  adamOptions,
  adamwOptions,
  adadeltaOptions,
]);

export type OptimizerConfig = Readonly<v.InferOutput<typeof optimizerOptions>>;
export type OptimizerKind = OptimizerConfig['kind'];
export type { SgdConfig } from './sgd.ts';
export type { MomentumConfig } from './momentum.ts';
export type { AdagradConfig } from './adagrad.ts';
export type { RmspropConfig } from './rmsprop.ts';
export type { AdamConfig, AdamwConfig } from './adam.ts';
export type { AdadeltaConfig } from './adadelta.ts';

/** The configuration type of one optimizer kind. */
export type OptimizerConfigOf<K extends OptimizerKind> = Readonly<
  Extract<OptimizerConfig, { kind: K }>
>;

/** The options schema of one kind. */
export function optionsOf(kind: OptimizerKind): (typeof optimizerOptions.options)[number] {
  return optimizerOptions.options.find((o) => v.is(o.entries.kind, kind))!;
}

/** Every optimizer kind, in the order menus list them. */
export const OPTIMIZER_KINDS = variantKinds(optimizerOptions) as readonly OptimizerKind[];

/**
 * Default hyperparameters per kind, read from the schemas: PyTorch's, except momentum
 * (PyTorch's SGD has none): momentum 0.9 in the classic form. Learning rates: 1e-3 for SGD,
 * momentum, Adam and AdamW; 1e-2 for AdaGrad and RMSprop; 1 for Adadelta. AdamW decays
 * weights by 1e-2.
 */
export const OPTIMIZER_DEFAULTS = Object.fromEntries(
  OPTIMIZER_KINDS.map((kind) => [kind, v.parse(optionsOf(kind), { kind })]),
) as { readonly [K in OptimizerKind]: OptimizerConfigOf<K> };

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
