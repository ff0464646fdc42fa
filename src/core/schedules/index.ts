/**
 * Learning-rate schedules as closed forms of the step number t = 0, 1, 2, …, matching
 * PyTorch's schedulers stepped once per optimizer step (η_t is the rate of the update from
 * θ_t to θ_{t+1}; η_0 = the optimizer's base `lr`).
 */
import type { ScheduleConfig, ScheduleKind } from '../config/experiment.ts';

/** The configuration type of one schedule kind. */
export type ScheduleConfigOf<K extends ScheduleKind> = Extract<ScheduleConfig, { kind: K }>;

const NO_WARMUP = { warmupSteps: 0, warmupStartFactor: 0.1 } as const;

/**
 * Default settings per kind, each with no warm-up (warmupSteps 0; warmupStartFactor 0.1 once
 * warm-up is switched on): step halves η every 100 steps; exponential multiplies it by 0.99
 * per step; cosine anneals to 0 over 1000 steps; inverse time halves it at t = 100.
 */
export const SCHEDULE_DEFAULTS: { readonly [K in ScheduleKind]: ScheduleConfigOf<K> } = {
  constant: { kind: 'constant', ...NO_WARMUP },
  step: { kind: 'step', stepSize: 100, gamma: 0.5, ...NO_WARMUP },
  exponential: { kind: 'exponential', gamma: 0.99, ...NO_WARMUP },
  cosine: { kind: 'cosine', tMax: 1000, etaMin: 0, ...NO_WARMUP },
  inverseTime: { kind: 'inverseTime', decayRate: 0.01, ...NO_WARMUP },
};

/** Every schedule kind, in the order menus list them. */
export const SCHEDULE_KINDS: readonly ScheduleKind[] = [
  'constant',
  'step',
  'exponential',
  'cosine',
  'inverseTime',
];

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
