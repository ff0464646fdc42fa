/**
 * Hyperparameters several optimizers share, each declared once with its range; an
 * optimizer's own options schema (next to its update rule) lists the ones it takes and their
 * defaults. PyTorch's ranges, with finite upper limits so a typo cannot ask for 1e300.
 */
import { numberField } from '../config/schema.ts';

/** η₀, the base learning rate the schedule starts from: 0 ≤ η₀ ≤ 10⁶. */
export const learningRate = (fallback: number) => numberField(fallback, { min: 0, max: 1e6 });

/** λ, weight decay (L2 or decoupled): 0 ≤ λ ≤ 1000. Default 0. */
export const weightDecay = (fallback = 0) => numberField(fallback, { min: 0, max: 1e3 });

/** ε added to a denominator for stability: 0 < ε ≤ 1. */
export const epsilon = (fallback: number) => numberField(fallback, { min: 0, lower: '>', max: 1 });

/** A moving average's decay rate that must stay below 1 (momentum γ, Adam's β): 0 ≤ β < 1. */
export const decayBelowOne = (fallback: number) =>
  numberField(fallback, { min: 0, max: 1, upper: '<' });

/** A fraction from 0 to 1, both included (dampening, RMSprop's α, Adadelta's ρ). */
export const fraction = (fallback: number) => numberField(fallback, { min: 0, max: 1 });
