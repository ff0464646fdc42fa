/**
 * Learning-rate schedules as closed forms of the step number t = 0, 1, 2, …, matching
 * PyTorch's schedulers stepped once per optimizer step (η_t is the rate of the update from
 * θ_t to θ_{t+1}; η_0 = the optimizer's base `lr`).
 */
import * as v from 'valibot';
import { MAX_STEPS } from '../config/limits.ts';
import { fields, numberField, variantKinds } from '../config/schema.ts';

/**
 * Linear warm-up, which every schedule has: `warmupSteps` (default 0: none) multiplies η_t by
 * a factor rising linearly from `warmupStartFactor` (default 0.1) at t = 0 to 1 at
 * t = warmupSteps (PyTorch's LinearLR). Warm-up longer than the run is a cross-field check.
 */
const warmup = {
  warmupSteps: numberField(0, { min: 0, max: MAX_STEPS }, { integer: true }),
  warmupStartFactor: numberField(0.1, { min: 0, max: 1 }),
};

/** A decay factor per step or interval: 0 ≤ γ ≤ 1. */
const gamma = (fallback: number) => numberField(fallback, { min: 0, max: 1 });

/**
 * A schedule, told apart by `kind` (absent: constant), in the order menus list the kinds.
 * Defaults: step halves η every 100 steps; exponential multiplies it by 0.99 per step;
 * cosine anneals to 0 over 1000 steps; inverse time halves it at t = 100.
 */
export const scheduleOptions = v.variant('kind', [
  fields({ kind: v.optional(v.literal('constant'), 'constant'), ...warmup }),
  /** η_t = η₀·γ^⌊t / stepSize⌋. */
  fields({
    kind: v.literal('step'),
    stepSize: numberField(100, { min: 1, max: MAX_STEPS }, { integer: true }),
    gamma: gamma(0.5),
    ...warmup,
  }),
  /** η_t = η₀·γ^t. */
  fields({ kind: v.literal('exponential'), gamma: gamma(0.99), ...warmup }),
  /** η_t = η_min + (η₀ − η_min)(1 + cos(π·t / tMax))/2. */
  fields({
    kind: v.literal('cosine'),
    tMax: numberField(1000, { min: 1, max: MAX_STEPS }, { integer: true }),
    etaMin: numberField(0, { min: 0, max: 1e6 }),
    ...warmup,
  }),
  /** η_t = η₀ / (1 + decayRate·t). */
  fields({
    kind: v.literal('inverseTime'),
    decayRate: numberField(0.01, { min: 0, max: 1e6 }),
    ...warmup,
  }),
]);

/**
 * Learning-rate schedules, stepped once per optimizer step as PyTorch does; η_t is the rate
 * applied in the update from θ_t to θ_{t+1}, with η₀ = the optimizer's `lr`.
 */
export type ScheduleConfig = Readonly<v.InferOutput<typeof scheduleOptions>>;
export type ScheduleKind = ScheduleConfig['kind'];

/** The configuration type of one schedule kind. */
export type ScheduleConfigOf<K extends ScheduleKind> = Extract<ScheduleConfig, { kind: K }>;

/** The options schema of one kind. */
export function scheduleOptionsOf(kind: ScheduleKind): (typeof scheduleOptions.options)[number] {
  return scheduleOptions.options.find((o) => v.is(o.entries.kind, kind))!;
}

/** Every schedule kind, in the order menus list them. */
export const SCHEDULE_KINDS = variantKinds(scheduleOptions) as readonly ScheduleKind[];

/** Default settings per kind, read from the schemas, each with no warm-up. */
export const SCHEDULE_DEFAULTS = Object.fromEntries(
  SCHEDULE_KINDS.map((kind) => [kind, v.parse(scheduleOptionsOf(kind), { kind })]),
) as { readonly [K in ScheduleKind]: ScheduleConfigOf<K> };

/** Short human title per kind, for menus and legends. */
export const SCHEDULE_TITLES: { readonly [K in ScheduleKind]: string } = {
  constant: 'Constant',
  step: 'Step decay',
  exponential: 'Exponential decay',
  cosine: 'Cosine annealing',
  inverseTime: 'Inverse-time decay',
};

type Decay<K extends ScheduleKind> = (
  schedule: ScheduleConfigOf<K>,
  baseLr: number,
  t: number,
) => number;

const DECAY: { readonly [K in ScheduleKind]: Decay<K> } = {
  constant: (_s, baseLr) => baseLr,
  // StepLR: η₀·γ^⌊t / stepSize⌋.
  step: (s, baseLr, t) => baseLr * s.gamma ** Math.floor(t / s.stepSize),
  // ExponentialLR: η₀·γ^t.
  exponential: (s, baseLr, t) => baseLr * s.gamma ** t,
  // CosineAnnealingLR's closed form; past tMax it is periodic (period 2·tMax), rising back
  // to η₀ at t = 2·tMax as PyTorch's scheduler does when stepped on.
  cosine: (s, baseLr, t) =>
    s.etaMin + ((baseLr - s.etaMin) * (1 + Math.cos((Math.PI * t) / s.tMax))) / 2,
  // η₀ / (1 + decayRate·t).
  inverseTime: (s, baseLr, t) => baseLr / (1 + s.decayRate * t),
};

/**
 * The linear warm-up factor at step t (PyTorch's LinearLR with end factor 1): rises from
 * `warmupStartFactor` at t = 0 to 1 at t = `warmupSteps`, then stays 1. No warm-up → 1.
 */
export function warmupFactor(schedule: ScheduleConfig, t: number): number {
  const { warmupSteps: w, warmupStartFactor: start } = schedule;
  if (w <= 0 || t >= w) return 1;
  return start + ((1 - start) * t) / w;
}

/**
 * η_t, the learning rate of the update from θ_t to θ_{t+1} (t = 0, 1, 2, …): the schedule's
 * closed form from base rate `baseLr` = η₀, times the warm-up factor.
 */
export function learningRate(schedule: ScheduleConfig, baseLr: number, t: number): number {
  // The table is indexed by the same kind as the schedule; TypeScript cannot correlate them.
  const decay = DECAY[schedule.kind] as Decay<ScheduleKind>;
  return decay(schedule, baseLr, t) * warmupFactor(schedule, t);
}
